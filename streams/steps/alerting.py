"""Articles to signals, and signals into a region's escalation index."""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import timedelta
from typing import Any

from tocsin.records import Article, Escalation, Signal
from tocsin.streams.classifier import Classifier
from tocsin.streams.detector import detect
from tocsin.streams.escalation import EscalationState, add, due
from tocsin.streams.escalation import emit as emit_index
from tocsin.streams.places import PlaceMatcher
from tocsin.streams.steps.ports import Out


def classify_step(article: Article, classifier: Classifier, places: PlaceMatcher) -> list[Out[Signal]]:
    """The article's signals, keyed by region so each region's rules and index live in one partition."""
    return [Out("signals", signal.region, signal) for signal in detect(article, classifier, places)]


def with_signals(outs: list[Out], classifier: Classifier, places: PlaceMatcher) -> list[Out]:
    """A step's records plus the signals of every article it publishes, classified where the article already is.

    Classification needs no table, so the story stage does it before publishing to
    `articles` instead of another agent reading that topic back (one hop fewer).
    """
    return outs + [signal for out in outs if out.topic == "articles" for signal in classify_step(out.record, classifier, places)]


def escalation_step(signal: Signal, states: MutableMapping[str, Any], now: float, partition: int, max_age: timedelta) -> None:
    """Add a signal to its region's index (at its publication time when it is not live)."""
    stored = states.get(signal.region)
    state = EscalationState.model_validate(stored) if stored else EscalationState(region=signal.region)
    state.partition = partition
    states[signal.region] = add(state, signal, now, max_age).model_dump(mode="json")


def emit_escalations(states: MutableMapping[str, Any], now: float, partition: int, interval: float) -> list[Escalation]:
    """The index of every region whose signals live in `partition` and whose interval has passed."""
    records = []
    for region, stored in list(states.items()):
        if stored.get("partition", 0) != partition or not due(stored.get("last_emitted", 0.0), now, interval):
            continue  # decided on the stored fields: validating every region's state on every tick cost more than the rest
        state = EscalationState.model_validate(stored)
        records.append(emit_index(state, now))
        states[region] = state.model_dump(mode="json")
    return records
