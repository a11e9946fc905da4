"""The source catalog: which feeds to poll, how often, and what they are."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tocsin.config import ConfigError, explain, read_yaml


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=64, description="Stable id; a metric label value.")
    url: str
    kind: Literal["feed"] = "feed"
    title: str | None = None
    interval_seconds: float = Field(default=300.0, ge=1.0, le=86400.0)
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    regions: list[str] = Field(default_factory=list, description="Region hints for items without a place name.")
    enabled: bool = True

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value


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
