"""The generalization table: every labelled split scored by the lexicon alone, with the
committed relevance model, and with a relevance model trained without the split's
corpus (`tocsin eval --table`).

Why three columns: the committed model has read the tuned and unseen splits' corpora,
so its figures there are dev figures; the leave-one-corpus-out column says what the
model does on a house style it never read, and the untouched splits (corpora.py) were
read by nothing but this table. The project-written headline sets come last: feeds
deliver titles and ledes, which no corpus here is made of.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tocsin import PROJECT_ROOT
from tocsin.streams.classifier.corpora import LABELLED, SPLITS, Split, training_rows
from tocsin.streams.classifier.engine import Classifier
from tocsin.streams.classifier.evaluation import Report, evaluate
from tocsin.streams.classifier.relevance import RelevanceModel
from tocsin.streams.classifier.training import fit, hashed_matrix

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
#: Project-written headline and lede sets, with their mappings.
HEADLINE_SETS = (
    (FIXTURES / "unseen_news.jsonl", PROJECT_ROOT / "streams" / "classifier" / "mappings" / "unseen_news.yaml"),
    (FIXTURES / "heldout_news.jsonl", FIXTURES / "heldout_news.mapping.yaml"),
)


@dataclass(frozen=True)
class Line:
    """One split's reports: lexicon alone, with the committed model, and (None for the
    untouched splits and the headline sets) with the model that never read its corpus."""

    name: str
    role: str
    lexicon: Report
    gated: Report
    left_out: Report | None


def left_out_model(corpus: str, committed: RelevanceModel, labelled: Path = LABELLED) -> RelevanceModel:
    """The committed model's recipe and threshold, trained without `corpus`."""
    weights, bias = fit(training_rows(labelled, exclude=frozenset({corpus})), hashed_matrix)
    return RelevanceModel(weights.astype(committed.weights.dtype), bias, committed.veto_below, {"left_out": corpus})


def lines(labelled: Path = LABELLED) -> Iterator[Line]:
    """Every split's line, corpus splits first, then the headline sets."""
    committed = RelevanceModel.load()
    lexicon, gated = Classifier(relevance=None), Classifier(relevance=committed)
    left_out: dict[str, Classifier] = {}
    for split in SPLITS:
        alone, with_model = _score(split, lexicon, labelled), _score(split, gated, labelled)
        other = None
        if split.role != "untouched":
            if split.corpus not in left_out:
                left_out[split.corpus] = Classifier(relevance=left_out_model(split.corpus, committed, labelled))
            other = _score(split, left_out[split.corpus], labelled)
        yield Line(split.name, split.role, alone, with_model, other)
    for path, mapping in HEADLINE_SETS:
        yield Line(path.stem, "headlines", evaluate(path, mapping, lexicon), evaluate(path, mapping, gated), None)


def _score(split: Split, classifier: Classifier, labelled: Path) -> Report:
    return evaluate(split.path(labelled), split.mapping_path, classifier, keep=split.keep, name=split.name)


def format_table(rows: list[Line]) -> str:
    """A Markdown table: violent macro-F1, false alarms and detected rows per column."""
    head = "| set | role | scored | lexicon alone | + relevance | + relevance, corpus left out |"
    out = [head, "|---|---|---|---|---|---|"]
    for line in rows:
        cells = [_cell(r) for r in (line.lexicon, line.gated, line.left_out)]
        out.append(f"| {line.name} | {line.role} | {line.lexicon.scored_rows} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("Each cell: violent macro-F1 · false alarms / rows that must stay quiet · rows with a signal expected that got one.")
    return "\n".join(out)


def _cell(report: Report | None) -> str:
    if report is None:
        return "—"
    parts = [f"{report.macro_f1:.3f}" if report.macro_f1 is not None else "n/a"]
    parts.append(f"FA {report.false_alarms}/{report.quiet_rows}" if report.quiet_rows else "FA —")
    parts.append(f"det {report.detected_rows}/{report.signal_rows}" if report.signal_rows else "det —")
    return " · ".join(parts)
