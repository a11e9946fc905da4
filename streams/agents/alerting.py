"""Classify articles into signals, keep each region's escalation index, evaluate the alert rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from tocsin.records import Alert, Article, Signal
from tocsin.streams.agents.wiring import Wiring
from tocsin.streams.classifier import Classifier
from tocsin.streams.places import load_gazetteer
from tocsin.streams.rules import Evaluator, load_rule_set
from tocsin.streams.rules.reload import RuleReloader
from tocsin.streams.steps.alerting import classify_step, emit_escalations, escalation_step

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

    async def run(self, handler: Callable[..., list[Alert]], *args) -> None:
        """Call an Evaluator method; write the states it changed to the table, then publish its alerts."""
        if self._stale:
            self.evaluator.load(self.wiring.alert_states.items())
            self._stale = False
        emitted = handler(*args)
        for key, state in self.evaluator.take_dirty().items():
            self.wiring.alert_states[key] = state.model_dump(mode="json")
        for alert in emitted:
            self.wiring.metrics.alerts.labels(alert.rule_id, alert.severity.value, alert.status.value).inc()
            # Keyed by region (every rule groups by it): a notification group's alerts share one partition, one notifier.
            await self.wiring.alerts.send(key=alert.labels.get("region", alert.fingerprint).encode(), value=alert.to_bytes())

    async def _forget(self, sender: object, /, *args: object, **kwargs: object) -> None:
        """Partitions moved: the cached states may belong to another worker now, or be missing some."""
        self._stale = True

    def reload(self) -> None:
        """Hot reload: changed rule files replace the rules if they load cleanly; alert states are kept."""
        rules = self.reloader.poll()
        if rules is not None:
            self.evaluator.replace_rules(rules)


def register(w: Wiring, rules: RuleRunner) -> None:
    classifier = Classifier()
    places = load_gazetteer()
    evaluator = rules.evaluator

    async def classify(article: Article, event) -> None:
        outs = classify_step(article, classifier, places)
        for out in outs:
            w.metrics.signals.labels(out.record.type.value, out.record.region).inc()
        await w.send_all(outs)

    async def evaluate(signal: Signal, event) -> None:
        await rules.run(evaluator.on_signal, signal, datetime.now(UTC), event.message.partition)

    async def escalation(signal: Signal, event) -> None:
        escalation_step(signal, w.escalation_states, datetime.now(UTC).timestamp(), event.message.partition, w.settings.max_item_age)

    w.stage(w.articles, "classify", Article, classify)
    w.stage(w.signals, "evaluate", Signal, evaluate)
    w.stage(w.signals, "escalation", Signal, escalation)

    async def emit_escalation(partition: int) -> None:
        """Emit the index of every region whose signals live in `partition`, once per interval."""
        for record in emit_escalations(
            w.escalation_states, datetime.now(UTC).timestamp(), partition, w.settings.escalation_interval_seconds
        ):
            w.metrics.escalation.labels(record.region).set(record.windows["1h"])
            await w.escalation.send(key=record.region.encode(), value=record.to_bytes())
            if evaluator.rules.escalation:  # evaluated where the index is made: same partition as the region's alerts
                await rules.run(evaluator.on_escalation, record, datetime.now(UTC), partition)

    @w.app.agent(w.ticks, name="expire")
    async def expire_alerts(stream):
        """On each tick, emit escalation indexes of the tick's partition, start flatlines, flush updates, resolve quiet alerts."""
        async for event in stream.events():
            await emit_escalation(event.message.partition)
            await rules.run(evaluator.on_tick, datetime.now(UTC), event.message.partition)

    @w.app.timer(RULES_RELOAD_SECONDS)
    async def reload_rules() -> None:
        rules.reload()
