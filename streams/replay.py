"""`tocsin replay ITEMS.jsonl`: the notifications Tocsin would have sent, offline and in event time.

Each item runs through the worker's own steps (streams/steps: normalize and content
dedupe, URL dedupe, story bands and votes, story counts and classification, escalation
index) over in-memory tables, then through the rule evaluator and the notifier's
suppression (inhibition, silences). The clock is each item's `fetched` time (else
`published`), and the worker's ticks run between items, so group_wait,
group_interval, resolve_after and the escalation index behave as they would have
live. No Kafka, no network, no wall clock: the same input gives the same output.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from tocsin.records import Alert, RawArticle
from tocsin.settings import Settings
from tocsin.streams.classifier import Classifier
from tocsin.streams.escalation import BUCKET_SECONDS, WINDOWS
from tocsin.streams.notify.dispatch import Dispatcher, Message
from tocsin.streams.notify.routing import Routing
from tocsin.streams.places import PlaceMatcher, load_gazetteer
from tocsin.streams.rules import Evaluator, RuleSet
from tocsin.streams.silence.matching import Silence, suppression
from tocsin.streams.steps import MemoryTables, Out
from tocsin.streams.steps.alerting import emit_escalations, escalation_step, with_signals
from tocsin.streams.steps.dedupe import dedupe_url_step, ingest_step
from tocsin.streams.steps.stories import story_band_step, story_step, story_vote_step

#: After this much of a gap between two items, time jumps to the next item: every
#: window, resolve_after and index bucket of the defaults has run out by then.
MAX_TICKED_GAP = timedelta(days=2)
#: After this long without a signal every escalation window is empty (tocsin.streams.escalation.WINDOWS).
INDEX_HORIZON = timedelta(seconds=max(WINDOWS.values()) + BUCKET_SECONDS)


class ReplayItem(BaseModel):
    """One input line: a feed item as a connector would have read it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    source: str = Field(min_length=1)
    url: str = Field(min_length=1)
    title: str = ""
    summary: str = ""
    published: AwareDatetime
    fetched: AwareDatetime | None = None
    language: str | None = None
    guid: str | None = None

    @property
    def at(self) -> datetime:
        """The replay clock for this item: when it was fetched, else when it was published."""
        return self.fetched or self.published


@dataclass(frozen=True)
class SourceHints:
    """What the catalog says about a source: its trust and its region hints."""

    trust: float = 1.0
    regions: tuple[str, ...] = ()


def notification(alert: Alert, at: datetime) -> dict[str, Any]:
    """The JSON line of one delivered notification."""
    return {
        "at": at.isoformat(),
        "rule": alert.rule_id,
        "severity": alert.severity.value,
        "status": alert.status.value,
        "labels": {key: value for key, value in alert.labels.items() if key != "rule"},
        "fingerprint": alert.fingerprint,
        "revision": alert.revision,
        "title": alert.title,
        "evidence": [
            {"title": item.title, "url": item.url, "source": item.source_id, "published": item.published.isoformat()}
            for item in alert.evidence
        ],
    }


def message_line(message: Message) -> dict[str, Any]:
    """The JSON line of one grouped message, as `--messages` prints it."""
    return {
        "at": message.at.isoformat(),
        "receiver": message.receiver,
        "group": message.group,
        "revision": message.revision,
        "thread": message.thread,
        "alerts": [
            {
                "rule": item.alert.rule_id,
                "severity": item.alert.severity.value,
                "status": item.alert.status.value,
                "fingerprint": item.alert.fingerprint,
                "revision": item.alert.revision,
                "new": item.new,
                "title": item.alert.title,
            }
            for item in message.alerts
        ],
    }


@dataclass
class Replay:
    """The pipeline of one worker owning every partition, driven by an event-time clock.

    Of `settings` it honours what the worker's steps and ticks read: max_item_age,
    tick_seconds, escalation_interval_seconds, dedupe_ttl_seconds.
    """

    rules: RuleSet
    hints: Mapping[str, SourceHints] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    silences: Iterable[Silence] = ()
    routing: Routing | None = None  # with routes: one line per message of a notification group (--messages)
    classifier: Classifier = field(default_factory=Classifier)
    places: PlaceMatcher = field(default_factory=load_gazetteer)

    def __post_init__(self) -> None:
        self.tables = MemoryTables()
        self.evaluator = Evaluator(self.rules, self.settings.max_item_age)
        self.clock: datetime | None = None
        self.next_tick: datetime | None = None
        self.last_signal: datetime | None = None
        self.dispatcher = Dispatcher()

    def run(self, items: Iterable[ReplayItem]) -> Iterator[dict[str, Any]]:
        """Every notification, in order, for items taken in order of their clock time."""
        for item in sorted(items, key=lambda item: item.at):
            yield from self.feed(item)

    def feed(self, item: ReplayItem) -> list[dict[str, Any]]:
        """Let time pass until the item's clock time, then process it."""
        notes = self.advance(item.at)
        ttl = self.settings.dedupe_ttl_seconds
        queue = deque(ingest_step(self._raw(item), self.tables.seen_fingerprints, item.at.timestamp(), ttl))
        while queue:
            out = queue.popleft()
            followups, alerts = self._step(out, item.at)
            queue.extend(followups)
            notes += self._delivered(alerts, item.at)
        return notes

    def advance(self, until: datetime) -> list[dict[str, Any]]:
        """Run the worker's ticks up to `until`: escalation indexes, updates, resolutions."""
        if self.next_tick is None:
            self.next_tick = until
        if until - self.next_tick > MAX_TICKED_GAP:
            before_gap = self.advance(self.next_tick + MAX_TICKED_GAP)
            self.next_tick = until
            return before_gap
        notes: list[dict[str, Any]] = []
        while self.next_tick <= until:
            notes += self._tick(self.next_tick)
            self.next_tick += timedelta(seconds=self.settings.tick_seconds)
            if self._quiet(self.next_tick):
                self.next_tick = max(self.next_tick, until)
        return notes

    def _quiet(self, now: datetime) -> bool:
        """Nothing firing or pending, and every index window empty: skipping to the next item changes no output."""
        idle = self.evaluator.idle() and not self.dispatcher.open()
        return idle and (self.last_signal is None or now - self.last_signal > INDEX_HORIZON)

    def _tick(self, now: datetime) -> list[dict[str, Any]]:
        alerts = []
        for record in emit_escalations(self.tables.escalation_states, now.timestamp(), 0, self.settings.escalation_interval_seconds):
            if self.rules.escalation:
                alerts += self.evaluator.on_escalation(record, now)
        alerts += self.evaluator.on_tick(now)
        return self._delivered(alerts, now)

    def _raw(self, item: ReplayItem) -> RawArticle:
        hints = self.hints.get(item.source, SourceHints())
        return RawArticle(
            source_id=item.source,
            url=item.url,
            guid=item.guid or item.url,
            title=item.title,
            summary=item.summary,
            published=item.published,
            fetched=item.at,
            language=item.language,
            trust=hints.trust,
            source_regions=list(hints.regions),
        )

    def _step(self, out: Out, now: datetime) -> tuple[list[Out], list[Alert]]:
        """One record through the step its topic feeds; signals also through the index and the rules."""
        t, ttl, tables = now.timestamp(), self.settings.dedupe_ttl_seconds, self.tables
        match out.topic:
            case "by_url":
                return dedupe_url_step(out.record, tables.seen_urls, t, ttl, partitions=1), []
            case "story_bands":
                return story_band_step(out.record, tables, ttl), []
            case "story_votes":
                return story_vote_step(out.record, tables, ttl, partitions=1), []
            case "by_story":
                return with_signals(story_step(out.record, tables, ttl), self.classifier, self.places), []
            case "articles":
                return [], []  # published: what reads it is outside the worker
            case "signals":
                self.last_signal = now
                escalation_step(out.record, tables.escalation_states, t, 0, self.settings.max_item_age)
                return [], self.evaluator.on_signal(out.record, now)
        raise AssertionError(f"replay has no step for topic {out.topic!r}")

    def _delivered(self, alerts: list[Alert], at: datetime) -> list[dict[str, Any]]:
        """What the notifier would send: alerts neither inhibited nor silenced at `at` (or, with routes, the messages due)."""
        told = [alert for alert in alerts if suppression(alert, self.silences, at) is None]
        if self.routing is None:
            return [notification(alert, at) for alert in told]
        ungrouped = []
        for alert in told:
            for receiver, timing in self.routing.deliveries(alert).items():
                if self.routing.grouped(receiver):
                    self.dispatcher.add(alert, receiver, timing, at)
                else:  # a receiver that groups by itself (Alertmanager) gets every revision, as the notifier sends it
                    ungrouped.append({"receiver": receiver, **notification(alert, at)})
        return ungrouped + [message_line(message) for message in self.dispatcher.flush(at)]
