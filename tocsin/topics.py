"""Every topic name in one place, derived from one configurable prefix.

All topics share one partition count: Faust tables are co-partitioned with the
topics that feed them, and the notifier reads a partition of `notifications`
together with the same partition of `alerts`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topics:
    prefix: str = "tocsin."

    @property
    def raw(self) -> str:
        """Items as connectors found them, keyed by source id."""
        return f"{self.prefix}articles.raw"

    @property
    def connector_state(self) -> str:
        """Per-source validators and recently seen item ids; compacted, keyed by source id."""
        return f"{self.prefix}connector-state"

    @property
    def by_url(self) -> str:
        """Internal: normalized articles keyed by canonical URL, for URL dedupe (batch envelopes, tocsin.records.envelopes)."""
        return f"{self.prefix}internal.articles-by-url"

    @property
    def story_bands(self) -> str:
        """Internal: story probes and claims keyed by LSH band key (batch envelopes)."""
        return f"{self.prefix}internal.story-bands"

    @property
    def story_votes(self) -> str:
        """Internal: the bands' answers keyed by article id, gathered to pick the story (batch envelopes)."""
        return f"{self.prefix}internal.story-votes"

    @property
    def by_story(self) -> str:
        """Internal: articles keyed by their story id, for the story table (batch envelopes)."""
        return f"{self.prefix}internal.articles-by-story"

    @property
    def ticks(self) -> str:
        """Internal: clock ticks per partition, so alert state expires where it lives."""
        return f"{self.prefix}internal.alert-ticks"

    @property
    def articles(self) -> str:
        """Normalized, de-duplicated articles keyed by story id."""
        return f"{self.prefix}articles"

    @property
    def signals(self) -> str:
        """Classified signals keyed by region."""
        return f"{self.prefix}signals"

    @property
    def escalation(self) -> str:
        """Each region's escalation index, emitted every tick, keyed by region."""
        return f"{self.prefix}escalation"

    @property
    def alerts(self) -> str:
        """Alert states keyed by region (a notification group's alerts share a partition)."""
        return f"{self.prefix}alerts"

    @property
    def notifications(self) -> str:
        """Delivery records keyed by idempotency key; compacted."""
        return f"{self.prefix}notifications"

    @property
    def notification_groups(self) -> str:
        """The notifier's groups and their messages not yet recorded, in the partition of their alerts; compacted."""
        return f"{self.prefix}notification-groups"

    @property
    def silences(self) -> str:
        """Silences keyed by silence id; compacted (the latest state of each silence)."""
        return f"{self.prefix}silences"

    @property
    def deadletter(self) -> str:
        """Records no stage could process, with their origin."""
        return f"{self.prefix}deadletter"

    def all(self) -> dict[str, dict[str, str]]:
        """Every topic with its topic-level configuration."""
        compacted = {"cleanup.policy": "compact"}
        week = {"retention.ms": str(7 * 24 * 3600 * 1000)}
        return {
            self.raw: week,
            self.by_url: week,
            self.story_bands: week,
            self.story_votes: week,
            self.by_story: week,
            self.ticks: {"retention.ms": str(3600 * 1000)},
            self.articles: week,
            self.signals: week,
            self.alerts: week,
            self.escalation: week,
            self.notifications: compacted,
            self.notification_groups: compacted,
            self.connector_state: compacted,
            self.silences: compacted,
            self.deadletter: {"retention.ms": str(30 * 24 * 3600 * 1000)},
        }
