"""Places named in text, and the regions (named sets of places) they belong to."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from tocsin.config import ConfigError, load_model

DEFAULT_GAZETTEER = Path(__file__).with_name("gazetteer.yaml")


class Place(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    kind: str = "place"
    names: list[str] = Field(min_length=1)


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    places: list[str] = Field(min_length=1)


class Gazetteer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    places: list[Place]
    regions: dict[str, Region] = Field(default_factory=dict)


class PlaceMatcher:
    """Finds place ids in text with one compiled pattern, longest name first."""

    def __init__(self, gazetteer: Gazetteer):
        known = {place.id for place in gazetteer.places}
        for region_id, region in gazetteer.regions.items():
            unknown = sorted(set(region.places) - known)
            if unknown:
                raise ConfigError([f"region {region_id!r} lists unknown place ids: {', '.join(unknown)}"])
        self._place_of: dict[str, str] = {}
        for place in gazetteer.places:
            for name in place.names:
                self._place_of[name.casefold()] = place.id
        names = sorted(self._place_of, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
        self._regions_of: dict[str, list[str]] = {}
        for region_id, region in gazetteer.regions.items():
            for place_id in region.places:
                self._regions_of.setdefault(place_id, []).append(region_id)

    def places(self, text: str) -> list[str]:
        """Place ids in order of first mention, each once."""
        found = dict.fromkeys(self._place_of[m.group().casefold()] for m in self._pattern.finditer(text))
        return list(found)

    def regions(self, place_ids: list[str]) -> list[str]:
        """Region ids of the places, in order of first mention, each once."""
        return list(dict.fromkeys(r for place_id in place_ids for r in self._regions_of.get(place_id, ())))


def load_gazetteer(path: Path = DEFAULT_GAZETTEER) -> PlaceMatcher:
    return PlaceMatcher(load_model(path, Gazetteer))
