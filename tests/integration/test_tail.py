"""`tocsin tail` against records produced to the real broker during the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from tests.helpers.kafka import produce
from tests.integration.conftest import BOOTSTRAP
from tocsin import PROJECT_ROOT
from tocsin.records import Alert, AlertCounts, AlertStatus, Severity


def alert(rule: str, severity: Severity, region: str) -> Alert:
    now = datetime.now(UTC)
    return Alert(
        rule_id=rule,
        severity=severity,
        fingerprint=f"fp-{rule}",
        status=AlertStatus.FIRING,
        revision=1,
        labels={"region": region},
        title=f"{rule} in {region}",
        summary="s",
        counts=AlertCounts(signals=1, stories=1, sources=1),
        first_seen=now,
        last_seen=now,
    )


def tail(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tocsin.cli", "tail", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_tail_shows_filtered_records_and_marks_invalid_ones(pipeline_env):
    topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "alerts"
    records = [
        alert("a", Severity.CRITICAL, "south_caucasus"),
        alert("b", Severity.WARNING, "south_caucasus"),
        alert("c", Severity.CRITICAL, "middle_east"),
    ]
    produce(BOOTSTRAP, topic, [(r.fingerprint.encode(), r.to_bytes()) for r in records] + [(b"x", b"{broken")])

    result = tail(pipeline_env, "alerts", "--from-beginning", "--severity", "critical", "--count", "3")
    assert result.returncode == 0, result.stderr
    invalid = [line for line in result.stdout.splitlines() if line.startswith("INVALID Alert")]
    lines = [line for line in result.stdout.splitlines() if not line.startswith("INVALID")]
    assert len(invalid) == 1, "an invalid record is shown, marked, whatever the filters"
    assert [line.split()[1:3] for line in lines] == [["CRITICAL", "firing"], ["CRITICAL", "firing"]]
    assert sorted(line.split(" sources=1 ")[1] for line in lines) == ["a in south_caucasus", "c in middle_east"]

    as_json = tail(pipeline_env, "alerts", "--from-beginning", "--json", "--region", "middle_east", "--count", "2")
    assert as_json.returncode == 0, as_json.stderr
    shown = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [item["rule_id"] for item in shown if "rule_id" in item] == ["c"]
    assert ["INVALID Alert" in item["invalid"] for item in shown if "invalid" in item] == [True]


def test_tail_names_an_unknown_topic(pipeline_env):
    result = tail(pipeline_env, "nope")
    assert result.returncode == 2 and "unknown topic 'nope'" in result.stderr
