"""The `evaluate` stage's rule work per signal, on one core: what `RuleRunner.run`
spends (the evaluator, then each state it changed made the table's JSON).

Input: the evaluator's calls (signals, ticks, escalation indexes) of a `tocsin replay`
of bench.news items with the shipped rules (`alert_rules/`), recorded once. Timed
twice, CPU time, best of three, in µs per signal: `replay`, the calls as the replay
made them (event time, a tick every 10 s of it), and `backlog`, the same signals at
a worker's pace draining a backlog (100 signals a second, a tick every 10 s of that
clock): nothing leaves a window, so the busy regions' windows fill up to MAX_HITS.
`--base PATH` also times another checkout (e.g. main) on the same calls, in a process
of its own, and says whether its alerts are the same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tocsin.records import Alert, Escalation, Signal
from tocsin.streams.rules import AlertState, Evaluator, load_rule_set

RULES = Path(__file__).resolve().parents[1] / "alert_rules"
#: The worker's pace on a backlog (about 560 articles/s, 0.18 signals an article) and its tick.
BACKLOG_SIGNALS_PER_SECOND, TICK_SECONDS = 100, 10


def record(items: int, path: Path) -> None:
    """Replay `items` bench.news items and write the evaluator's calls to `path`, one JSON line each."""
    from bench.news import news
    from tocsin.streams.replay import Replay, ReplayItem

    class Recording(Evaluator):
        def on_signal(self, signal: Signal, now: datetime, partition: int = 0) -> list[Alert]:
            lines.append({"kind": "signal", "record": signal.to_bytes().decode(), "now": now.isoformat()})
            return super().on_signal(signal, now, partition)

        def on_tick(self, now: datetime, partition: int | None = None) -> list[Alert]:
            lines.append({"kind": "tick", "now": now.isoformat()})
            return super().on_tick(now, partition)

        def on_escalation(self, record: Escalation, now: datetime, partition: int = 0) -> list[Alert]:
            lines.append({"kind": "escalation", "record": record.to_bytes().decode(), "now": now.isoformat()})
            return super().on_escalation(record, now, partition)

    lines: list[dict[str, str]] = []
    replay = Replay(load_rule_set(RULES))
    replay.evaluator = Recording(replay.rules, replay.settings.max_item_age)
    for _ in replay.run(
        ReplayItem(source=raw.source_id, url=raw.url, title=raw.title, summary=raw.summary, published=raw.published, fetched=raw.fetched)
        for raw in news(items)
    ):
        pass
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def sequences(path: Path) -> dict[str, list[tuple[str, Any, datetime]]]:
    """The recorded calls as the replay made them, and the signals alone at a backlog's pace with the worker's ticks."""
    replay = []
    for line in path.read_text(encoding="utf-8").splitlines():
        call = json.loads(line)
        kind, now = call["kind"], datetime.fromisoformat(call["now"])
        record = {"signal": Signal, "escalation": Escalation}[kind].from_bytes(call["record"].encode()) if kind != "tick" else None
        replay.append((kind, record, now))
    signals = [record for kind, record, _ in replay if kind == "signal"]
    start, backlog = replay[0][2], []
    for index, signal in enumerate(signals):
        now = start + timedelta(seconds=index / BACKLOG_SIGNALS_PER_SECOND)
        if index and index % (BACKLOG_SIGNALS_PER_SECOND * TICK_SECONDS) == 0:
            backlog.append(("tick", None, now))
        backlog.append(("signal", signal, now))
    return {"replay": replay, "backlog": backlog}


def evaluate(calls: list[tuple[str, Any, datetime]]) -> list[list[Alert]]:
    """What RuleRunner.run does for each call: the evaluator, then the changed states as the table stores them; each call's alerts."""
    evaluator = Evaluator(load_rule_set(RULES))
    handlers = {"signal": evaluator.on_signal, "escalation": evaluator.on_escalation}
    alerts = []
    for kind, record, now in calls:
        alerts.append(evaluator.on_tick(now, 0) if kind == "tick" else handlers[kind](record, now))
        for state in evaluator.take_dirty().values():
            table_form(state)
    return alerts


def table_form(state: AlertState) -> dict[str, Any]:
    """A state as this checkout's RuleRunner.run writes it to the table (`model_dump` before `to_table`)."""
    return state.to_table() if hasattr(state, "to_table") else state.model_dump(mode="json")


def digest(alerts: list[list[Alert]]) -> str:
    """A digest of the alerts, call by call; within a tick in fingerprint order (ticks visit states in the order of a set of strings)."""
    lines = [alert.model_dump_json() for emitted in alerts for alert in sorted(emitted, key=lambda alert: alert.fingerprint)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]


def timed(path: Path) -> dict[str, Any]:
    """Per sequence: µs per signal (CPU time, best of three) and a digest of its alerts."""
    figures = {}
    for name, calls in sequences(path).items():
        best, alerts = float("inf"), []
        for _ in range(3):
            started = time.process_time()
            alerts = evaluate(calls)
            best = min(best, time.process_time() - started)
        signals = sum(kind == "signal" for kind, _, _ in calls)
        figures[name] = {"us": best * 1e6 / signals, "signals": signals, "alerts": sum(map(len, alerts)), "digest": digest(alerts)}
    return figures


def timed_elsewhere(checkout: Path, path: Path) -> dict[str, Any]:
    """`timed` in a process that imports tocsin from `checkout` (-P: nothing of this file's folder on the path)."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run([sys.executable, "-P", __file__, "--time", str(path)], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.evaluation", description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=20_000, help="bench.news items replayed to record the calls")
    parser.add_argument("--base", type=Path, help="also time this checkout (e.g. main) on the same calls")
    parser.add_argument("--time", type=Path, help=argparse.SUPPRESS)  # the other checkout's process
    options = parser.parse_args(argv)
    if options.time:
        print(json.dumps(timed(options.time)))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls.jsonl"
        record(options.items, path)
        runs = {"this tree": timed(path)}
        if options.base:
            runs[str(options.base)] = timed_elsewhere(options.base.resolve(), path)
    print(f"rule evaluation per signal ({options.items:,} bench.news items replayed, shipped rules; CPU time, best of 3):")
    for label, figures in runs.items():
        for name, run in figures.items():
            print(
                f"  {label:<24} {name:<8} {run['us']:8.1f} us/signal  {run['signals']:6,} signals  {run['alerts']:5,} alerts ({run['digest']})"
            )
    if options.base:
        same = all(len({figures[name]["digest"] for figures in runs.values()}) == 1 for name in runs["this tree"])
        print(f"  alerts of both checkouts {'identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main(sys.argv[1:])
