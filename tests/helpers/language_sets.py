"""Scoring a per-language set of labelled news (tests/fixtures/heldout/, tests/fixtures/dev/).

Both kinds of set label items with SIGNALS.md type ids, an empty list meaning "no signal";
the identity mapping of unseen_news (with `none: []`) scores them once the empty lists are
spelled `none`. One function, so that the held-out floors and the development floors are
measured the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

from tocsin.streams.classifier import Classifier
from tocsin.streams.classifier.evaluation import Report, evaluate

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "streams" / "classifier" / "mappings" / "unseen_news.yaml"


def score(path: Path, directory: Path, classifier: Classifier) -> Report:
    """The classifier's report on one set, its empty label lists written as `none` to a copy in `directory`."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    spelled = directory / path.name
    spelled.write_text("".join(json.dumps({**row, "labels": row["labels"] or ["none"]}) + "\n" for row in rows), encoding="utf-8")
    report = evaluate(spelled, MAPPING, classifier, name=f"{path.parent.name} {path.stem}")
    assert report.scored_rows == len(rows)
    return report
