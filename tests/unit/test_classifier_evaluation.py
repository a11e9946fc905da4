"""evaluate() on small JSONL files and mappings written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tocsin.cli import main
from tocsin.streams.classifier import Classifier
from tocsin.streams.classifier.evaluation import Mapping, evaluate

MAPPINGS = Path(__file__).parents[2] / "streams" / "classifier" / "mappings"

ROWS = [
    {"id": "1", "text": "Rebels shelled the town overnight.", "labels": ["ASSAULT"], "mode": "heavy-weapons"},
    {"id": "2", "text": "Heavy fighting broke out near the border.", "labels": ["FIGHT"], "mode": ""},
    {"id": "3", "text": "The ministers met to discuss trade.", "labels": ["FIGHT"], "mode": ""},
    {"id": "4", "text": "The two sides agreed to a ceasefire.", "labels": ["AGREE"], "mode": ""},
    {"id": "5", "text": "A car bomb exploded outside the ministry.", "labels": ["AGREE"], "mode": ""},
    {"id": "6", "text": "The minister demanded an apology.", "labels": ["DEMAND"], "mode": ""},
    {"id": "7", "text": "Police detained a man.", "labels": ["ASSAULT"], "mode": "torture"},
]


@pytest.fixture
def plover_file(tmp_path: Path) -> Path:
    path = tmp_path / "plover.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in ROWS) + "\n", encoding="utf-8")
    return path


def test_counts_follow_the_mapping(plover_file: Path) -> None:
    report = evaluate(plover_file, MAPPINGS / "plover_gsr.yaml", Classifier())
    assert (report.rows, report.scored_rows) == (7, 5)
    clash = report.counts["armed_clash"]
    assert (clash.tp, clash.fp, clash.fn) == (1, 0, 1)
    assert report.counts["shelling"].tp == 1
    assert report.macro_f1 == pytest.approx((1.0 + 2 / 3) / 2)
    assert (report.false_alarms, report.quiet_rows) == (1, 2)


def test_any_target_and_quiet_labels(tmp_path: Path) -> None:
    path = tmp_path / "cameo.jsonl"
    rows = [
        {"id": "a", "text": "Troops opened fire on protesters.", "labels": ["material_conflict"]},
        {"id": "b", "text": "The minister spoke about the budget.", "labels": ["neutral_statement"]},
        {"id": "c", "text": "Officials praised the talks.", "labels": ["verbal_conflict"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = evaluate(path, Mapping.load(MAPPINGS / "cameo_pentacode_train.yaml"), Classifier())
    assert report.scored_rows == 2
    assert report.counts["any"].tp == 1
    assert report.false_alarm_rate == 0.0


@pytest.mark.parametrize("name", ["cameo_pentacode_train", "plover_gsr", "satp_dev"])
def test_alarm_types_follow_the_cameo_roots_of_signals_md(name: str) -> None:
    """SIGNALS.md places blockade at CAMEO 191 and evacuation at 201/203, inside the
    violent roots 18x-20x: a material-conflict row carrying either is a hit."""
    alarm = Mapping.load(MAPPINGS / f"{name}.yaml").alarm
    assert {"blockade", "evacuation", "shelling", "casualties"} <= alarm
    assert not {"mobilization", "threat", "de_escalation", "air_raid_alert"} & alarm


def test_unknown_type_in_mapping_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("labels:\n  FIGHT: [armed_clsh]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="armed_clsh"):
        Mapping.load(path)


def test_tocsin_eval_prints_the_report(plover_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(plover_file), "--mapping", str(MAPPINGS / "plover_gsr.yaml")]) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "false-alarm rate" in out


def test_halves_split_the_rows_by_position(plover_file: Path) -> None:
    mapping = MAPPINGS / "plover_gsr.yaml"
    even = evaluate(plover_file, mapping, Classifier(), half="even")
    odd = evaluate(plover_file, mapping, Classifier(), half="odd")
    assert (even.rows, odd.rows) == (4, 3)
    assert even.counts["shelling"].tp == 1 and odd.counts["shelling"].tp == 0
    assert even.scored_rows + odd.scored_rows == evaluate(plover_file, mapping, Classifier()).scored_rows
    with pytest.raises(ValueError, match="half"):
        evaluate(plover_file, mapping, Classifier(), half="first")
