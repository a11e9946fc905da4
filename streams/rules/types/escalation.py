"""escalation: a region's escalation index (tocsin.streams.escalation) above a score and/or a z-score."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar, Literal

from pydantic import model_validator

from tocsin.durations import Duration
from tocsin.records import Escalation
from tocsin.streams.rules.model import ColdStart, Feed, Rule
from tocsin.streams.rules.state import AlertState


class EscalationRule(Rule, ColdStart):
    """The region's escalation index (Escalation records) above `threshold` and/or `min_zscore`.

    Silent until the region's index has `min_history` of history and has counted
    `min_observations` signals (a z-score against no history means nothing).
    """

    VALUES: ClassVar[tuple[str, ...]] = ("score", "zscore", "baseline")
    type: Literal["escalation"]
    window: Literal["1h", "6h", "24h"] = "1h"
    threshold: float | None = None
    min_zscore: float | None = None
    resolve_after: Duration = timedelta(minutes=30)

    @model_validator(mode="after")
    def _needs_a_condition(self) -> EscalationRule:
        if self.threshold is None and self.min_zscore is None:
            raise ValueError("set threshold, min_zscore or both")
        return self

    def feed(self) -> Feed:
        return Feed.ESCALATION

    def observe_index(self, state: AlertState, record: Escalation, now: datetime) -> None:
        history = (now - record.since).total_seconds() if record.since is not None else 0.0
        state.values = {
            "score": record.windows.get(self.window, 0.0),
            "zscore": record.zscore,
            "baseline": record.baseline,
            "history": history,
            "observations": record.signals,
        }

    def holds(self, state: AlertState, t: float) -> bool:
        values = state.values
        if "score" not in values or not self.warmed_up(float(values.get("history", 0.0)), float(values.get("observations", 0))):
            return False
        score_ok = self.threshold is None or float(values["score"]) >= self.threshold
        zscore_ok = self.min_zscore is None or float(values["zscore"]) >= self.min_zscore
        return score_ok and zscore_ok
