"""The pattern classifier: real reports, context rules (negation, hedge, history), benign senses, hostile input."""

from __future__ import annotations

import random

import pytest

from tocsin.records import SignalType as T
from tocsin.streams.classifier import THRESHOLD, Classifier, Detection

CLASSIFIER = Classifier()


def classify(text: str) -> list[Detection]:
    return CLASSIFIER.classify(text)


def types(text: str) -> set[T]:
    return {detection.type for detection in classify(text)}


def assert_spans_point_into(text: str, detections: list[Detection]) -> None:
    for detection in detections:
        assert detection.evidence, detection
        for span in detection.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text


def test_shelling_report_with_exact_evidence() -> None:
    text = "Artillery shelled Stepanakert overnight"
    detections = classify(text)
    assert [d.type for d in detections] == [T.SHELLING]
    assert detections[0].confidence >= THRESHOLD
    assert any("shelled" in span.text.lower() for span in detections[0].evidence)
    assert_spans_point_into(text, detections)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets were fired at Kyiv overnight.", T.SHELLING),
        ("Sirens sounded in Yerevan and residents rushed to shelters.", T.AIR_RAID_ALERT),
        ("Thousands of civilians were evacuated from the border villages.", T.EVACUATION),
        ("Azerbaijani troops were massing near the Lachin corridor.", T.MOBILIZATION),
        ("Fierce fighting broke out near Martakert.", T.ARMED_CLASH),
        ("A car bomb exploded outside the ministry.", T.EXPLOSION),
        ("Israeli warplanes struck targets in Gaza.", T.AIR_STRIKE),
    ],
)
def test_current_events_are_detected(text: str, expected: T) -> None:
    detections = classify(text)
    assert expected in {d.type for d in detections}
    assert_spans_point_into(text, detections)


@pytest.mark.parametrize(
    ("report", "context", "signal_type"),
    [
        ("Shelling was reported overnight in Stepanakert.", "No shelling was reported overnight in Stepanakert.", T.SHELLING),
        ("Artillery shelled the village.", "Officials denied that artillery shelled the village.", T.SHELLING),
        ("Artillery shelled the town.", "Officials warned that artillery could shell the town.", T.SHELLING),
        ("Russia launched a new offensive in spring.", "Russia could launch a new offensive in spring.", T.OFFENSIVE),
        ("Iran launched air strikes on Israel.", "Iran vowed to launch air strikes on Israel.", T.AIR_STRIKE),
        ("Rockets hit Kyiv.", "Officials fear that rockets could hit Kyiv.", T.SHELLING),
        ("Azerbaijani forces shelled Stepanakert.", "In the 2020 war Azerbaijani forces shelled Stepanakert", T.SHELLING),
        ("Azerbaijani forces shelled Stepanakert.", "In the 2020 war, Azerbaijani forces shelled Stepanakert for weeks.", T.SHELLING),
        ("Troops shelled the town.", "Decades ago, troops shelled the town.", T.SHELLING),
    ],
    ids=["negation", "denial", "could", "could-offensive", "vowed-to", "fear-that", "history", "history-comma", "decades-ago"],
)
def test_context_turns_a_report_into_no_signal(report: str, context: str, signal_type: T) -> None:
    """The bare report is detected (so the pair is meaningful); negated, hedged or historical wording is not."""
    assert signal_type in types(report)
    assert signal_type not in types(context)


def test_no_shelling_was_reported() -> None:
    assert classify("No shelling was reported") == []


@pytest.mark.parametrize(
    "text",
    ["Azerbaijan threatened to shell Stepanakert", "Azerbaijan threatened to shell Stepanakert if talks fail."],
)
def test_threat_to_shell_is_a_threat_not_shelling(text: str) -> None:
    found = types(text)
    assert T.THREAT in found
    assert T.SHELLING not in found


@pytest.mark.parametrize(
    ("benign", "war_sense", "signal_type"),
    [
        ("Dockworkers staged a labour strike at the port.", "Air strikes hit the port.", T.AIR_STRIKE),
        ("The sequel was a box-office bomb.", "A roadside bomb exploded near the convoy.", T.EXPLOSION),
        ("United's attack fired five shots on goal in the football match.", "Gunmen attacked the village and opened fire.", T.ARMED_CLASH),
        ("Fighting broke out between fans at the football match.", "Fighting broke out near Martakert.", T.ARMED_CLASH),
        ("Investors are evacuating tech stocks as markets slide.", "Residents are evacuating the town.", T.EVACUATION),
        ("Pupils were evacuated during a school fire drill.", "Pupils were evacuated from the school.", T.EVACUATION),
        ("In the new video game, players can call in air strikes.", "Warplanes carried out air strikes on the town.", T.AIR_STRIKE),
        ("Sirens sounded across the city during a civil defence drill.", "Sirens sounded across the city.", T.AIR_RAID_ALERT),
    ],
    ids=[
        "labour-strike",
        "box-office-bomb",
        "football-attack",
        "football-fans",
        "investors-evacuate",
        "fire-drill",
        "video-game",
        "siren-drill",
    ],
)
def test_benign_look_alikes_carry_no_signal(benign: str, war_sense: str, signal_type: T) -> None:
    assert signal_type in types(war_sense)
    assert classify(benign) == []


def test_case_does_not_matter() -> None:
    assert types("ARTILLERY SHELLED STEPANAKERT OVERNIGHT") == types("artillery shelled stepanakert overnight") == {T.SHELLING}


@pytest.mark.parametrize(
    "prefix",
    ["İstanbul talks collapse\n", "😀🔥 ", "Ⅻ ǅ ß ŉ ", "\u200f\u202e "],
    ids=["dotted-capital-i", "astral-emoji", "case-expanding", "bidi-controls"],
)
def test_offsets_survive_characters_before_the_match(prefix: str) -> None:
    text = prefix + "Artillery shelled Stepanakert overnight."
    detections = classify(text)
    assert T.SHELLING in {d.type for d in detections}
    assert_spans_point_into(text, detections)


def test_results_are_sorted_bounded_and_deterministic() -> None:
    text = (
        "Artillery shelled Stepanakert overnight. Sirens sounded in Yerevan and residents rushed to shelters. "
        + "Shells landed on the town again. " * 20
    )
    first, second = classify(text), classify(text)
    assert [(d.type, d.confidence, d.evidence) for d in first] == [(d.type, d.confidence, d.evidence) for d in second]
    confidences = [d.confidence for d in first]
    assert confidences == sorted(confidences, reverse=True)
    assert all(THRESHOLD <= c <= 0.99 for c in confidences)
    assert all(len(d.evidence) <= 5 for d in first)
    assert_spans_point_into(text, first)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        bytes(random.Random(1).randbytes(20_000)).decode("latin-1"),
        bytes(random.Random(2).randbytes(20_000)).decode("utf-8", "replace"),
        "\x00" * 1000 + "shelled" + "\x00" * 1000,
        "قصفت المدفعية ستيباناكيرت ليلاً. " * 50,
        "הפגזה ארטילרית על העיר. " * 50,
        "توپخانے نے رات بھر گولہ باری کی" + "\u202b" * 100,
        "(" * 5000 + "[" * 5000,
    ],
    ids=["empty", "space", "newlines", "latin1-junk", "utf8-junk", "nul-padded", "arabic", "hebrew", "urdu-bidi", "brackets"],
)
def test_odd_input_does_not_crash(text: str) -> None:
    assert_spans_point_into(text, classify(text))


def test_a_megabyte_of_repeated_text_is_read_in_full() -> None:
    """How long a huge text takes is a benchmark figure (bench/classify.py); here the
    point is that the overlapping scan ends, keeps five spans and points them right."""
    unit = "Residents said the market was busy on Tuesday.\nArtillery shelled Stepanakert overnight. "
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    detections = classify(text)
    assert T.SHELLING in {d.type for d in detections}
    assert all(len(d.evidence) <= 5 for d in detections)
    assert_spans_point_into(text, detections)
