"""`tocsin rules test`: recorded signals replayed through a rule file in event time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.unit.factories import signal
from tocsin.cli import main

RULES = """rules:
  - id: violence
    type: match
    severity: critical
    match: {types: [shelling]}
    group_interval: 5m
    resolve_after: 1h
    title: "{{ types }} in {{ region }}"
"""


def write_signals(path: Path, minutes: list[tuple[str, float]]) -> Path:
    lines = []
    for story, minute in minutes:
        base = signal(story=story)
        article = base.article.model_copy(update={"fetched": base.article.fetched + timedelta(minutes=minute)})
        lines.append(base.model_copy(update={"article": article}).model_dump_json())
    path.write_text("\n".join(lines) + "\nnot json\n", encoding="utf-8")
    return path


def test_rules_test_lists_firing_update_and_resolution(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    signals = write_signals(tmp_path / "signals.jsonl", [("s1", 0), ("s2", 1), ("s3", 10), ("s4", 200)])

    assert main(["rules", "test", str(rules), "--signals", str(signals)]) == 0
    out, err = capsys.readouterr()
    headlines = [line for line in out.splitlines() if line.startswith("[")]
    assert headlines == ["[CRITICAL] shelling in south_caucasus"] * 2 + [
        "[RESOLVED] shelling in south_caucasus",
        "[CRITICAL] shelling in south_caucasus",
    ]
    assert "revision=2" in out and "stories=2" in out and "Shelling in south_caucasus (s2)" in out
    assert out.strip().endswith("4 alert revision(s) from 4 signal(s) and 1 rule(s)")
    assert f"{signals}:5: not JSON" in err


def test_rules_test_replays_rule_types_and_marks_inhibited_alerts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        RULES
        + """  - id: twice
    type: frequency
    severity: warning
    window: 30m
    threshold: 2
    count: stories
    match: {types: [shelling]}
    title: "{{ count }} stories in {{ region }}: {% for e in evidence %}{{ e.source_id }} {% endfor %}"
""",
        encoding="utf-8",
    )
    signals = write_signals(tmp_path / "signals.jsonl", [("s1", 0), ("s2", 1)])

    assert main(["rules", "test", str(rules), "--signals", str(signals)]) == 0
    out = capsys.readouterr().out
    assert "[WARNING] 2 stories in south_caucasus: source-a source-a" in out
    assert "(inhibited by " in out, "the critical alert of the region mutes the warning"
    assert "Shelling in south_caucasus (s1)" in out and "https://example.com/s2" in out
