"""The Faust app: agents that move records between topics and call the pure core.

normalize and drop a source's repeated content (articles.raw -> articles-by-url)
-> dedupe by URL (-> story-bands, one probe per partition of LSH bands) -> band
min-registers (-> story-votes) -> pick the oldest story (-> articles-by-story) ->
count the story's sources, publish to `articles`, classify (-> signals, keyed by
region) -> escalation index and rules (-> alerts, keyed by region). Stages take
records in batches and write their tables once per batch; internal topics carry
per-partition batch envelopes (docs/architecture.md, "Batches"; docs/stories.md).

Each repartition step keys records by what the next table is keyed by, so every
table lookup is local to the worker that owns the partition; more workers in the
same consumer group share the partitions (scale-out is Kafka's, not ours). The
agents live in `streams/agents/`, one module per stretch of this chain.
"""

from __future__ import annotations

from pathlib import Path

import faust

from tocsin.kafka import ssl_context
from tocsin.metrics import RoleMetrics
from tocsin.partitioning import kafka_partitioner
from tocsin.settings import Settings
from tocsin.streams.agents import alerting, dedupe, stories, upkeep
from tocsin.streams.agents.wiring import Wiring
from tocsin.streams.metrics import WorkerMetrics
from tocsin.streams.state_dir import claim_state_dir
from tocsin.streams.transport import App


def faust_settings(settings: Settings) -> dict:
    """Faust's options from Tocsin's settings: short failure detection and commits every second (docs/architecture.md)."""
    return {
        "broker": [f"kafka://{server.strip()}" for server in settings.kafka_bootstrap_servers.split(",")],
        "broker_credentials": broker_credentials(settings),
        "store": f"{settings.store}://",
        "datadir": str(Path(settings.data_dir) / settings.app_id),
        "topic_partitions": settings.partitions,
        "topic_replication_factor": settings.replication_factor,
        "topic_allow_declare": True,
        "web_enabled": False,
        "producer_acks": -1,
        "producer_partitioner": kafka_partitioner,  # the default one, with its hash cached
        "producer_linger_ms": 5,  # a produce request per few ms, not per record: each costs a socket send (docs/architecture.md)
        "broker_session_timeout": 10.0,
        "broker_heartbeat_interval": 3.0,
        "broker_rebalance_timeout": 20.0,
        "broker_commit_interval": 1.0,
        "consumer_auto_offset_reset": "earliest",
        "table_standby_replicas": 0,
    }


def broker_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    """Faust's form of the TLS and SASL settings, from the same TLS context as every aiokafka client."""
    context = ssl_context(settings)
    if settings.kafka_sasl_password is not None:
        return faust.SASLCredentials(
            username=settings.kafka_sasl_username,
            password=settings.kafka_sasl_password.get_secret_value(),
            ssl_context=context,
            mechanism=settings.kafka_sasl_mechanism,
        )
    return faust.SSLCredentials(context) if context is not None else None


def create_app(settings: Settings, role: RoleMetrics) -> faust.App:
    """The worker app with all stream agents registered, their metrics defined on `role`."""
    options = faust_settings(settings)
    if settings.store == "rocksdb":  # RocksDB locks its files: one folder per worker process (streams/state_dir.py)
        options["datadir"] = str(claim_state_dir(Path(options["datadir"])))
    metrics = WorkerMetrics(role)
    wiring = Wiring(App(settings.app_id, rereads=metrics.rereads, **options), settings, metrics)
    rules = alerting.RuleRunner(wiring)
    dedupe.register(wiring, rules)
    stories.register(wiring)
    alerting.register(wiring, rules)
    upkeep.register(wiring)
    return wiring.app


def changelog_topics(app: faust.App) -> dict[str, dict[str, str]]:
    """The changelog topic of every table, name to config, for `tocsin.kafka.ensure_topics` to create before the worker starts.

    Why: Faust creates them itself while it starts, and a record processed before the
    broker has elected their leaders finds a changelog of 0 partitions: Faust raises
    PartitionsMismatch and the record goes to the dead letters. Created first, they are
    ready when the first record arrives.
    """
    topics = (table.changelog_topic for table in app.tables.values())
    return {topic.get_topic_name(): {"cleanup.policy": "compact" if topic.compacting else "delete"} for topic in topics}
