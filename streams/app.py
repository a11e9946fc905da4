"""The Faust app: agents that move records between topics and call the pure core.

normalize (articles.raw -> articles-by-url) -> dedupe by URL (-> articles-by-fingerprint)
-> dedupe by content (-> articles) -> classify (-> signals, keyed by region)
-> evaluate rules (-> alerts, keyed by fingerprint).

Each repartition step keys records by what the next table is keyed by, so every
table lookup is local to the worker that owns the partition; more workers in the
same consumer group share the partitions (scale-out is Kafka's, not ours).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import faust

from streams import metrics
from streams.classifier import Classifier
from streams.deadletter import dead_letter_record
from streams.detector import detect
from streams.normalizer import normalize
from streams.places import load_gazetteer
from streams.rules import AlertState, advance, expire, load_rules
from streams.rules.engine import fingerprint, group_labels, matches
from tocsin.records import Alert, AlertStatus, Article, RawArticle, Record, Signal
from tocsin.settings import Settings

log = logging.getLogger(__name__)


def faust_settings(settings: Settings) -> dict:
    return {
        "broker": [f"kafka://{server.strip()}" for server in settings.kafka_bootstrap_servers.split(",")],
        "store": "memory://",
        "datadir": str(Path(settings.data_dir) / settings.app_id),
        "topic_partitions": settings.partitions,
        "topic_replication_factor": settings.replication_factor,
        "topic_allow_declare": True,
        "web_enabled": False,
        "producer_acks": -1,
        "broker_session_timeout": 10.0,
        "broker_heartbeat_interval": 3.0,
        "broker_rebalance_timeout": 20.0,
        "broker_commit_interval": 1.0,
        "consumer_auto_offset_reset": "earliest",
        "table_standby_replicas": 0,
    }


def create_app(settings: Settings) -> faust.App:
    """The worker app with all stream agents registered."""
    app = faust.App(settings.app_id, **faust_settings(settings))
    names = settings.topics

    def topic(name: str) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw", partitions=settings.partitions)

    raw, by_url, by_fingerprint = topic(names.raw), topic(names.by_url), topic(names.by_fingerprint)
    articles, signals, alerts, deadletter = topic(names.articles), topic(names.signals), topic(names.alerts), topic(names.deadletter)
    ticks = topic(names.ticks)
    seen_urls = app.Table("seen-urls", default=None, partitions=settings.partitions, key_type=str, value_type=float)
    seen_fingerprints = app.Table("seen-fingerprints", default=None, partitions=settings.partitions, key_type=str, value_type=float)
    alert_states = app.Table("alert-states", default=None, partitions=settings.partitions, key_type=str)
    ttl = float(settings.dedupe_ttl_seconds)
    classifier = Classifier()
    places = load_gazetteer()
    rules = load_rules(settings.rules_dir)
    rules_by_id = {rule.id: rule for rule in rules}

    async def send_dead_letter(event, error: Exception) -> None:
        message = event.message
        record = dead_letter_record(message.topic, message.partition, message.offset, message.key, event.value, error)
        await deadletter.send(key=message.key, value=record.to_bytes())

    async def parsed(stream, model: type[Record]):
        """Valid records of the stream; invalid ones go to the dead-letter topic."""
        async for event in stream.events():
            try:
                yield model.from_bytes(event.value)
            except ValueError as exc:  # pydantic's ValidationError is a ValueError
                await send_dead_letter(event, exc)

    def first_time(table, key: str) -> bool:
        """Mark `key` as seen; False when it was already seen within the TTL."""
        now = datetime.now(UTC).timestamp()
        seen_at = table.get(key)
        if seen_at is not None and now - seen_at < ttl:
            return False
        table[key] = now
        return True

    @app.agent(raw, name="normalize")
    async def normalize_agent(stream):
        async for raw_article in parsed(stream, RawArticle):
            metrics.ARTICLES_IN.inc()
            article = normalize(raw_article)
            await by_url.send(key=article.canonical_url.encode(), value=article.to_bytes())

    @app.agent(by_url, name="dedupe-url")
    async def dedupe_url(stream):
        async for article in parsed(stream, Article):
            if not first_time(seen_urls, article.canonical_url):
                metrics.DUPLICATES.labels("url").inc()
                continue
            await by_fingerprint.send(key=article.fingerprint.encode(), value=article.to_bytes())

    @app.agent(by_fingerprint, name="dedupe-content")
    async def dedupe_content(stream):
        async for article in parsed(stream, Article):
            if not first_time(seen_fingerprints, article.fingerprint):
                metrics.DUPLICATES.labels("fingerprint").inc()
                continue
            metrics.ARTICLES_OUT.inc()
            await articles.send(key=article.story_id.encode(), value=article.to_bytes())

    @app.agent(articles, name="classify")
    async def classify(stream):
        async for article in parsed(stream, Article):
            for signal in detect(article, classifier, places):
                metrics.SIGNALS.labels(signal.type.value, signal.region).inc()
                await signals.send(key=signal.region.encode(), value=signal.to_bytes())

    async def publish(alert: Alert) -> None:
        metrics.ALERTS.labels(alert.rule_id, alert.severity.value, alert.status.value).inc()
        await alerts.send(key=alert.fingerprint.encode(), value=alert.to_bytes())

    @app.agent(signals, name="evaluate")
    async def evaluate(stream):
        async for event in stream.events():
            try:
                signal = Signal.from_bytes(event.value)
            except ValueError as exc:
                await send_dead_letter(event, exc)
                continue
            for rule in rules:
                if not matches(rule, signal):
                    continue
                labels = group_labels(rule, signal)
                key = fingerprint(rule, labels)
                stored = alert_states.get(key)
                state = AlertState.model_validate(stored) if stored else None
                state, alert = advance(rule, state, signal, labels, datetime.now(UTC))
                state.partition = event.message.partition
                alert_states[key] = state.model_dump(mode="json")
                if alert is not None:
                    await publish(alert)

    @app.agent(ticks, name="expire")
    async def expire_alerts(stream):
        """On each tick, flush pending updates and resolve quiet alerts of the tick's partition."""
        async for event in stream.events():
            now = datetime.now(UTC)
            for key, stored in list(alert_states.items()):
                state = AlertState.model_validate(stored)
                rule = rules_by_id.get(state.rule_id)
                if state.partition != event.message.partition or rule is None or state.status != AlertStatus.FIRING:
                    continue
                state, alert = expire(rule, state, now)
                if alert is not None:
                    alert_states[key] = state.model_dump(mode="json")
                    await publish(alert)

    @app.timer(settings.tick_seconds, on_leader=True)
    async def tick() -> None:
        """One tick per partition, so alert state expires on the worker that owns it."""
        stamp = datetime.now(UTC).isoformat().encode()
        for partition in range(settings.partitions):
            await ticks.send(value=stamp, partition=partition)

    return app


