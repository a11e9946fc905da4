"""Silence matchers, activity windows and the choice between silence, inhibition and delivery."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.unit.factories import T0, alert
from tocsin.labels import LabelMatcher, MatchOp
from tocsin.records import AlertStatus, Silence
from tocsin.streams.silence.lifecycle import expired, new_silence
from tocsin.streams.silence.matching import (
    SilenceError,
    alert_labels,
    format_matcher,
    is_active,
    parse_matcher,
    silenced_by,
    suppression,
)

LABELS = {"region": "south_caucasus", "severity": "critical", "rule": "violent-escalation", "team": "analysts"}


def silence(*matchers: str, start: timedelta = timedelta(0), length: timedelta = timedelta(hours=2), id: str = "s-1") -> Silence:
    return Silence(
        id=id,
        matchers=[parse_matcher(text) for text in matchers],
        starts_at=T0 + start,
        ends_at=T0 + start + length,
        created_by="ana",
        comment="planned maintenance",
        created_at=T0,
    )


@pytest.mark.parametrize(
    ("text", "name", "op", "value"),
    [
        ("region=south_caucasus", "region", MatchOp.EQUAL, "south_caucasus"),
        ("severity!=info", "severity", MatchOp.NOT_EQUAL, "info"),
        ('rule=~"violent.*"', "rule", MatchOp.REGEX, "violent.*"),
        ("rule!~violent.*", "rule", MatchOp.NOT_REGEX, "violent.*"),
        (' team = "two \\"quoted\\" words" ', "team", MatchOp.EQUAL, 'two "quoted" words'),
        ('region=""', "region", MatchOp.EQUAL, ""),
    ],
)
def test_parse_matcher_reads_each_operator_and_quoted_values(text, name, op, value):
    assert parse_matcher(text) == LabelMatcher(name=name, op=op, value=value)


@pytest.mark.parametrize("text", ["region=south_caucasus", "severity!=info", 'rule=~"violent.*"', 'team="two words"', 'region=""'])
def test_format_matcher_reads_back_as_the_same_matcher(text):
    assert format_matcher(parse_matcher(text)) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region", "expected NAME=VALUE, NAME!=VALUE, NAME=~REGEX or NAME!~REGEX"),
        ("1region=x", "NAME being letters, digits and _ (not a digit first)"),
        ("=x", "expected NAME=VALUE"),
        ('rule=~"(violent"', "invalid regular expression '(violent': missing ), unterminated subpattern"),
        ("rule!~[a-", "invalid regular expression '[a-'"),
        ('team="unterminated', 'a quoted value must be one "..." string'),
        ('team="a" "b"', 'a quoted value must be one "..." string'),
    ],
)
def test_invalid_matchers_say_what_is_wrong_and_what_is_allowed(text, message):
    with pytest.raises(SilenceError) as error:
        parse_matcher(text)
    assert repr(text) in str(error.value) and message in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("region=south_caucasus", True),
        ("region=levant", False),
        ("severity!=info", True),
        ("severity!=critical", False),
        ("rule=~violent.*", True),
        ("rule=~violent", False),  # anchored: a prefix is not a match
        ("rule=~.*escal", False),
        ("rule=~.*escalation", True),
        ("rule!~violent", True),
        ("rule!~violent-.*", False),
        ("team=~analysts|duty", True),  # the alternation is anchored as a whole
        ("team=~x|analyst", False),
        ("absent=", True),  # a missing label is the empty string
        ("absent!=", False),
        ("absent=~.*", True),
    ],
)
def test_matches_each_operator_with_anchored_regexes(text, expected):
    assert parse_matcher(text).matches(LABELS) is expected


def test_a_silence_is_active_from_its_start_until_just_before_its_end():
    planned = silence("region=south_caucasus", start=timedelta(minutes=10), length=timedelta(hours=1))
    assert not is_active(planned, T0)
    assert is_active(planned, T0 + timedelta(minutes=10))
    assert is_active(planned, T0 + timedelta(minutes=69, seconds=59))
    assert not is_active(planned, T0 + timedelta(minutes=70))


def test_silenced_by_needs_every_matcher_and_an_active_silence():
    partial = silence("region=south_caucasus", "severity=warning", id="partial")
    ended = silence("region=south_caucasus", length=timedelta(minutes=5), id="ended")
    wanted = silence("region=south_caucasus", 'rule=~"violent.*"', id="wanted")
    now = T0 + timedelta(minutes=30)
    assert silenced_by(LABELS, [partial, ended, wanted], now) == wanted
    assert silenced_by(LABELS, [partial, ended], now) is None
    assert silenced_by({**LABELS, "region": "levant"}, [wanted], now) is None


def test_alert_labels_add_severity_and_rule_to_the_alert_labels():
    assert alert_labels(alert(labels={"region": "south_caucasus", "team": "duty"})) == {
        "region": "south_caucasus",
        "team": "duty",
        "severity": "critical",
        "rule": "violent-escalation",
    }


def test_suppression_prefers_inhibition_then_silence_then_none():
    firing, resolved = alert(), alert(status=AlertStatus.RESOLVED)
    mute = silence("severity=critical", "region=south_caucasus")
    inhibited = firing.model_copy(update={"inhibited_by": "fp-critical"})
    assert suppression(inhibited, [mute], T0).inhibited_by == "fp-critical"
    assert suppression(inhibited, [mute], T0).reason == "inhibited"
    held = suppression(firing, [mute], T0)
    assert (held.reason, held.silence_id) == ("silenced", "s-1")
    assert suppression(resolved, [mute], T0).silence_id == "s-1", "a resolved revision of a silenced alert is muted too"
    assert suppression(firing, [mute], T0 + timedelta(hours=2)) is None
    assert suppression(firing, [], T0) is None


def test_new_silence_starts_now_for_the_duration_and_keeps_author_and_comment():
    made = new_silence(["region=south_caucasus", "severity!=info"], "90m", " ana ", "maintenance", T0)
    assert (made.starts_at, made.ends_at, made.created_at) == (T0, T0 + timedelta(minutes=90), T0)
    assert (made.created_by, made.comment) == ("ana", "maintenance")
    assert [format_matcher(m) for m in made.matchers] == ["region=south_caucasus", "severity!=info"]
    assert made.id != new_silence(["region=x"], "1h", "ana", "c", T0).id


@pytest.mark.parametrize(
    ("matchers", "duration", "author", "comment", "message"),
    [
        (["region=x"], "2 hours", "ana", "c", "--duration '2 hours': expected a duration such as 30s, 5m, 2h or 1d"),
        (["region=x"], "0s", "ana", "c", "--duration '0s': must be longer than zero"),
        (["region=x"], "1h", "", "c", "--author is empty and $USER is not set"),
        (["region=x"], "1h", "ana", "  ", "--comment is empty"),
        (["region=~.*", "team!=x"], "1h", "ana", "c", "at least one matcher must not match the empty string"),
        (["region=x", "bad"], "1h", "ana", "c", "matcher 'bad': expected NAME=VALUE"),
    ],
)
def test_new_silence_refuses_bad_arguments_naming_them(matchers, duration, author, comment, message):
    with pytest.raises(SilenceError, match=re.escape(message)):
        new_silence(matchers, duration, author, comment, T0)


def test_expired_ends_the_same_silence_now():
    made = silence("region=x")
    ended = expired(made, T0 + timedelta(minutes=5))
    assert (ended.id, ended.matchers, ended.created_by) == (made.id, made.matchers, made.created_by)
    assert ended.ends_at == T0 + timedelta(minutes=5) and not is_active(ended, T0 + timedelta(minutes=5))
    pending = silence("region=x", start=timedelta(hours=1))
    assert expired(pending, T0).starts_at == T0 == expired(pending, T0).ends_at


def test_silence_records_refuse_bad_regexes_and_inverted_windows():
    good = silence("region=x")
    with pytest.raises(ValueError, match="invalid regular expression"):
        Silence.model_validate({**good.model_dump(), "matchers": [{"name": "rule", "op": "=~", "value": "("}]})
    with pytest.raises(ValueError, match="ends_at is before starts_at"):
        Silence.model_validate({**good.model_dump(), "ends_at": T0 - timedelta(seconds=1)})
    assert Silence.from_bytes(good.to_bytes()) == good
