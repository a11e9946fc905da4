"""What a step needs from its surroundings (tables) and gives back (records to send)."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from tocsin.records import Record

R = TypeVar("R", bound=Record)


@dataclass(frozen=True, slots=True)
class Out(Generic[R]):
    """A record for the shell to send: `topic` names a topic of tocsin.streams.agents.wiring.Wiring (e.g. "by_url")."""

    topic: str
    key: str
    record: R
    partition: int | None = None


class Tables(Protocol):
    """The worker's tables, as mappings: Faust tables in the worker, dicts in replay and tests.

    Read-only members: a step changes a table's entries, never which table it is
    (and so a dict or a Faust table both fit).
    """

    @property
    def seen_urls(self) -> MutableMapping[str, Any]: ...
    @property
    def seen_fingerprints(self) -> MutableMapping[str, Any]: ...
    @property
    def band_stories(self) -> MutableMapping[str, Any]: ...
    @property
    def pending_votes(self) -> MutableMapping[str, Any]: ...
    @property
    def stories(self) -> MutableMapping[str, Any]: ...
    @property
    def escalation_states(self) -> MutableMapping[str, Any]: ...


@dataclass
class MemoryTables:
    """Tables in plain dicts: one process owning every partition."""

    seen_urls: dict[str, Any] = field(default_factory=dict)
    seen_fingerprints: dict[str, Any] = field(default_factory=dict)
    band_stories: dict[str, Any] = field(default_factory=dict)
    pending_votes: dict[str, Any] = field(default_factory=dict)
    stories: dict[str, Any] = field(default_factory=dict)
    escalation_states: dict[str, Any] = field(default_factory=dict)
