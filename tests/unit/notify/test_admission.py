"""The notifier's first stages without Kafka: dedupe -> silence/inhibit -> grouped, superseded or sent."""

from __future__ import annotations

from tests.unit.factories import alert
from tocsin.records import DeliveryOutcome
from tocsin.streams.notify.admission import admit
from tocsin.streams.notify.delivery import delivery_record
from tocsin.streams.notify.dispatch import GroupTiming
from tocsin.streams.notify.memory import DeliveryLog
from tocsin.streams.silence.matching import Suppression

TIMING = GroupTiming()
ROUTED = {"ops": TIMING, "am": TIMING}


def grouped(receiver: str) -> bool:
    return receiver != "am"  # as an Alertmanager receiver: it groups itself


def test_a_recorded_delivery_is_a_duplicate_and_the_others_go_on() -> None:
    memory = DeliveryLog(3600)
    done = delivery_record("ops", alert(), DeliveryOutcome.DELIVERED, 1)
    memory.remember(done.idempotency_key, done)
    admission = admit(alert(), ROUTED, memory, None, grouped)
    assert admission.duplicates == ["ops"] and admission.send == ["am"] and not admission.grouped


def test_a_silenced_alert_is_recorded_suppressed_for_every_receiver_not_recorded_yet() -> None:
    memory = DeliveryLog(3600)
    admission = admit(alert(), ROUTED, memory, Suppression("silenced", silence_id="s-1"), grouped)
    assert [(d.receiver, d.outcome, d.silenced_by) for d in admission.suppressed] == [
        ("ops", DeliveryOutcome.SUPPRESSED, "s-1"),
        ("am", DeliveryOutcome.SUPPRESSED, "s-1"),
    ]
    assert not admission.send and not admission.grouped


def test_grouped_receivers_go_to_the_groups_and_the_others_get_the_newest_revision_only() -> None:
    memory = DeliveryLog(3600)
    second = alert().model_copy(update={"revision": 2})
    admission = admit(second, ROUTED, memory, None, grouped)
    assert admission.grouped == {"ops": TIMING} and admission.send == ["am"]
    late = admit(alert(), ROUTED, memory, None, grouped)  # revision 1, read after revision 2 was queued
    assert late.send == [] and late.grouped == {"ops": TIMING}
    assert [(d.receiver, d.outcome, d.superseded_by) for d in late.superseded] == [("am", DeliveryOutcome.SUPERSEDED, 2)]
