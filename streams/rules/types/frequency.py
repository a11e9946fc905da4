"""frequency: enough matching signals, stories or sources within a window."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar, Literal

from pydantic import Field

from tocsin.durations import Duration
from tocsin.streams.rules.model import Rule
from tocsin.streams.rules.state import AlertState, count, prune


class FrequencyRule(Rule):
    """At least `threshold` matching signals, distinct stories or distinct sources within `window`."""

    VALUES: ClassVar[tuple[str, ...]] = ("count",)
    type: Literal["frequency"]
    window: Duration = Field(gt=timedelta(0))
    threshold: int = Field(ge=1)
    count: Literal["signals", "stories", "sources"] = "signals"

    def holds(self, state: AlertState, t: float) -> bool:
        prune(state, self.window.total_seconds(), t)
        return count(state, self.count) >= self.threshold

    def values(self, state: AlertState) -> dict[str, Any]:
        return {"count": count(state, self.count)}
