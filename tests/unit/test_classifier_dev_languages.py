"""The development sets of the lexicons that have one
(tests/fixtures/dev/<set>.jsonl) stay at the figures measured when those lexicons were
last tuned on them (docs/classification.md, "Languages").

Unlike the held-out sets (tests/fixtures/heldout/, never read while tuning), these were
written for tuning: news headlines and ledes over every signal type, with benign
look-alikes, negated, demanded and historical mentions. They are in the same format as
the held-out sets, so a floor here catches a lexicon change that loses what was fixed.
A language may have several sets by different authors (`it`, `it_b`; where a language's
first development sentences are its unit tests, test_classifier_<languages>.py, its
`<lang>_b` set is a second author's: `fa_b`, `he_b`, `pt_b`): one author's phrasing alone is what a lexicon over-fits.
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

# set, its language, floor of macro-F1 over every type, floor of violent macro-F1, most
# false alarms: the figures measured on the finished lexicons, cut to three decimals
FLOORS = [
    ("es", "es", 0.985, 0.967, 1),
    ("it", "it", 0.996, 0.986, 0),
    ("it_b", "it", 0.986, 1.0, 0),
    ("az", "az", 0.989, 0.988, 0),
    ("fa_b", "fa", 0.994, 0.992, 0),
    ("he_b", "he", 0.992, 1.0, 0),
    ("ka_b", "ka", 0.985, 0.994, 1),
    ("de_b", "de", 0.984, 0.983, 0),
    ("pt_b", "pt", 0.998, 0.993, 0),
]


@pytest.mark.parametrize(("name", "language"), [row[:2] for row in FLOORS], ids=[row[0] for row in FLOORS])
def test_each_set_is_well_formed_and_covers_every_type(name: str, language: str) -> None:
    rows = [json.loads(line) for line in (DEV / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60
    assert len({row["id"] for row in rows}) == len(rows)
    assert all(row["language"] == language and row["id"].startswith(f"{language}-dev-") for row in rows)
    labels = Counter(label for row in rows for label in row["labels"])
    assert set(labels) == {t.value for t in SignalType}
    assert sum(1 for row in rows if not row["labels"]) * 4 >= len(rows)


@pytest.mark.parametrize(
    ("name", "floor_all", "floor_violent", "most_false_alarms"), [(n, *floors) for n, _, *floors in FLOORS], ids=[row[0] for row in FLOORS]
)
def test_each_set_stays_at_its_development_figure(
    name: str, floor_all: float, floor_violent: float, most_false_alarms: int, tmp_path: Path
) -> None:
    report = score(DEV / f"{name}.jsonl", tmp_path, CLASSIFIER)
    assert report.macro_f1_all is not None and report.macro_f1_all >= floor_all
    assert report.macro_f1 is not None and report.macro_f1 >= floor_violent
    assert report.false_alarms <= most_false_alarms
