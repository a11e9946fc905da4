"""Keep each region's escalation index and evaluate the alert rules on signals, ticks and escalation indexes."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from datetime import UTC, datetime
from typing import Any

from faust.types import EventT

from tocsin.records import Alert, Signal
from tocsin.streams.agents.wiring import BatchTables, Wiring
from tocsin.streams.rules import Evaluator, load_rule_set
from tocsin.streams.rules.reload import RuleReloader
from tocsin.streams.steps import Out
from tocsin.streams.steps.alerting import emit_escalations, escalation_step

#: How often every worker looks for changed rule files.
RULES_RELOAD_SECONDS = 3.0


class RuleRunner:
    """The worker's rule evaluator, its alert states in the `alert-states` table, and the alerts it publishes.

    The evaluator keeps this worker's alert states deserialized in memory (a
    per-signal table read + validation per rule cost more than evaluating); it is
    refilled from the table after every rebalance.
    """

    def __init__(self, wiring: Wiring):
        self.wiring = wiring
        self.evaluator = Evaluator(load_rule_set(wiring.settings.rules_dir), wiring.settings.max_item_age)
        self.reloader = RuleReloader(wiring.settings.rules_dir)
        self._stale = True
        wiring.app.on_partitions_revoked.connect(self._forget)
        wiring.app.on_partitions_assigned.connect(self._forget)

    def run(self, states: MutableMapping[str, Any], handler: Callable[..., list[Alert]], *args: Any) -> list[Out[Alert]]:
        """Call an Evaluator method; write the states it changed to `states` (the table, or a batch's view of it); its alerts to send."""
        if self._stale:
            self.evaluator.load(self.wiring.alert_states.items())
            self._stale = False
        emitted = handler(*args)
        for key, state in self.evaluator.take_dirty().items():
            states[key] = state.to_table()
        for alert in emitted:
            self.wiring.metrics.alerts.labels(alert.rule_id, alert.severity.value, alert.status.value).inc()
        # Keyed by region (every rule groups by it): a notification group's alerts share one partition, one notifier.
        return [Out("alerts", alert.labels.get("region", alert.fingerprint), alert) for alert in emitted]

    async def _forget(self, sender: object, /, *args: object, **kwargs: object) -> None:
        """Partitions moved: the cached states may belong to another worker now, or be missing some."""
        self._stale = True

    def reload(self) -> None:
        """Hot reload: changed rule files replace the rules if they load cleanly; alert states are kept."""
        rules = self.reloader.poll()
        if rules is not None:
            self.evaluator.replace_rules(rules)


def register(w: Wiring, rules: RuleRunner) -> None:
    evaluator = rules.evaluator

    def evaluate(signal: Signal, event: EventT, tables: BatchTables) -> list[Out]:
        """Add the signal to its region's index, then evaluate the rules: both keyed by region, one stage."""
        partition, now = event.message.partition, datetime.now(UTC)
        escalation_step(signal, tables.escalation_states, now.timestamp(), partition, w.settings.max_item_age)
        return rules.run(tables.alert_states, evaluator.on_signal, signal, now, partition)

    w.stage("signals", "evaluate", Signal, evaluate)

    async def emit_escalation(partition: int) -> None:
        """Emit the index of every region whose signals live in `partition`, once per interval."""
        for record in emit_escalations(
            w.escalation_states, datetime.now(UTC).timestamp(), partition, w.settings.escalation_interval_seconds
        ):
            w.metrics.escalation.labels(record.region).set(record.windows["1h"])
            await w.escalation.send(key=record.region.encode(), value=record.to_bytes())
            if evaluator.rules.escalation:  # evaluated where the index is made: same partition as the region's alerts
                await w.send_all(rules.run(w.alert_states, evaluator.on_escalation, record, datetime.now(UTC), partition))

    @w.app.agent(w.ticks, name="expire")
    async def expire_alerts(stream):
        """On each tick, emit escalation indexes of the tick's partition, start flatlines, flush updates, resolve quiet alerts."""
        async for event in stream.events():
            await emit_escalation(event.message.partition)
            await w.send_all(rules.run(w.alert_states, evaluator.on_tick, datetime.now(UTC), event.message.partition))

    @w.app.timer(RULES_RELOAD_SECONDS)
    async def reload_rules() -> None:
        rules.reload()
