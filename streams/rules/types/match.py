"""match: every signal that passes the filters is an event worth an alert."""

from __future__ import annotations

from typing import Literal

from tocsin.records import Signal
from tocsin.streams.rules.model import Rule
from tocsin.streams.rules.state import AlertState, prune


class MatchRule(Rule):
    """Any signal that passes the filters."""

    type: Literal["match"]

    def observe(self, state: AlertState, signal: Signal, t: float) -> bool:
        prune(state, 0.0, t)
        return True
