"""What a step needs from its surroundings (tables) and gives back (records to send)."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from tocsin.records import Record


@dataclass(frozen=True, slots=True)
class Out:
    """A record for the shell to send: `topic` names a topic of streams.agents.wiring.Wiring (e.g. "by_url")."""

    topic: str
    key: str
    record: Record
    partition: int | None = None


class Tables(Protocol):
    """The worker's tables, as mappings: Faust tables in the worker, dicts in replay and tests."""

    seen_urls: MutableMapping[str, Any]
    seen_fingerprints: MutableMapping[str, Any]
    band_stories: MutableMapping[str, Any]
    pending_votes: MutableMapping[str, Any]
    stories: MutableMapping[str, Any]
    escalation_states: MutableMapping[str, Any]


@dataclass
class MemoryTables:
    """Tables in plain dicts: one process owning every partition."""

    seen_urls: dict[str, Any] = field(default_factory=dict)
    seen_fingerprints: dict[str, Any] = field(default_factory=dict)
    band_stories: dict[str, Any] = field(default_factory=dict)
    pending_votes: dict[str, Any] = field(default_factory=dict)
    stories: dict[str, Any] = field(default_factory=dict)
    escalation_states: dict[str, Any] = field(default_factory=dict)
