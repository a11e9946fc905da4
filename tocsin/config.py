"""Load YAML config files and validate them with messages that name file, line and field.

Sources, rules, receivers, the gazetteer and the settings file all go through
`read_yaml` (all but settings through `read_model`, and `FirstSeen` for names that
must be unique): a person who made a mistake reads
`rules/x.yaml:12: rules[0].window: ...` and knows where to look.

`read_yaml` raises nothing but `ConfigError`, whatever the file holds, because a
rule file is reloaded by a running worker: a TypeError from a list used as a key,
or a RecursionError from an alias inside its own value, would stop the worker (and
stop it again at every start while the file stays). So it refuses, with file and
line, what no config of ours needs: keys that are not plain values, aliases to a
value containing them, aliases expanding to more than `MAX_ALIAS_VALUES` values
(the "billion laughs": 9 levels of 9 aliases are 387 million values from 300
bytes), nesting deeper than `MAX_DEPTH`, and a key given twice (the second would
silently win).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

Location = tuple[str | int, ...]

#: Nesting levels a config may use; ours need under ten.
MAX_DEPTH = 64
#: Values that aliases may add by repeating what their anchor holds.
MAX_ALIAS_VALUES = 10_000


class ConfigError(Exception):
    """A config file that cannot be used; `str()` is one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Builder:
    """A composed YAML node graph to plain data, and each location's line; refuses what no config needs."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: dict[Location, int] = {}
        self._built: set[int] = set()  # nodes built once: meeting one again means an alias
        self._open: set[int] = set()  # nodes being built: meeting one of those means an alias inside itself
        self._aliased = 0
        self._written = 1  # the line of the last value written out, not reached through an alias

    def fail(self, node: yaml.Node, message: str) -> ConfigError:
        return ConfigError([f"{self.path}:{node.start_mark.line + 1}: {message}"])

    def fail_here(self, message: str) -> ConfigError:
        """An error about an alias: PyYAML keeps no line for the alias itself, so the last line written out."""
        return ConfigError([f"{self.path}:{self._written}: {message}"])

    def build(self, node: yaml.Node, loc: Location = (), *, aliased: bool = False) -> Any:
        if id(node) in self._open:
            raise self.fail_here(
                f"{format_loc(loc)}: an alias refers to a value that contains it (anchor at line {node.start_mark.line + 1})"
            )
        aliased = aliased or id(node) in self._built
        self._aliased += aliased
        if self._aliased > MAX_ALIAS_VALUES:
            raise self.fail_here(f"{format_loc(loc)}: aliases expand to more than {MAX_ALIAS_VALUES:,} values: write the values out")
        if not aliased:
            self._written = node.start_mark.line + 1
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, f"nested deeper than {MAX_DEPTH} levels")
        self._built.add(id(node))
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, loc + (index,), aliased=aliased) for index, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)  # the composer makes no other kind
            return self._mapping(node, loc, aliased)
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, loc: Location, aliased: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, f"{format_loc(loc)}: a key must be a plain name or number, not a list or mapping")
            key = key_node.value
            if key in result:
                first = self.lines.get(loc + (key,))
                raise self.fail(key_node, f"{format_loc(loc + (key,))}: key given twice (first at line {first})")
            self.lines[loc + (key,)] = key_node.start_mark.line + 1
            if not aliased:
                self._written = key_node.start_mark.line + 1
            result[key] = self.build(value_node, loc + (key,), aliased=aliased)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_object(node, deep=True)
        except Exception as exc:  # PyYAML's constructors raise KeyError, ValueError... on odd tagged scalars
            reason = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
            raise self.fail(node, f"invalid value: {' '.join(reason.split())[:200]}") from exc
        finally:
            loader.dispose()


def read_yaml(path: Path) -> tuple[Any, dict[Location, int]]:
    """Parse a YAML file into Python data and a map from each location to its line; raises only ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read: {exc.strerror}"]) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    node = _compose(text, path)
    builder = _Builder(path)
    data = builder.build(node) if node is not None else None
    return data, builder.lines


def _compose(text: str, path: Path) -> yaml.Node | None:
    """The node graph of the one document in `text` (aliases are shared nodes, nothing is expanded yet)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = f":{mark.line + 1}" if mark else ""
        raise ConfigError([f"{path}{at}: invalid YAML: {exc.problem}"]) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, other control characters)
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise ConfigError([f"{path}:{line}: invalid YAML: character U+{code:04X} is not allowed"]) from exc
    except RecursionError as exc:  # PyYAML's composer recurses once per nesting level
        raise ConfigError([f"{path}:{_too_deep(text)}: nested deeper than {MAX_DEPTH} levels"]) from exc


def _too_deep(text: str) -> int:
    """The line where nesting first passes MAX_DEPTH (PyYAML's parser, unlike its composer, does not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1 if event.start_mark else 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return 1


def line_of(lines: dict[Location, int], loc: Location) -> int | None:
    """The line of the deepest part of `loc` that exists in the file."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def format_loc(loc: Location) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def explain(errors: list[Any], path: Path | str, lines: dict[Location, int], base: Location = ()) -> list[str]:
    """One line per pydantic error (`ValidationError.errors()`): file, line, field, message, value."""
    problems = []
    for item in errors:
        loc = base + tuple(part for part in item["loc"] if not isinstance(part, str) or not part.startswith("function-"))
        line = line_of(lines, loc)
        where = f"{path}:{line}" if line else str(path)
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        value = item.get("input")
        shown = "" if item["type"] in ("missing", "extra_forbidden") or isinstance(value, (dict, list)) else f" (got {value!r})"
        problems.append(f"{where}: {format_loc(loc)}: {message}{shown}")
    return problems


def untagged(errors: list[Any], entries: str, tags: Collection[str], tag_field: str) -> list[Any]:
    """Errors of a list of tagged entries (a discriminated union) located as the file has them.

    pydantic puts the tag in the location (`rules.0.frequency.window`), a step the
    file does not have, so the line found would be the entry's: drop it. A missing
    or unknown tag is reported at the tag's own field.
    """
    located = []
    for error in errors:
        loc = tuple(error["loc"])
        if loc[:1] == (entries,) and len(loc) > 2 and loc[2] in tags:
            loc = loc[:2] + loc[3:]
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = loc + (tag_field,)
        located.append({**error, "loc": loc})
    return located


def read_model(
    path: Path, model: type[M], *, context: dict[str, Any] | None = None, locate: Callable[[list[Any]], list[Any]] | None = None
) -> tuple[M, dict[Location, int]]:
    """Read `path` and validate it as `model` (with pydantic `context`), or raise ConfigError naming file and line.

    The lines come back too, for the checks a model cannot make alone (names unique
    across entries, references between them). `locate` fixes error locations first
    (see `untagged`).
    """
    data, lines = read_yaml(path)
    try:
        return model.model_validate(data if data is not None else {}, context=context), lines
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        raise ConfigError(explain(locate(errors) if locate else errors, path, lines)) from exc


def load_model(path: Path, model: type[M]) -> M:
    """Read `path` and validate it as `model`, or raise ConfigError naming file and line."""
    return read_model(path, model)[0]


def located(path: Path | str, lines: dict[Location, int], loc: Location) -> str:
    """`file:line: field` of a location, to start a problem found after validation."""
    line = line_of(lines, loc)
    return f"{path}:{line}: {format_loc(loc)}" if line else f"{path}: {format_loc(loc)}"


class FirstSeen:
    """Names that must be unique (source ids, rule ids, receiver names), in one file or across several.

    `duplicate` remembers where each name is first given, and names that place when
    it is given again: a person then sees both and picks one.
    """

    def __init__(self, what: str):
        self.what = what
        self._first: dict[str, tuple[Path | str, int | None]] = {}

    def duplicate(self, name: str, path: Path | str, lines: dict[Location, int], loc: Location) -> str | None:
        """The problem if `name` was seen before, else None (and `name` is seen here)."""
        if name not in self._first:
            self._first[name] = (path, line_of(lines, loc))
            return None
        first_path, first_line = self._first[name]
        first = f"line {first_line}" if first_path == path else f"{first_path}:{first_line}"
        return f"{located(path, lines, loc)}: duplicate {self.what} {name!r} (first at {first})"
