"""corroboration: one story, or one signal type of a region, reported by independent sources."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from itertools import pairwise
from typing import Any, ClassVar, Literal

from pydantic import Field

from tocsin.durations import Duration
from tocsin.streams.rules.model import Rule
from tocsin.streams.rules.state import AlertState, Hit, prune

Per = Literal["story", "type"]


class CorroborationRule(Rule):
    """One story (per: story) or one region+type (per: type) reported by `min_sources` independent sources within `window`,
    and, with `min_weight`, by sources whose catalog trust adds up to at least that much."""

    VALUES: ClassVar[tuple[str, ...]] = ("count", "weight")
    type: Literal["corroboration"]
    window: Duration = Field(gt=timedelta(0))
    min_sources: int = Field(default=2, ge=2)
    min_weight: float | None = Field(
        default=None, gt=0.0, description="Sum of the distinct sources' trust (docs/sources.md) it also needs."
    )
    per: Per = "story"

    def holds(self, state: AlertState, t: float) -> bool:
        tally = self.tally(state)
        tally.drop(prune(state, self.window.total_seconds(), t, ordered=tally.ordered), state.hits)
        weighed = self.min_weight is None or tally.weight() >= self.min_weight
        return weighed and tally.count() >= self.min_sources

    def values(self, state: AlertState) -> dict[str, Any]:
        tally = self.tally(state)
        return {"count": tally.count(), "weight": tally.weight()}

    def tally(self, state: AlertState) -> Tally:
        """The state's tally, in step with its hits (the one the engine just appended taken in); a new one after a load."""
        tally = state._derived
        if not (isinstance(tally, Tally) and tally.per == self.per and tally.follow(state.hits)):
            tally = state._derived = Tally(state.hits, self.per)
        return tally


class Tally:
    """The window's hits grouped by story (or type), kept in step with `state.hits` as hits come and go.

    Why: a busy region's window holds MAX_HITS hits, and walking them all for the count,
    again for the weight, again for the template values and again on every tick was
    most of the rules' time per signal. In step, an event updates the group of the hit
    it brings and of those pruning drops. It follows `state.hits` by identity and
    length: only the engine appends (one hit before each evaluation) and only `prune`
    drops (assigning a new list), so anything else shows as out of step and the rule
    builds a new tally from the hits.
    """

    def __init__(self, hits: list[Hit], per: Per):
        self.per = per
        self.groups: dict[str, Group] = {}
        self.counts: dict[str, int] = {}
        self.weights: dict[str, float] = {}
        self.unweighed: set[str] = set()
        for hit in hits:
            self._add(hit)
        self.hits, self.size = hits, len(hits)
        #: Hits in time order: pruning then finds the expired ones by bisection.
        self.ordered = all(a.at <= b.at for a, b in pairwise(hits))

    def follow(self, hits: list[Hit]) -> bool:
        """Take in the hit appended since the last evaluation, if any; False when out of step with `hits`."""
        if hits is not self.hits or not self.size <= len(hits) <= self.size + 1:
            return False
        if len(hits) > self.size:
            self._add(hits[-1])
            self.ordered = self.ordered and (len(hits) < 2 or hits[-2].at <= hits[-1].at)
            self.size += 1
        return True

    def drop(self, dropped: list[Hit], hits: list[Hit]) -> None:
        """Take out the hits pruning dropped; `hits` is what it left."""
        for hit in dropped:
            self._remove(hit)
        self.hits, self.size = hits, len(hits)

    def count(self) -> int:
        """Most independent sources behind one story (or one signal type) in the window."""
        return max(self.counts.values(), default=0)

    def weight(self) -> float:
        """Highest trust-weighted corroboration behind one story (or one signal type) in the window.

        Groups are weighed again only when they changed, by walking their own hits in
        order, so the sums add up in the same order as over the whole window.
        """
        for key in self.unweighed:
            self.weights[key] = self.groups[key].weight(self.per)
        self.unweighed.clear()
        return max(self.weights.values(), default=0.0)

    def _key(self, hit: Hit) -> str:
        return hit.story if self.per == "story" else hit.type

    def _add(self, hit: Hit) -> None:
        key = self._key(hit)
        group = self.groups.get(key) or self.groups.setdefault(key, Group())
        group.add(hit, self.per)
        self.counts[key] = group.count()
        self.unweighed.add(key)

    def _remove(self, hit: Hit) -> None:
        key = self._key(hit)
        group = self.groups[key]
        group.remove(hit, self.per)
        if group.hits:
            self.counts[key] = group.count()
            self.unweighed.add(key)
            return
        del self.groups[key], self.counts[key]
        self.weights.pop(key, None)
        self.unweighed.discard(key)


class Group:
    """One story's (or one type's) hits in the window, in order, with its sources and the source counts its hits carry."""

    __slots__ = ("hits", "sources", "reported")

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.sources: Counter[str] = Counter()
        self.reported: Counter[int] = Counter()

    def add(self, hit: Hit, per: Per) -> None:
        self.hits.append(hit)
        self.sources[hit.source] += 1
        if per == "story":  # the stories stage already counted the story's outlets
            self.reported[hit.story_sources] += 1

    def remove(self, hit: Hit, per: Per) -> None:
        self.hits.remove(hit)
        _take(self.sources, hit.source)
        if per == "story":
            _take(self.reported, hit.story_sources)

    def count(self) -> int:
        """Its distinct sources, or the most outlets a hit's story had, whichever is more."""
        return max(len(self.sources), max(self.reported, default=0))

    def weight(self, per: Per) -> float:
        """The sum of its distinct sources' trust; for stories, the weight the story stage stamped
        (`story_weight`, which also counts sources outside the window) counts too, as `story_sources` does for the count."""
        trusts: dict[str, float] = {}
        reported = 0.0
        for hit in self.hits:
            trusts[hit.source] = max(hit.trust, trusts.get(hit.source, 0.0))
            if per == "story":
                reported = max(reported, hit.story_weight)
        return round(max(sum(trusts.values()), reported), 6)


def _take(counter: Counter[Any], value: object) -> None:
    counter[value] -= 1
    if not counter[value]:
        del counter[value]
