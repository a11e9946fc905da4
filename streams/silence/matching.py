"""Silences as pure functions: parse matchers, tell which silence mutes an alert.

Modelled on Alertmanager's `silence` and `labels` packages so that operators who
know amtool know these: the same four operators, regexes anchored to the whole
value, a missing label matching as the empty string, and a silence active from
`starts_at` (inclusive) to `ends_at` (exclusive). Nothing here knows Kafka.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from tocsin.labels import LabelMatcher, MatchOp
from tocsin.records import Alert, Silence

#: name, operator, raw value; operators longest first so that `=~` is not read as `=`.
_MATCHER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$", re.DOTALL)
SYNTAX = (
    "NAME=VALUE, NAME!=VALUE, NAME=~REGEX or NAME!~REGEX, NAME being letters, digits and _ "
    '(not a digit first); quote values with spaces or quotes: comment="two words"'
)


class SilenceError(ValueError):
    """A matcher, duration or silence the user wrote is not valid; the message says what is allowed."""


def parse_matcher(text: str) -> LabelMatcher:
    """`region=south_caucasus`, `severity!=info`, `rule=~"violent.*"` to a LabelMatcher."""
    found = _MATCHER.match(text)
    if not found:
        raise SilenceError(f"matcher {text!r}: expected {SYNTAX}")
    name, op, value = found.groups()
    if value.startswith('"'):
        value = _unquote(text, value)
    try:
        return LabelMatcher(name=name, op=MatchOp(op), value=value)
    except ValidationError as exc:
        raise SilenceError(f"matcher {text!r}: {exc.errors(include_url=False)[0]['msg'].removeprefix('Value error, ')}") from exc


def _unquote(text: str, value: str) -> str:
    """A double-quoted value with JSON escapes (\\" and \\\\), as amtool accepts."""
    try:
        unquoted = json.loads(value)
    except json.JSONDecodeError:
        unquoted = None
    if not isinstance(unquoted, str):
        raise SilenceError(f'matcher {text!r}: a quoted value must be one "..." string (escape quotes as \\")')
    return unquoted


def format_matcher(matcher: LabelMatcher) -> str:
    """The matcher as `parse_matcher` reads it back; values quoted when they need it."""
    plain = re.fullmatch(r"[A-Za-z0-9_.:/-]*", matcher.value) and matcher.value
    return f"{matcher.name}{matcher.op.value}{matcher.value if plain else json.dumps(matcher.value, ensure_ascii=False)}"


def check_not_catch_all(matchers: list[LabelMatcher]) -> None:
    """Refuse matchers that all match an alert without labels: such a silence would mute everything."""
    if all(matcher.matches({}) for matcher in matchers):
        raise SilenceError("at least one matcher must not match the empty string, or the silence would mute every alert")


def is_active(silence: Silence, now: datetime) -> bool:
    return silence.starts_at <= now < silence.ends_at


def alert_labels(alert: Alert) -> dict[str, str]:
    """What silences match on: the alert's labels plus its severity and rule id."""
    return {**alert.labels, "severity": alert.severity.value, "rule": alert.rule_id}


def silenced_by(labels: dict[str, str], silences: Iterable[Silence], now: datetime) -> Silence | None:
    """The first active silence whose matchers all hold for `labels`, if any."""
    for silence in silences:
        if is_active(silence, now) and all(matcher.matches(labels) for matcher in silence.matchers):
            return silence
    return None


@dataclass(frozen=True)
class Suppression:
    """Why a notification is not sent: a silence, or the inhibition the worker put on the alert."""

    reason: str
    silence_id: str | None = None
    inhibited_by: str | None = None


def suppression(alert: Alert, silences: Iterable[Silence], now: datetime) -> Suppression | None:
    """Inhibition first (it is a fact of the alert), then the silences active at `now`."""
    if alert.inhibited_by:
        return Suppression("inhibited", inhibited_by=alert.inhibited_by)
    silence = silenced_by(alert_labels(alert), silences, now)
    return Suppression("silenced", silence_id=silence.id) if silence else None
