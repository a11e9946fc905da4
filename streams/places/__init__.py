"""Places named in text, and the one region each belongs to.

Two sources of names (docs/places.md): the hand-made gazetteer (gazetteer.yaml), with
alternate names, transliterations and case endings for the watched regions, and the
world's countries and major cities from a data package (streams/places/world.py),
added when the gazetteer has a `world:` section. Hand-made names win. Regions: the
gazetteer's watched regions, and for every other country the world scheme
(m49.yaml, streams/places/regions.py). Which of the named places is where a signal
happened is `tocsin.streams.places.locate`'s job.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tocsin.config import format_loc, located, read_model
from tocsin.streams.places.locate import Mention
from tocsin.streams.places.regions import Where, WorldRegion, WorldRegions, check_country_codes, country_regions, place_regions
from tocsin.streams.places.world import WorldConfig, WorldPlace, world_places

DEFAULT_GAZETTEER = Path(__file__).with_name("gazetteer.yaml")

#: Russian, Armenian and Azerbaijani names inflect ("Степанакерта", "Ստեփանակերտում"):
#: a non-Latin name may carry a case ending of up to this many letters.
MAX_ENDING = 4
INFLECTION = rf"\w{{0,{MAX_ENDING}}}"
_FINAL_VOWEL = re.compile(r"[аяоеиыьйյա]$")


def stem(name: str) -> str:
    """A non-Latin name without its final vowel, which case endings replace (Шуша -> Шуш-и)."""
    return name if name.isascii() else _FINAL_VOWEL.sub("", name)


def names_pattern(names: list[str]) -> re.Pattern[str]:
    """Where one of `names` stands as a word, any case, a non-Latin one with a case
    ending (INFLECTION): the alternation of them in their order, each name's branch
    opened by its first character as a case-sensitive class of every character
    `re.IGNORECASE` equates with it (`case_variants`).

    Why: `re` skips an alternation's branch without entering it only when the branch
    opens with a case-sensitive character or class; under IGNORECASE no name did, so
    every word start entered all 164 names (0.4 ms per news item). Names are grouped by
    first character; names whose first characters share a variant (i and ı both match
    I) stay in one group in their order, so the first name to match is the plain
    alternation's."""
    variants = case_variants(frozenset(name[0] for name in names))
    group = _overlapping(variants)
    branches = []
    for key in dict.fromkeys(group[name[0]] for name in names):
        members = [name for name in names if group[name[0]] == key]
        for first, run in itertools.groupby(members, key=lambda name: name[0]):
            rests = "|".join(re.escape(name[1:]) + ("" if name.isascii() else INFLECTION) for name in run)
            branches.append(f"(?-i:[{''.join(map(re.escape, sorted(variants[first])))}])(?:{rests})")
    return re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)", re.IGNORECASE)


@functools.cache
def case_variants(chars: frozenset[str]) -> dict[str, frozenset[str]]:
    """Every character that `re.IGNORECASE` equates with each of `chars`, found by asking
    `re` itself over all of Unicode: its rules hold special pairs (Turkic ı and İ, the
    Kelvin sign, Georgian capitals) that no str method reproduces."""
    alternation = re.compile("|".join(map(re.escape, chars)), re.IGNORECASE)
    equal = [c for c in map(chr, range(sys.maxunicode + 1)) if alternation.match(c)]
    return {char: frozenset(c for c in equal if re.fullmatch(re.escape(char), c, re.IGNORECASE)) for char in chars}


def _overlapping(variants: dict[str, frozenset[str]]) -> dict[str, int]:
    """A group number per character, shared by characters whose variants overlap, directly or through others."""
    group = {char: index for index, char in enumerate(variants)}
    for a, b in itertools.combinations(variants, 2):
        if variants[a] & variants[b] and group[a] != group[b]:
            merged, into = group[b], group[a]
            group = {char: into if number == merged else number for char, number in group.items()}
    return group


class Place(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    kind: str = "place"
    names: list[str] = Field(min_length=1)
    demonyms: list[str] = Field(
        default_factory=list,
        description="Names of its people or forces (Russian, Israeli): matched, but as actors, not as where an event happened.",
    )


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    places: list[str] = Field(default_factory=list)
    countries: list[str] = Field(
        default_factory=list, description="ISO 3166 alpha-2 codes: the country and its cities belong to the region."
    )

    _known = field_validator("countries")(check_country_codes)

    @model_validator(mode="after")
    def _not_empty(self) -> Region:
        if not self.places and not self.countries:
            raise ValueError("a region needs places, countries or both")
        return self


class Gazetteer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    places: list[Place] = Field(min_length=1)
    regions: dict[str, Region] = Field(default_factory=dict)
    world: WorldConfig | None = Field(default=None, description="Add the world's countries and major cities (streams/places/world.py).")


class PlaceMatcher:
    """Finds places in text: hand-made names and demonyms with one compiled pattern (longest
    first, case endings allowed), then world names by a word n-gram lookup (capitalized, whole
    words); and knows the one region of each place.

    `world_regions` is the world scheme (m49.yaml): with it every country has a region.
    `where` names config locations in errors (`load_gazetteer` gives file and line).
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        world_regions: Mapping[str, WorldRegion] | None = None,
        where: Where = format_loc,
        where_world: Where = format_loc,
    ):
        self._region_of_place = place_regions(
            {rid: region.places for rid, region in gazetteer.regions.items()},
            {place.id for place in gazetteer.places},
            where,
            complete=world_regions is not None,
        )
        self._region_of_country = country_regions(
            {rid: region.countries for rid, region in gazetteer.regions.items()},
            world_regions,
            where,
            where_world,
        )
        #: Display name of every region id ("South Caucasus", "Western Africa"), for tools that match names.
        self.region_names: dict[str, str] = {rid: region.name for rid, region in (world_regions or {}).items()}
        self.region_names.update({rid: region.name for rid, region in gazetteer.regions.items()})
        self._place_of: dict[str, tuple[str, bool]] = {}
        for place in gazetteer.places:
            for name in place.names:
                self._place_of[stem(name.casefold())] = (place.id, False)
            for name in place.demonyms:
                self._place_of[stem(name.casefold())] = (place.id, True)
        self._pattern = names_pattern(sorted(self._place_of, key=len, reverse=True))  # longest first; names are stems
        self._index_world(gazetteer)

    def _index_world(self, gazetteer: Gazetteer) -> None:
        """World names (none without a `world:` section), and the country of each world place."""
        self._world_of: dict[str, str] = {}
        self._country_of: dict[str, str] = {}
        if gazetteer.world is not None:
            countries = frozenset(code for region in gazetteer.regions.values() for code in region.countries)
            hand_made = {name_key(name): place.id for place in gazetteer.places for name in (*place.names, *place.demonyms)}
            ignored = {name_key(name) for name in gazetteer.world.ignore_names}
            self._world_of, self._country_of = world_index(world_places(gazetteer.world, countries), hand_made, ignored)
        self._first_words = {key.split(" ", 1)[0] for key in self._world_of}

    @property
    def region_ids(self) -> frozenset[str]:
        """Every region a place or country can belong to (for checking region ids given elsewhere)."""
        return frozenset(self._region_of_place.values()) | frozenset(self._region_of_country.values())

    def mentions(self, text: str) -> list[Mention]:
        """Every place named, in text order, with its region and offsets."""
        found = [(m.start(), m.end(), *self._place_id(m.group())) for m in self._pattern.finditer(text)]
        if self._world_of:
            world = [(s, e, place_id, False) for s, e, place_id in self._world_hits(text)]
            found = sorted(found + [hit for hit in world if not any(s < hit[1] and hit[0] < e for s, e, *_ in found)])
        return [Mention(place_id, self.region(place_id), start, end, demonym) for start, end, place_id, demonym in found]

    def places(self, text: str) -> list[str]:
        """Place ids in order of first mention, each once."""
        return list(dict.fromkeys(mention.place for mention in self.mentions(text)))

    def _world_hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, id) of world names: the longest run of words that is a name, starting at a capital."""
        hits: list[tuple[int, int, str]] = []
        after = 0
        for first in _CANDIDATE.finditer(text):
            word = first.group()
            if first.start() < after or word[0].islower() or word.casefold() not in self._first_words:
                continue
            run, ends = [word], [first.end()]
            while len(run) < MAX_NAME_WORDS and (following := _NEXT_WORD.match(text, ends[-1])):
                run.append(following.group(1))
                ends.append(following.end())
            for n in range(len(run), 0, -1):
                place_id = self._world_of.get(" ".join(run[:n]).casefold())
                if place_id is not None:
                    hits.append((first.start(), ends[n - 1], place_id))
                    after = ends[n - 1]
                    break
        return hits

    def _place_id(self, matched: str) -> tuple[str, bool]:
        """The place of a match and whether it was a demonym, allowing for a case ending on a non-Latin name."""
        name = matched.casefold()
        for cut in range(len(name), len(name) - MAX_ENDING - 1, -1):
            if name[:cut] in self._place_of:
                return self._place_of[name[:cut]]
        return self._by_pattern(matched)

    def _by_pattern(self, matched: str) -> tuple[str, bool]:
        """Slow path for case pairs that `re.IGNORECASE` equates but `casefold` does not (Turkic ı/I)."""
        for name, place in self._place_of.items():
            if re.fullmatch(re.escape(name) + ("" if name.isascii() else INFLECTION), matched, re.IGNORECASE):
                return place
        raise KeyError(matched)

    def region(self, place_id: str) -> str | None:
        """The region of a place: the one listing it, else its country's; None when neither has one."""
        return self._region_of_place.get(place_id) or self._region_of_country.get(self._country_of.get(place_id, ""))

    def country_region(self, code: str) -> str | None:
        """The region of a country (ISO 3166 alpha-2 code, capitals)."""
        return self._region_of_country.get(code)

    def regions(self, place_ids: list[str]) -> list[str]:
        """Region ids of the places, in order of first mention, each once."""
        return list(dict.fromkeys(region for region in map(self.region, place_ids) if region is not None))


_WORD = re.compile(r"\w+")
#: Words that may start a world name: not starting with a lowercase Latin, Cyrillic or
#: Armenian letter, a digit or "_" (a cheap pre-filter; `islower` decides the rest).
_CANDIDATE = re.compile(r"(?<!\w)(?![a-z\u00df-\u00ff\u0430-\u045f\u0561-\u0587\d_])\w+")
#: The next word of a name: "Rostov-on-Don", "N'Djamena", "Gaza City".
_NEXT_WORD = re.compile(r"[ \u00a0'’-]{1,2}(\w+)")
#: World names of more words are not indexed ("Democratic Republic of the Congo" has five).
MAX_NAME_WORDS = 5


def name_key(name: str) -> str:
    """A name as the world index stores it: its words, casefolded, single-spaced."""
    return " ".join(_WORD.findall(name.casefold()))


def world_index(world: list[WorldPlace], hand_made: dict[str, str], ignored: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Name key -> place id, and place id -> country code, for the world places.

    The first place to claim a name keeps it (`world` comes countries first, then by
    population). A hand-made name is never indexed here, and a world place whose
    main name is hand-made becomes that hand-made place (GeoNames' Kyiv spellings
    all lead to `kyiv`). "Saint X" is also indexed as "St X".
    """
    place_of: dict[str, str] = {}
    country_of: dict[str, str] = {}
    for place in world:
        place_id = hand_made.get(name_key(place.name), place.id)
        country_of.setdefault(place_id, place.country)
        for key in map(name_key, place.names):
            for variant in (key, "st " + key.removeprefix("saint ")) if key.startswith("saint ") else (key,):
                if variant and variant.count(" ") < MAX_NAME_WORDS and variant not in hand_made and variant not in ignored:
                    place_of.setdefault(variant, place_id)
    return place_of, country_of


M = TypeVar("M", bound=BaseModel)


def read_config(path: Path, model: type[M]) -> tuple[M, Where]:
    """A validated config file, and how to name a location in it ("path:line: regions.x.countries")."""
    config, lines = read_model(path, model)
    return config, functools.partial(located, path, lines)


def load_gazetteer(path: Path = DEFAULT_GAZETTEER) -> PlaceMatcher:
    """The gazetteer at `path` and, with its `world:` section, the world scheme file it names."""
    gazetteer, where = read_config(path, Gazetteer)
    if gazetteer.world is None:
        return PlaceMatcher(gazetteer, where=where)
    scheme, where_world = read_config(path.parent / gazetteer.world.regions_file, WorldRegions)
    return PlaceMatcher(gazetteer, scheme.regions, where, where_world)
