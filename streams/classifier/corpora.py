"""The labelled corpora of ../shared/corpus/labeled: which rows may train or tune anything,
which are only ever scored, and what each row says about relevance.

Why the split lives in code and not in a habit: a figure measured on rows that shaped a
rule or a model says little about the next article. Two kinds of rows are *untouched*:
half of `bbc_train` (chosen by a fixed hash of the row id, so the half never moves when
rows are added or reordered) and all of `cameo_pentacode_test`. `training_rows` refuses
them, so no trainer and no threshold search can read them by mistake; leave-one-corpus-out
training (`training_rows(exclude=...)`) refuses a whole corpus in the same way.

Relevance (is this text about armed conflict or political violence at all?) is not a
label of any corpus; each corpus's own labels are read as a topic where they say it
clearly, and rows where they do not are left out rather than guessed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tocsin import PROJECT_ROOT
from tocsin.streams.classifier.evaluation import read_rows

LABELLED = PROJECT_ROOT.parent / "shared" / "corpus" / "labeled"
MAPPINGS = PROJECT_ROOT / "streams" / "classifier" / "mappings"
UNTOUCHED_FILES = frozenset({"cameo_pentacode_test"})
HASHED_FILE = "bbc_train"

Row = dict[str, Any]


def is_untouched(file: str, row_id: str) -> bool:
    """True for rows that nothing may train or tune on: `cameo_pentacode_test`, and the
    half of `bbc_train` whose SHA-256 of the id is odd."""
    if file in UNTOUCHED_FILES:
        return True
    return file == HASHED_FILE and hashlib.sha256(row_id.encode("utf-8")).digest()[-1] % 2 == 1


@dataclass(frozen=True)
class Split:
    """Some rows of one labelled file, scored with one mapping."""

    name: str
    file: str
    mapping: str
    corpus: str
    role: str  # "tuned": the lexicons were written reading it; "unseen": they were not; "untouched"

    def path(self, labelled: Path = LABELLED) -> Path:
        return labelled / f"{self.file}.jsonl"

    @property
    def mapping_path(self) -> Path:
        return MAPPINGS / f"{self.mapping}.yaml"

    def keep(self, row: Row) -> bool:
        """Whether `row` of `self.file` belongs to this split."""
        return is_untouched(self.file, str(row["id"])) == (self.role == "untouched")


#: Every scored split, in table order. `corpus` names what leave-one-corpus-out leaves out.
SPLITS = (
    Split("plover_gsr", "plover_gsr", "plover_gsr", "plover", "tuned"),
    Split("satp_dev", "satp_dev", "satp_dev", "satp", "tuned"),
    Split("satp_train", "satp_train", "satp_dev", "satp", "unseen"),
    Split("cameo_pentacode_train", "cameo_pentacode_train", "cameo_pentacode_train", "cameo", "tuned"),
    Split("indiapolice_train", "indiapolice_train", "indiapolice_train", "indiapolice", "unseen"),
    Split("bbc_dev", "bbc_dev", "bbc_dev", "bbc", "tuned"),
    Split("bbc_train (hashed half A)", "bbc_train", "bbc_dev", "bbc", "unseen"),
    Split("bbc_train (hashed half B)", "bbc_train", "bbc_dev", "bbc", "untouched"),
    Split("cameo_pentacode_test", "cameo_pentacode_test", "cameo_pentacode_train", "cameo", "untouched"),
)
CORPORA = tuple(dict.fromkeys(s.corpus for s in SPLITS))

#: Corpus labels read as "about armed conflict or political violence" (1) or "not" (0);
#: a row with none of them is left out of training. IndiaPoliceEvents rows with a police
#: action are riot reporting; its unlabelled rows often are too, so they are left out.
#: BBC politics and CAMEO verbal conflict (threats, accusations) and PLOVER's agreements
#: and retreats (trade pacts beside ceasefires) are left out as mixed.
RELEVANCE: dict[str, dict[str, int]] = {
    "satp": {"armed_assault": 1, "bombing_explosion": 1, "kidnapping": 1, "other": 1},
    "indiapolice": {"kill": 1, "force": 1, "arrest": 1, "fail": 1, "any_action": 1},
    "cameo": {"material_conflict": 1, "neutral_statement": 0, "verbal_cooperation": 0, "material_cooperation": 0},
    "plover": {
        "FIGHT": 1,
        "ASSAULT": 1,
        "AID": 0,
        "CONSULT": 0,
        "COOPERATE": 0,
        "SUPPORT": 0,
        "CONCEDE": 0,
        "INVESTIGATE": 0,
        "SANCTION": 0,
        "DEMAND": 0,
        "REJECT": 0,
        "DISAPPROVE": 0,
    },
    "bbc": {"non_politics": 0},
}


def relevance_label(corpus: str, row: Row) -> int | None:
    """1 when the row's labels say it is about armed conflict or political violence, 0 when
    they say it is not, None when they say neither (positive labels win over negative)."""
    said = [RELEVANCE[corpus][label] for label in row["labels"] if label in RELEVANCE[corpus]]
    return max(said) if said else None


@dataclass(frozen=True)
class TrainingRow:
    corpus: str
    id: str
    text: str
    label: int


class UntouchedRowError(RuntimeError):
    """Raised when an untouched row reaches training: the hold-out rule is broken."""


def training_rows(labelled: Path = LABELLED, exclude: frozenset[str] = frozenset()) -> list[TrainingRow]:
    """Every row a model may learn from: splits that are not untouched, of corpora not in
    `exclude`, whose labels say something about relevance. Raises UntouchedRowError if
    an untouched row gets through the split filter (a guard against a wrong Split)."""
    rows: list[TrainingRow] = []
    for split in SPLITS:
        if split.role == "untouched" or split.corpus in exclude:
            continue
        for row in _rows(split.path(labelled), split.keep):
            rows.append(_guarded(split, row))
    return [r for r in rows if r.label >= 0]


def _guarded(split: Split, row: Row) -> TrainingRow:
    if is_untouched(split.file, str(row["id"])):
        raise UntouchedRowError(f"{split.file}: row {row['id']} is untouched and must not be trained on")
    label = relevance_label(split.corpus, row)
    return TrainingRow(split.corpus, str(row["id"]), row["text"], -1 if label is None else label)


def _rows(path: Path, keep: Callable[[Row], bool]) -> Iterator[Row]:
    return (row for row in read_rows(path) if keep(row))
