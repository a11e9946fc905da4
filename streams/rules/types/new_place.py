"""new_place: a place named in matching signals for the first time in a period (a front moving)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator

from tocsin.durations import Duration
from tocsin.records import Signal
from tocsin.streams.rules.model import GroupKey, Rule
from tocsin.streams.rules.state import AlertState, prune


def _by_region_and_place() -> list[GroupKey]:
    return ["region", "place"]


class NewPlaceRule(Rule):
    """A place named in matching signals for the first time in `period` (one alert per region and place)."""

    VALUES: ClassVar[tuple[str, ...]] = ("place",)
    type: Literal["new_place"]
    period: Duration = Field(gt=timedelta(0))
    group_by: list[GroupKey] = Field(default_factory=_by_region_and_place)

    @field_validator("group_by")
    @classmethod
    def _with_place(cls, value: list[str]) -> list[str]:
        if "place" not in value:
            raise ValueError("a new_place rule is grouped by at least [region, place]")
        return value

    def observe(self, state: AlertState, signal: Signal, t: float) -> bool:
        """True when the place was not seen for `period`; every signal of it restarts the period."""
        first = state.last_activity is None or t - state.last_activity >= self.period.total_seconds()
        state.last_activity = t
        prune(state, 0.0, t)
        return first

    def values(self, state: AlertState) -> dict[str, Any]:
        return {"place": state.labels.get("place", "")}
