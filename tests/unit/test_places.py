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

