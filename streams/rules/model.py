"""What every rule shares: filters, matchers, inhibition, and the base class of the rule types.

Each rule type (tocsin.streams.rules.types) subclasses `Rule`: its fields are its part
of the file schema, its methods its behaviour. Everything is checked at load
(durations, signal types, regular expressions, templates rendered against a
sample context), so a mistake surfaces as `file:line: rules[i].field: ...` from
`tocsin rules check`, never as a failure at the first alert.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tocsin.durations import Duration
from tocsin.labels import LabelSelector
from tocsin.records import Escalation, Severity, Signal, SignalType
from tocsin.streams.detector import UNLOCATED
from tocsin.streams.rules.state import AlertState
from tocsin.streams.rules.templates import check_template

GroupKey = Literal["region", "type", "source", "story", "place"]

DEFAULT_TITLE = "{{ severity }}: {{ types }} in {{ region }}"
DEFAULT_SUMMARY = "{{ counts.signals }} signal(s) in {{ counts.stories }} story(ies) from {{ counts.sources }} source(s): {{ types }}"


class Match(BaseModel):
    """Which signals a rule (or a sequence step) looks at; an empty list means any."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    types: list[SignalType] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    min_confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    max_sources: int | None = Field(
        default=None, ge=1, description="At most this many outlets behind the signal's story (1: single-source reports)."
    )
    body_min_sources: int | None = Field(
        default=None,
        ge=2,
        description=(
            "A signal that the headline and lede do not report on their own (lede_confidence below min_confidence),"
            " only the body, needs at least this many outlets behind its story."
        ),
    )
    title_regex: str | None = Field(default=None, description="Python regular expression searched in the article title (case-insensitive).")

    @field_validator("title_regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regular expression: {exc}") from exc
        return value

    def watches(self, region: str) -> bool:
        """Whether it takes a region: any when it names none, except `unlocated`, which only a filter naming it takes.

        A signal whose article names no attributable place is no regional event; paging
        a region team for it was the main source of false critical alerts.
        """
        return region in self.regions if self.regions or region == UNLOCATED else True

    def passes(self, signal: Signal) -> bool:
        """Whether a signal passes these filters."""
        return (
            signal.confidence >= self.min_confidence
            and self.watches(signal.region)
            and (not self.types or signal.type in self.types)
            and (not self.sources or signal.article.source_id in self.sources)
            and (not self.languages or (signal.language or "") in self.languages)
            and (not self.places or any(place in self.places for place in signal.places))
            and (self.max_sources is None or signal.article.story_sources <= self.max_sources)
            and self._lede_or_corroborated(signal)
            and (self.title_regex is None or _regex(self.title_regex).search(signal.article.title) is not None)
        )

    def _lede_or_corroborated(self, signal: Signal) -> bool:
        """Whether the headline and lede report the signal, or enough outlets stand behind a story that mentions it further down.

        Why: the headline and the sentence that develops it say what an article reports;
        the body adds background, earlier events and, in some feeds, other stories. One
        outlet's mention below the lede is not a report of fighting to page anyone for.
        """
        return (
            self.body_min_sources is None
            or signal.lede_confidence >= self.min_confidence
            or signal.article.story_sources >= self.body_min_sources
        )


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class InhibitRule(BaseModel):
    """Alertmanager-style: a firing alert matching `source_matchers` mutes alerts matching
    `target_matchers` that have the same values for every label in `equal`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_matchers: LabelSelector
    target_matchers: LabelSelector
    equal: list[str] = Field(default_factory=lambda: ["region"])


DEFAULT_INHIBIT = (
    InhibitRule(
        source_matchers=LabelSelector.model_validate({"severity": "critical"}),
        target_matchers=LabelSelector.model_validate({"severity": ["warning", "info"]}),
    ),
)


class Feed(StrEnum):
    """The events a rule type takes: signals, the regions' escalation index, or new articles as a source's signs of life."""

    SIGNALS = "signals"
    ESCALATION = "escalation"
    ACTIVITY = "activity"


def _by_region() -> list[GroupKey]:
    return ["region"]


class Rule(BaseModel):
    """The base of every rule type: identity, filters, grouping, lifecycle timings, labels and templates.

    A type adds its fields and a `type: Literal[...]` (its name in files), and
    overrides the hooks below; the engine runs the lifecycle around them, so a
    type never deals with episodes, revisions or notifications.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Names a template may use besides the common ones (see tocsin.streams.rules.templates).
    VALUES: ClassVar[tuple[str, ...]] = ()
    #: Signals only show that the subject is alive: they leave no hits and start no episode (flatline).
    SIGNS_OF_LIFE: ClassVar[bool] = False
    #: Items too old to fire still count into its state through `observe_old` (a baseline needs to know what normal was).
    COUNTS_OLD_ITEMS: ClassVar[bool] = False
    #: Time passing alone can make the condition true, so ticks visit its states even when not firing and start episodes.
    TIME_DRIVEN: ClassVar[bool] = False

    type: str = Field(description="The type's name in files: each type narrows it to a Literal (tocsin.streams.rules.registry).")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)
    description: str = ""
    severity: Severity = Severity.WARNING
    match: Match = Field(default_factory=Match)
    group_by: list[GroupKey] = Field(default_factory=_by_region, min_length=1)
    group_wait: Duration = timedelta(0)
    group_interval: Duration = timedelta(minutes=5)
    repeat_interval: Duration = timedelta(hours=4)
    resolve_after: Duration = timedelta(hours=2)
    labels: dict[str, str] = Field(default_factory=dict)
    title: str = DEFAULT_TITLE
    summary: str = DEFAULT_SUMMARY

    @field_validator("group_by")
    @classmethod
    def _region_first(cls, value: list[str]) -> list[str]:
        if "region" not in value:
            raise ValueError("must include 'region': signals are partitioned by region, so alert state is too")
        return value

    @field_validator("title", "summary")
    @classmethod
    def _template(cls, value: str) -> str:
        check_template(value, cls.VALUES)
        return value

    def feed(self) -> Feed:
        return Feed.SIGNALS

    def signal_types(self) -> set[SignalType]:
        """The signal types it can react to (all when it names none): the evaluator's index."""
        return set(self.match.types) or set(SignalType)

    def matches(self, signal: Signal) -> bool:
        return self.match.passes(signal)

    def observe(self, state: AlertState, signal: Signal, t: float) -> bool:
        """Take a matching live signal (already appended to `state.hits`); True when the condition is (newly) met."""
        return self.holds(state, t)

    def observe_old(self, state: AlertState, t: float) -> None:
        """Take a matching signal too old to fire, at its publication time (only with COUNTS_OLD_ITEMS)."""

    def observe_index(self, state: AlertState, record: Escalation, now: datetime) -> None:
        """Take a region's escalation index (Feed.ESCALATION types)."""

    def observe_activity(self, state: AlertState, t: float) -> bool:
        """Take a sign of life of the subject (Feed.ACTIVITY types); True when the change is worth a table write."""
        state.last_activity = t
        return True

    def holds(self, state: AlertState, t: float) -> bool:
        """Whether the condition is true now; event-like types (match) never are once time passed."""
        return False

    def values(self, state: AlertState) -> dict[str, Any]:
        """The type's own template variables (VALUES)."""
        return {name: state.values.get(name, 0) for name in self.VALUES}


class ColdStart(BaseModel):
    """What a baseline rule needs before it may fire: history to compare with, not a baseline of nothing.

    On a fresh deployment (or a region's first signals) every rate is "infinitely"
    above a baseline of zero; without these floors, spike and escalation rules
    page people on the first day for ordinary news.
    """

    min_history: Duration = Field(default=timedelta(hours=24), description="How long the baseline must have been observed.")
    min_observations: int = Field(default=10, ge=1, description="How many signals the baseline must have counted.")

    def warmed_up(self, history: float, observations: float) -> bool:
        return history >= self.min_history.total_seconds() and observations >= self.min_observations
