"""The versioned JSON records on Tocsin's topics, defined once.

Every record carries `schema_version`. Consumers accept fields they do not know
(producers may add optional fields within a version) and reject a version they do
not know, so that a record is never half-understood. `tocsin schemas` writes these
models as JSON Schema for consumers in other languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from tocsin.labels import LabelMatcher

SCHEMA_VERSION: Literal[1] = 1

#: What the worker keeps of an item's title and text (tocsin.streams.normalizer). Connectors
#: cut raw items to the same, so a 5 MB title costs no Kafka record its size.
MAX_TITLE_CHARS = 1_000
MAX_TEXT_CHARS = 20_000
#: The largest record value a producer sends: Kafka's defaults (the producer's
#: max.request.size of 1 MiB and the broker's message.max.bytes) less room for key and batch.
MAX_RECORD_BYTES = 1_000_000
#: How much of a failed record's value a dead letter keeps: enough to read it, far below MAX_RECORD_BYTES.
DEAD_LETTER_PAYLOAD_CHARS = 100_000


class SignalType(StrEnum):
    """The signal taxonomy of ../shared/SIGNALS.md; ids never change meaning."""

    SHELLING = "shelling"
    AIR_STRIKE = "air_strike"
    ARMED_CLASH = "armed_clash"
    EXPLOSION = "explosion"
    AIR_RAID_ALERT = "air_raid_alert"
    EVACUATION = "evacuation"
    OFFENSIVE = "offensive"
    MOBILIZATION = "mobilization"
    TERRITORIAL_CHANGE = "territorial_change"
    CEASEFIRE_BREACH = "ceasefire_breach"
    BLOCKADE = "blockade"
    CASUALTIES = "casualties"
    THREAT = "threat"
    UNREST = "unrest"
    DE_ESCALATION = "de_escalation"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class AlertStatus(StrEnum):
    FIRING = "firing"
    RESOLVED = "resolved"


class Record(BaseModel):
    """Base of all topic records: immutable, versioned, tolerant of added fields."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    schema_version: Literal[1] = SCHEMA_VERSION

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, data: bytes | str) -> Self:
        """Parse and validate one record; raises pydantic.ValidationError."""
        return cls.model_validate_json(data)


def _weight_from_count(data: object) -> object:
    """Records from before trust was carried weigh each of their sources as 1: story_weight = story_sources."""
    if isinstance(data, dict) and "story_weight" not in data and "story_sources" in data:
        return {**data, "story_weight": data["story_sources"]}
    return data


class RawArticle(Record):
    """An item as a connector found it (topic `articles.raw`, keyed by source id)."""

    source_id: str = Field(min_length=1)
    url: str = Field(min_length=1, description="The item's link; the feed's URL when the item has none (see has_link).")
    has_link: bool = Field(
        default=True, description="False when the item had no link of its own: none, or one its feed gives other items too."
    )
    guid: str = Field(description="Stable item identity within the source (GUID, else link, else content hash).")
    title: str = ""
    summary: str = ""
    published: AwareDatetime
    published_missing: bool = Field(default=False, description="True when the feed gave no date and `published` is the fetch time.")
    fetched: AwareDatetime
    language: str | None = None
    trust: float = Field(default=1.0, ge=0.0, le=1.0, description="The source's catalog trust: its weight towards corroboration.")
    backfill: bool = Field(
        default=False,
        description="Part of a source's back catalogue (found on its first poll, not recent): feeds stories and baselines, never alerts.",
    )
    source_regions: list[str] = Field(
        default_factory=list,
        description="The source's catalog region hints: where its items happen when their text names no place that says.",
    )


class SourceState(Record):
    """What a connector remembers of a source (topic `connector-state`, compacted, keyed by source id).

    Written after the items it covers were acknowledged, so a connector restarted
    anywhere resumes without re-emitting old items and without missing new ones.
    """

    source_id: str
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = Field(
        default_factory=list, description="Digests of item identity keys, least recently fetched first (bounded; docs/item-identity.md)."
    )
    at: AwareDatetime


class Article(Record):
    """A normalized, de-duplicated article (topic `articles`, keyed by story id)."""

    article_id: str = Field(description="Hash of source id and guid: one per source item.")
    source_id: str
    url: str
    canonical_url: str
    guid: str
    title: str
    text: str = Field(description="Summary as plain text, whitespace and Unicode normalized.")
    language: str | None = None
    published: AwareDatetime
    fetched: AwareDatetime
    fingerprint: str = Field(description="Hash of the normalized title and text: same content, same value.")
    story_id: str
    story_sources: int = Field(default=1, ge=1, description="Distinct sources of the story so far.")
    trust: float = Field(default=1.0, ge=0.0, le=1.0, description="The source's catalog trust (from RawArticle).")
    source_regions: list[str] = Field(
        default_factory=list,
        description="The source's catalog region hints (from RawArticle): the region of signals whose text names no place that says where.",
    )
    story_weight: float = Field(
        default=1.0, ge=0.0, description="Trust-weighted corroboration: the sum of the trust of the story's distinct sources so far."
    )
    backfill: bool = Field(
        default=False,
        description="Part of a source's back catalogue (found on its first poll, not recent): feeds stories and baselines, never alerts.",
    )

    _old_records = model_validator(mode="before")(_weight_from_count)


class StoryOffer(BaseModel):
    """A story as a band of the LSH index knows it: id, first seen and last seen (epoch seconds)."""

    model_config = ConfigDict(frozen=True)

    story: str
    first: float
    seen: float
    displaced: str | None = Field(
        default=None, description="In a band's answer: the live story the probe replaced there (merged into the winner)."
    )


class BandMessage(Record):
    """Internal (`internal.story-bands`, partitioned by band key): a probe for an article's bands, or a claim.

    One message carries every band of an article that lives in the same partition,
    so an article costs one message per partition rather than one per band. A probe
    (`n` > 0) asks the bands which story they know and offers the article's own
    (`offer.story` is the article's id); one probe of an article carries the article
    itself, for its vote to pass on. A claim (`n` = 0) tells bands that their story
    joined an older one.
    """

    bands: list[str] = Field(min_length=1)
    offer: StoryOffer
    n: int = Field(default=0, ge=0, description="How many bands the article has in all (probes only).")
    article: Article | None = Field(default=None, description="The article, on one of its probes.")


class StoryVote(Record):
    """Internal (`internal.story-votes`, keyed by article id): some bands' answers for an article, one of them with the article."""

    n: int = Field(ge=1, description="How many answers make the vote complete.")
    answers: dict[str, StoryOffer] = Field(description="Band key to the story that band knows.")
    article_id: str
    article: Article | None = Field(default=None, description="The article, on the vote of the probe that carried it.")

    @model_validator(mode="before")
    @classmethod
    def _id_of_its_article(cls, data: Any) -> Any:
        """A vote from before `article_id` (every vote carried its article) is read as such."""
        if isinstance(data, dict) and "article_id" not in data and isinstance(data.get("article"), dict):
            return {**data, "article_id": data["article"].get("article_id")}
        return data


class StoryMerge(Record):
    """Internal (`articles-by-story`, next to articles): story `story` is the same story as the older `into`.

    Keyed by `story` without `state`, it makes that story an alias of `into`; keyed by
    `into.story` with `state` (the aliased story's table value), it folds that story's
    sources and count into `into` (docs/stories.md, "Story merge").
    """

    story: str
    into: StoryOffer
    state: dict[str, Any] | None = None


class EvidenceSpan(BaseModel):
    """The words that triggered a signal, with offsets into `title + "\\n" + text`."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ArticleRef(BaseModel):
    """Enough of an article to show an analyst the evidence without another lookup."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    story_id: str
    source_id: str
    url: str
    title: str
    published: AwareDatetime
    fetched: AwareDatetime
    story_sources: int = 1
    trust: float = 1.0
    story_weight: float = 1.0
    backfill: bool = False

    _old_records = model_validator(mode="before")(_weight_from_count)


def _lede_from_confidence(data: object) -> object:
    """Signals from before the lede was read count as reported in it: lede_confidence = confidence."""
    if isinstance(data, dict) and "lede_confidence" not in data and "confidence" in data:
        return {**data, "lede_confidence": data["confidence"]}
    return data


class Signal(Record):
    """One signal type found in one article for one region (topic `signals`, keyed by `region`)."""

    signal_id: str
    type: SignalType
    confidence: float = Field(ge=0.0, le=1.0)
    lede_confidence: float = Field(
        ge=0.0,
        le=1.0,
        description="The confidence of the evidence in the headline and lede alone (tocsin.streams.detector.lede_end): 0 when only the body mentions it.",
    )
    evidence: list[EvidenceSpan] = Field(min_length=1)
    region: str = Field(
        description="The region this record is keyed by, one of `regions` (`unlocated` when they are empty): a signal attributed to two regions is two records."
    )
    places: list[str] = Field(
        default_factory=list,
        description="Every place id the article names, in order of first mention, actors and history included (what rules' `places` match).",
    )
    regions: list[str] = Field(
        default_factory=list,
        description="Every region the signal is attributed to: where its triggers' events happened (docs/places.md), else the source's first region hint; empty when neither says.",
    )
    language: str | None = None
    article: ArticleRef

    _old_records = model_validator(mode="before")(_lede_from_confidence)


class AlertEvidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    signal_type: SignalType
    title: str
    source_id: str
    url: str
    published: AwareDatetime
    fetched: AwareDatetime | None = Field(default=None, description="When Tocsin fetched the item (for latency).")
    excerpt: str


class AlertCounts(BaseModel):
    model_config = ConfigDict(frozen=True)

    signals: int = Field(ge=0)
    stories: int = Field(ge=0)
    sources: int = Field(ge=0)


class Alert(Record):
    """One state of one alert (topic `alerts`, keyed by fingerprint).

    `(fingerprint, revision)` identifies what a notification is about: a revision
    is emitted when the alert fires, when its evidence grows and when it resolves.
    """

    rule_id: str
    severity: Severity
    fingerprint: str = Field(description="Hash of rule id and grouping labels.")
    status: AlertStatus
    revision: int = Field(ge=1)
    labels: dict[str, str] = Field(default_factory=dict)
    title: str
    summary: str
    evidence: list[AlertEvidence] = Field(default_factory=list)
    counts: AlertCounts
    first_seen: AwareDatetime
    last_seen: AwareDatetime
    inhibited_by: str | None = Field(default=None, description="Fingerprint of the critical alert that mutes this one (inhibition).")


class Escalation(Record):
    """A region's escalation index at one moment (topic `escalation`, keyed by region)."""

    region: str
    at: AwareDatetime
    windows: dict[str, float] = Field(description="Score over the last 1h, 6h and 24h: weight x confidence x corroboration.")
    baseline: float = Field(description="Exponentially weighted mean of the 1-hour score before this record.")
    zscore: float = Field(description="How far the 1-hour score is above its baseline, in standard deviations.")
    signals: int = Field(ge=0, description="Signals counted for the region since its state began.")
    since: AwareDatetime | None = Field(default=None, description="When the region's state began: the baseline's history starts here.")


class DeliveryOutcome(StrEnum):
    DELIVERED = "delivered"
    DEAD = "dead"
    SUPPRESSED = "suppressed"
    SUPERSEDED = "superseded"


class Delivery(Record):
    """The fate of one notification (topic `notifications`, keyed by idempotency key).

    A notification is an alert revision (Alertmanager receivers, suppressed alerts)
    or a group's message: then `alert_fingerprint` is the group key and
    `alert_revision` the message's revision.
    """

    idempotency_key: str
    receiver: str
    alert_fingerprint: str
    alert_revision: int
    outcome: DeliveryOutcome
    attempts: int = Field(ge=0, description="Calls made to the receiver: 0 when suppressed.")
    at: AwareDatetime
    error: str | None = None
    silenced_by: str | None = Field(default=None, description="Id of the silence that suppressed it.")
    inhibited_by: str | None = Field(default=None, description="Fingerprint of the alert whose inhibition suppressed it.")
    superseded_by: int | None = Field(
        default=None, description="The newer revision of the same alert that made this one not worth sending."
    )
    alert: Alert | None = Field(
        default=None, description="The revision itself, kept on dead deliveries so `tocsin deadletter replay` can send it."
    )
    message: dict[str, Any] | None = Field(
        default=None, description="The grouped message itself, kept on dead deliveries for the same reason."
    )
    thread_ref: str | None = Field(
        default=None, description="The receiver's id of a delivered message (Slack `ts`): replies go to its thread, also after a restart."
    )


class Silence(Record):
    """Mutes notifications of matching alerts for a while (topic `silences`, compacted, keyed by id).

    Expiring a silence rewrites the same id with `ends_at` set to that moment, so the
    compacted topic keeps the latest state of each silence, author and comment included.
    """

    id: str = Field(min_length=1)
    matchers: list[LabelMatcher] = Field(min_length=1, description="All must match the alert's labels, severity and rule.")
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    created_by: str = Field(min_length=1)
    comment: str = Field(min_length=1)
    created_at: AwareDatetime

    @model_validator(mode="after")
    def _ends_after_start(self) -> Silence:
        if self.ends_at < self.starts_at:
            raise ValueError("ends_at is before starts_at")
        return self


class DeadLetter(Record):
    """A record a stage could not process, or an item a connector could not produce, with where it came from (topic `deadletter`)."""

    topic: str
    partition: int | None = Field(description="None for an item a connector could not produce: it never reached the topic.")
    offset: int | None
    key: str | None
    url: str | None = Field(default=None, description="The item's link, for an item a connector could not produce.")
    error: str
    payload: str = Field(description="The original value, decoded as UTF-8 with replacement.")
    at: AwareDatetime


#: Most bytes of one batch envelope: well under the producer's and the broker's message limit (1 MB by default).
ENVELOPE_MAX_BYTES = 256 * 1024


def envelopes(records: Iterable[Record], max_bytes: int = ENVELOPE_MAX_BYTES) -> Iterator[bytes]:
    """Batch envelopes for an internal topic: the records' JSON, one per line (JSON Lines), each at most `max_bytes`.

    The worker moves records between its internal topics in per-partition batches:
    one Kafka message carries the records one input batch sends to one partition,
    so Kafka's and Faust's cost per message is paid once per batch. Each line is an
    ordinary versioned record, so a message holding one record is both an envelope
    and what a worker before envelopes sent and read. Compact JSON never holds a raw
    newline. A record larger than `max_bytes` travels alone. Public topics
    (`articles`, `signals`, `alerts`) keep one record per message.
    """
    lines: list[bytes] = []
    size = 0
    for record in records:
        line = record.to_bytes()
        if lines and size + len(line) + 1 > max_bytes:
            yield b"\n".join(lines)
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if lines:
        yield b"\n".join(lines)


def envelope_lines(data: bytes) -> list[bytes]:
    """The records of a batch envelope (or of a single record), still serialized: each is validated on its own."""
    return data.split(b"\n")


#: Models whose JSON Schema `tocsin schemas` publishes, by file stem.
PUBLISHED: dict[str, type[Record]] = {
    "raw_article": RawArticle,
    "article": Article,
    "signal": Signal,
    "alert": Alert,
    "escalation": Escalation,
    "delivery": Delivery,
    "silence": Silence,
    "source_state": SourceState,
    "dead_letter": DeadLetter,
}
