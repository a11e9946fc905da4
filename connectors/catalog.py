"""The source catalog: which feeds to poll, how often, and what they are."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, ValidationError, field_validator

from connectors.scheduler import Bounds
from tocsin.config import ConfigError, explain, read_yaml

MIN_FACTOR = 0.5  # without min_interval_seconds, a busy feed is polled at most twice as often as configured
MAX_FACTOR = 4.0  # without max_interval_seconds, a quiet or failing feed is polled at least every 4 intervals


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=64, description="Stable id; a metric label value.")
    url: str
    kind: Literal["feed"] = "feed"
    title: str | None = None
    interval_seconds: float = Field(default=300.0, ge=1.0, le=86400.0, description="Starting interval between polls.")
    min_interval_seconds: float | None = Field(default=None, ge=1.0, le=86400.0, description="Busiest; default interval/2.")
    max_interval_seconds: float | None = Field(default=None, ge=1.0, le=86400.0, description="Quietest or failing; default 4x.")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    regions: list[str] = Field(default_factory=list, description="Region hints for items without a place name.")
    enabled: bool = True

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @field_validator("min_interval_seconds")
    @classmethod
    def _min_within(cls, value: float | None, info: ValidationInfo) -> float | None:
        interval = info.data.get("interval_seconds")
        if value is not None and interval is not None and value > interval:
            raise ValueError(f"must not exceed interval_seconds ({interval:g})")
        return value

    @field_validator("max_interval_seconds")
    @classmethod
    def _max_within(cls, value: float | None, info: ValidationInfo) -> float | None:
        interval = info.data.get("interval_seconds")
        if value is not None and interval is not None and value < interval:
            raise ValueError(f"must not be below interval_seconds ({interval:g})")
        return value

    def bounds(self) -> Bounds:
        """The scheduler's bounds; unset ones derive from `interval_seconds`, so catalogs with only it keep working."""
        base = self.interval_seconds
        minimum = self.min_interval_seconds if self.min_interval_seconds is not None else max(1.0, base * MIN_FACTOR)
        maximum = self.max_interval_seconds if self.max_interval_seconds is not None else min(86400.0, base * MAX_FACTOR)
        return Bounds(minimum, base, maximum)


class Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[Source] = Field(default_factory=list)

    def enabled(self) -> list[Source]:
        return [source for source in self.sources if source.enabled]


def load_catalog(path: Path) -> Catalog:
    """Read and validate a catalog file; ConfigError names file, line and field."""
    data, lines = read_yaml(path)
    try:
        catalog = Catalog.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise ConfigError(explain(exc.errors(include_url=False), path, lines)) from exc
    first_line: dict[str, int] = {}
    problems = []
    for index, source in enumerate(catalog.sources):
        line = lines.get(("sources", index, "id"), 0)
        if source.id in first_line:
            problems.append(f"{path}:{line}: sources[{index}].id: duplicate id {source.id!r} (first at line {first_line[source.id]})")
        first_line.setdefault(source.id, line)
    if problems:
        raise ConfigError(problems)
    return catalog
