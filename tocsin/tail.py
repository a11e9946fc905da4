"""`tocsin tail TOPIC`: one readable line per record of any Tocsin topic.

Schema-aware: each topic's records are parsed with their model, filtered by
type, region, severity or source, and printed as a line (coloured on a terminal)
or as JSON for jq. Records that do not validate are shown, marked, not hidden.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from pydantic import BaseModel, ValidationError

from tocsin.kafka import existing_partitions, make_consumer, seek_since
from tocsin.records import Alert, Article, DeadLetter, Delivery, Escalation, RawArticle, Signal
from tocsin.settings import Settings
from tocsin.shutdown import Shutdown, run_until_stopped

MODELS: dict[str, type[BaseModel]] = {
    "articles.raw": RawArticle,
    "articles": Article,
    "signals": Signal,
    "alerts": Alert,
    "escalation": Escalation,
    "notifications": Delivery,
    "deadletter": DeadLetter,
}
COLOURS = {"critical": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m", "resolved": "\033[32m", "invalid": "\033[35m"}
RESET = "\033[0m"
_SINCE = re.compile(r"^(\d+)([smhd])$")


@dataclass(frozen=True)
class Filters:
    type: str | None = None
    region: str | None = None
    severity: str | None = None
    source: str | None = None

    def accept(self, record: BaseModel) -> bool:
        values = fields_of(record)
        return all(wanted is None or values.get(name) == wanted for name, wanted in vars(self).items())


def parse_since(value: str) -> float:
    """'30s', '15m', '2h', '1d' to seconds."""
    match = _SINCE.match(value.strip())
    if not match:
        raise ValueError(f"--since {value!r}: expected a duration such as 30s, 15m, 2h or 1d")
    return int(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def fields_of(record: BaseModel) -> dict[str, str | None]:
    """The filterable fields of any record."""
    if isinstance(record, Signal):
        return {"type": record.type.value, "region": record.region, "source": record.article.source_id, "severity": None}
    if isinstance(record, Alert):
        return {"type": None, "region": record.labels.get("region"), "severity": record.severity.value, "source": None}
    if isinstance(record, Escalation):
        return {"type": None, "region": record.region, "severity": None, "source": None}
    source = getattr(record, "source_id", None)
    return {"type": None, "region": None, "severity": None, "source": source}


def line(record: BaseModel) -> tuple[str, str | None]:
    """(text, colour key) for one record."""
    if isinstance(record, RawArticle):
        return f"{record.fetched:%H:%M:%S} {record.source_id:<16} {record.title[:90]}  {record.url}", None
    if isinstance(record, Article):
        return (
            f"{record.fetched:%H:%M:%S} {record.source_id:<16} story={record.story_id[:10]} sources={record.story_sources} {record.title[:90]}",
            None,
        )
    if isinstance(record, Signal):
        return (
            f"{record.article.fetched:%H:%M:%S} {record.type.value:<16} {record.confidence:.2f} {record.region:<16} "
            f"{record.article.source_id}: {record.article.title[:80]}"
        ), None
    if isinstance(record, Alert):
        colour = "resolved" if record.status.value == "resolved" else record.severity.value
        return (
            f"{record.last_seen:%H:%M:%S} {record.severity.value.upper():<8} {record.status.value:<8} rev={record.revision} "
            f"{record.rule_id} sources={record.counts.sources} {record.title}"
        ), colour
    if isinstance(record, Escalation):
        windows = " ".join(f"{name}={score:g}" for name, score in record.windows.items())
        return f"{record.at:%H:%M:%S} {record.region:<16} {windows} baseline={record.baseline:g} z={record.zscore:+.2f}", None
    if isinstance(record, Delivery):
        why = (
            f" silence={record.silenced_by}"
            if record.silenced_by
            else f" inhibited_by={record.inhibited_by}"
            if record.inhibited_by
            else ""
        )
        return (
            f"{record.at:%H:%M:%S} {record.receiver:<12} {record.outcome.value:<10} attempts={record.attempts} {record.idempotency_key}{why}",
            None,
        )
    if isinstance(record, DeadLetter):
        origin = f"[{record.partition}]@{record.offset}" if record.partition is not None else f" {record.key} {record.url}"
        return f"{record.at:%H:%M:%S} {record.topic}{origin} {record.error[:160]}", "invalid"
    return record.model_dump_json(), None


def render(value: bytes, model: type[BaseModel], filters: Filters, as_json: bool, colour: bool) -> str | None:
    """The output line for one raw value, or None when filtered out."""
    try:
        record = model.model_validate_json(value)
    except ValidationError as exc:
        text = f"INVALID {model.__name__}: {exc.errors(include_url=False)[0]['msg']}: {value[:120]!r}"
        return json.dumps({"invalid": text}) if as_json else _paint(text, "invalid", colour)
    if not filters.accept(record):
        return None
    if as_json:
        return record.model_dump_json()
    text, key = line(record)
    return _paint(text, key, colour)


def _paint(text: str, key: str | None, colour: bool) -> str:
    return f"{COLOURS[key]}{text}{RESET}" if colour and key in COLOURS else text


def resolve_topic(settings: Settings, name: str) -> tuple[str, type[BaseModel]]:
    """A short name ('alerts') or a full topic name, and the model of its records."""
    short = name[len(settings.topic_prefix) :] if name.startswith(settings.topic_prefix) else name
    if short not in MODELS:
        raise ValueError(f"unknown topic {name!r}; expected one of: {', '.join(MODELS)}")
    return settings.topic_prefix + short, MODELS[short]


async def tail(settings: Settings, topic: str, start: str | float, emit: Callable[[bytes], bool], count: int | None) -> None:
    """Follow `topic` from 'beginning', 'end' or a unix time; stop after `count` emitted lines."""
    consumer = make_consumer(settings, enable_auto_commit=False)
    try:
        await consumer.start()
        partitions = await existing_partitions(consumer, [topic])
        consumer.assign(partitions)
        await _seek(consumer, partitions, start)
        emitted = 0
        while count is None or emitted < count:
            batches = await consumer.getmany(timeout_ms=500)
            for messages in batches.values():
                for message in messages:
                    emitted += emit(message.value)
                    if count is not None and emitted >= count:
                        return
    finally:
        await consumer.stop()


async def _seek(consumer: AIOKafkaConsumer, partitions: list[TopicPartition], start: str | float) -> None:
    if start == "beginning":
        await consumer.seek_to_beginning(*partitions)
    elif start == "end":
        await consumer.seek_to_end(*partitions)
    else:
        await seek_since(consumer, partitions, float(start))


def run_tail(
    settings: Settings, name: str, filters: Filters, as_json: bool, from_beginning: bool, since: str | None, count: int | None
) -> int:
    topic, model = resolve_topic(settings, name)
    start: str | float = "beginning" if from_beginning else ("end" if since is None else time.time() - parse_since(since))
    colour = sys.stdout.isatty() and not as_json

    def emit(value: bytes) -> bool:
        text = render(value, model, filters, as_json, colour)
        if text is not None:
            print(text, flush=True)
        return text is not None

    run_until_stopped(lambda: tail(settings, topic, start, emit, count), Shutdown().install())
    return 0
