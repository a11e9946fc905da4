"""When a rule's condition holds: the per-type bookkeeping, bounded, over an alert's state.

Each rule type observes what it consumes (signals, escalation records, source
activity) into a small, bounded part of the alert state and says whether its
condition holds. Windows keep at most MAX_HITS recent hits; spike baselines keep
time buckets (at most SPIKE_BUCKETS), never every signal of 24 hours.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, NamedTuple

from pydantic import BeforeValidator

from streams.rules.model import CorroborationRule, EscalationRule, FlatlineRule, FrequencyRule, SequenceRule, SpikeRule

if TYPE_CHECKING:
    from streams.rules.engine import AlertState

MAX_HITS = 500
SPIKE_BUCKETS = 96


class Hit(NamedTuple):
    """One matching signal as an alert remembers it (stored as a JSON array, in this order)."""

    at: float
    story: str
    source: str
    type: str
    url: str
    story_sources: int
    trust: float
    story_weight: float


def _full_hit(hit: object) -> object:
    """Hits stored before trust was carried get trust 1 and a story weight equal to their source count."""
    if isinstance(hit, (list, tuple)) and len(hit) == 6:
        return (*hit, 1.0, float(hit[5]))
    return hit


StoredHit = Annotated[Hit, BeforeValidator(_full_hit)]


def lookback(rule: object) -> float:
    """Seconds of hits a rule needs; 0 keeps only the latest."""
    window = getattr(rule, "window", None)
    return window.total_seconds() if isinstance(window, timedelta) else 0.0


def prune(state: AlertState, rule: object, now: float) -> None:
    """Drop hits that left the window, and the oldest beyond MAX_HITS."""
    horizon = now - lookback(rule)
    hits = [hit for hit in state.hits if hit.at >= horizon]
    state.hits = hits[-MAX_HITS:]


def count(state: AlertState, what: str) -> int:
    """Signals, distinct stories or distinct sources among the hits."""
    if what == "signals":
        return len(state.hits)
    return len({hit.story if what == "stories" else hit.source for hit in state.hits})


def corroborating_sources(state: AlertState, per: str) -> int:
    """Most independent sources behind one story (or one signal type) in the window."""
    sources: dict[str, set[str]] = defaultdict(set)
    reported: dict[str, int] = defaultdict(int)
    for hit in state.hits:
        key = hit.story if per == "story" else hit.type
        sources[key].add(hit.source)
        if per == "story":  # the stories stage already counted the story's outlets
            reported[key] = max(reported[key], hit.story_sources)
    return max((max(len(found), reported[key]) for key, found in sources.items()), default=0)


def corroborating_weight(state: AlertState, per: str) -> float:
    """Highest trust-weighted corroboration behind one story (or one signal type) in the window.

    A key's weight is the sum of its distinct sources' trust; for stories, the weight
    the story stage stamped (`story_weight`, which also counts sources outside the
    window) counts too, as `story_sources` does for the count.
    """
    trusts: dict[str, dict[str, float]] = defaultdict(dict)
    reported: dict[str, float] = defaultdict(float)
    for hit in state.hits:
        key = hit.story if per == "story" else hit.type
        trusts[key][hit.source] = max(hit.trust, trusts[key].get(hit.source, 0.0))
        if per == "story":
            reported[key] = max(reported[key], hit.story_weight)
    return max((round(max(sum(found.values()), reported[key]), 6) for key, found in trusts.items()), default=0.0)


def spike_bucket(rule: SpikeRule) -> float:
    return max(rule.window.total_seconds() / 4, rule.baseline.total_seconds() / SPIKE_BUCKETS)


def add_to_buckets(state: AlertState, rule: SpikeRule, now: float) -> None:
    """Count a signal at `now` (its publication time for a stale item: baseline only); observation starts with the first."""
    if state.observed_since is None:
        state.observed_since = now
    size = spike_bucket(rule)
    start = str(int(now // size * size))
    state.buckets[start] = state.buckets.get(start, 0) + 1
    horizon = now - rule.baseline.total_seconds() - size
    state.buckets = {key: value for key, value in state.buckets.items() if float(key) > horizon}


def spike_values(state: AlertState, rule: SpikeRule, now: float) -> dict[str, float]:
    """Count in the window, its rate and the baseline rate (per hour) over the baseline period before it."""
    size, window, baseline = spike_bucket(rule), rule.window.total_seconds(), rule.baseline.total_seconds()
    recent = sum(n for start, n in state.buckets.items() if float(start) + size > now - window)
    before = sum(n for start, n in state.buckets.items() if now - baseline < float(start) + size <= now - window)
    rate = recent * 3600 / window
    baseline_rate = before * 3600 / (baseline - window)
    history = now - state.observed_since if state.observed_since is not None else 0.0
    return {"count": recent, "rate": round(rate, 3), "baseline_rate": round(baseline_rate, 3), "baseline_count": before, "history": history}


def advance_sequence(state: AlertState, rule: SequenceRule, matched: list[bool], now: float) -> bool:
    """progress[i] is the start of the latest chain that reached step i; True when the last step completes in time.

    Steps are visited last to first so one signal cannot complete two steps at once.
    """
    progress = state.progress or [None] * len(rule.steps)
    window = rule.window.total_seconds()
    completed = False
    for index in reversed(range(len(rule.steps))):
        if not matched[index]:
            continue
        if index == 0:
            progress[0] = now
            continue
        start = progress[index - 1]
        if start is not None and now - start <= window:
            progress[index] = max(progress[index] or start, start)
            completed = completed or index == len(rule.steps) - 1
    state.progress = progress
    return completed and count(state, "sources") >= rule.min_sources


def holds(rule: object, state: AlertState, now: float) -> bool:
    """Whether the condition is true now (for event-like rules such as match: never once time passed)."""
    if isinstance(rule, FrequencyRule):
        prune(state, rule, now)
        return count(state, rule.count) >= rule.threshold
    if isinstance(rule, CorroborationRule):
        prune(state, rule, now)
        weighed = rule.min_weight is None or corroborating_weight(state, rule.per) >= rule.min_weight
        return weighed and corroborating_sources(state, rule.per) >= rule.min_sources
    if isinstance(rule, SpikeRule):
        values = spike_values(state, rule, now)
        state.values.update(values)
        return spike_fires(rule, values)
    if isinstance(rule, SequenceRule):
        last = state.progress[-1] if state.progress else None
        return last is not None and now - last <= rule.window.total_seconds()
    if isinstance(rule, EscalationRule):
        return escalation_fires(rule, state.values)
    if isinstance(rule, FlatlineRule):
        return state.last_activity is not None and now - state.last_activity >= rule.silent_for.total_seconds()
    return False


def warmed_up(rule: SpikeRule | EscalationRule, history: float, observations: float) -> bool:
    """Whether a baseline rule has the history it needs (rules.model.ColdStart)."""
    return history >= rule.min_history.total_seconds() and observations >= rule.min_observations


def spike_fires(rule: SpikeRule, values: dict[str, float]) -> bool:
    if not warmed_up(rule, values["history"], values["baseline_count"]):
        return False
    return values["count"] >= rule.min_count and values["rate"] >= rule.factor * values["baseline_rate"]


def escalation_fires(rule: EscalationRule, values: dict[str, float | str]) -> bool:
    if "score" not in values or not warmed_up(rule, float(values.get("history", 0.0)), float(values.get("observations", 0))):
        return False
    score_ok = rule.threshold is None or float(values["score"]) >= rule.threshold
    zscore_ok = rule.min_zscore is None or float(values["zscore"]) >= rule.min_zscore
    return score_ok and zscore_ok
