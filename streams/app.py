"""The Faust app: agents that move records between topics and call the pure core.

normalize (articles.raw -> articles-by-url) -> dedupe by URL (-> articles-by-fingerprint)
-> dedupe by content per source (-> story-bands, one probe per LSH band) -> band
min-registers (-> story-votes) -> pick the oldest story (-> articles-by-story) ->
count the story's sources (-> articles) -> classify (-> signals, keyed by region)
-> evaluate rules (-> alerts, keyed by fingerprint). See docs/stories.md.

Each repartition step keys records by what the next table is keyed by, so every
table lookup is local to the worker that owns the partition; more workers in the
same consumer group share the partitions (scale-out is Kafka's, not ours).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from pathlib import Path

import faust
from pydantic import TypeAdapter

from streams import metrics
from streams.classifier import Classifier
from streams.deadletter import dead_letter_record
from streams.detector import detect
from streams.escalation import EscalationState, add, due
from streams.escalation import emit as emit_index
from streams.normalizer import normalize
from streams.places import load_gazetteer
from streams.rules import Evaluator, load_rule_set
from streams.rules.reload import RuleReloader
from streams.state_dir import claim_state_dir
from streams.stories import (
    MAX_SOURCES,
    SEEN_AT,
    add_article,
    alias_of,
    apply_merge,
    band_keys,
    claim_band,
    displaced,
    earliest,
    expired_keys,
    key_partition,
    live,
    merge_key,
    stories_to_merge,
)
from streams.transport import App
from tocsin.kafka import ssl_context
from tocsin.records import Alert, Article, BandMessage, RawArticle, Record, Signal, StoryMerge, StoryOffer, StoryVote
from tocsin.settings import Settings
from tocsin.status import consumer_lags

log = logging.getLogger(__name__)

#: How often the leader worker measures consumer lag for /metrics.
LAG_SECONDS = 15.0
#: How often every worker looks for changed rule files.
RULES_RELOAD_SECONDS = 3.0


def band_partition(key: str, partitions: int) -> int:
    """The partition of a band key: stable across processes, so a band's table entry stays in one place."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % partitions


class StoryInput:
    """What `articles-by-story` carries: articles to count, and story merges (told apart by their fields)."""

    _records = TypeAdapter(StoryMerge | Article)

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryMerge | Article:
        return cls._records.validate_json(data)


def _agent(process, model: type[Record], step):
    """An agent body that runs `step` over the stream (a closure per agent, as Faust wants)."""

    async def agent(stream) -> None:
        await process(stream, model, step)

    agent.__name__ = step.__name__.removesuffix("_step")
    return agent


def faust_settings(settings: Settings) -> dict:
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
        return faust.SASLCredentials(username=settings.kafka_sasl_username, password=settings.kafka_sasl_password.get_secret_value(),
                                     ssl_context=context, mechanism=settings.kafka_sasl_mechanism)
    return faust.SSLCredentials(context) if context is not None else None


def create_app(settings: Settings) -> faust.App:
    """The worker app with all stream agents registered."""
    options = faust_settings(settings)
    if settings.store == "rocksdb":  # RocksDB locks its files: one folder per worker process (streams/state_dir.py)
        options["datadir"] = str(claim_state_dir(Path(options["datadir"])))
    app = App(settings.app_id, **options)
    names = settings.topics

    def topic(name: str) -> faust.TopicT:
        return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw", partitions=settings.partitions)

    raw, by_url, by_fingerprint = topic(names.raw), topic(names.by_url), topic(names.by_fingerprint)
    articles, signals, alerts, deadletter = topic(names.articles), topic(names.signals), topic(names.alerts), topic(names.deadletter)
    escalation = topic(names.escalation)
    ticks = topic(names.ticks)
    story_bands, story_votes, by_story = topic(names.story_bands), topic(names.story_votes), topic(names.by_story)
    seen_urls = app.Table("seen-urls", default=None, partitions=settings.partitions, key_type=str, value_type=float)
    seen_fingerprints = app.Table("seen-fingerprints", default=None, partitions=settings.partitions, key_type=str)
    band_stories = app.Table("story-bands", default=None, partitions=settings.partitions, key_type=str)
    pending_votes = app.Table("story-votes", default=None, partitions=settings.partitions, key_type=str)
    story_table = app.Table("stories", default=None, partitions=settings.partitions, key_type=str)
    escalation_states = app.Table("escalation", default=None, partitions=settings.partitions, key_type=str)
    alert_states = app.Table("alert-states", default=None, partitions=settings.partitions, key_type=str)
    ttl = float(settings.dedupe_ttl_seconds)
    #: Tables whose entries are deleted once older than the TTL, with how each key's partition is found.
    expiring = [(seen_urls, key_partition), (seen_fingerprints, key_partition), (band_stories, band_partition),
                (pending_votes, key_partition), (story_table, key_partition)]
    last_cleanup: dict[int, float] = {}

    @app.agent(ticks, name="cleanup")
    async def clean_tables(stream) -> None:
        """Every cleanup interval, delete the tick partition's entries older than the TTL (docs/stories.md).

        Reads already ignore them; deleting them bounds memory, disk and changelog.
        A delete goes to the changelog partition of the tick, hence only that partition's keys.
        """
        async for event in stream.events():
            partition, now = event.message.partition, datetime.now(UTC).timestamp()
            if now - last_cleanup.get(partition, 0.0) < settings.cleanup_interval_seconds:
                continue
            last_cleanup[partition] = now
            for table, partition_of in expiring:
                owned = lambda key, of=partition_of: of(key, settings.partitions) == partition  # noqa: E731
                doomed = expired_keys(list(table.items()), SEEN_AT[table.name], now, ttl, owned)
                for key in doomed:
                    del table[key]
                if doomed:
                    log.info("table %s partition %d: deleted %d entries older than %.0f s", table.name, partition, len(doomed), ttl)

    classifier = Classifier()
    places = load_gazetteer()
    evaluator = Evaluator(load_rule_set(settings.rules_dir))
    reloader = RuleReloader(settings.rules_dir)
    alert_cache = {"stale": True}

    async def send_dead_letter(event, error: Exception) -> None:
        message = event.message
        record = dead_letter_record(message.topic, message.partition, message.offset, message.key, event.value, error)
        await deadletter.send(key=message.key, value=record.to_bytes())

    async def process(stream, model: type[Record], step) -> None:
        """Run `step(record, event)` on every record; whatever fails goes to the dead-letter topic.

        A record that does not validate, or that trips a bug in a step, is logged
        with topic, partition and offset and set aside: the stream goes on.
        """
        async for event in stream.events():
            try:
                await step(model.from_bytes(event.value), event)
            except Exception as exc:  # noqa: BLE001 - one record must not stop a partition
                if not isinstance(exc, ValueError):
                    log.exception("step %s failed", step.__name__)
                await send_dead_letter(event, exc)

    def first_time(table, key: str) -> bool:
        """Mark `key` as seen; False when it was already seen within the TTL."""
        now = datetime.now(UTC).timestamp()
        seen_at = table.get(key)
        if seen_at is not None and now - seen_at < ttl:
            return False
        table[key] = now
        return True

    async def normalize_step(raw_article: RawArticle, event) -> None:
        metrics.ARTICLES_IN.inc()
        if evaluator.rules.source_flatlines:  # articles.raw is keyed by source: source health is observed here
            await run_rules(evaluator.on_activity, raw_article.source_id, datetime.now(UTC), event.message.partition)
        article = normalize(raw_article)
        await by_url.send(key=article.canonical_url.encode(), value=article.to_bytes())

    async def dedupe_url_step(article: Article, event) -> None:
        if not first_time(seen_urls, article.canonical_url):
            metrics.DUPLICATES.labels("url").inc()
            return
        await by_fingerprint.send(key=article.fingerprint.encode(), value=article.to_bytes())

    async def dedupe_content_step(article: Article, event) -> None:
        """Drop a source repeating its own content; other sources' copies go on to corroborate the story."""
        now = datetime.now(UTC).timestamp()
        seen = seen_fingerprints.get(article.fingerprint)
        sources = seen["sources"] if seen and now - seen["at"] < ttl else []
        if article.source_id in sources:
            metrics.DUPLICATES.labels("fingerprint").inc()
            return
        seen_fingerprints[article.fingerprint] = {"at": now, "sources": [*sources, article.source_id][-MAX_SOURCES:]}
        keys = band_keys(article.title, article.text)
        if not keys:  # too short to sign: a story of its own
            await by_story.send(key=article.article_id.encode(), value=article.model_copy(update={"story_id": article.article_id}).to_bytes())
            return
        t = article.fetched.timestamp()
        await send_to_bands(keys, StoryOffer(story=article.article_id, first=t, seen=t), article)

    async def send_to_bands(keys: list[str], offer: StoryOffer, article: Article | None = None) -> None:
        """One message per partition holding some of the bands (a probe with the article, or a claim)."""
        by_partition: dict[int, list[str]] = {}
        for key in keys:
            by_partition.setdefault(band_partition(key, settings.partitions), []).append(key)
        for partition, bands in by_partition.items():
            message = BandMessage(bands=bands, offer=offer, n=len(keys) if article else 0, article=article)
            await story_bands.send(key=bands[0].encode(), value=message.to_bytes(), partition=partition)

    async def story_band_step(message: BandMessage, event) -> None:
        """Each band is a min-register: the oldest story that reached it; probes get it as their answer.

        An answer also names the live story the probe replaced, if any: the vote merges it.
        """
        now = message.article.fetched.timestamp() if message.article else message.offer.seen
        answers = {}
        for band in message.bands:
            previous = band_stories.get(band)
            answer = band_stories[band] = claim_band(previous, message.offer.model_dump(exclude_none=True), now, ttl)
            answers[band] = {**answer, "displaced": displaced(previous, answer, now, ttl)}
        if message.article is not None:
            vote = StoryVote(n=message.n, answers=answers, article=message.article)
            await story_votes.send(key=message.article.article_id.encode(), value=vote.to_bytes())

    async def story_vote_step(vote: StoryVote, event) -> None:
        """Once every band answered, join the oldest story among them, tell the other bands, merge the other stories."""
        article_id = vote.article.article_id
        answers = {**(pending_votes.get(article_id) or {}), **{band: offer.model_dump() for band, offer in vote.answers.items()}}
        if len(answers) < vote.n:
            pending_votes[article_id] = answers
            return
        if article_id in pending_votes:
            del pending_votes[article_id]
        now = vote.article.fetched.timestamp()
        best = earliest(a for a in answers.values() if live(a, now, ttl)) or next(iter(answers.values()))
        chosen = StoryOffer(story=best["story"], first=best["first"], seen=now)
        stale = [band for band, answer in answers.items() if answer["story"] != best["story"]]
        if stale:
            await send_to_bands(stale, chosen)
        for story in stories_to_merge(answers.values(), best, article_id, now, ttl):
            await by_story.send(key=story.encode(), value=StoryMerge(story=story, into=chosen).to_bytes())
        joined = vote.article.model_copy(update={"story_id": best["story"]})
        await by_story.send(key=best["story"].encode(), value=joined.to_bytes())

    async def story_step(record: Article | StoryMerge, event) -> None:
        """Count the story's articles and distinct sources; stamp the count and the trust-weighted count on the article."""
        if isinstance(record, StoryMerge):
            await merge_step(record)
            return
        article, now = record, record.fetched.timestamp()
        stored = live(story_table.get(article.story_id), now, ttl)
        if (older := alias_of(stored)) is not None:  # merged into an older story: counted there
            story_table[article.story_id] = {**stored, "seen": max(now, stored["seen"])}
            await by_story.send(key=older["story"].encode(), value=article.model_copy(update={"story_id": older["story"]}).to_bytes())
            return
        story, assignment = add_article(stored, article.story_id, article.source_id, article.title, now, article.trust)
        story_table[article.story_id] = story
        metrics.ARTICLES_OUT.inc()
        stamped = article.model_copy(update={"story_sources": assignment.sources_count, "story_weight": assignment.weight})
        await articles.send(key=article.story_id.encode(), value=stamped.to_bytes())

    async def merge_step(merge: StoryMerge) -> None:
        """Alias a newer story to an older one, or fold the aliased story's sources and count into the older one."""
        now = merge.into.seen
        key, value, sends = apply_merge(story_table.get, merge.story, merge.into.model_dump(), merge.state, now, ttl)
        if value is not None:
            story_table[key] = value
        for story, target, state in sends:
            record = StoryMerge(story=story, into=StoryOffer(story=target["story"], first=target["first"], seen=now), state=state)
            await by_story.send(key=merge_key(story, target, state).encode(), value=record.to_bytes())

    async def classify_step(article: Article, event) -> None:
        for signal in detect(article, classifier, places):
            metrics.SIGNALS.labels(signal.type.value, signal.region).inc()
            await signals.send(key=signal.region.encode(), value=signal.to_bytes())

    async def publish(alert: Alert) -> None:
        metrics.ALERTS.labels(alert.rule_id, alert.severity.value, alert.status.value).inc()
        await alerts.send(key=alert.fingerprint.encode(), value=alert.to_bytes())

    async def run_rules(handler, *args) -> None:
        """Call an Evaluator method; write the states it changed to the table, then publish its alerts.

        The evaluator keeps this worker's alert states deserialized in memory (a
        per-signal table read + validation per rule cost more than evaluating);
        it is refilled from the table after every rebalance.
        """
        if alert_cache["stale"]:
            evaluator.load(alert_states.items())
            alert_cache["stale"] = False
        emitted = handler(*args)
        for key, state in evaluator.take_dirty().items():
            alert_states[key] = state.model_dump(mode="json")
        for alert in emitted:
            await publish(alert)

    async def forget_alert_states(sender, *args, **kwargs) -> None:
        """Partitions moved: the cached states may belong to another worker now, or be missing some."""
        alert_cache["stale"] = True

    app.on_partitions_revoked.connect(forget_alert_states)
    app.on_partitions_assigned.connect(forget_alert_states)

    async def evaluate_step(signal: Signal, event) -> None:
        await run_rules(evaluator.on_signal, signal, datetime.now(UTC), event.message.partition)

    async def escalation_step(signal: Signal, event) -> None:
        stored = escalation_states.get(signal.region)
        state = EscalationState.model_validate(stored) if stored else EscalationState(region=signal.region)
        state.partition = event.message.partition
        escalation_states[signal.region] = add(state, signal, datetime.now(UTC).timestamp()).model_dump(mode="json")

    for source, name, model, step in (
        (raw, "normalize", RawArticle, normalize_step),
        (by_url, "dedupe-url", Article, dedupe_url_step),
        (by_fingerprint, "dedupe-content", Article, dedupe_content_step),
        (story_bands, "story-bands", BandMessage, story_band_step),
        (story_votes, "story-votes", StoryVote, story_vote_step),
        (by_story, "stories", StoryInput, story_step),
        (articles, "classify", Article, classify_step),
        (signals, "evaluate", Signal, evaluate_step),
        (signals, "escalation", Signal, escalation_step),
    ):
        app.agent(source, name=name)(_agent(process, model, step))

    async def emit_escalation(partition: int) -> None:
        """Emit the index of every region whose signals live in `partition`, once per interval."""
        now = datetime.now(UTC).timestamp()
        for region, stored in list(escalation_states.items()):
            state = EscalationState.model_validate(stored)
            if state.partition != partition or not due(state, now, settings.escalation_interval_seconds):
                continue
            record = emit_index(state, now)
            escalation_states[region] = state.model_dump(mode="json")
            metrics.ESCALATION.labels(region).set(record.windows["1h"])
            await escalation.send(key=region.encode(), value=record.to_bytes())
            if evaluator.rules.escalation:  # evaluated where the index is made: same partition as the region's alerts
                await run_rules(evaluator.on_escalation, record, datetime.now(UTC), partition)

    @app.agent(ticks, name="expire")
    async def expire_alerts(stream):
        """On each tick, emit escalation indexes of the tick's partition, start flatlines, flush updates, resolve quiet alerts."""
        async for event in stream.events():
            await emit_escalation(event.message.partition)
            await run_rules(evaluator.on_tick, datetime.now(UTC), event.message.partition)

    @app.timer(RULES_RELOAD_SECONDS)
    async def reload_rules() -> None:
        """Hot reload: changed rule files replace the rules if they load cleanly; alert states are kept."""
        rules = reloader.poll()
        if rules is not None:
            evaluator.replace_rules(rules)

    async def measure_lag() -> None:
        """Committed offsets of the worker and notifier groups against partition ends, as a gauge per partition."""
        try:
            lags = await consumer_lags(settings)
        except Exception as exc:  # noqa: BLE001 - a metric must not take the worker down
            log.warning("cannot measure consumer lag: %s", exc)
            return
        for lag in lags:
            metrics.CONSUMER_LAG.labels(lag.group, lag.topic.removeprefix(settings.topic_prefix), str(lag.partition)).set(lag.lag)

    if settings.metrics_enabled:  # with metrics off, nobody reads the gauge: spare Kafka the queries
        app.timer(LAG_SECONDS, on_leader=True)(measure_lag)

    @app.timer(settings.tick_seconds, on_leader=True)
    async def tick() -> None:
        """One tick per partition, so alert state expires on the worker that owns it."""
        stamp = datetime.now(UTC).isoformat().encode()
        for partition in range(settings.partitions):
            await ticks.send(value=stamp, partition=partition)

    return app


