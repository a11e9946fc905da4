"""Where a signal happened: triggers attributed to event places, not actors, history or mere mentions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.factories import raw_article
from tocsin.streams.classifier import Classifier
from tocsin.streams.detector import UNLOCATED, detect
from tocsin.streams.normalizer import normalize
from tocsin.streams.places import load_gazetteer
from tocsin.streams.places.locate import Locator, Mention, Span, dated_spans, is_actor, sentences

PLACES = load_gazetteer()
CLASSIFIER = Classifier()
YEAR = 2026


def locate(text: str, mentions: list[Mention], triggers: list[Span], year: int = YEAR) -> list[str]:
    return Locator(text, mentions, year).regions(triggers)


def regions_of(title: str, text: str, **fields: object) -> list[tuple[str, str, list[str]]]:
    """(type, region, regions) of each signal detect makes of an article."""
    article = normalize(raw_article(title=title, summary=text, published=datetime(YEAR, 2, 1, tzinfo=UTC), **fields))
    return [(s.type.value, s.region, s.regions) for s in detect(article, CLASSIFIER, PLACES)]


def test_stepanakert_report_naming_russian_peacekeepers_and_israeli_drones_is_south_caucasus_only() -> None:
    signals = regions_of(
        "Shelling hits Stepanakert",
        "Azerbaijani forces shelled Stepanakert, the main town of Nagorno-Karabakh, on Tuesday. "
        "Russian peacekeepers said Israeli-made drones were used in the attack.",
    )
    assert signals and {region for _, region, _ in signals} == {"south_caucasus"}
    assert all(regions == ["south_caucasus"] for *_, regions in signals)


def test_fighting_in_khartoum_is_sudans_region() -> None:
    signals = regions_of("Clashes in Khartoum", "Heavy fighting between the army and the RSF broke out in Khartoum.")
    assert signals and {region for _, region, _ in signals} == {"northern_africa"}


def test_a_country_that_urges_is_not_where_it_happened() -> None:
    text = "Turkey urged Azerbaijan to halt the offensive in Karabakh"
    assert locate(text, PLACES.mentions(text), [(text.index("offensive"), text.index("offensive") + 9)], YEAR) == ["south_caucasus"]
    assert PLACES.regions(PLACES.places(text)) == ["western_asia", "south_caucasus"], "Turkey is named, in its own region"


def test_two_triggers_in_two_regions_give_two_regions_and_one_signal_each() -> None:
    signals = regions_of("Overnight attacks", "Missiles struck Kharkiv overnight. Separately, artillery shelled Stepanakert.")
    assert sorted(region for _, region, _ in signals) == ["south_caucasus", "ukraine_russia"]


def test_an_article_mentioning_other_regions_elsewhere_gets_one() -> None:
    signals = regions_of(
        "Shelling in Kharkiv",
        "Artillery shelled Kharkiv on Monday. The war has also shaped politics in Georgia's neighbour Armenia and in Israel.",
    )
    assert {(region, tuple(regions)) for _, region, regions in signals} == {("ukraine_russia", ("ukraine_russia",))}


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("Russian peacekeepers withdrew", {"russia"}),
        ("Israeli-made drones", {"israel"}),
        ("Iranian-backed militias", {"iran"}),
        ("Turkey urged restraint", {"tr"}),
        ("The United States said it was concerned", {"us"}),
        ("Russia's defence ministry said", {"russia"}),
        ("France on Monday condemned", {"fr"}),
        ("drones supplied by Iran", {"iran"}),
        ("talks with Russia", {"russia"}),
        ("Moscow-brokered ceasefire", {"russia"}),
        # places, not actors
        ("Armenian villages were shelled", set()),
        ("Shelling in Ukraine's Kharkiv region", set()),
        ("Strikes on Russia overnight", set()),
        ("France, Germany and Italy", set()),
    ],
)
def test_actors(text: str, actors: set[str]) -> None:
    assert {m.place for m in PLACES.mentions(text) if is_actor(text, m)} == actors


@pytest.mark.parametrize(
    ("text", "historical"),
    [
        ("Azerbaijan took Shusha in the 2020 war", ["Shusha"]),
        ("Shusha, captured in the 2020 war, was shelled", ["captured in the 2020 war"]),  # the subject is not history
        ("Artillery hit Stepanakert, which was besieged in 1994", []),  # only the dated clause
        ("In 2014, Russia annexed Crimea", ["Russia annexed Crimea"]),
        ("During the 1990s war Kelbajar fell", ["During the 1990s war Kelbajar fell"]),
        ("Shelling since 2020 has hit Jermuk", []),  # since: up to now
        ("In 2026 shelling hit Jermuk", []),  # the article's year
    ],
)
def test_dated_clauses(text: str, historical: list[str]) -> None:
    spans = [text[s:e] for s, e in dated_spans(text, YEAR)]
    assert [part for part in historical if not any(part in span for span in spans)] == []
    assert not any(name in span for span in spans for name in ("Jermuk", "Stepanakert", "was shelled")), spans


def test_a_historical_place_does_not_locate_a_signal() -> None:
    text = "Title\nShelling hit Kharkiv today; Israel fought in Gaza in 2014."
    trigger = (text.index("Shelling"), text.index("Shelling") + 8)
    assert locate(text, PLACES.mentions(text), [trigger], YEAR) == ["ukraine_russia"]


def test_trigger_sentence_outranks_title_which_outranks_the_rest() -> None:
    text = "Report from Kharkiv\nCalm in Stepanakert. Shelling hit Gaza overnight. Later Stepanakert again."
    mentions = PLACES.mentions(text)
    shelling = text.index("Shelling")
    calm = text.index("Calm")
    assert locate(text, mentions, [(shelling, shelling + 8)], YEAR) == ["middle_east"]
    assert locate(text, mentions, [(calm, calm + 4)], YEAR) == ["south_caucasus"]
    body = "Report\nShelling went on. Stepanakert and Stepanakert, then Kharkiv."
    assert locate(body, PLACES.mentions(body), [(7, 15)], YEAR) == ["south_caucasus"], "the rest: the most-named region"
    assert locate(
        text.replace("Calm in Stepanakert", "Calm there"),
        PLACES.mentions(text.replace("Calm in Stepanakert", "Calm there")),
        [(calm, calm + 4)],
        YEAR,
    ) == ["ukraine_russia"], "a sentence without places: the title's"


def test_mentions_without_region_or_only_actors_locate_nothing() -> None:
    assert locate("x\nyz", [Mention("nowhere", None, 2, 3)], [(2, 3)], YEAR) == []
    text = "Update\nRussian officials said shelling continued."
    assert locate(text, PLACES.mentions(text), [(text.index("shelling"), text.index("shelling") + 8)], YEAR) == []


def test_sentences_split_on_newlines_and_sentence_ends_not_abbreviations() -> None:
    text = "Title here\nThe U.S. said so. Then more! And done"
    assert [text[s:e].strip() for s, e in sentences(text)] == ["Title here", "The U.S. said so.", "Then more!", "And done"]


def test_without_a_place_the_sources_first_region_hint_locates() -> None:
    text = "Artillery shelled the town overnight, officials said."
    hinted = regions_of("Overnight shelling", text, source_regions=["ukraine_russia", "middle_east"])
    assert hinted and all((region, regions) == ("ukraine_russia", ["ukraine_russia"]) for _, region, regions in hinted)
    assert all((region, regions) == (UNLOCATED, []) for _, region, regions in regions_of("Overnight shelling", text))


def test_a_place_in_the_text_beats_the_sources_hint() -> None:
    signals = regions_of("Shelling in Stepanakert", "Artillery shelled Stepanakert.", source_regions=["ukraine_russia"])
    assert signals and {region for _, region, _ in signals} == {"south_caucasus"}


def test_a_benign_text_gives_no_signals_and_the_places_it_names() -> None:
    article = normalize(raw_article(title="Wine festival in Yerevan", summary="Visitors from Russia and France enjoyed the sun."))
    assert detect(article, CLASSIFIER, PLACES) == []
    assert PLACES.places("Wine festival in Yerevan\nVisitors from Russia and France enjoyed the sun.") == ["yerevan", "russia", "fr"]


def test_signal_places_are_every_place_named() -> None:
    article = normalize(raw_article(title="Shelling hits Stepanakert", summary="Russian peacekeepers said Israeli-made drones were used."))
    [signal] = detect(article, CLASSIFIER, PLACES)
    assert signal.places == ["stepanakert", "russia", "israel"] and signal.regions == ["south_caucasus"]
