"""Rules applied to a stream of events, with the alert states of one worker in memory.

The Faust agent used to read and validate one table entry per rule per signal;
with 100 rules that cost more than evaluating them. Here rules are indexed by
signal type, and the states live in `Evaluator.states`, a cache of the worker's
part of the changelogged table: the agent fills it from the table after each
rebalance (`load`) and writes back only what changed (`take_dirty`). Plain
code: the backtest and the benchmark run the same evaluator without Kafka.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from tocsin.records import Alert, AlertStatus, Escalation, Signal, SignalType
from tocsin.streams.freshness import DEFAULT_MAX_AGE, is_live
from tocsin.streams.rules.engine import advance, advance_escalation, expire, fingerprint, group_labels, new_state
from tocsin.streams.rules.inhibition import inhibited_by
from tocsin.streams.rules.model import DEFAULT_INHIBIT, Feed, InhibitRule, Rule
from tocsin.streams.rules.state import AlertState


class RuleSet:
    """Loaded rules, indexed for evaluation, with the inhibition rules that go with them."""

    def __init__(self, rules: list[Rule], inhibit: Iterable[InhibitRule] = DEFAULT_INHIBIT):
        self.rules = list(rules)
        self.inhibit = tuple(inhibit)
        self.by_id: dict[str, Rule] = {rule.id: rule for rule in self.rules}
        on_signals = [rule for rule in self.rules if rule.feed() == Feed.SIGNALS]
        self.by_type: dict[SignalType, list[Rule]] = {kind: [r for r in on_signals if kind in r.signal_types()] for kind in SignalType}
        self.escalation = [rule for rule in self.rules if rule.feed() == Feed.ESCALATION]
        self.activity = [rule for rule in self.rules if rule.feed() == Feed.ACTIVITY]


class Evaluator:
    """Feeds events to the rules' alert states and returns the alerts to publish."""

    def __init__(self, rules: RuleSet, max_item_age: timedelta = DEFAULT_MAX_AGE):
        self.rules = rules
        self.max_item_age = max_item_age
        self.states: dict[str, AlertState] = {}
        self.dirty: set[str] = set()
        self._active: dict[int, set[str]] = {}
        self._muters: dict[str, dict[str, dict[str, str]]] = {}

    def load(self, stored: Iterable[tuple[str, Any]]) -> None:
        """Replace the cache with the table's entries (after a rebalance the worker owns other partitions)."""
        self.states, self.dirty = {}, set()
        for key, value in stored:
            if value:
                self.states[key] = AlertState.model_validate(value)
        self._reindex()

    def replace_rules(self, rules: RuleSet) -> None:
        """New rules (hot reload): states are keyed by rule id + labels, so unchanged rules keep theirs."""
        self.rules = rules
        self._reindex()

    def idle(self) -> bool:
        """No alert is firing or waiting and no flatline is watched: ticks would change nothing."""
        return not any(self._active.values())

    def take_dirty(self) -> dict[str, AlertState]:
        """The states changed since the last call, to write to the table."""
        changed = {key: self.states[key] for key in self.dirty}
        self.dirty = set()
        return changed

    def on_signal(self, signal: Signal, now: datetime, partition: int = 0) -> list[Alert]:
        """A live signal advances the alerts of the rules it matches; an old or back-catalogue item
        only counts into the rules that keep a baseline (COUNTS_OLD_ITEMS), at its publication time."""
        live = is_live(signal.article, self.max_item_age)
        published = signal.article.published
        alerts = []
        for rule, labels in self._targets(signal, live):
            key = fingerprint(rule, labels)
            if live:
                state, alert = advance(rule, self.states.get(key), signal, labels, now)
            else:
                state, alert = self.states.get(key) or new_state(rule, labels, published), None
                rule.observe_old(state, published.timestamp())
            alerts.extend(self._apply(key, state, alert, partition, changed=True))
        return self._inhibit(alerts)

    def _targets(self, signal: Signal, live: bool) -> Iterator[tuple[Rule, dict[str, str]]]:
        """The rules a signal feeds, with the labels of each alert it feeds."""
        for rule in self.rules.by_type[signal.type]:
            if (live or rule.COUNTS_OLD_ITEMS) and rule.matches(signal):
                for labels in group_labels(rule, signal):
                    yield rule, labels

    def on_escalation(self, record: Escalation, now: datetime, partition: int = 0) -> list[Alert]:
        alerts = []
        for rule in self.rules.escalation:
            if not rule.match.watches(record.region):
                continue
            key = fingerprint(rule, {"region": record.region})
            before = self.states.get(key)
            status = before.status if before else None
            state, alert = advance_escalation(rule, before, record, now)
            alerts.extend(self._apply(key, state, alert, partition, changed=state.status != status))
        return self._inhibit(alerts)

    def on_activity(self, source_id: str, now: datetime, partition: int = 0) -> list[Alert]:
        """A new article from a source: a sign of life for the rules fed by source activity (source flatlines)."""
        for rule in self.rules.activity:
            if rule.match.sources and source_id not in rule.match.sources:
                continue
            labels = {"source": source_id}
            key = fingerprint(rule, labels)
            state = self.states.get(key) or new_state(rule, labels, now)
            worth_writing = rule.observe_activity(state, now.timestamp())
            self._apply(key, state, None, partition, changed=worth_writing or state.status == AlertStatus.FIRING)
        return []

    def on_tick(self, now: datetime, partition: int | None = None) -> list[Alert]:
        """Time passes for the states of `partition` (all when None): flatlines start, quiet alerts resolve, updates flush.

        States are visited in key order, not a set's: a set of strings iterates in
        an order that changes with each process's hash seed, and replaying one file
        must give the same lines in the same order every time."""
        alerts = []
        keys = set().union(*self._active.values()) if partition is None else self._active.get(partition, set())
        for key in sorted(keys):
            state = self.states[key]
            rule = self.rules.by_id[state.rule_id]
            status = state.status
            state, alert = expire(rule, state, now)
            if alert is not None or state.status != status:
                alerts.extend(self._apply(key, state, alert, state.partition, changed=True))
        return self._inhibit(alerts)

    def _apply(self, key: str, state: AlertState, alert: Alert | None, partition: int, changed: bool) -> list[Alert]:
        """Keep the state and mark it for the table."""
        state.partition = partition
        self.states[key] = state
        self._index(key, state)
        if changed or alert is not None:
            self.dirty.add(key)
        return [] if alert is None else [alert]

    def _inhibit(self, alerts: list[Alert]) -> list[Alert]:
        """Mark firing alerts that a firing alert of their region inhibits (after the whole event, so order of rules does not matter)."""
        if not self.rules.inhibit:
            return alerts
        marked = []
        for alert in alerts:
            state, rule = self.states[alert.fingerprint], self.rules.by_id[alert.rule_id]
            if alert.status == AlertStatus.FIRING:
                muters = self._muters.get(state.labels.get("region", ""), {})
                candidates = [(key, labels) for key, labels in muters.items() if key != alert.fingerprint]
                state.muted_by = inhibited_by(self._match_labels(rule, state), candidates, self.rules.inhibit) if candidates else None
            # a resolution is news only to those who heard of the alert: it follows its last firing revision
            muter = state.muted_by
            marked.append(alert if muter is None else alert.model_copy(update={"inhibited_by": muter}))
        return marked

    def _reindex(self) -> None:
        self._active, self._muters = {}, {}
        for key, state in self.states.items():
            self._index(key, state)

    def _index(self, key: str, state: AlertState) -> None:
        """Track which states ticks must visit (firing, or of a time-driven rule), and which firing alerts may mute others.

        Ticks and inhibition then look at a handful of alerts, not at every state of the worker.
        """
        rule = self.rules.by_id.get(state.rule_id)
        active = self._active.setdefault(state.partition, set())
        if rule is not None and (state.status == AlertStatus.FIRING or rule.TIME_DRIVEN):
            active.add(key)
        else:
            active.discard(key)
        muters = self._muters.setdefault(state.labels.get("region", ""), {})
        if rule is not None and state.status == AlertStatus.FIRING and state.last_emitted is not None:
            labels = muters.get(key) or self._match_labels(rule, state)
            if any(inhibit.source_matchers.accepts(labels) for inhibit in self.rules.inhibit):
                muters[key] = labels
                return
        muters.pop(key, None)

    @staticmethod
    def _match_labels(rule: Rule, state: AlertState) -> dict[str, str]:
        return {**rule.labels, **state.labels, "rule": rule.id, "severity": rule.severity.value}
