"""The rule file schema. Errors name file, line and field (see tocsin.config)."""

from __future__ import annotations

import re
import string
from datetime import timedelta
from typing import Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from typing_extensions import Annotated

from tocsin.records import Severity, SignalType

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(s|m|h|d)$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: object) -> timedelta:
    """'30s', '5m', '2h', '1d' (or seconds as a number) to a timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return timedelta(seconds=value)
    match = _DURATION.match(str(value).strip())
    if not match:
        raise ValueError("expected a duration such as 30s, 5m, 2h or 1d")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]

TEMPLATE_FIELDS = frozenset({"rule", "region", "types", "severity", "sources", "stories", "signals"})
GroupKey = Literal["region", "type", "source"]


class Match(BaseModel):
    """Which signals a rule looks at; an empty list means any."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    types: list[SignalType] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    min_confidence: float = Field(default=0.5, ge=0.0, le=1.0)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)
    type: Literal["match"]
    description: str = ""
    severity: Severity = Severity.WARNING
    match: Match = Field(default_factory=Match)
    group_by: list[GroupKey] = Field(default_factory=lambda: ["region"], min_length=1)
    group_interval: Duration = timedelta(minutes=5)
    resolve_after: Duration = timedelta(hours=2)
    labels: dict[str, str] = Field(default_factory=dict)
    title: str = "{severity}: {types} in {region}"

    @field_validator("group_by")
    @classmethod
    def _region_first(cls, value: list[str]) -> list[str]:
        if "region" not in value:
            raise ValueError("must include 'region': signals are partitioned by region, so alert state is too")
        return value

    @field_validator("title")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as exc:
            raise ValueError(f"invalid template: {exc}") from exc
        unknown = names - TEMPLATE_FIELDS
        if unknown:
            raise ValueError(f"unknown template field(s) {sorted(unknown)}; allowed: {sorted(TEMPLATE_FIELDS)}")
        try:  # format specs and nested fields fail only when formatted: find out now, not at the first alert
            value.format(rule="r", region="x", types="shelling", severity="critical", sources=1, stories=1, signals=1)
        except (KeyError, ValueError, IndexError) as exc:
            raise ValueError(f"invalid template: {exc}") from exc
        return value


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: list[Rule] = Field(min_length=1)
