"""The escalation index of a region: a rolling score of its signals against its own baseline.

Score = sum over signals of weight(type) x confidence x corroboration(story weight),
over hopping windows of 1 h, 6 h and 24 h (five-minute buckets). The 1-hour score
is compared with an exponentially weighted moving average of itself and its
variance, giving a z-score: "how unusual is this hour for this region". Pure
code; the Faust agent keeps one state per region in a table and emits an
`Escalation` record per region on every tick.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, Field

from tocsin.records import Escalation, Signal, SignalType
from tocsin.streams.freshness import DEFAULT_MAX_AGE, is_live

#: Default weights from ../shared/SIGNALS.md (negative values pull the index down).
WEIGHTS: dict[SignalType, float] = {
    SignalType.SHELLING: 9,
    SignalType.AIR_STRIKE: 9,
    SignalType.ARMED_CLASH: 8,
    SignalType.EXPLOSION: 7,
    SignalType.AIR_RAID_ALERT: 8,
    SignalType.EVACUATION: 8,
    SignalType.OFFENSIVE: 10,
    SignalType.MOBILIZATION: 6,
    SignalType.TERRITORIAL_CHANGE: 8,
    SignalType.CEASEFIRE_BREACH: 8,
    SignalType.BLOCKADE: 6,
    SignalType.CASUALTIES: 5,
    SignalType.THREAT: 4,
    SignalType.UNREST: 3,
    SignalType.DE_ESCALATION: -5,
}
BUCKET_SECONDS = 300
WINDOWS = {"1h": 3600, "6h": 6 * 3600, "24h": 24 * 3600}
#: Smoothing of the baseline per emission: with one emission a minute, about a day's memory.
ALPHA = 0.001
#: The z-score needs some spread to mean anything; below this the baseline is too flat.
MIN_STDDEV = 1.0


class EscalationState(BaseModel):
    """Per-region state: score buckets of the last 24 h and the baseline of the 1-hour score."""

    region: str
    buckets: dict[str, float] = Field(default_factory=dict, description="Bucket start (epoch seconds) to score.")
    signals: int = 0
    mean: float = 0.0
    variance: float = 0.0
    emissions: int = 0
    last_emitted: float = 0.0
    partition: int = Field(default=0, description="Partition of the region's signals; its ticks emit the index.")
    since: float | None = Field(default=None, description="When the state counted its first signal: the history of the baseline.")


def corroboration(weight: float) -> float:
    """1 for a single outlet, growing with the log of the story's trust-weighted sources (two full-trust outlets: 2).

    `weight` is the story's `story_weight`, the sum of its distinct sources' trust, so
    a copy from a half-trusted outlet adds half a witness. Below 1 the factor stays 1:
    trust weighs corroboration, it does not discount a lone report.
    """
    return 1.0 + math.log2(max(1.0, weight))


def add(state: EscalationState, signal: Signal, now: float, max_age: timedelta = DEFAULT_MAX_AGE) -> EscalationState:
    """Add one signal's contribution to the bucket of its time: now, or its publication for an item that is not live.

    An old item lands in the past (usually outside every window), so a backlog of
    back-catalogue items cannot raise the current hour's score.
    """
    at = now if is_live(signal.article, max_age) else min(now, signal.article.published.timestamp())
    if state.since is None:
        state.since = at
    bucket = str(int(at // BUCKET_SECONDS * BUCKET_SECONDS))
    score = WEIGHTS[signal.type] * signal.confidence * corroboration(signal.article.story_weight)
    state.buckets[bucket] = state.buckets.get(bucket, 0.0) + score
    state.signals += 1
    return state


def window_scores(state: EscalationState, now: float) -> dict[str, float]:
    """The score of each window ending now; buckets older than the longest window are dropped."""
    horizon = now - max(WINDOWS.values())
    state.buckets = {start: score for start, score in state.buckets.items() if float(start) + BUCKET_SECONDS > horizon}
    return {
        name: round(sum(score for start, score in state.buckets.items() if float(start) + BUCKET_SECONDS > now - length), 3)
        for name, length in WINDOWS.items()
    }


def due(last_emitted: float, now: float, interval: float) -> bool:
    """Whether a region's index is due; takes the stored field so ticks need not validate every region's state."""
    return now - last_emitted >= interval


def emit(state: EscalationState, now: float) -> Escalation:
    """The index now, scored against the baseline as it was before this emission; then update the baseline."""
    scores = window_scores(state, now)
    current = scores["1h"]
    stddev = math.sqrt(state.variance)
    zscore = (current - state.mean) / max(stddev, MIN_STDDEV) if state.emissions and state.mean > 0 else 0.0  # no z from a baseline of zero
    at = datetime.fromtimestamp(now, UTC)
    since = datetime.fromtimestamp(state.since, UTC) if state.since is not None else None
    record = Escalation(
        region=state.region,
        at=at,
        windows=scores,
        baseline=round(state.mean, 3),
        zscore=round(zscore, 3),
        signals=state.signals,
        since=since,
    )
    delta = current - state.mean
    state.mean += ALPHA * delta
    state.variance = (1 - ALPHA) * (state.variance + ALPHA * delta * delta)
    state.emissions += 1
    state.last_emitted = now
    return record
