"""`tocsin rules test`: replay recorded signals through rules, offline, in event time.

The same `advance`/`expire` the worker runs, with each signal's fetch time as the
clock, so a team can see what a rule would have fired before deploying it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tocsin.records import Alert, Signal
from tocsin.streams.rules.evaluator import Evaluator, RuleSet


def replay(rules: RuleSet, signals: Iterable[Signal]) -> Iterator[Alert]:
    """Every alert revision the rules would have emitted for these signals, in order.

    Before each signal, time passes for every alert (as the worker's ticks do);
    each signal's article counts as a sign of life of its source for flatlines.
    Escalation rules need the escalation index, which signals alone do not carry.
    """
    evaluator = Evaluator(rules)
    for signal in sorted(signals, key=lambda s: s.article.fetched):
        now = signal.article.fetched
        yield from evaluator.on_tick(now)
        evaluator.on_activity(signal.article.source_id, now)
        yield from evaluator.on_signal(signal, now)
