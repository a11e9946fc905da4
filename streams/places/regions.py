"""Which region each place and country belongs to: exactly one, for the whole world.

Two sources, one rule. The gazetteer's watched regions (`regions:` in gazetteer.yaml)
list hand-made places and countries the project follows in depth; the world scheme
(m49.yaml, the UN M49 geographic regions as published) covers every country. A
watched region takes its countries out of the scheme, so Armenia is in
`south_caucasus`, not `western_asia`. Alerts are grouped by region, so a country in
two regions would split or double its alerts, and a country in none would leave its
signals unlocated: both are config errors, found at load and named with file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from tocsin.config import ConfigError, Location, format_loc
from tocsin.streams.places.world import country_codes

#: Says where a config location is, for messages ("gazetteer.yaml:62: regions.x.countries").
Where = Callable[[Location], str]


def check_country_codes(codes: list[str]) -> list[str]:
    unknown = [code for code in codes if code not in country_codes()]
    if unknown:
        raise ValueError(
            f"unknown country codes {', '.join(map(repr, unknown))}: expected ISO 3166 alpha-2 codes in capitals, e.g. UA, RU, IL"
        )
    return codes


#: Region ids are grouping keys of alerts: stable snake_case words (northern_africa).
RegionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")]


class WorldRegion(BaseModel):
    """One region of the world scheme: countries only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    m49: str = Field(pattern=r"^\d{3}$", description="The region's UN M49 numeric code.")
    countries: list[str] = Field(min_length=1, description="ISO 3166 alpha-2 codes.")

    _known = field_validator("countries")(check_country_codes)


class WorldRegions(BaseModel):
    """The world scheme file (m49.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regions: dict[RegionId, WorldRegion] = Field(min_length=1)


_NOUN = {"places": "place", "countries": "country"}


def owners(members: Mapping[str, list[str]], where: Where, field: str) -> tuple[dict[str, str], list[str]]:
    """Member -> the one region listing it, and a problem for each member listed by a second region."""
    owner: dict[str, str] = {}
    problems = []
    for region_id, listed in members.items():
        for index, member in enumerate(listed):
            if member in owner and owner[member] != region_id:
                problems.append(
                    f"{where(('regions', region_id, field, index))}: {member!r} is also in region {owner[member]!r}: "
                    f"a {_NOUN[field]} belongs to exactly one region, remove it from one"
                )
            owner.setdefault(member, region_id)
    return owner, problems


def place_regions(
    watched: Mapping[str, list[str]], place_ids: set[str], where: Where = format_loc, *, complete: bool = False
) -> dict[str, str]:
    """Hand-made place id -> its region; ConfigError for unknown ids, a place in two regions,
    and (`complete`, when the world scheme is on) a place in none."""
    problems = []
    for region_id, listed in watched.items():
        unknown = sorted(set(listed) - place_ids)
        if unknown:
            problems.append(
                f"{where(('regions', region_id, 'places'))}: region {region_id!r} lists unknown place ids: {', '.join(unknown)}"
            )
    owner, twice = owners(watched, where, "places")
    problems += twice
    if complete and (homeless := sorted(place_ids - set(owner))):
        problems.append(f"{where(('places',))}: places in no region: {', '.join(homeless)}: list each in one region's places")
    if problems:
        raise ConfigError(problems)
    return owner


def country_regions(
    watched: Mapping[str, list[str]], world: Mapping[str, WorldRegion] | None, at_watched: Where = format_loc, at_world: Where = format_loc
) -> dict[str, str]:
    """Country code -> its region: a watched region's, else the world scheme's.

    ConfigError for a country in two watched regions or in two scheme regions, a
    scheme region id that is also a watched one, and (with a scheme) a country the
    package knows that is in no region at all.
    """
    owner, problems = owners(watched, at_watched, "countries")
    if world is not None:
        problems += [
            f"{at_world(('regions', rid))}: region id {rid!r} is also a watched region in the gazetteer: rename one"
            for rid in world
            if rid in watched
        ]
        scheme, twice = owners({rid: region.countries for rid, region in world.items()}, at_world, "countries")
        problems += twice
        missing = sorted(country_codes() - set(owner) - set(scheme))
        if missing:
            problems.append(f"{at_world(('regions',))}: countries in no region: {', '.join(missing)}: add each to one region of the scheme")
        owner = {**scheme, **owner}
    if problems:
        raise ConfigError(problems)
    return owner
