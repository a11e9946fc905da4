"""The notifier's first stages for one alert revision, receiver by receiver: dedupe -> silence/inhibit -> route on.

As in Alertmanager's notification pipeline, and plain code: the alert, its
receivers (the routes' choice), the delivery log's memory and the silence or
inhibition that holds it (if any) in; out, what is decided without sending —
duplicates, and `suppressed` or `superseded` records to write — and what goes on:
grouped receivers to the dispatch stage (groups.py), receivers that group
themselves (Alertmanager) straight to their lane, with this revision. The
notifier (service.py) carries the decisions out on Kafka; the lanes then run
the retry stage (delivery.py) and hand each outcome to the record stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tocsin.records import Alert, Delivery, DeliveryOutcome
from tocsin.streams.notify.delivery import delivery_record, idempotency_key
from tocsin.streams.notify.dispatch import GroupTiming
from tocsin.streams.notify.memory import DeliveryLog
from tocsin.streams.silence.matching import Suppression


@dataclass
class Admission:
    """What the first stages decided for one alert revision."""

    duplicates: list[str] = field(default_factory=list)
    suppressed: list[Delivery] = field(default_factory=list)
    superseded: list[Delivery] = field(default_factory=list)
    grouped: dict[str, GroupTiming] = field(default_factory=dict)
    send: list[str] = field(default_factory=list)


def dedupe(alert: Alert, receiver: str, log: DeliveryLog) -> bool:
    """The dedupe stage: True when this revision's delivery to `receiver` is recorded already."""
    return log.has(idempotency_key(alert, receiver))


def suppressed_record(alert: Alert, receiver: str, held: Suppression) -> Delivery:
    """The silence/inhibit stage's record: not sent, and decided for good (so it stays decided after the silence ends)."""
    return delivery_record(receiver, alert, DeliveryOutcome.SUPPRESSED, 0, silenced_by=held.silence_id, inhibited_by=held.inhibited_by)


def admit(
    alert: Alert, routed: dict[str, GroupTiming], log: DeliveryLog, held: Suppression | None, grouped: Callable[[str], bool]
) -> Admission:
    """Run dedupe, then silence/inhibit, then route on, for each receiver the routes chose.

    A receiver that groups itself gets the revision unless a newer one is queued or
    recorded for it (then this one is recorded superseded); the revision it gets
    becomes the newest in `log`.
    """
    admission = Admission()
    for receiver, timing in routed.items():
        if dedupe(alert, receiver, log):
            admission.duplicates.append(receiver)
        elif held is not None:
            admission.suppressed.append(suppressed_record(alert, receiver, held))
        elif grouped(receiver):
            admission.grouped[receiver] = timing
        elif (newer := log.newer(receiver, alert)) is not None:
            admission.superseded.append(delivery_record(receiver, alert, DeliveryOutcome.SUPERSEDED, 0, superseded_by=newer))
        else:
            log.note(receiver, alert.fingerprint, alert.revision)
            admission.send.append(receiver)
    return admission
