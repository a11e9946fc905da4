"""flatline: a source or a region silent for too long (a feed broke, or a region went quiet)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from tocsin.durations import Duration
from tocsin.records import Signal
from tocsin.streams.rules.model import Feed, GroupKey, Rule
from tocsin.streams.rules.state import AlertState


class FlatlineRule(Rule):
    """A source (new articles) or a region (matching signals) silent for longer than `silent_for`.

    Only what was seen at least once can fall silent. Sources are keyed by source
    id (articles.raw is), so their alerts carry a `source` label and no region.
    """

    VALUES: ClassVar[tuple[str, ...]] = ("silent_for", "subject")
    SIGNS_OF_LIFE: ClassVar[bool] = True
    TIME_DRIVEN: ClassVar[bool] = True
    type: Literal["flatline"]
    of: Literal["source", "region"] = "source"
    silent_for: Duration = Field(gt=timedelta(0))
    group_by: list[GroupKey] = Field(default_factory=list)
    resolve_after: Duration = timedelta(0)
    title: str = "{{ subject }} silent for {{ silent_for }}"
    summary: str = "nothing new from {{ subject }} for {{ silent_for }} (last seen {{ last_seen }})"

    @field_validator("group_by")
    @classmethod
    def _region_first(cls, value: list[str]) -> list[str]:
        """Replaces Rule's check: a flatline is keyed by its subject, and a source has no region."""
        return value  # set from `of` below

    @model_validator(mode="after")
    def _group_by_subject(self) -> FlatlineRule:
        if self.group_by and self.group_by != [self.of]:
            raise ValueError(f"a flatline of {self.of} is grouped by [{self.of}] only")
        object.__setattr__(self, "group_by", [self.of])
        return self

    def feed(self) -> Feed:
        return Feed.ACTIVITY if self.of == "source" else Feed.SIGNALS

    def observe(self, state: AlertState, signal: Signal, t: float) -> bool:
        state.last_activity = t
        return False

    def observe_activity(self, state: AlertState, t: float) -> bool:
        """A table write per article would double the normalizer's output; a tenth of silent_for is precise enough."""
        stale = state.last_activity is None or t - state.last_activity >= self.silent_for.total_seconds() / 10
        state.last_activity = t
        return stale

    def holds(self, state: AlertState, t: float) -> bool:
        return state.last_activity is not None and t - state.last_activity >= self.silent_for.total_seconds()

    def values(self, state: AlertState) -> dict[str, Any]:
        return {"silent_for": _human(self.silent_for.total_seconds()), "subject": f"{self.of} {state.labels.get(self.of, '?')}"}


def _human(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
