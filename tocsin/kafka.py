"""The few Kafka calls every role shares: creating Tocsin's topics and a safe producer."""

from __future__ import annotations

import asyncio
import logging

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from tocsin.settings import Settings

log = logging.getLogger(__name__)


async def ensure_topics(settings: Settings, attempts: int = 30) -> None:
    """Create every Tocsin topic that does not exist yet, with the configured partitions.

    Retries while the broker is still starting, so roles may start in any order.
    """
    for attempt in range(1, attempts + 1):
        admin = AIOKafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers, client_id=f"{settings.app_id}-admin")
        try:
            await admin.start()
            existing = set(await admin.list_topics())
            wanted = [
                NewTopic(name, settings.partitions, settings.replication_factor, topic_configs=config)
                for name, config in settings.topics.all().items()
                if name not in existing
            ]
            if wanted:
                await _create(admin, wanted)
            return
        except KafkaConnectionError:
            if attempt == attempts:
                raise
            log.warning("Kafka at %s not reachable (attempt %d/%d)", settings.kafka_bootstrap_servers, attempt, attempts)
            await asyncio.sleep(1.0)
        finally:
            await admin.close()


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
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
    )
