"""Score the classifier against labelled JSONL sets whose labels come from other taxonomies.

Why a mapping file and not code per set: each set (PLOVER, SATP, CAMEO, BBC) labels
a different thing, and ../shared/SIGNALS.md says which of its labels correspond to
which signal types. The mapping YAML states that correspondence as data:

    alarm: [shelling, air_strike, armed_clash, explosion]   # or: all
    labels:
      FIGHT: [armed_clash]          # a row with this label must carry armed_clash
      material_conflict: [any]      # ... at least one `alarm` type
      neutral_statement: []         # ... no `alarm` type at all
      ASSAULT:                      # chosen by another field of the row
        by: mode
        explosives: [explosion]

Rows whose labels are all unmapped are left out of every figure. A scored type is
any target named in `labels`; `any` is the pseudo-type "at least one alarm type".
Macro-F1 averages the violent targets (and `any`) that have support in the set; the
false-alarm rate is the share of rows expected to carry no alarm type that got one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tocsin.config import read_yaml
from tocsin.records import SignalType

ANY = "any"
#: The types whose F1 is averaged: physical violence, what the labelled sets code best.
VIOLENT = frozenset({SignalType.SHELLING, SignalType.AIR_STRIKE, SignalType.ARMED_CLASH, SignalType.EXPLOSION})


class SupportsClassify(Protocol):
    """Anything with `classify(text)` returning objects that have a `.type`."""

    def classify(self, text: str) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Mapping:
    """Which signal targets each label of a foreign taxonomy implies."""

    alarm: frozenset[str]
    labels: dict[str, tuple[str, ...]]
    by_field: dict[str, tuple[str, dict[str, tuple[str, ...]]]]

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        """Read and validate a mapping YAML; unknown type ids fail here, not mid-run."""
        data, _ = read_yaml(Path(path))
        alarm = data.get("alarm", "all")
        alarm_types = [t.value for t in SignalType] if alarm == "all" else list(alarm)
        labels: dict[str, tuple[str, ...]] = {}
        by_field: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {}
        for label, targets in data["labels"].items():
            if isinstance(targets, dict):
                choices = {str(k): _targets(v, path) for k, v in targets.items() if k != "by"}
                by_field[label] = (targets["by"], choices)
            else:
                labels[label] = _targets(targets, path)
        return cls(frozenset(_targets(alarm_types, path)), labels, by_field)

    def expected(self, row: dict[str, Any]) -> frozenset[str] | None:
        """The targets a row must carry, or None when none of its labels is mapped."""
        found: list[tuple[str, ...]] = []
        for label in row["labels"]:
            if label in self.labels:
                found.append(self.labels[label])
            elif label in self.by_field:
                name, choices = self.by_field[label]
                if str(row.get(name, "")) in choices:
                    found.append(choices[str(row.get(name, ""))])
        return frozenset(t for targets in found for t in targets) if found else None

    def scored(self) -> frozenset[str]:
        """Every target some label maps to: the rows of the per-type table."""
        named = [t for ts in self.labels.values() for t in ts]
        named += [t for _, choices in self.by_field.values() for ts in choices.values() for t in ts]
        return frozenset(named)

    def predicted(self, types: Iterable[str]) -> frozenset[str]:
        """What the classifier said, in target terms (adds `any` when an alarm type fired)."""
        emitted = frozenset(types)
        return emitted | {ANY} if emitted & self.alarm else emitted


def _targets(values: Iterable[str], path: str | Path) -> tuple[str, ...]:
    """Type ids or `any`; a typo in a mapping file must stop the run with its name."""
    allowed = {t.value for t in SignalType} | {ANY}
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValueError(f"{path}: unknown signal type(s) {bad}; allowed: {sorted(allowed)}")
    return tuple(values)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one target."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision or 0.0, self.recall
        return None if r is None else (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    """Per-target counts and the false-alarm tally of one labelled file."""

    name: str
    rows: int = 0
    scored_rows: int = 0
    quiet_rows: int = 0
    false_alarms: int = 0
    signal_rows: int = 0
    detected_rows: int = 0
    counts: dict[str, Counts] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over violent targets present in the set; None when the set has none."""
        violent = {t.value for t in VIOLENT} | {ANY}
        scores = [c.f1 for t, c in self.counts.items() if t in violent and c.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def macro_f1_all(self) -> float | None:
        """Mean F1 over every scored type with support: the breadth figure of a set
        labelled in this taxonomy (tests/fixtures/unseen_news.jsonl), where the
        non-violent types count as much as the violent ones."""
        scores = [c.f1 for t, c in self.counts.items() if t != ANY and c.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.quiet_rows if self.quiet_rows else None

    @property
    def detection_rate(self) -> float | None:
        """Share of rows expected to carry some signal that carry at least one: what a
        gate that vetoes whole texts can lose."""
        return self.detected_rows / self.signal_rows if self.signal_rows else None

    def format(self) -> str:
        """A plain-text table for terminals and docs."""
        lines = [
            f"{self.name}: {self.rows} rows, {self.scored_rows} scored",
            f"{'type':<20}{'support':>8}{'P':>8}{'R':>8}{'F1':>8}",
        ]
        for target in sorted(self.counts):
            c = self.counts[target]
            lines.append(f"{target:<20}{c.support:>8}{_pct(c.precision)}{_pct(c.recall)}{_pct(c.f1)}")
        lines.append(f"macro-F1 (violent): {_fmt(self.macro_f1)}")
        lines.append(f"macro-F1 (all types): {_fmt(self.macro_f1_all)}")
        lines.append(f"false-alarm rate: {_fmt(self.false_alarm_rate)} ({self.false_alarms}/{self.quiet_rows})")
        lines.append(f"rows with a signal expected that got one: {_fmt(self.detection_rate)} ({self.detected_rows}/{self.signal_rows})")
        return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _pct(value: float | None) -> str:
    return f"{_fmt(value):>8}"


def read_rows(path: str | Path) -> Iterator[dict[str, Any]]:
    """The `{"id", "text", "labels"}` rows of a JSONL file, skipping blank lines."""
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


#: Row positions (0-based, in file order) of each half of a labelled set.
HALVES = {"even": 0, "odd": 1}


def evaluate(
    path: str | Path,
    mapping: Mapping | str | Path,
    classifier: SupportsClassify,
    half: str | None = None,
    keep: Callable[[dict[str, Any]], bool] | None = None,
    name: str | None = None,
) -> Report:
    """Classify every mapped row of `path` and tally it against what its labels imply.

    `half` ("even" or "odd") scores only the rows at even or odd positions: tune the
    lexicons while reading the errors of one half and report the other as held out, so
    a figure says how the rules do on sentences they were not written from. `keep`
    selects rows by content instead (corpora.py: the hashed halves of bbc_train)."""
    if not isinstance(mapping, Mapping):
        mapping = Mapping.load(mapping)
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be one of {sorted(HALVES)}, not {half!r}")
    name = name or Path(path).stem + (f" ({half} rows)" if half else "")
    report = Report(name, counts={t: Counts() for t in mapping.scored()})
    for position, row in enumerate(read_rows(path)):
        if (half is not None and position % 2 != HALVES[half]) or (keep is not None and not keep(row)):
            continue
        report.rows += 1
        expected = mapping.expected(row)
        if expected is None:
            continue
        predicted = mapping.predicted(d.type.value for d in classifier.classify(row["text"]))
        _tally(report, expected, predicted, mapping.alarm)
    return report


def _tally(report: Report, expected: frozenset[str], predicted: frozenset[str], alarm: frozenset[str]) -> None:
    """Add one scored row to the report."""
    report.scored_rows += 1
    if expected:
        report.signal_rows += 1
        report.detected_rows += bool(predicted)
    for target, counts in report.counts.items():
        counts.tp += target in expected and target in predicted
        counts.fp += target not in expected and target in predicted
        counts.fn += target in expected and target not in predicted
    if not expected & (alarm | {ANY}):
        report.quiet_rows += 1
        report.false_alarms += bool(predicted & alarm)
