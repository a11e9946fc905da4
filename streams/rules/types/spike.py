"""spike: the rate over a window well above the rate of the period before it.

Counts are kept in time buckets (at most SPIKE_BUCKETS), never signal by signal:
a week's baseline of a busy region would otherwise be thousands of hits.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from tocsin.durations import Duration
from tocsin.records import Signal
from tocsin.streams.rules.model import ColdStart, Rule
from tocsin.streams.rules.state import AlertState, prune

SPIKE_BUCKETS = 96


class SpikeRule(Rule, ColdStart):
    """The rate over `window` at least `factor` times the rate over the preceding `baseline`.

    Silent until `min_history` of observation and `min_observations` signals in the
    baseline period: a rate against a baseline of zero is no spike.
    """

    VALUES: ClassVar[tuple[str, ...]] = ("count", "rate", "baseline_rate")
    COUNTS_OLD_ITEMS: ClassVar[bool] = True
    type: Literal["spike"]
    window: Duration = Field(gt=timedelta(0))
    baseline: Duration
    factor: float = Field(default=3.0, gt=1.0)
    min_count: int = Field(default=3, ge=1)

    @model_validator(mode="after")
    def _baseline_longer(self) -> SpikeRule:
        if self.baseline <= self.window:
            raise ValueError("baseline must be longer than window (it is the period the window is compared with)")
        return self

    def observe(self, state: AlertState, signal: Signal, t: float) -> bool:
        """Count the signal; hits are kept for the window only (the episode's evidence), the baseline is in the buckets."""
        self.observe_old(state, t)
        prune(state, self.window.total_seconds(), t)
        return self.holds(state, t)

    def observe_old(self, state: AlertState, t: float) -> None:
        """Count a signal at `t` (its publication time for a stale item: baseline only); observation starts with the first."""
        if state.observed_since is None:
            state.observed_since = t
        size = self._bucket()
        start = str(int(t // size * size))
        state.buckets[start] = state.buckets.get(start, 0) + 1
        horizon = t - self.baseline.total_seconds() - size
        state.buckets = {key: value for key, value in state.buckets.items() if float(key) > horizon}

    def holds(self, state: AlertState, t: float) -> bool:
        figures = self.figures(state, t)
        state.values.update(figures)
        if not self.warmed_up(figures["history"], figures["baseline_count"]):
            return False
        return figures["count"] >= self.min_count and figures["rate"] >= self.factor * figures["baseline_rate"]

    def figures(self, state: AlertState, t: float) -> dict[str, float]:
        """Count in the window, its rate and the baseline rate (per hour) over the baseline period before it."""
        size, window, baseline = self._bucket(), self.window.total_seconds(), self.baseline.total_seconds()
        recent = sum(n for start, n in state.buckets.items() if float(start) + size > t - window)
        before = sum(n for start, n in state.buckets.items() if t - baseline < float(start) + size <= t - window)
        rate = recent * 3600 / window
        baseline_rate = before * 3600 / (baseline - window)
        history = t - state.observed_since if state.observed_since is not None else 0.0
        return {
            "count": recent,
            "rate": round(rate, 3),
            "baseline_rate": round(baseline_rate, 3),
            "baseline_count": before,
            "history": history,
        }

    def _bucket(self) -> float:
        return max(self.window.total_seconds() / 4, self.baseline.total_seconds() / SPIKE_BUCKETS)
