"""The escalation index: window sums, corroboration, the EWMA baseline and the z-score."""

from __future__ import annotations

import pytest

from tests.unit.factories import signal
from tocsin.records import SignalType
from tocsin.streams.escalation import BUCKET_SECONDS, EscalationState, add, corroboration, due, emit, window_scores
from tocsin.streams.steps.alerting import emit_escalations

HOUR = 3600.0
T0 = 1_800_000_000.0


def test_windows_sum_weight_times_confidence_and_forget_old_buckets() -> None:
    state = EscalationState(region="south_caucasus")
    add(state, signal(type=SignalType.SHELLING, confidence=0.5), T0 - 5 * HOUR)
    add(state, signal(type=SignalType.OFFENSIVE, confidence=1.0), T0)
    assert window_scores(state, T0) == {"1h": 10.0, "6h": 14.5, "24h": 14.5}
    assert window_scores(state, T0 + 25 * HOUR) == {"1h": 0.0, "6h": 0.0, "24h": 0.0}
    assert state.buckets == {}


def test_de_escalation_pulls_the_score_down() -> None:
    state = EscalationState(region="r")
    add(state, signal(type=SignalType.SHELLING, confidence=1.0), T0)
    add(state, signal(type=SignalType.DE_ESCALATION, confidence=1.0), T0 + BUCKET_SECONDS)
    assert window_scores(state, T0 + BUCKET_SECONDS)["1h"] == 4.0


@pytest.mark.parametrize(("sources", "factor"), [(1, 1.0), (2, 2.0), (8, 4.0)])
def test_corroboration_grows_with_the_log_of_independent_sources(sources: int, factor: float) -> None:
    assert corroboration(sources) == factor


@pytest.mark.parametrize(("weight", "factor"), [(0.5, 1.0), (0.0, 1.0), (1.5, 1.585), (1.7, 1.766), (4.0, 3.0)])
def test_corroboration_of_a_trust_weighted_story_counts_low_trust_outlets_as_part_of_a_witness(weight: float, factor: float) -> None:
    assert corroboration(weight) == pytest.approx(factor, abs=1e-3)


def test_the_index_weighs_a_story_by_its_sources_trust_not_their_count() -> None:
    full, half = EscalationState(region="r"), EscalationState(region="r")
    two_full, two_half = signal(confidence=1.0), signal(confidence=1.0)
    two_full = two_full.model_copy(update={"article": two_full.article.model_copy(update={"story_sources": 2, "story_weight": 2.0})})
    two_half = two_half.model_copy(update={"article": two_half.article.model_copy(update={"story_sources": 2, "story_weight": 1.5})})
    add(full, two_full, T0)
    add(half, two_half, T0)
    assert window_scores(full, T0)["1h"] == 18.0  # shelling 9 x 1.0 x corroboration(2.0) = 2
    assert window_scores(half, T0)["1h"] == pytest.approx(14.265, abs=1e-3)  # 9 x (1 + log2 1.5): half a witness more, not a whole one


def test_a_signal_written_before_trust_was_carried_weighs_its_sources_as_one_each() -> None:
    old = signal(confidence=1.0).model_dump(mode="json")
    old["article"] = {key: value for key, value in old["article"].items() if key not in ("trust", "story_weight")}
    old["article"]["story_sources"] = 2
    state = EscalationState(region="r")
    add(state, type(signal()).model_validate(old), T0)
    assert window_scores(state, T0)["1h"] == 18.0


def test_zscore_measures_the_hour_against_the_learned_baseline() -> None:
    learned = {"region": "r", "mean": 10.0, "variance": 25.0, "emissions": 5000}
    usual, unusual = EscalationState(**learned), EscalationState(**learned)
    add(usual, signal(type=SignalType.SHELLING, confidence=1.0), T0)  # 9: a usual hour
    for _ in range(6):
        add(unusual, signal(type=SignalType.SHELLING, confidence=1.0), T0)  # 54: far above
    assert emit(usual, T0).zscore == pytest.approx(-0.2)
    loud = emit(unusual, T0)
    assert (loud.windows["1h"], loud.baseline, loud.zscore) == (54.0, 10.0, pytest.approx(8.8))
    assert 10.0 < unusual.mean < 54.0, "the baseline moves towards the new level, slowly"


def test_emission_is_due_once_per_interval() -> None:
    state = EscalationState(region="r")
    emit(state, T0)
    assert not due(state.last_emitted, T0 + 30, 60) and due(state.last_emitted, T0 + 60, 60)


def test_ticks_emit_the_index_of_their_partition_once_per_interval() -> None:
    states = {
        "here": EscalationState(region="here", partition=1).model_dump(mode="json"),
        "elsewhere": EscalationState(region="elsewhere", partition=2).model_dump(mode="json"),
    }
    assert [record.region for record in emit_escalations(states, T0, 1, 60)] == ["here"]
    assert states["here"]["last_emitted"] == T0
    assert emit_escalations(states, T0 + 30, 1, 60) == []
    assert [record.region for record in emit_escalations(states, T0 + 60, 1, 60)] == ["here"]
