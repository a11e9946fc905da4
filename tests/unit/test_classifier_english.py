"""English context rules and benign senses, on sentences written for these tests."""

from __future__ import annotations

import pytest

from streams.classifier import THRESHOLD, Classifier
from tocsin.records import SignalType as T

CLASSIFIER = Classifier()


def _types(text: str) -> set[T]:
    return {d.type for d in CLASSIFIER.classify(text)}


@pytest.mark.parametrize(
    ("signal_type", "text"),
    [
        (T.ARMED_CLASH, "Gunmen opened indiscriminate fire on a checkpoint, killing two guards."),
        (T.ARMED_CLASH, "Two militants were killed in an encounter with security forces."),
        (T.AIR_STRIKE, "Warplanes backed by drones pounded rebel positions for a third day."),
        (T.SHELLING, "Fighters fired dozens of rockets at the airport."),
        (T.EXPLOSION, "A powerful explosion ripped through the market."),
        (T.TERRITORIAL_CHANGE, "Government troops recaptured the strategic town of Harlow."),
        (T.MOBILIZATION, "The ministry sent additional troops to the border region."),
        (T.CASUALTIES, "The attack left at least 12 people dead."),
    ],
)
def test_news_phrasings(signal_type: T, text: str) -> None:
    assert signal_type in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The album was an explosion of colour and sound.",
        "Users are bombarded with pop-up ads.",
        "The film fell to the number two spot at the box office.",
        "The striker was called up to the national squad.",
        "The company dropped the threat of legal action against its banks.",
        "No shelling was reported overnight.",
    ],
)
def test_look_alikes_and_denials_stay_quiet(text: str) -> None:
    assert _types(text) == set()


def test_denial_after_the_trigger_lowers_confidence() -> None:
    assert T.SHELLING not in _types("Shelling of the city was not reported by officials.")


def test_confidences_are_at_or_above_threshold_and_spans_exact() -> None:
    text = "Title\nRebels shelled the town; a car bomb exploded later."
    detections = CLASSIFIER.classify(text)
    assert all(d.confidence >= THRESHOLD for d in detections)
    assert all(text[s.start : s.end] == s.text for d in detections for s in d.evidence)
