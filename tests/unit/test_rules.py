"""Alert rules: loader errors with file and line, and the alert lifecycle (advance / flush / expire)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.unit.factories import T0, signal
from tocsin import PROJECT_ROOT
from tocsin.config import ConfigError
from tocsin.durations import parse_duration
from tocsin.records import Alert, AlertStatus, Severity, SignalType
from tocsin.streams.rules import AlertState, Rule, advance, expire, load_rules
from tocsin.streams.rules.engine import fingerprint, group_labels
from tocsin.streams.rules.registry import parse_rule

# --- loader -------------------------------------------------------------------

VALID = "rules:\n  - id: {id}\n    type: match\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_problems(*paths: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_rules(*paths)
    return caught.value.problems


def test_shipped_rules_load() -> None:
    rules = load_rules(PROJECT_ROOT / "alert_rules")
    assert rules and len({rule.id for rule in rules}) == len(rules)


def test_minimal_rule_defaults(tmp_path: Path) -> None:
    (rule,) = load_rules(write(tmp_path, "r.yaml", VALID.format(id="r1")))
    assert (rule.severity, rule.group_by, rule.match.min_confidence) == (Severity.WARNING, ["region"], 0.5)
    assert (rule.group_interval, rule.resolve_after) == (timedelta(minutes=5), timedelta(hours=2))


@pytest.mark.parametrize(
    ("extra", "line", "expected"),
    [
        ("    colour: red\n", 4, "rules[0].colour: unknown field"),
        (
            "    group_interval: soon\n",
            4,
            "rules[0].group_interval: Value error, expected a duration such as 30s, 5m, 2h or 1d (got 'soon')",
        ),
        ("    resolve_after: 5x\n", 4, "rules[0].resolve_after: Value error, expected a duration"),
        ("    match:\n      types: [shelling, laser_attack]\n", 5, "rules[0].match.types[1]: Input should be 'shelling'"),
        ("    title: '{{ region }} {{ nope }}'\n", 4, "rules[0].title: Value error, template error: 'nope' is undefined"),
        ("    title: '{{ region'\n", 4, "rules[0].title: Value error, template error: unexpected end of template"),
        ("    summary: '{% for x in evidence %}'\n", 4, "rules[0].summary: Value error, template error: Unexpected end of template"),
        ("    match: {title_regex: '(shell'}\n", 4, "rules[0].match.title_regex: Value error, invalid regular expression: missing )"),
        ("    group_by: [type]\n", 4, "rules[0].group_by: Value error, must include 'region'"),
        ("    severity: apocalyptic\n", 4, "rules[0].severity: Input should be 'info', 'warning' or 'critical'"),
        ("    match: {min_confidence: 2}\n", 4, "rules[0].match.min_confidence: Input should be less than or equal to 1"),
        ("    match: {body_min_sources: 1}\n", 4, "rules[0].match.body_min_sources: Input should be greater than or equal to 2"),
    ],
    ids=[
        "unknown-field",
        "bad-duration",
        "bad-duration-unit",
        "unknown-signal-type",
        "bad-template-field",
        "broken-template",
        "broken-template-block",
        "bad-regex",
        "group-by-without-region",
        "bad-severity",
        "bad-confidence",
        "body-min-sources-of-one",
    ],
)
def test_rule_errors_name_file_line_and_field(tmp_path: Path, extra: str, line: int, expected: str) -> None:
    path = write(tmp_path, "rules.yaml", VALID.format(id="r1") + extra)
    (problem,) = load_problems(path)
    assert problem.startswith(f"{path}:{line}: {expected}"), problem


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", VALID.format(id="same"))
    second = write(tmp_path, "b.yml", "# second file\n" + VALID.format(id="same"))
    assert load_problems(tmp_path) == [f"{second}:3: rules[0].id: duplicate rule id 'same' (first at {first}:2)"]


def test_every_problem_of_every_file_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID.format(id="a") + "    colour: red\n")
    write(tmp_path, "b.yaml", "rules: [\n")
    write(tmp_path, "c.yaml", VALID.format(id="c") + "    group_interval: never\n")
    write(tmp_path, "notes.txt", "not a rule file")
    problems = load_problems(tmp_path)
    assert [Path(p.split(":")[0]).name for p in problems] == ["a.yaml", "b.yaml", "c.yaml"]


@pytest.mark.parametrize(("text", "expected"), [("", "rules: Field required"), ("rules: []\n", "rules: List should have at least 1 item")])
def test_file_without_rules_is_an_error(tmp_path: Path, text: str, expected: str) -> None:
    (problem,) = load_problems(write(tmp_path, "r.yaml", text))
    assert expected in problem


def test_folder_without_rule_files_is_an_error(tmp_path: Path) -> None:
    assert load_problems(tmp_path) == [f"no rule files found in {tmp_path}"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("30s", timedelta(seconds=30)),
        ("5m", timedelta(minutes=5)),
        ("1.5h", timedelta(minutes=90)),
        ("2d", timedelta(days=2)),
        (90, timedelta(seconds=90)),
    ],
)
def test_parse_duration(value: object, expected: timedelta) -> None:
    assert parse_duration(value) == expected


@pytest.mark.parametrize(
    "value", ["", "5", "m", "5 minutes", "-5m", True, -1, 10**4000, float("inf"), float("nan"), "9" * 400 + "d", "3651d"]
)
def test_parse_duration_rejects(value: object) -> None:
    """A ValueError, which pydantic reports with file:line; an OverflowError would escape a rule reload."""
    with pytest.raises(ValueError):
        parse_duration(value)


# --- engine -------------------------------------------------------------------


def rule(**fields: object) -> Rule:
    return parse_rule({"id": "r", "type": "match", "group_interval": "5m", "resolve_after": "1h", **fields})


RULE = rule(title="{{ severity }}: {{ types }} in {{ region }} ({{ counts.stories }} stories)")
LABELS = {"region": "south_caucasus"}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def fired() -> AlertState:
    state, _ = advance(RULE, None, signal("s1"), LABELS, at(0))
    return state


def test_first_signal_fires_revision_one() -> None:
    state, alert = advance(RULE, None, signal("s1"), LABELS, at(0))
    assert isinstance(alert, Alert)
    assert (alert.revision, alert.status, alert.rule_id, alert.severity) == (1, AlertStatus.FIRING, "r", Severity.WARNING)
    assert alert.title == "warning: shelling in south_caucasus (1 stories)"
    assert alert.labels == {"region": "south_caucasus", "rule": "r"}
    assert (alert.counts.signals, alert.counts.stories, alert.counts.sources) == (1, 1, 1)
    assert len(alert.evidence) == 1 and alert.evidence[0].excerpt == "shelled"
    assert alert.fingerprint == fingerprint(RULE, LABELS) == state.fingerprint
    assert (alert.first_seen, alert.last_seen) == (at(0), at(0))


def test_same_story_from_the_same_source_adds_no_evidence_and_no_revision() -> None:
    state = fired()
    source = state.sources[0]
    for minutes in (1, 10, 30):
        state, alert = advance(RULE, state, signal("s1", source=source), LABELS, at(minutes))
        assert alert is None
    state, alert = expire(RULE, state, at(40))
    assert alert is None
    assert (state.signals, len(state.evidence), state.stories) == (4, 1, ["s1"])


def test_same_story_from_a_new_source_raises_the_corroboration_count_only() -> None:
    state = fired()
    for minutes in (1, 2):
        state, alert = advance(RULE, state, signal("s1", source="source-b"), LABELS, at(minutes))
        assert alert is None
    state, alert = expire(RULE, state, at(10))
    assert alert is not None and alert.revision == 2
    assert (alert.counts.sources, alert.counts.stories, len(alert.evidence)) == (2, 1, 1)


def test_group_interval_throttles_updates() -> None:
    state = fired()
    state, alert = advance(RULE, state, signal("s2"), LABELS, at(1))
    assert alert is None and state.pending
    state, alert = advance(RULE, state, signal("s3"), LABELS, at(4))
    assert alert is None
    state, alert = expire(RULE, state, at(4.9))
    assert alert is None
    state, alert = expire(RULE, state, at(5))
    assert alert is not None and alert.revision == 2
    assert (alert.counts.stories, len(alert.evidence)) == (3, 3)
    assert not state.pending
    state, alert = expire(RULE, state, at(11))
    assert alert is None  # nothing new since the update


def test_new_story_after_group_interval_updates_at_once() -> None:
    state = fired()
    state, alert = advance(RULE, state, signal("s2", source="source-b"), LABELS, at(6))
    assert alert is not None and alert.revision == 2
    assert (alert.counts.stories, alert.counts.sources) == (2, 2)


def test_expire_resolves_after_resolve_after() -> None:
    state = fired()
    state, _ = advance(RULE, state, signal("s1"), LABELS, at(30))
    state, alert = expire(RULE, state, at(89))
    assert alert is None and state.status == AlertStatus.FIRING
    state, alert = expire(RULE, state, at(90))
    assert alert is not None
    assert (alert.status, alert.revision, alert.last_seen) == (AlertStatus.RESOLVED, 2, at(30))
    state, again = expire(RULE, state, at(200))
    assert again is None


def test_signal_after_resolution_fires_anew_with_next_revision() -> None:
    state, _ = expire(RULE, fired(), at(61))
    state, alert = advance(RULE, state, signal("s9"), LABELS, at(120))
    assert alert is not None
    assert (alert.status, alert.revision, alert.first_seen) == (AlertStatus.FIRING, 3, at(120))
    assert (alert.counts.signals, alert.counts.stories) == (1, 1)


def test_evidence_is_bounded() -> None:
    state = fired()
    for n in range(30):
        state, _ = advance(RULE, state, signal(f"story-{n}"), LABELS, at(n))
    state, alert = expire(RULE, state, at(100))
    assert alert is not None and len(alert.evidence) == 10 and alert.counts.stories == 31


@pytest.mark.parametrize(
    ("match", "candidate", "expected"),
    [
        ({}, signal(), True),
        ({"min_confidence": 0.95}, signal(confidence=0.9), False),
        ({"types": ["air_strike"]}, signal(type=SignalType.SHELLING), False),
        ({"types": ["shelling", "air_strike"]}, signal(type=SignalType.SHELLING), True),
        ({"regions": ["middle_east"]}, signal(region="south_caucasus"), False),
        ({"sources": ["source-a"]}, signal(source="source-a"), True),
        ({"sources": ["source-a"]}, signal(source="source-b"), False),
        ({"languages": ["en"]}, signal(), False),  # the signal has no language
        ({"body_min_sources": 2}, signal(lede_confidence=0.9), True),  # the headline or lede reports it
        ({"body_min_sources": 2}, signal(lede_confidence=0.0), False),  # one outlet, only its body mentions it
        ({"body_min_sources": 2}, signal(lede_confidence=0.0, story_sources=2), True),  # a second outlet stands behind the story
        ({"body_min_sources": 3}, signal(lede_confidence=0.0, story_sources=2), False),
        ({"body_min_sources": 2, "min_confidence": 0.8}, signal(lede_confidence=0.7), False),  # the lede alone must reach min_confidence
        ({}, signal(lede_confidence=0.0), True),  # without the filter the body counts as before
    ],
)
def test_matches(match: dict, candidate: object, expected: bool) -> None:
    assert rule(match=match).matches(candidate) is expected


def test_grouping_labels_and_fingerprints() -> None:
    by_type = rule(group_by=["region", "type"])
    (labels,) = group_labels(by_type, signal(region="middle_east", type=SignalType.AIR_STRIKE))
    assert labels == {"region": "middle_east", "type": "air_strike"}
    fingerprints = {
        fingerprint(by_type, labels),
        fingerprint(by_type, {**labels, "region": "south_caucasus"}),
        fingerprint(rule(id="other", group_by=["region", "type"]), labels),
    }
    assert len(fingerprints) == 3
    assert fingerprint(by_type, dict(reversed(list(labels.items())))) == fingerprint(by_type, labels)
