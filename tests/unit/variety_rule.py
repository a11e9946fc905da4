"""variety: several kinds of violence in one region within a window, more telling than any one of them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar, Literal

from pydantic import Field

from tocsin.durations import Duration
from tocsin.streams.rules.model import Rule
from tocsin.streams.rules.state import AlertState, prune


class VarietyRule(Rule):
    """At least `min_types` different signal types among the matching signals within `window`."""

    VALUES: ClassVar[tuple[str, ...]] = ("kinds",)
    type: Literal["variety"]
    window: Duration = Field(gt=timedelta(0))
    min_types: int = Field(default=3, ge=2)

    def holds(self, state: AlertState, t: float) -> bool:
        prune(state, self.window.total_seconds(), t)
        return self.values(state)["kinds"] >= self.min_types

    def values(self, state: AlertState) -> dict[str, Any]:
        return {"kinds": len({hit.type for hit in state.hits})}
