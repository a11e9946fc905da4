"""What an alert remembers between events: its recent hits, its type's figures and its lifecycle.

Plain data that knows no rule type, so the rule types (tocsin.streams.rules.types) and
the lifecycle (tocsin.streams.rules.engine) can both build on it. Windows keep at most
MAX_HITS recent hits.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime
from operator import attrgetter
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from tocsin.records import AlertEvidence, AlertStatus

MAX_HITS = 500


class Hit(NamedTuple):
    """One matching signal as an alert remembers it (stored as a JSON array, in this order)."""

    at: float
    story: str
    source: str
    type: str
    url: str
    story_sources: int
    trust: float
    story_weight: float


def _full_hit(hit: object) -> object:
    """Hits stored before trust was carried get trust 1 and a story weight equal to their source count."""
    if isinstance(hit, (list, tuple)) and len(hit) == 6:
        return (*hit, 1.0, float(hit[5]))
    return hit


StoredHit = Annotated[Hit, BeforeValidator(_full_hit)]


class AlertState(BaseModel):
    """What a worker remembers of one alert between events (kept in a Faust table).

    `status` is FIRING during an episode (even before group_wait lets the first
    notification out) and RESOLVED otherwise; `revision` runs across episodes.
    """

    model_config = ConfigDict(extra="ignore")

    fingerprint: str
    rule_id: str
    partition: int = Field(default=0, description="Partition of the events that feed it; ticks for that partition expire it.")
    labels: dict[str, str]
    status: AlertStatus = AlertStatus.RESOLVED
    revision: int = 0
    first_seen: datetime
    last_seen: datetime
    last_emitted: datetime | None = Field(default=None, description="Last notification of the current episode.")
    pending: bool = False
    signals: int = 0
    stories: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    types: list[str] = Field(default_factory=list)
    evidence: list[AlertEvidence] = Field(default_factory=list)
    hits: list[StoredHit] = Field(default_factory=list, description="Recent matching signals within the rule's window (bounded).")
    buckets: dict[str, int] = Field(default_factory=dict, description="Spike rules: signal counts per time bucket.")
    progress: list[float | None] = Field(default_factory=list, description="Sequence rules: start of the latest chain per step.")
    values: dict[str, int | float | str] = Field(default_factory=dict, description="Latest escalation or spike figures.")
    last_activity: float | None = Field(default=None, description="Flatline and new_place rules: when the subject was last seen.")
    muted_by: str | None = Field(
        default=None, description="The inhibiting alert of the last firing revision (its resolution is muted too)."
    )
    observed_since: float | None = Field(
        default=None, description="Spike rules: when the baseline began (cold start, rules.model.ColdStart)."
    )
    #: What a rule type derives from `hits` so an event need not walk them all (corroboration's tally).
    #: Memory only, never stored: the type rebuilds it from the hits after a load.
    _derived: object = PrivateAttr(default=None)

    def to_table(self) -> dict[str, Any]:
        """What the `alert-states` table stores: `model_dump(mode="json")` to the key and its order.

        The hits are written as arrays here: pydantic's serializer took twice as long
        over a window of MAX_HITS, and a busy region's alerts are rewritten on every signal.
        """
        dumped = self.model_dump(mode="json", exclude={"hits"})
        hits = list(map(list, self.hits))
        return {name: hits if name == "hits" else dumped[name] for name in type(self).model_fields}


_at = attrgetter("at")


def prune(state: AlertState, seconds: float, now: float, ordered: bool = False) -> list[Hit]:
    """Drop hits older than `seconds` (0 keeps only the latest), and the oldest beyond MAX_HITS; return the dropped ones.

    `ordered`: the caller knows the hits are in time order, so the expired ones are a
    prefix, found by bisection instead of a walk. When nothing is dropped the list stays
    the same object (corroboration's tally follows it by identity).
    """
    hits, horizon = state.hits, now - seconds
    if ordered:
        start = bisect_left(hits, horizon, key=_at)
        expired, kept = hits[:start], hits[start:]
    else:
        kept = [hit for hit in hits if hit.at >= horizon]
        expired = [hit for hit in hits if not hit.at >= horizon] if len(kept) < len(hits) else []
    if not expired and len(kept) <= MAX_HITS:
        return []
    state.hits = kept[-MAX_HITS:]
    return expired + kept[:-MAX_HITS]


def count(state: AlertState, what: Literal["signals", "stories", "sources"]) -> int:
    """Signals, distinct stories or distinct sources among the hits."""
    if what == "signals":
        return len(state.hits)
    return len({hit.story if what == "stories" else hit.source for hit in state.hits})
