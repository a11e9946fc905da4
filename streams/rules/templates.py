"""Alert titles and summaries: sandboxed Jinja2 templates, checked when rules load.

The sandbox keeps a rule file from reaching Python internals; StrictUndefined
turns a misspelt variable into an error; autoescape is off because these are
plain text and each notification channel escapes for itself
(streams/notify/receivers/<kind>.py). Every template is compiled and rendered against a
sample context at load, so `tocsin rules check` reports syntax errors and
unknown variables with file and line instead of the first alert failing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, meta
from jinja2.sandbox import SandboxedEnvironment

#: Variables every template may use; rule types add their own (a rule class's VALUES).
COMMON = ("rule", "rule_type", "severity", "status", "region", "labels", "types", "counts", "evidence", "first_seen", "last_seen")

_FORMAT_FIELD = re.compile(r"(?<!\{)\{([a-z_]+)\}(?!\})")
_ENV = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)
_SAMPLE_TIME = datetime(2026, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=4096)
def compiled(source: str) -> Template:
    """Compile once per distinct template text (rules reload often, texts rarely change)."""
    return _ENV.from_string(source)


@lru_cache(maxsize=4096)
def variables(source: str) -> frozenset[str]:
    """The variables a template reads, so an emission builds only those (evidence costs the most)."""
    return frozenset(meta.find_undeclared_variables(_ENV.parse(source)))


def sample_context(values: tuple[str, ...]) -> dict[str, Any]:
    """A context with every variable a rule type offers, for checking templates at load."""
    evidence = {
        "title": "Shelling reported",
        "source_id": "wire",
        "url": "https://example.com/a",
        "published": _SAMPLE_TIME,
        "signal_type": "shelling",
        "excerpt": "shelled",
    }
    context: dict[str, Any] = {
        "rule": "rule-id",
        "rule_type": "match",
        "severity": "warning",
        "status": "firing",
        "region": "region",
        "labels": {"region": "region", "type": "shelling", "source": "wire", "story": "story", "place": "place"},
        "types": "shelling",
        "counts": {"signals": 1, "stories": 1, "sources": 1},
        "evidence": [evidence],
        "first_seen": _SAMPLE_TIME,
        "last_seen": _SAMPLE_TIME,
    }
    context.update({name: 1 for name in values})
    return context


def check_template(source: str, values: tuple[str, ...]) -> None:
    """Raise ValueError (which pydantic reports with file, line and field) if the template cannot render."""
    old_style = _FORMAT_FIELD.search(source)
    if old_style and old_style.group(1) in (*COMMON, *values, "sources", "stories", "signals"):
        raise ValueError(f"{old_style.group(0)} is str.format syntax, which renders as is: write {{{{ {old_style.group(1)} }}}}")
    try:
        compiled(source).render(sample_context(values))
    except TemplateError as exc:
        lineno = getattr(exc, "lineno", None)  # only syntax errors know their line
        line = f" (template line {lineno})" if lineno and "\n" in source else ""
        raise ValueError(f"template error: {exc.message or exc}{line}; variables: {', '.join(sorted((*COMMON, *values)))}") from exc
    except Exception as exc:  # noqa: BLE001 - e.g. a filter raising on the sample values
        raise ValueError(f"template error: {exc}") from exc


def render(source: str, context: dict[str, Any], fallback: str) -> str:
    """Render a checked template; a failure on real values (rare: values differ from the sample) gives `fallback`."""
    try:
        return compiled(source).render(context)
    except Exception:  # noqa: BLE001 - an alert must go out even if its template trips on real data
        return fallback
