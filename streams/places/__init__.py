"""Places named in text, and the regions (named sets of places) they belong to."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from tocsin.config import ConfigError, load_model

DEFAULT_GAZETTEER = Path(__file__).with_name("gazetteer.yaml")

#: Russian, Armenian and Azerbaijani names inflect ("Степанакерта", "Ստեփանակերտում"):
#: a non-Latin name may carry a case ending of up to this many letters.
MAX_ENDING = 4
INFLECTION = r"\w{0,%d}" % MAX_ENDING
_FINAL_VOWEL = re.compile(r"[аяоеиыьйյա]$")


def stem(name: str) -> str:
    """A non-Latin name without its final vowel, which case endings replace (Шуша -> Шуш-и)."""
    return name if name.isascii() else _FINAL_VOWEL.sub("", name)


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

    places: list[Place] = Field(min_length=1)
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
                self._place_of[stem(name.casefold())] = place.id
        names = sorted(self._place_of, key=len, reverse=True)
        alternatives = "|".join(re.escape(n) + ("" if n.isascii() else INFLECTION) for n in names)  # names are stems
        self._pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)
        self._regions_of: dict[str, list[str]] = {}
        for region_id, region in gazetteer.regions.items():
            for place_id in region.places:
                self._regions_of.setdefault(place_id, []).append(region_id)

    def places(self, text: str) -> list[str]:
        """Place ids in order of first mention, each once."""
        found = dict.fromkeys(self._place_id(m.group()) for m in self._pattern.finditer(text))
        return list(found)

    def _place_id(self, matched: str) -> str:
        """The place of a match, allowing for a case ending on a non-Latin name."""
        name = matched.casefold()
        for cut in range(len(name), len(name) - MAX_ENDING - 1, -1):
            if name[:cut] in self._place_of:
                return self._place_of[name[:cut]]
        return self._by_pattern(matched)

    def _by_pattern(self, matched: str) -> str:
        """Slow path for case pairs that `re.IGNORECASE` equates but `casefold` does not (Turkic ı/I)."""
        for name, place_id in self._place_of.items():
            if re.fullmatch(re.escape(name) + ("" if name.isascii() else INFLECTION), matched, re.IGNORECASE):
                return place_id
        raise KeyError(matched)

    def regions(self, place_ids: list[str]) -> list[str]:
        """Region ids of the places, in order of first mention, each once."""
        return list(dict.fromkeys(r for place_id in place_ids for r in self._regions_of.get(place_id, ())))


def load_gazetteer(path: Path = DEFAULT_GAZETTEER) -> PlaceMatcher:
    return PlaceMatcher(load_model(path, Gazetteer))
