"""The development sets of the Spanish, Italian and Azerbaijani lexicons
(tests/fixtures/dev/<lang>.jsonl) stay at the figures measured when those lexicons were
last tuned on them (docs/classification.md, "Languages").

Unlike the held-out sets (tests/fixtures/heldout/, never read while tuning), these were
written for tuning: news headlines and ledes over every signal type, with benign
look-alikes, negated, demanded and historical mentions. They are in the same format as
the held-out sets, so a floor here catches a lexicon change that loses what was fixed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers.language_sets import ROOT, score
from tocsin.records import SignalType
from tocsin.streams.classifier import Classifier

DEV = ROOT / "tests" / "fixtures" / "dev"
CLASSIFIER = Classifier()

# language, floor of macro-F1 over every type, floor of violent macro-F1, most false alarms:
# the figures measured on the finished lexicons, cut to three decimals
FLOORS = [
    ("es", 0.985, 0.967, 1),
    ("it", 0.996, 0.986, 0),
    ("az", 0.989, 0.988, 0),
]


@pytest.mark.parametrize("language", [row[0] for row in FLOORS])
def test_each_set_is_well_formed_and_covers_every_type(language: str) -> None:
    rows = [json.loads(line) for line in (DEV / f"{language}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60
    assert len({row["id"] for row in rows}) == len(rows)
    assert all(row["language"] == language and row["id"].startswith(f"{language}-dev-") for row in rows)
    labels = Counter(label for row in rows for label in row["labels"])
    assert set(labels) == {t.value for t in SignalType}
    assert sum(1 for row in rows if not row["labels"]) * 4 >= len(rows)


@pytest.mark.parametrize(("language", "floor_all", "floor_violent", "most_false_alarms"), FLOORS, ids=[row[0] for row in FLOORS])
def test_each_language_stays_at_its_development_figure(
    language: str, floor_all: float, floor_violent: float, most_false_alarms: int, tmp_path: Path
) -> None:
    report = score(DEV / f"{language}.jsonl", tmp_path, CLASSIFIER)
    assert report.macro_f1_all is not None and report.macro_f1_all >= floor_all
    assert report.macro_f1 is not None and report.macro_f1 >= floor_violent
    assert report.false_alarms <= most_false_alarms
