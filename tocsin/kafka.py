"""The few Kafka calls every role shares: how to connect, creating Tocsin's topics, a safe producer.

`client_options` is the one place that turns settings into aiokafka connection
options (bootstrap servers, TLS, SASL); Faust gets the same through
streams/app.py `faust_settings`, which calls `ssl_context` from here.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.conn import create_conn
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaError,
    SaslAuthenticationFailed,
    TopicAlreadyExistsError,
    UnsupportedSaslMechanismError,
)
from aiokafka.helpers import create_ssl_context

from tocsin.settings import Settings, SettingsError

log = logging.getLogger(__name__)


class KafkaLoginError(SettingsError):
    """The broker answers but refuses Tocsin's TLS or SASL login: retrying cannot help, the settings must change."""


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context of SSL and SASL_SSL (the system's CAs unless a CA file is set); None without TLS."""
    if not settings.kafka_security_protocol.endswith("SSL"):
        return None
    files = (settings.kafka_ssl_cafile, settings.kafka_ssl_certfile, settings.kafka_ssl_keyfile)
    cafile, certfile, keyfile = (str(file) if file is not None else None for file in files)
    context: ssl.SSLContext = create_ssl_context(cafile=cafile, certfile=certfile, keyfile=keyfile)
    return context


def client_options(settings: Settings) -> dict[str, Any]:
    """Connection options for any aiokafka client: bootstrap servers, security protocol, TLS context, SASL login."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "security_protocol": settings.kafka_security_protocol,
        "ssl_context": ssl_context(settings),
    }
    if settings.kafka_sasl_password is not None:  # validated: set exactly when the protocol is SASL_*
        options.update(
            sasl_mechanism=settings.kafka_sasl_mechanism,
            sasl_plain_username=settings.kafka_sasl_username,
            sasl_plain_password=settings.kafka_sasl_password.get_secret_value(),
        )
    return options


def make_consumer(settings: Settings, *topics: str, **options: Any) -> AIOKafkaConsumer:
    """A consumer connected as the settings say; `options` are aiokafka's consumer options."""
    return AIOKafkaConsumer(*topics, **client_options(settings), **options)


async def topic_partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    """Every partition of `topic`, fresh from the broker; empty when the topic does not exist.

    aiokafka has no public "describe topic": this forces a metadata refresh so a
    topic created a moment ago (or by another process) is seen.
    """
    await consumer._client.force_metadata_update()
    return [TopicPartition(topic, partition) for partition in sorted(consumer.partitions_for_topic(topic) or ())]


class MissingTopic(ValueError):
    """A topic to read does not exist on the broker."""


async def existing_partitions(
    consumer: AIOKafkaConsumer, topics: Sequence[str], *, attempts: int | None = 1, interval: float = 0.25
) -> list[TopicPartition]:
    """Every partition of `topics`, asking the broker again every `interval` seconds while one of them is missing.

    Callers differ only in patience: a command a person typed fails at once
    (`attempts=1`); a role that may start before the topics are created asks a few
    times, or keeps asking (`attempts=None`), saying in the log what it waits for.
    Raises MissingTopic, naming the topics and the broker, when the attempts run out.
    """
    attempt = 0
    while True:
        found = {topic: await topic_partitions(consumer, topic) for topic in topics}
        missing = [topic for topic, partitions in found.items() if not partitions]
        if not missing:
            return [tp for partitions in found.values() for tp in partitions]
        attempt += 1
        if attempts is not None and attempt >= attempts:
            servers = consumer._client._bootstrap_servers
            raise MissingTopic(f"topic {', '.join(missing)} does not exist on {servers}; `tocsin topics` creates the Tocsin topics")
        log.info("waiting for topics %s", ", ".join(missing))
        await asyncio.sleep(interval)


async def read_to_end(
    consumer: AIOKafkaConsumer, partitions: list[TopicPartition], wait_ms: int = 1000
) -> AsyncIterator[ConsumerRecord[bytes, bytes]]:
    """Every message of `partitions` from the beginning until each partition's end as it was when called.

    Compacted topics (connector state, deliveries, silences) hold current state that a
    role reads whole before it acts. `partitions` are assigned to the started, group-less
    `consumer`, which stays there: a caller may go on following them. Messages written
    meanwhile may come too, never fewer than up to the end.
    """
    if not partitions:
        return
    consumer.assign(partitions)
    await consumer.seek_to_beginning(*partitions)
    ends = await consumer.end_offsets(partitions)
    remaining = {tp for tp in partitions if ends[tp] > 0}
    while remaining:
        for messages in (await consumer.getmany(*remaining, timeout_ms=wait_ms)).values():
            for message in messages:
                yield message
        remaining = {tp for tp in remaining if await consumer.position(tp) < ends[tp]}


async def seek_since(consumer: AIOKafkaConsumer, partitions: list[TopicPartition], since: float) -> None:
    """Seek each assigned partition to its first message at or after `since` (unix seconds); to its end where none is that new."""
    found = await consumer.offsets_for_times({tp: int(since * 1000) for tp in partitions})
    for tp in partitions:
        offset = found.get(tp)
        if offset is None:
            await consumer.seek_to_end(tp)
        else:
            consumer.seek(tp, offset.offset)


def make_admin(settings: Settings, client_id: str) -> AIOKafkaAdminClient:
    """An admin client connected as the settings say."""
    return AIOKafkaAdminClient(**client_options(settings), client_id=client_id)


async def ensure_topics(settings: Settings, attempts: int = 30, extra: Mapping[str, dict[str, str]] | None = None) -> None:
    """Create every Tocsin topic (and the `extra` ones, name to config) that does not exist yet, with the configured partitions.

    Retries while the broker is still starting, so roles may start in any order.
    """
    for attempt in range(1, attempts + 1):
        admin = make_admin(settings, f"{settings.app_id}-admin")
        try:
            await admin.start()
            existing = set(await admin.list_topics())
            wanted = [
                NewTopic(name, settings.partitions, settings.replication_factor, topic_configs=config)
                for name, config in {**settings.topics.all(), **(extra or {})}.items()
                if name not in existing
            ]
            if wanted:
                await _create(admin, wanted)
            return
        except KafkaConnectionError as exc:
            refused = await login_refused(settings)
            if refused is not None:
                raise KafkaLoginError(refused) from exc
            if attempt == attempts:
                raise
            log.warning("Kafka at %s not reachable (attempt %d/%d)", settings.kafka_bootstrap_servers, attempt, attempts)
            await asyncio.sleep(1.0)
        finally:
            await admin.close()


async def login_refused(settings: Settings) -> str | None:
    """Why the first bootstrap server refuses our login, or None (it accepts, or it is not there to ask).

    aiokafka logs the reason and raises only "Unable to bootstrap"; this asks once
    more on a bare connection to name it. The message names settings, never the password.
    """
    host, _, port = settings.kafka_bootstrap_servers.split(",")[0].strip().rpartition(":")
    options = {key: value for key, value in client_options(settings).items() if key != "bootstrap_servers"}
    try:
        connection = await create_conn(host, int(port), request_timeout_ms=10_000, **options)
    except (SaslAuthenticationFailed, UnsupportedSaslMechanismError) as exc:
        return (
            f"Kafka at {host}:{port} refused the {settings.kafka_sasl_mechanism} login of user "
            f"{settings.kafka_sasl_username!r} (TOCSIN_KAFKA_SASL_USERNAME, TOCSIN_KAFKA_SASL_PASSWORD): {exc}"
        )
    except ssl.SSLError as exc:
        return (
            f"TLS with Kafka at {host}:{port} failed (kafka_security_protocol {settings.kafka_security_protocol}, "
            f"kafka_ssl_cafile {settings.kafka_ssl_cafile or 'system CAs'}): {exc}"
        )
    except (TimeoutError, OSError, KafkaError):
        return None
    connection.close()
    return None


async def _create(admin: AIOKafkaAdminClient, topics: list[NewTopic]) -> None:
    try:
        response = await admin.create_topics(topics)
    except TopicAlreadyExistsError:
        return  # another role created them at the same moment
    for name, code, message in getattr(response, "topic_errors", []):
        if code not in (0, TopicAlreadyExistsError.errno):
            raise RuntimeError(f"cannot create topic {name}: error {code} {message or ''}".strip())
    log.info("created topics: %s", ", ".join(topic.name for topic in topics))


def make_producer(settings: Settings, client_id: str) -> AIOKafkaProducer:
    """An idempotent producer that waits for all in-sync replicas: accepted means stored."""
    return AIOKafkaProducer(
        **client_options(settings),
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
    )
