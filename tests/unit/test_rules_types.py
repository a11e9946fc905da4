"""Each rule type fires when its condition holds, stays quiet when it does not, and resolves."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.unit.factories import T0, signal
from tocsin.config import ConfigError
from tocsin.records import Alert, AlertStatus, Escalation, Signal, SignalType
from tocsin.streams.rules import AlertState, advance, expire, load_rules
from tocsin.streams.rules.engine import advance_escalation, group_labels
from tocsin.streams.rules.registry import parse_rule

REGION = {"region": "south_caucasus"}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def rule(kind: str, **fields: object):
    return parse_rule({"id": "r", "type": kind, "group_interval": "5m", "resolve_after": "1h", **fields})


def feed(rule_, items: list[tuple[float, Signal]], state: AlertState | None = None) -> tuple[AlertState | None, list[Alert]]:
    """Signals at minutes, each preceded by time passing (as the worker's ticks do)."""
    alerts = []
    for minute, item in items:
        if state is not None:
            state, alert = expire(rule_, state, at(minute))
            alerts += [alert] if alert else []
        (labels,) = group_labels(rule_, item)
        state, alert = advance(rule_, state, item, labels, at(minute))
        alerts += [alert] if alert else []
    return state, alerts


# --- frequency ------------------------------------------------------------------

FREQUENCY = rule("frequency", window="10m", threshold=3, title="{{ count }} in {{ region }}")


def test_frequency_fires_on_the_threshold_with_the_window_evidence() -> None:
    state, alerts = feed(FREQUENCY, [(0, signal("s1")), (2, signal("s2")), (4, signal("s3"))])
    (alert,) = alerts
    assert (alert.title, alert.counts.signals, alert.counts.stories, len(alert.evidence)) == ("3 in south_caucasus", 3, 3, 3)
    assert alert.first_seen == at(4)


def test_frequency_does_not_fire_when_signals_are_spread_beyond_the_window() -> None:
    _, alerts = feed(FREQUENCY, [(0, signal("s1")), (6, signal("s2")), (12, signal("s3")), (18, signal("s4"))])
    assert alerts == []


def test_frequency_counting_sources_ignores_one_source_repeating() -> None:
    by_sources = rule("frequency", window="10m", threshold=2, count="sources")
    _, alerts = feed(by_sources, [(0, signal("s1")), (1, signal("s2")), (2, signal("s3"))])
    assert alerts == []
    _, alerts = feed(by_sources, [(0, signal("s1")), (1, signal("s2", source="source-b"))])
    assert len(alerts) == 1 and alerts[0].counts.sources == 2


def test_frequency_resolves_once_below_threshold_and_quiet() -> None:
    state, _ = feed(FREQUENCY, [(0, signal("s1")), (1, signal("s2")), (2, signal("s3"))])
    state, alert = expire(FREQUENCY, state, at(61))
    assert alert is None
    state, alert = expire(FREQUENCY, state, at(62))
    assert alert is not None and alert.status == AlertStatus.RESOLVED


# --- corroboration ----------------------------------------------------------------

CORROBORATION = rule("corroboration", window="30m", min_sources=2)


def test_corroboration_fires_when_a_second_source_reports_the_story() -> None:
    _, alerts = feed(CORROBORATION, [(0, signal("s1")), (5, signal("s1", source="source-b"))])
    assert len(alerts) == 1 and alerts[0].counts.sources == 2


def test_corroboration_is_not_two_sources_on_different_stories() -> None:
    _, alerts = feed(CORROBORATION, [(0, signal("s1")), (5, signal("s2", source="source-b")), (40, signal("s1", source="source-b"))])
    assert alerts == []


def test_corroboration_trusts_the_story_source_count() -> None:
    item = signal("s1")
    item = item.model_copy(update={"article": item.article.model_copy(update={"story_sources": 3})})
    _, alerts = feed(CORROBORATION, [(0, item)])
    assert len(alerts) == 1


def test_corroboration_per_type_counts_sources_of_one_signal_type() -> None:
    per_type = rule("corroboration", window="30m", min_sources=2, per="type")
    _, alerts = feed(per_type, [(0, signal("s1")), (5, signal("s2", source="source-b", type=SignalType.AIR_STRIKE))])
    assert alerts == []
    _, alerts = feed(per_type, [(0, signal("s1")), (5, signal("s2", source="source-b"))])
    assert len(alerts) == 1


def trusted(item: Signal, trust: float, **story: float) -> Signal:
    """The signal as the story stage would stamp it with its source's trust (and the story's counts)."""
    return item.model_copy(update={"article": item.article.model_copy(update={"trust": trust, **story})})


WEIGHED = rule("corroboration", window="30m", min_sources=2, min_weight=1.5, title="{{ count }} sources weighing {{ weight }}")


def test_corroboration_min_weight_needs_the_sources_trust_to_add_up() -> None:
    _, alerts = feed(WEIGHED, [(0, signal("s1")), (5, trusted(signal("s1", source="source-b"), 0.4))])
    assert alerts == [], "two sources, but weighing 1.4"
    _, alerts = feed(WEIGHED, [(0, signal("s1")), (5, trusted(signal("s1", source="source-b"), 0.5))])
    assert len(alerts) == 1 and alerts[0].title == "2 sources weighing 1.5"


def test_corroboration_min_weight_trusts_the_story_weight() -> None:
    _, alerts = feed(WEIGHED, [(0, trusted(signal("s1"), 1.0, story_sources=2, story_weight=1.4))])
    assert alerts == []
    _, alerts = feed(WEIGHED, [(0, trusted(signal("s1"), 1.0, story_sources=3, story_weight=1.6))])
    assert len(alerts) == 1 and alerts[0].title == "3 sources weighing 1.6"


def test_corroboration_min_weight_per_type_sums_each_source_once_at_its_trust() -> None:
    per_type = rule("corroboration", window="30m", min_sources=2, min_weight=1.5, per="type")
    low = [(0, trusted(signal("s1"), 0.5)), (1, trusted(signal("s2"), 0.5)), (2, trusted(signal("s3", source="source-b"), 0.5))]
    assert feed(per_type, low)[1] == [], "source-a counts once: 0.5 + 0.5"
    assert len(feed(per_type, [*low, (3, trusted(signal("s4", source="source-c"), 0.5))])[1]) == 1


def test_alert_state_saved_before_trust_was_carried_still_loads_and_weighs_sources_as_one() -> None:
    state, _ = feed(WEIGHED, [(0, signal("s1"))])
    stored = state.model_dump(mode="json")
    stored["hits"] = [hit[:6] for hit in stored["hits"]]
    stored["hits"][0][5] = 2  # the story had two sources then
    old = AlertState.model_validate(stored)
    assert old.hits[0][6:] == (1.0, 2.0)
    _, alerts = feed(WEIGHED, [(1, signal("s2"))], old)
    assert len(alerts) == 1 and alerts[0].title == "2 sources weighing 2.0"
    stored["hits"][0][5] = 1
    _, alerts = feed(WEIGHED, [(1, signal("s2"))], AlertState.model_validate(stored))
    assert alerts == []


# --- spike --------------------------------------------------------------------------

SPIKE = rule(
    "spike",
    window="1h",
    baseline="1d",
    factor=3,
    min_count=3,
    min_history="12h",
    min_observations=5,
    title="{{ count }} at {{ rate }}/h vs {{ baseline_rate }}/h",
)


def test_spike_fires_when_the_rate_jumps_above_the_baseline() -> None:
    quiet = [(minute, signal(f"b{minute}")) for minute in range(0, 22 * 60, 120)]  # one every 2 h
    burst = [(23 * 60 + minute, signal(f"x{minute}")) for minute in (0, 10, 20)]
    state, alerts = feed(SPIKE, quiet + burst)
    (alert,) = alerts
    assert alert.title.startswith("3 at 3.0/h vs 0.")
    assert alert.counts.signals == len(state.hits) == 3, "hits and the episode's counts cover the window, not the baseline"
    assert len(state.buckets) <= 96, "the baseline is kept in buckets, not per signal"


def test_spike_is_quiet_at_a_steady_rate() -> None:
    steady = [(minute, signal(f"s{minute}")) for minute in range(0, 24 * 60, 20)]  # three an hour, all day
    _, alerts = feed(SPIKE, steady)
    assert [a for a in alerts if a.first_seen > at(60)] == []


def test_spike_needs_min_count() -> None:
    _, alerts = feed(SPIKE, [(0, signal("a")), (5, signal("b"))])
    assert alerts == []


def test_spike_baseline_must_be_longer_than_window() -> None:
    with pytest.raises(ValueError, match="baseline must be longer than window"):
        rule("spike", window="2h", baseline="1h")


# --- sequence -----------------------------------------------------------------------

SEQUENCE = rule("sequence", window="30m", min_sources=2, steps=[{"types": ["air_raid_alert"]}, {"types": ["shelling"]}])
SIRENS = SignalType.AIR_RAID_ALERT


def test_sequence_fires_when_the_steps_come_in_order_within_the_window() -> None:
    _, alerts = feed(SEQUENCE, [(0, signal("a", type=SIRENS)), (20, signal("b", source="source-b"))])
    (alert,) = alerts
    assert alert.counts.sources == 2 and set(alert.labels) == {"region", "rule"}
    assert [e.signal_type for e in alert.evidence] == [SIRENS, SignalType.SHELLING]


@pytest.mark.parametrize(
    "items",
    [
        [(0, signal("b", source="source-b")), (20, signal("a", type=SIRENS))],  # wrong order
        [(0, signal("a", type=SIRENS)), (31, signal("b", source="source-b"))],  # too far apart
        [(0, signal("a", type=SIRENS)), (10, signal("b"))],  # one source only
    ],
    ids=["wrong-order", "too-late", "one-source"],
)
def test_sequence_does_not_fire(items: list[tuple[float, Signal]]) -> None:
    assert feed(SEQUENCE, items)[1] == []


def test_sequence_only_looks_at_its_steps() -> None:
    assert not SEQUENCE.matches(signal(type=SignalType.MOBILIZATION))
    assert SEQUENCE.matches(signal(type=SIRENS))


# --- escalation ---------------------------------------------------------------------

ESCALATION = rule(
    "escalation", window="1h", threshold=20, min_zscore=3, resolve_after="10m", title="{{ region }} at {{ score }} z={{ zscore }}"
)


def index(score: float, zscore: float) -> Escalation:
    return Escalation(
        region="south_caucasus",
        at=T0,
        windows={"1h": score, "6h": score, "24h": score},
        baseline=1.0,
        zscore=zscore,
        signals=50,
        since=T0 - timedelta(days=2),
    )


def test_escalation_fires_above_threshold_and_zscore_and_resolves_when_calm() -> None:
    state, alert = advance_escalation(ESCALATION, None, index(30, 2), at(0))
    assert alert is None, "z-score below min_zscore"
    state, alert = advance_escalation(ESCALATION, state, index(30, 4), at(1))
    assert alert is not None and alert.title == "south_caucasus at 30.0 z=4.0"
    state, alert = advance_escalation(ESCALATION, state, index(5, 0), at(2))
    assert alert is None
    state, alert = expire(ESCALATION, state, at(10))
    assert alert is None
    state, alert = expire(ESCALATION, state, at(11))
    assert alert is not None and alert.status == AlertStatus.RESOLVED


# --- flatline -----------------------------------------------------------------------

FLATLINE = rule("flatline", of="source", silent_for="2h", resolve_after="0s")


def test_flatline_fires_after_silence_and_resolves_on_activity() -> None:
    labels = {"source": "wire"}
    state = AlertState(fingerprint="f", rule_id="r", labels=labels, first_seen=at(0), last_seen=at(0))
    FLATLINE.observe_activity(state, at(0).timestamp())
    state, alert = expire(FLATLINE, state, at(119))
    assert alert is None
    state, alert = expire(FLATLINE, state, at(120))
    assert alert is not None and alert.title == "source wire silent for 2h" and alert.labels == {"source": "wire", "rule": "r"}
    FLATLINE.observe_activity(state, at(130).timestamp())
    state, alert = expire(FLATLINE, state, at(131))
    assert alert is not None and alert.status == AlertStatus.RESOLVED


def test_flatline_of_sources_is_grouped_by_source_only() -> None:
    assert FLATLINE.group_by == ["source"]
    with pytest.raises(ValueError, match="grouped by \\[source\\] only"):
        rule("flatline", of="source", silent_for="1h", group_by=["region"])


# --- new_place ----------------------------------------------------------------------

NEW_PLACE = rule("new_place", period="7d", title="{{ place }} in {{ region }}")


def placed(story: str, *place_ids: str) -> Signal:
    return signal(story).model_copy(update={"places": list(place_ids)})


def test_new_place_fires_once_per_place_and_period() -> None:
    (first, second) = group_labels(NEW_PLACE, placed("s1", "askeran", "martakert"))
    assert (first["place"], second["place"]) == ("askeran", "martakert")
    state, alert = advance(NEW_PLACE, None, placed("s1", "askeran"), first, at(0))
    assert alert is not None and alert.title == "askeran in south_caucasus"
    state, _ = expire(NEW_PLACE, state, at(61))  # resolved
    state, alert = advance(NEW_PLACE, state, placed("s2", "askeran"), first, at(120))
    assert alert is None, "seen within the period: not new"
    state, alert = advance(NEW_PLACE, state, placed("s3", "askeran"), first, at(120 + 7 * 24 * 60))
    assert alert is not None and alert.status == AlertStatus.FIRING


def test_new_place_ignores_signals_without_places() -> None:
    assert group_labels(NEW_PLACE, signal()) == []


# --- filters and file errors -----------------------------------------------------------


@pytest.mark.parametrize(
    ("match", "candidate", "expected"),
    [
        ({"places": ["askeran"]}, placed("s", "askeran"), True),
        ({"places": ["askeran"]}, placed("s", "shusha"), False),
        ({"title_regex": "shelling in south"}, signal(), True),
        ({"title_regex": "^air"}, signal(), False),
        ({"max_sources": 1}, signal(), True),
    ],
)
def test_match_filters(match: dict, candidate: Signal, expected: bool) -> None:
    assert rule("match", match=match).matches(candidate) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules:\n  - id: a\n    type: bogus\n", ":3: rules[0].type: Input tag 'bogus' found using 'type' does not match"),
        (
            "rules:\n  - id: a\n    type: frequency\n    threshold: 2\n    window: soon\n",
            ":5: rules[0].window: Value error, expected a duration",
        ),
        ("rules:\n  - id: a\n    type: frequency\n    threshold: 2\n", ":2: rules[0].window: Field required"),
        (
            "rules:\n  - id: a\n    type: sequence\n    window: 5m\n    steps:\n      - {types: [shelling]}\n      - {types: [lasers]}\n",
            ":7: rules[0].steps[1].types[0]: Input should be",
        ),
        (
            "rules:\n  - id: a\n    type: spike\n    window: 1h\n    baseline: 1d\n    title: '{{ zscore }}'\n",
            ":6: rules[0].title: Value error, template error: 'zscore' is undefined",
        ),
        (
            "rules:\n  - id: a\n    type: match\ninhibit:\n  - source_matchers: {severity: critical}\n    target: {severity: info}\n",
            ":6: inhibit[0].target: unknown field",
        ),
        (
            "rules:\n  - id: a\n    type: corroboration\n    window: 1h\n    min_weight: 0\n",
            ":5: rules[0].min_weight: Input should be greater than 0",
        ),
        (
            "rules:\n  - id: a\n    type: corroboration\n    window: 1h\n    min_weight: plenty\n",
            ":5: rules[0].min_weight: Input should be a valid number",
        ),
    ],
    ids=[
        "unknown-type",
        "bad-window",
        "missing-window",
        "unknown-step-type",
        "template-variable-of-another-type",
        "inhibit-unknown-field",
        "min-weight-not-positive",
        "min-weight-not-a-number",
    ],
)
def test_rule_type_errors_name_file_line_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    assert any(problem.startswith(f"{path}{expected}") for problem in caught.value.problems), caught.value.problems
