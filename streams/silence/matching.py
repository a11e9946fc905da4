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
from functools import lru_cache

from pydantic import ValidationError

from tocsin.records import Alert, Matcher, MatchOp, Silence

#: name, operator, raw value; operators longest first so that `=~` is not read as `=`.
_MATCHER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$", re.DOTALL)
SYNTAX = (
    "NAME=VALUE, NAME!=VALUE, NAME=~REGEX or NAME!~REGEX, NAME being letters, digits and _ "
    '(not a digit first); quote values with spaces or quotes: comment="two words"'
)


class SilenceError(ValueError):
    """A matcher, duration or silence the user wrote is not valid; the message says what is allowed."""


def parse_matcher(text: str) -> Matcher:
    """`region=south_caucasus`, `severity!=info`, `rule=~"violent.*"` to a Matcher."""
    found = _MATCHER.match(text)
    if not found:
        raise SilenceError(f"matcher {text!r}: expected {SYNTAX}")
    name, op, value = found.groups()
    if value.startswith('"'):
        value = _unquote(text, value)
    try:
        return Matcher(name=name, op=MatchOp(op), value=value)
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


def format_matcher(matcher: Matcher) -> str:
    """The matcher as `parse_matcher` reads it back; values quoted when they need it."""
    plain = re.fullmatch(r"[A-Za-z0-9_.:/-]*", matcher.value) and matcher.value
    return f"{matcher.name}{matcher.op.value}{matcher.value if plain else json.dumps(matcher.value, ensure_ascii=False)}"


@lru_cache(maxsize=1024)
def _pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


def matches(matcher: Matcher, labels: dict[str, str]) -> bool:
    """Does one matcher hold for these labels? Regexes must match the whole value."""
    value = labels.get(matcher.name, "")
    match matcher.op:
        case MatchOp.EQUAL:
            return value == matcher.value
        case MatchOp.NOT_EQUAL:
            return value != matcher.value
        case MatchOp.REGEX:
            return _pattern(matcher.value).fullmatch(value) is not None
        case MatchOp.NOT_REGEX:
            return _pattern(matcher.value).fullmatch(value) is None
    raise AssertionError(f"unknown operator {matcher.op!r}")


def check_not_catch_all(matchers: list[Matcher]) -> None:
    """Refuse matchers that all match an alert without labels: such a silence would mute everything."""
    if all(matches(matcher, {}) for matcher in matchers):
        raise SilenceError("at least one matcher must not match the empty string, or the silence would mute every alert")


def is_active(silence: Silence, now: datetime) -> bool:
    return silence.starts_at <= now < silence.ends_at


def alert_labels(alert: Alert) -> dict[str, str]:
    """What silences match on: the alert's labels plus its severity and rule id."""
    return {**alert.labels, "severity": alert.severity.value, "rule": alert.rule_id}


def silenced_by(labels: dict[str, str], silences: Iterable[Silence], now: datetime) -> Silence | None:
    """The first active silence whose matchers all hold for `labels`, if any."""
    for silence in silences:
        if is_active(silence, now) and all(matches(matcher, labels) for matcher in silence.matchers):
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
