"""sequence: signals matching each step in order, the first to the last within a window."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import Field

from tocsin.durations import Duration
from tocsin.records import Signal, SignalType
from tocsin.streams.rules.model import Match, Rule
from tocsin.streams.rules.state import AlertState, count, prune


class SequenceRule(Rule):
    """Signals matching each step in order, the first to the last within `window`, in one group (region)."""

    type: Literal["sequence"]
    window: Duration = Field(gt=timedelta(0))
    steps: list[Match] = Field(min_length=2, max_length=8)
    min_sources: int = Field(default=1, ge=1, description="Independent sources among the window's signals (corroboration).")

    def signal_types(self) -> set[SignalType]:
        """The rule's own types, else the steps' (all when a step names none)."""
        steps = [set(step.types) for step in self.steps]
        named = set(self.match.types) or (set().union(*steps) if all(steps) else set())
        return named or set(SignalType)

    def matches(self, signal: Signal) -> bool:
        """Its filters and at least one step."""
        return self.match.passes(signal) and any(step.passes(signal) for step in self.steps)

    def observe(self, state: AlertState, signal: Signal, t: float) -> bool:
        """progress[i] is the start of the latest chain that reached step i; True when the last step completes in time.

        Steps are visited last to first so one signal cannot complete two steps at once.
        """
        prune(state, self.window.total_seconds(), t)
        progress = state.progress or [None] * len(self.steps)
        window = self.window.total_seconds()
        completed = False
        for index in reversed(range(len(self.steps))):
            if not self.steps[index].passes(signal):
                continue
            if index == 0:
                progress[0] = t
                continue
            start = progress[index - 1]
            if start is not None and t - start <= window:
                progress[index] = max(progress[index] or start, start)
                completed = completed or index == len(self.steps) - 1
        state.progress = progress
        return completed and count(state, "sources") >= self.min_sources

    def holds(self, state: AlertState, t: float) -> bool:
        last = state.progress[-1] if state.progress else None
        return last is not None and t - last <= self.window.total_seconds()
