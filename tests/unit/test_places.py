"""The gazetteer: place ids in mention order, their regions, and config checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.places import Gazetteer, Place, PlaceMatcher, Region, load_gazetteer
from tocsin.config import ConfigError

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


def test_place_in_several_regions() -> None:
    m = matcher({"x": ["Xland"]}, {"north": ["x"], "south": ["x"]})
    assert m.regions(m.places("News from Xland")) == ["north", "south"]


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

from streams.places import world_index  # noqa: E402
from streams.places.world import WorldConfig, WorldPlace, usable_alternate  # noqa: E402


@pytest.mark.parametrize(
    ("text", "places", "regions"),
    [
        ("Shelling of Mariupol and Kramatorsk", ["ua-mariupol", "ua-kramatorsk"], ["ukraine_russia"]),
        ("Обстрел: Мариуполь", ["ua-mariupol"], ["ukraine_russia"]),  # a Cyrillic alternate name
        ("Պայթյուն Գյումրի քաղաքում", ["am-gyumri"], ["south_caucasus"]),  # an Armenian one
        ("Strikes near Rafah and Homs", ["ps-rafah", "sy-homs"], ["middle_east"]),  # Rafaḩ without its diacritic
        ("Fighting near Goma, Democratic Republic of the Congo", ["cd-goma", "cd"], []),
        ("Protests in St Petersburg", ["ru-saint-petersburg"], ["ukraine_russia"]),
        ("Storm hits New Jersey", ["us"], []),  # a US state is the US, not Jersey
        ("Sudan and Stepanakert", ["sd", "stepanakert"], ["south_caucasus"]),
    ],
)
def test_world_places_and_their_regions_through_countries(text: str, places: list[str], regions: list[str]) -> None:
    assert GAZETTEER.places(text) == places
    assert GAZETTEER.regions(places) == regions


def test_hand_made_places_absorb_the_package_ones() -> None:
    """GeoNames' own spellings of a hand-made place lead to the hand-made id, not to a second one."""
    assert GAZETTEER.places("Կիև") == ["kyiv"]  # an Armenian spelling of Kyiv the hand-made list lacks
    assert GAZETTEER.places("Kyiv and Ukraine") == ["kyiv", "ukraine"]


@pytest.mark.parametrize("text", [
    "A nice split: reading the mobile bath",  # common words, lowercase
    "Nice weather. Reading is fun. Split the bill. Mobile phones.",  # capitalized at a sentence start: the stop list
    "Vladimir Putin met George and Anna",  # people, not Vladimir (Russia) or George (South Africa)
    "Georgia O'Keeffe and Michael Jordan",
    "goma and mariupol",  # world names need a capital
])
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
    assert [usable_alternate(n) for n in ("Киев", "Կիև", "كييف", "Kiev", "IEV", "kiu", "Киев 2")] == [True, True, True, False, False, False, False]


def test_region_countries_are_validated_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.yaml"
    path.write_text("places:\n  - {id: ok, names: [Okay]}\nregions:\n  r:\n    name: R\n    countries: [UA, XX]\n  empty:\n    name: E\n")
    with pytest.raises(ConfigError) as caught:
        load_gazetteer(path)
    problems = caught.value.problems
    assert any(p.startswith(f"{path}:6: regions.r.countries:") and "'XX'" in p for p in problems), problems
    assert any(p.startswith(f"{path}:7: regions.empty") and "places, countries or both" in p for p in problems), problems


def test_a_region_of_countries_only_groups_their_places() -> None:
    gazetteer = Gazetteer(places=[Place(id="x", names=["Xland"])], regions={"east": Region(name="East", countries=["UA"])},
                          world=WorldConfig())
    m = PlaceMatcher(gazetteer)
    assert m.regions(m.places("Drones over Odesa and Xland")) == ["east"]
