"""Classify articles into signals, keep each region's escalation index, evaluate the alert rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from streams import metrics
from streams.agents.wiring import Wiring
from streams.classifier import Classifier
from streams.detector import detect
from streams.escalation import EscalationState, add, due
from streams.escalation import emit as emit_index
from streams.places import load_gazetteer
from streams.rules import Evaluator, load_rule_set
from streams.rules.reload import RuleReloader
from tocsin.records import Alert, Article, Signal

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
            metrics.ALERTS.labels(alert.rule_id, alert.severity.value, alert.status.value).inc()
            await self.wiring.alerts.send(key=alert.fingerprint.encode(), value=alert.to_bytes())

    async def _forget(self, sender, *args, **kwargs) -> None:
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

    async def classify_step(article: Article, event) -> None:
        for signal in detect(article, classifier, places):
            metrics.SIGNALS.labels(signal.type.value, signal.region).inc()
            await w.signals.send(key=signal.region.encode(), value=signal.to_bytes())

    async def evaluate_step(signal: Signal, event) -> None:
        await rules.run(evaluator.on_signal, signal, datetime.now(UTC), event.message.partition)

    async def escalation_step(signal: Signal, event) -> None:
        stored = w.escalation_states.get(signal.region)
        state = EscalationState.model_validate(stored) if stored else EscalationState(region=signal.region)
        state.partition = event.message.partition
        w.escalation_states[signal.region] = add(state, signal, datetime.now(UTC).timestamp(), w.settings.max_item_age).model_dump(mode="json")

    w.stage(w.articles, "classify", Article, classify_step)
    w.stage(w.signals, "evaluate", Signal, evaluate_step)
    w.stage(w.signals, "escalation", Signal, escalation_step)

    async def emit_escalation(partition: int) -> None:
        """Emit the index of every region whose signals live in `partition`, once per interval."""
        now = datetime.now(UTC).timestamp()
        for region, stored in list(w.escalation_states.items()):
            state = EscalationState.model_validate(stored)
            if state.partition != partition or not due(state, now, w.settings.escalation_interval_seconds):
                continue
            record = emit_index(state, now)
            w.escalation_states[region] = state.model_dump(mode="json")
            metrics.ESCALATION.labels(region).set(record.windows["1h"])
            await w.escalation.send(key=region.encode(), value=record.to_bytes())
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
