"""corroboration: one story, or one signal type of a region, reported by independent sources."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any, ClassVar, Literal

from pydantic import Field

from tocsin.durations import Duration
from tocsin.streams.rules.model import Rule
from tocsin.streams.rules.state import AlertState, prune


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
    per: Literal["story", "type"] = "story"

    def holds(self, state: AlertState, t: float) -> bool:
        prune(state, self.window.total_seconds(), t)
        weighed = self.min_weight is None or self.weight(state) >= self.min_weight
        return weighed and self.sources(state) >= self.min_sources

    def values(self, state: AlertState) -> dict[str, Any]:
        return {"count": self.sources(state), "weight": self.weight(state)}

    def sources(self, state: AlertState) -> int:
        """Most independent sources behind one story (or one signal type) in the window."""
        sources: dict[str, set[str]] = defaultdict(set)
        reported: dict[str, int] = defaultdict(int)
        for hit in state.hits:
            key = hit.story if self.per == "story" else hit.type
            sources[key].add(hit.source)
            if self.per == "story":  # the stories stage already counted the story's outlets
                reported[key] = max(reported[key], hit.story_sources)
        return max((max(len(found), reported[key]) for key, found in sources.items()), default=0)

    def weight(self, state: AlertState) -> float:
        """Highest trust-weighted corroboration behind one story (or one signal type) in the window.

        A key's weight is the sum of its distinct sources' trust; for stories, the weight
        the story stage stamped (`story_weight`, which also counts sources outside the
        window) counts too, as `story_sources` does for the count.
        """
        trusts: dict[str, dict[str, float]] = defaultdict(dict)
        reported: dict[str, float] = defaultdict(float)
        for hit in state.hits:
            key = hit.story if self.per == "story" else hit.type
            trusts[key][hit.source] = max(hit.trust, trusts[key].get(hit.source, 0.0))
            if self.per == "story":
                reported[key] = max(reported[key], hit.story_weight)
        return max((round(max(sum(found.values()), reported[key]), 6) for key, found in trusts.items()), default=0.0)
