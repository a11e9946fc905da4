"""The multilingual held-out sets (tests/fixtures/heldout/<lang>.jsonl): format, size, coverage.

These files judge the classifier; they are never used to tune it. This test only checks that they
stay well-formed and keep the coverage their README promises; it does not run the classifier.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from tocsin.records import SignalType

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"

# language -> minimum number of items
MINIMUM = {
    "tr": 60,
    "fr": 60,
    "de": 60,
    "es": 60,
    "it": 60,
    "pt": 60,
    "ar": 60,
    "fa": 60,
    "ka": 60,
    "he": 60,
    "hy": 80,
    "az": 80,
}
# types that must be covered more densely than the others
DENSE = {"shelling", "air_strike", "armed_clash", "offensive", "evacuation", "air_raid_alert", "territorial_change"}
# the script a language's texts must mostly be written in (None: Latin, not checked)
SCRIPT = {"ar": "ARABIC", "fa": "ARABIC", "he": "HEBREW", "ka": "GEORGIAN", "hy": "ARMENIAN"}

TYPES = {t.value for t in SignalType}
FIELDS = {"id", "language", "text", "labels"}


def load(lang: str) -> list[dict]:
    path = HELDOUT / f"{lang}.jsonl"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number}: blank line"
        rows.append(json.loads(line))
    return rows


def test_the_taxonomy_has_the_fifteen_types_these_sets_use():
    assert len(TYPES) == 15


def test_there_is_one_file_per_language_and_nothing_else():
    present = {p.stem for p in HELDOUT.glob("*.jsonl")}
    assert present == set(MINIMUM)


@pytest.mark.parametrize("lang", sorted(MINIMUM))
def test_every_line_is_a_well_formed_item(lang):
    rows = load(lang)
    for number, row in enumerate(rows, 1):
        where = f"{lang}.jsonl:{number}"
        assert FIELDS <= row.keys() <= FIELDS | {"note"}, where
        assert row["id"] == f"{lang}-{number:03d}", where
        assert row["language"] == lang, where
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] and row["text"], where
        assert isinstance(row["labels"], list), where
        assert set(row["labels"]) <= TYPES, (where, row["labels"])
        assert len(set(row["labels"])) == len(row["labels"]), where
        if "note" in row:
            assert isinstance(row["note"], str) and row["note"].strip(), where
    texts = [row["text"] for row in rows]
    assert len(texts) == len(set(texts)), f"{lang}: duplicate texts"


@pytest.mark.parametrize("lang", sorted(MINIMUM))
def test_size_coverage_and_share_of_benign_items(lang):
    rows = load(lang)
    assert len(rows) >= MINIMUM[lang]
    counts = Counter(label for row in rows for label in row["labels"])
    for signal in TYPES:
        assert counts[signal] >= (4 if signal in DENSE else 2), (lang, signal, counts[signal])
    empty = sum(1 for row in rows if not row["labels"])
    assert empty >= 0.25 * len(rows), (lang, empty, len(rows))


@pytest.mark.parametrize("lang", sorted(SCRIPT))
def test_texts_are_written_in_the_languages_script(lang):
    for row in load(lang):
        letters = [c for c in row["text"] if c.isalpha()]
        native = sum(1 for c in letters if unicodedata.name(c, "").startswith(SCRIPT[lang]))
        assert native >= 0.7 * len(letters), row["id"]


def test_the_readme_counts_match_the_files():
    readme = (HELDOUT / "README.md").read_text(encoding="utf-8")
    for lang in MINIMUM:
        rows = load(lang)
        empty = sum(1 for row in rows if not row["labels"])
        row_re = rf"^\| `{lang}` \| [^|]+ \| {len(rows)} \| {empty} \|"
        assert re.search(row_re, readme, re.M), f"README row for {lang} is stale: {len(rows)} items, {empty} empty"
