"""The relevance model and its training, on small data written here: features are stable
across processes, training is deterministic and learns a topic, the loader refuses the
untouched splits, and the veto removes whole texts' signals, never single spans."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tocsin.streams.classifier import Classifier
from tocsin.streams.classifier.corpora import SPLITS, TrainingRow, UntouchedRowError, _guarded, is_untouched, training_rows
from tocsin.streams.classifier.relevance import RelevanceModel, hashed_features, tokens
from tocsin.streams.classifier.training import balanced_weights, fit, hashed_matrix, train_and_save, veto_threshold

CONFLICT = [
    "Artillery shelled the town overnight, killing three soldiers.",
    "Rebels attacked an army post near the border and troops returned fire.",
    "A roadside bomb killed two policemen on patrol in the district.",
    "Militants stormed the police station and seized weapons.",
]
OTHER = [
    "The striker scored twice as the club won the cup final.",
    "Shares in the bank rose after strong quarterly profits.",
    "The film opened at number one at the box office this weekend.",
    "The new phone has a larger screen and a faster chip.",
]


def _rows() -> list[TrainingRow]:
    return [TrainingRow("a", f"c{i}", t, 1) for i, t in enumerate(CONFLICT)] + [
        TrainingRow("b", f"o{i}", t, 0) for i, t in enumerate(OTHER)
    ]


def test_tokens_fold_case_and_numbers() -> None:
    assert tokens("Rebels KILLED 12 in Kyiv-area raid") == ["rebels", "killed", "0", "in", "kyiv", "area", "raid"]


def test_hashed_features_are_stable_distinct_and_in_range() -> None:
    first = hashed_features("Troops shelled the town; troops shelled it again.", 1024)
    assert first == hashed_features("troops shelled the town troops shelled it again", 1024)
    assert len(first) == len(set(first)) and all(0 <= f < 1024 for f in first)
    assert hashed_features("", 1024) == []


def test_training_is_deterministic_and_learns_the_topic() -> None:
    rows = _rows()
    (w1, b1), (w2, b2) = fit(rows, hashed_matrix), fit(rows, hashed_matrix)
    assert np.array_equal(w1, w2) and b1 == b2
    model = RelevanceModel(w1.astype(np.float32), b1, 0.5, {})
    assert model.probability("Troops shelled the border town.") > 0.5 > model.probability("The club won the final.")


def test_balanced_weights_give_each_label_the_same_mass() -> None:
    rows = _rows()[:4] + _rows()[4:5]  # four relevant rows, one not
    weights = balanced_weights(rows)
    assert weights[:4].sum() == pytest.approx(weights[4:].sum())


def test_veto_threshold_loses_at_most_the_allowed_share() -> None:
    probabilities = np.linspace(0.0, 1.0, 201)
    relevant = np.ones(201, dtype=bool)
    threshold = veto_threshold(probabilities, relevant)
    assert (probabilities < threshold).mean() <= 0.01
    assert threshold == pytest.approx(0.01)


def test_untouched_rows_are_fixed_by_id_and_refused(tmp_path: Path) -> None:
    assert is_untouched("cameo_pentacode_test", "anything")
    assert not is_untouched("satp_train", "satp-train-1")
    halves = [is_untouched("bbc_train", f"bbc-train-{i}") for i in range(400)]
    assert 150 < sum(halves) < 250  # about half, by hash, not by position
    untouched_split = next(s for s in SPLITS if s.role == "untouched" and s.file == "bbc_train")
    untouched_id = next(f"bbc-train-{i}" for i in range(400) if halves[i])
    with pytest.raises(UntouchedRowError):
        _guarded(untouched_split, {"id": untouched_id, "text": "x", "labels": ["non_politics"]})


def test_training_rows_skip_untouched_and_left_out_corpora(tmp_path: Path) -> None:
    _write(tmp_path / "bbc_train.jsonl", [{"id": f"bbc-train-{i}", "text": f"text {i}", "labels": ["non_politics"]} for i in range(40)])
    _write(tmp_path / "cameo_pentacode_test.jsonl", [{"id": "t0", "text": "held out", "labels": ["material_conflict"]}])
    _write(tmp_path / "satp_dev.jsonl", [{"id": "s0", "text": "Militants attacked a post.", "labels": ["armed_assault"]}])
    for name in ("plover_gsr", "satp_train", "cameo_pentacode_train", "indiapolice_train", "bbc_dev"):
        _write(tmp_path / f"{name}.jsonl", [])
    rows = training_rows(tmp_path)
    assert {r.id for r in rows if r.corpus == "bbc"} == {
        f"bbc-train-{i}" for i in range(40) if not is_untouched("bbc_train", f"bbc-train-{i}")
    }
    assert "t0" not in {r.id for r in rows}
    assert [r.id for r in training_rows(tmp_path, exclude=frozenset({"bbc"}))] == ["s0"]


def test_an_off_topic_text_loses_all_its_signals_and_a_conflict_text_keeps_its_evidence() -> None:
    rows = _rows()
    weights, bias = fit(rows, hashed_matrix)
    gate = Classifier(relevance=RelevanceModel(weights.astype(np.float32), bias, 0.5, {}))
    off_topic = "The striker scored twice as the club won the cup final. Fans said the team shelled the keeper."
    assert Classifier(relevance=None).classify(off_topic) and gate.classify(off_topic) == []
    report = "Artillery shelled the town overnight, killing three soldiers."
    kept = gate.classify(report)
    assert [d.type for d in kept] == [d.type for d in Classifier(relevance=None).classify(report)]
    assert all(report[s.start : s.end] == s.text for d in kept for s in d.evidence)


def test_saved_model_loads_with_its_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tocsin.streams.classifier.training as training

    monkeypatch.setattr(training, "training_rows", lambda labelled: _rows())
    figures = train_and_save(tmp_path, tmp_path / "model.npz", compare=False)
    model = RelevanceModel.load(tmp_path / "model.npz")
    assert model.figures == json.loads(json.dumps(figures)) and 0.0 <= model.veto_below <= 1.0
    assert model.probability(CONFLICT[0]) > model.probability(OTHER[0])


def test_a_missing_weights_file_names_itself(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="model.npz"):
        RelevanceModel.load(tmp_path / "model.npz")


def test_the_committed_model_is_small() -> None:
    from tocsin.streams.classifier.relevance import WEIGHTS

    assert WEIGHTS.stat().st_size < 2_000_000


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
