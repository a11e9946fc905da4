"""The rule file schema: one class per rule type, told apart by `type`.

Everything is checked at load (durations, signal types, regular expressions,
templates rendered against a sample context), so a mistake surfaces as
`file:line: rules[i].field: ...` from `tocsin rules check`, never as a failure
at the first alert. Errors name file, line and field via tocsin.config.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator, model_validator

from streams.rules.templates import check_template
from tocsin.durations import Duration
from tocsin.records import Severity, SignalType

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


class Matcher(BaseModel):
    """Labels an alert must carry (a value or a list of allowed values); `severity` is a label here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: dict[str, str | list[str]] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _plain_mapping(cls, data: Any) -> Any:
        return {"labels": data} if isinstance(data, dict) and "labels" not in data else data

    def accepts(self, labels: dict[str, str]) -> bool:
        return all(labels.get(key) in ([want] if isinstance(want, str) else want) for key, want in self.labels.items())


class InhibitRule(BaseModel):
    """Alertmanager-style: a firing alert matching `source_matchers` mutes alerts matching
    `target_matchers` that have the same values for every label in `equal`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_matchers: Matcher
    target_matchers: Matcher
    equal: list[str] = Field(default_factory=lambda: ["region"])


DEFAULT_INHIBIT = (
    InhibitRule(
        source_matchers=Matcher(labels={"severity": "critical"}), target_matchers=Matcher(labels={"severity": ["warning", "info"]})
    ),
)


class BaseRule(BaseModel):
    """What every rule type shares: identity, filters, grouping, lifecycle timings, labels and templates."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Names a template may use besides the common ones (see streams.rules.templates).
    VALUES: ClassVar[tuple[str, ...]] = ()

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)
    description: str = ""
    severity: Severity = Severity.WARNING
    match: Match = Field(default_factory=Match)
    group_by: list[GroupKey] = Field(default_factory=lambda: ["region"], min_length=1)
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


class MatchRule(BaseRule):
    """Any signal that passes the filters."""

    type: Literal["match"]


class FrequencyRule(BaseRule):
    """At least `threshold` matching signals, distinct stories or distinct sources within `window`."""

    VALUES: ClassVar[tuple[str, ...]] = ("count",)
    type: Literal["frequency"]
    window: Duration = Field(gt=timedelta(0))
    threshold: int = Field(ge=1)
    count: Literal["signals", "stories", "sources"] = "signals"


class CorroborationRule(BaseRule):
    """One story (per: story) or one region+type (per: type) reported by `min_sources` independent sources within `window`,
    and, with `min_weight`, by sources whose catalog trust adds up to at least that much."""

    VALUES: ClassVar[tuple[str, ...]] = ("count", "weight")
    type: Literal["corroboration"]
    window: Duration = Field(gt=timedelta(0))
    min_sources: int = Field(default=2, ge=2)
    min_weight: float | None = Field(
        default=None, gt=0.0, description="Sum of the distinct sources' trust (docs/sources.md) it also needs."
    )
    per: Literal["story", "type"] = "story"


class ColdStart(BaseModel):
    """What a baseline rule needs before it may fire: history to compare with, not a baseline of nothing.

    On a fresh deployment (or a region's first signals) every rate is "infinitely"
    above a baseline of zero; without these floors, spike and escalation rules
    page people on the first day for ordinary news.
    """

    min_history: Duration = Field(default=timedelta(hours=24), description="How long the baseline must have been observed.")
    min_observations: int = Field(default=10, ge=1, description="How many signals the baseline must have counted.")


class SpikeRule(BaseRule, ColdStart):
    """The rate over `window` at least `factor` times the rate over the preceding `baseline`.

    Silent until `min_history` of observation and `min_observations` signals in the
    baseline period: a rate against a baseline of zero is no spike.
    """

    VALUES: ClassVar[tuple[str, ...]] = ("count", "rate", "baseline_rate")
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


class SequenceRule(BaseRule):
    """Signals matching each step in order, the first to the last within `window`, in one group (region)."""

    type: Literal["sequence"]
    window: Duration = Field(gt=timedelta(0))
    steps: list[Match] = Field(min_length=2, max_length=8)
    min_sources: int = Field(default=1, ge=1, description="Independent sources among the window's signals (corroboration).")


class EscalationRule(BaseRule, ColdStart):
    """The region's escalation index (Escalation records) above `threshold` and/or `min_zscore`.

    Silent until the region's index has `min_history` of history and has counted
    `min_observations` signals (a z-score against no history means nothing).
    """

    VALUES: ClassVar[tuple[str, ...]] = ("score", "zscore", "baseline")
    type: Literal["escalation"]
    window: Literal["1h", "6h", "24h"] = "1h"
    threshold: float | None = None
    min_zscore: float | None = None
    resolve_after: Duration = timedelta(minutes=30)

    @model_validator(mode="after")
    def _needs_a_condition(self) -> EscalationRule:
        if self.threshold is None and self.min_zscore is None:
            raise ValueError("set threshold, min_zscore or both")
        return self


class FlatlineRule(BaseRule):
    """A source (new articles) or a region (matching signals) silent for longer than `silent_for`.

    Only what was seen at least once can fall silent. Sources are keyed by source
    id (articles.raw is), so their alerts carry a `source` label and no region.
    """

    VALUES: ClassVar[tuple[str, ...]] = ("silent_for", "subject")
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
        """Replaces BaseRule's check: a flatline is keyed by its subject, and a source has no region."""
        return value  # set from `of` below

    @model_validator(mode="after")
    def _group_by_subject(self) -> FlatlineRule:
        if self.group_by and self.group_by != [self.of]:
            raise ValueError(f"a flatline of {self.of} is grouped by [{self.of}] only")
        object.__setattr__(self, "group_by", [self.of])
        return self


class NewPlaceRule(BaseRule):
    """A place named in matching signals for the first time in `period` (one alert per region and place)."""

    VALUES: ClassVar[tuple[str, ...]] = ("place",)
    type: Literal["new_place"]
    period: Duration = Field(gt=timedelta(0))
    group_by: list[GroupKey] = Field(default_factory=lambda: ["region", "place"])

    @field_validator("group_by")
    @classmethod
    def _with_place(cls, value: list[str]) -> list[str]:
        if "place" not in value:
            raise ValueError("a new_place rule is grouped by at least [region, place]")
        return value


Rule = Annotated[
    MatchRule | FrequencyRule | CorroborationRule | SpikeRule | SequenceRule | EscalationRule | FlatlineRule | NewPlaceRule,
    Field(discriminator="type"),
]
RULE_TYPES = ("match", "frequency", "corroboration", "spike", "sequence", "escalation", "flatline", "new_place")


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: list[Rule] = Field(min_length=1)
    inhibit: list[InhibitRule] | None = Field(
        default=None, description="Inhibition rules; when no file has any, critical mutes warning and info of its region."
    )


_RULE = TypeAdapter(Rule)


def parse_rule(data: dict[str, Any]) -> Rule:
    """One rule from a mapping (tests, benchmarks); files go through the loader for file:line errors."""
    return _RULE.validate_python(data)
