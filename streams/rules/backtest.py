"""`tocsin rules test`: replay recorded signals through rules, offline, in event time.

The same `advance`/`expire` the worker runs, with each signal's fetch time as the
clock, so a team can see what a rule would have fired before deploying it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from streams.rules.engine import AlertState, advance, expire, fingerprint, group_labels, matches
from streams.rules.model import Rule
from tocsin.records import Alert, Signal


def read_signals(path: Path) -> Iterator[Signal | str]:
    """Signals of a JSONL file (as on the signals topic); a bad line yields its error text instead."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield Signal.model_validate_json(line)
            except ValidationError as exc:
                yield f"{path}:{number}: not a signal: {exc.errors(include_url=False)[0]['msg']}"


def replay(rules: list[Rule], signals: Iterable[Signal]) -> Iterator[Alert]:
    """Every alert revision the rules would have emitted for these signals, in order."""
    states: dict[str, AlertState] = {}
    ordered = sorted(signals, key=lambda s: s.article.fetched)
    for signal in ordered:
        now = signal.article.fetched
        for key, state in list(states.items()):  # time passes: pending updates and resolutions first
            states[key], alert = expire(_rule(rules, state.rule_id), state, now)
            if alert is not None:
                yield alert
        for rule in rules:
            if matches(rule, signal):
                labels = group_labels(rule, signal)
                key = fingerprint(rule, labels)
                states[key], alert = advance(rule, states.get(key), signal, labels, now)
                if alert is not None:
                    yield alert


def _rule(rules: list[Rule], rule_id: str) -> Rule:
    return next(rule for rule in rules if rule.id == rule_id)
