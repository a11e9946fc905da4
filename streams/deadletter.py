"""Records that do not validate go to the dead-letter topic with their origin; processing goes on."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from tocsin.metrics import Counter, RoleMetrics
from tocsin.records import DEAD_LETTER_PAYLOAD_CHARS, DeadLetter
from tocsin.settings import Settings

log = logging.getLogger(__name__)


def dead_letter_counter(role: RoleMetrics) -> Counter:
    """The count of dead letters by origin topic; the worker and the notifier each define it on their registry."""
    return role.counter("tocsin_dead_letters_total", "Records sent to the dead-letter topic.", ["topic"])


def dead_letter_record(
    topic: str, partition: int, offset: int, key: bytes | None, value: bytes | None, error: Exception, counted: Counter
) -> DeadLetter:
    """Describe a record that failed, logging topic, partition and offset, and count it on `counted` (dead_letter_counter)."""
    reason = _reason(error)
    log.error("invalid record at %s[%d]@%d: %s", topic, partition, offset, reason)
    counted.labels(topic).inc()
    return DeadLetter(
        topic=topic,
        partition=partition,
        offset=offset,
        key=key.decode("utf-8", "replace") if key else None,
        error=reason,
        payload=(value or b"").decode("utf-8", "replace")[:DEAD_LETTER_PAYLOAD_CHARS],
        at=datetime.now(UTC),
    )


async def dead_letter(producer: Any, settings: Settings, message: Any, error: Exception, counted: Counter) -> None:
    """Send an aiokafka ConsumerRecord that failed to the dead-letter topic."""
    record = dead_letter_record(message.topic, message.partition, message.offset, message.key, message.value, error, counted)
    await producer.send_and_wait(settings.topics.deadletter, record.to_bytes(), key=message.key)


def _reason(error: Exception) -> str:
    text = str(error).replace("\n", " ")
    return f"{type(error).__name__}: {text}"[:1000]
