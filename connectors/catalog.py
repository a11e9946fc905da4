"""The source catalog: which feeds to poll, how often, and what they are."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from tocsin.config import ConfigError, FirstSeen, read_model
from tocsin.connectors.headers import check_headers
from tocsin.connectors.pages.listing import Selectors
from tocsin.connectors.pages.presets import PRESETS
from tocsin.connectors.scheduler import Bounds

MIN_FACTOR = 0.5  # without min_interval_seconds, a busy feed is polled at most twice as often as configured
MAX_FACTOR = 4.0  # without max_interval_seconds, a quiet or failing feed is polled at least every 4 intervals


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=64, description="Stable id; a metric label value.")
    url: str
    kind: Literal["feed", "html"] = "feed"
    # kind html (docs/html-sources.md): a listing page read with CSS selectors, or with a preset's
    selectors: Selectors | None = None
    preset: Literal["telegram"] | None = None
    extract_text: bool = Field(default=False, description="Fetch the article page of items whose summary is short.")
    min_summary_chars: int = Field(default=200, ge=1, le=20000, description="Shorter summaries are 'short' for extract_text.")
    title: str | None = None
    interval_seconds: float = Field(default=300.0, ge=1.0, le=86400.0, description="Starting interval between polls.")
    min_interval_seconds: float | None = Field(default=None, ge=1.0, le=86400.0, description="Busiest; default interval/2.")
    max_interval_seconds: float | None = Field(default=None, ge=1.0, le=86400.0, description="Quietest or failing; default 4x.")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")
    regions: list[str] = Field(default_factory=list, description="Region hints for items without a place name.")
    enabled: bool = True
    # trust, headers, site (docs/sources.md): how much the source counts, what it needs sent, where it lives
    trust: float = Field(default=1.0, ge=0.0, le=1.0, description="Weight of one item from here towards corroboration.")
    headers: dict[str, str] = Field(default_factory=dict, repr=False, description="Extra request headers; ${VAR} from env.")
    site: str | None = Field(default=None, description="The publisher's home page (OPML htmlUrl); informational.")

    @field_validator("headers")
    @classmethod
    def _request_headers(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        """Resolve `${VAR}` from the load's environment (`load_catalog`), or os.environ when built directly."""
        context = info.context or {}
        return check_headers(value, context["environ"] if "environ" in context else os.environ)

    @field_validator("url", "site")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
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

    @field_validator("preset")
    @classmethod
    def _preset_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and "url" in info.data:
            PRESETS[value].check_url(info.data["url"])
        return value

    @model_validator(mode="after")
    def _page_reading(self) -> Source:
        """kind html reads the page with `selectors` or a `preset` (exactly one); a feed uses neither."""
        if self.kind == "html" and self.selectors is None and self.preset is None:
            raise ValueError("kind html needs selectors (item, link, title, time, summary) or a preset (telegram)")
        if self.selectors is not None and self.preset is not None:
            raise ValueError("give selectors or preset, not both")
        if self.kind == "feed" and (self.selectors is not None or self.preset is not None):
            raise ValueError("selectors and preset need kind: html")
        if "min_summary_chars" in self.model_fields_set and not self.extract_text:
            raise ValueError("min_summary_chars has effect only with extract_text: true")
        return self

    def page_selectors(self) -> Selectors:
        """The selectors an html source's page is read with: its own or its preset's."""
        if self.selectors is not None:
            return self.selectors
        assert self.preset is not None, "validated: kind html has selectors or a preset"
        return PRESETS[self.preset].selectors

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


def load_catalog(path: Path, environ: Mapping[str, str] | None = None, *, resolve: bool = True) -> Catalog:
    """Read and validate a catalog file; ConfigError names file, line and field.

    Header `${VAR}` references are resolved from `environ` (default os.environ);
    `resolve=False` keeps them as written, for tools that edit the file rather than poll.
    """
    context = {"environ": (os.environ if environ is None else environ) if resolve else None}
    catalog, lines = read_model(path, Catalog, context=context)
    ids = FirstSeen("id")
    problems = [
        problem
        for index, source in enumerate(catalog.sources)
        if (problem := ids.duplicate(source.id, path, lines, ("sources", index, "id"))) is not None
    ]
    if problems:
        raise ConfigError(problems)
    return catalog
