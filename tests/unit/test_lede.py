"""What an article reports (its headline and lede) against what its body only mentions.

tocsin.streams.detector.lede_end, Detection.lede_confidence and the rules' `body_min_sources`:
one outlet whose body alone mentions fighting pages nobody; its headline or lede
reporting it, or a second outlet behind the story, does.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.unit.factories import raw_article
from tocsin import PROJECT_ROOT
from tocsin.records import SignalType
from tocsin.streams.classifier import Classifier
from tocsin.streams.detector import detect, lede_end
from tocsin.streams.normalizer import normalize
from tocsin.streams.places import load_gazetteer
from tocsin.streams.replay import Replay, ReplayItem
from tocsin.streams.rules import load_rule_set

CLASSIFIER = Classifier()
AT = datetime.fromisoformat("2026-03-02T07:00:00+00:00")
BUDGET = "Armenian parliament approves next year's budget"
BUDGET_LEDE = "Lawmakers in Yerevan approved a budget that raises spending on schools and roads by a tenth, the finance ministry said."
SHELLING = "Overnight, Azerbaijani artillery shelled villages near Stepanakert, local officials said."


@pytest.fixture(scope="module")
def default_rules():
    return load_rule_set(PROJECT_ROOT / "alert_rules")


@pytest.mark.parametrize(
    ("text", "lede"),
    [
        (
            "Title\nThe army said its units had crossed the river at dawn. Later, more.",
            "The army said its units had crossed the river at dawn.",
        ),
        (
            "Title\nUpdated. The army said its units had crossed the river at dawn. Later, more.",
            "Updated. The army said its units had crossed the river at dawn.",  # a fragment is no lede on its own
        ),
        (
            "U.S. Strikes Hit Depot\nThe U.S. military said it struck a depot near the border. Body.",
            "The U.S. military said it struck a depot near the border.",
        ),
        ("Only a headline\n", ""),
        ("Title\n" + "word " * 250 + "end. Body.", "word " * 250 + "end. Body."),  # no full stop in 1,000 characters: all lede
    ],
    ids=["first-sentence", "fragment-joins-the-next", "abbreviations-in-title-and-lede", "no-text", "no-sentence-end-found"],
)
def test_the_lede_is_the_first_full_sentence_below_the_headline(text: str, lede: str) -> None:
    title, _ = text.split("\n", 1)
    assert text[: lede_end(text)].strip() == f"{title}\n{lede}".strip()


def test_lede_confidence_counts_only_the_evidence_before_the_lede_end() -> None:
    text = f"{BUDGET}\n{BUDGET_LEDE} {SHELLING}"
    (shelling,) = [d for d in CLASSIFIER.classify(text, lede=lede_end(text)) if d.type is SignalType.SHELLING]
    assert shelling.confidence >= 0.6 and shelling.lede_confidence == 0.0
    (whole,) = [d for d in CLASSIFIER.classify(text) if d.type is SignalType.SHELLING]
    assert whole.lede_confidence == whole.confidence  # without a lede, the whole text is one
    leading = f"{BUDGET}\n{SHELLING} {BUDGET_LEDE}"
    (led,) = [d for d in CLASSIFIER.classify(leading, lede=lede_end(leading)) if d.type is SignalType.SHELLING]
    assert led.lede_confidence == led.confidence >= 0.6


def test_signals_carry_what_the_lede_alone_says() -> None:
    article = normalize(raw_article(title=BUDGET, summary=f"{BUDGET_LEDE} {SHELLING}"))
    (signal,) = [s for s in detect(article, CLASSIFIER, load_gazetteer()) if s.type is SignalType.SHELLING]
    assert signal.region == "south_caucasus" and signal.confidence >= 0.6 and signal.lede_confidence == 0.0


def item(source: str, title: str, summary: str, minutes: int = 0) -> ReplayItem:
    at = AT.replace(minute=minutes)
    return ReplayItem(source=source, url=f"https://{source}.example/{minutes}", title=title, summary=summary, published=at, fetched=at)


def test_one_outlet_mentioning_shelling_below_its_lede_pages_nobody(default_rules) -> None:
    notes = list(Replay(default_rules).run([item("yerevan-daily", BUDGET, f"{BUDGET_LEDE} {SHELLING}")]))
    assert notes == []  # no critical, and no digest line under a budget headline


def test_the_same_shelling_in_the_headline_pages_at_once(default_rules) -> None:
    first = item("yerevan-daily", "Azerbaijani artillery shells villages near Stepanakert", f"{SHELLING} {BUDGET_LEDE}")
    notes = list(Replay(default_rules).run([first]))
    assert [(n["rule"], n["severity"], n["labels"]["region"]) for n in notes] == [("violent-escalation", "critical", "south_caucasus")]
    assert notes[0]["at"] == AT.isoformat()


def test_a_second_outlet_behind_the_story_makes_the_body_mention_count(default_rules) -> None:
    summary = f"{BUDGET_LEDE} {SHELLING}"
    notes = list(Replay(default_rules).run([item("yerevan-daily", BUDGET, summary), item("caucasus-wire", BUDGET, summary, minutes=20)]))
    critical = [n for n in notes if n["severity"] == "critical"]
    assert critical and critical[0]["rule"] == "violent-escalation" and critical[0]["at"] == AT.replace(minute=20).isoformat()
