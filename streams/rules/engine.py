"""Rule evaluation and the alert lifecycle as pure functions over an AlertState.

`advance` takes a signal into an alert's state and says whether a new revision
must be emitted; `expire` does the same for the passage of time. The Faust agent
keeps the states in a changelogged table, so a restarted worker resumes them.
Revisions, not wall-clock times, identify notifications: reprocessing a signal
after a crash yields the same (fingerprint, revision) and the notifier drops it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from streams.normalizer import digest
from streams.rules.model import Rule
from tocsin.records import Alert, AlertCounts, AlertEvidence, AlertStatus, Signal

MAX_EVIDENCE = 10
MAX_TRACKED = 1000


class AlertState(BaseModel):
    """What a worker remembers of one alert between signals (kept in a Faust table)."""

    model_config = ConfigDict(extra="ignore")

    fingerprint: str
    rule_id: str
    partition: int = Field(default=0, description="Partition of the signals that feed it; ticks for that partition expire it.")
    labels: dict[str, str]
    status: AlertStatus = AlertStatus.FIRING
    revision: int = 0
    first_seen: datetime
    last_seen: datetime
    last_emitted: datetime | None = None
    pending: bool = False
    signals: int = 0
    stories: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    types: list[str] = Field(default_factory=list)
    evidence: list[AlertEvidence] = Field(default_factory=list)


def matches(rule: Rule, signal: Signal) -> bool:
    match = rule.match
    return (
        signal.confidence >= match.min_confidence
        and (not match.types or signal.type in match.types)
        and (not match.sources or signal.article.source_id in match.sources)
        and (not match.languages or (signal.language or "") in match.languages)
        and (not match.regions or signal.region in match.regions)
    )


def group_labels(rule: Rule, signal: Signal) -> dict[str, str]:
    """The grouping labels of the alert this signal belongs to."""
    values = {"region": signal.region, "type": signal.type.value, "source": signal.article.source_id}
    return {key: values[key] for key in rule.group_by}


def fingerprint(rule: Rule, labels: dict[str, str]) -> str:
    return digest(rule.id, *(f"{k}={v}" for k, v in sorted(labels.items())))


def advance(rule: Rule, state: AlertState | None, signal: Signal, labels: dict[str, str], now: datetime) -> tuple[AlertState, Alert | None]:
    """Add a matching signal to its alert; return the new state and an Alert to emit, if any.

    Takes ownership of `state` (updated in place): callers hold a fresh copy read
    from the table, and copying it again per signal cost more than evaluating.
    """
    if state is None or state.status == AlertStatus.RESOLVED:
        state = AlertState(
            fingerprint=fingerprint(rule, labels),
            rule_id=rule.id,
            labels=labels,
            revision=state.revision if state else 0,
            first_seen=now,
            last_seen=now,
        )
    changed = _add(state, signal, now)
    if state.last_emitted is None:
        return state, _emit(rule, state, now)
    if changed:
        state.pending = True
    return flush(rule, state, now)


def flush(rule: Rule, state: AlertState, now: datetime) -> tuple[AlertState, Alert | None]:
    """Emit a pending update once group_interval has passed since the last emission."""
    if state.pending and state.status == AlertStatus.FIRING and state.last_emitted and now - state.last_emitted >= rule.group_interval:
        return state, _emit(rule, state, now)
    return state, None


def expire(rule: Rule, state: AlertState, now: datetime) -> tuple[AlertState, Alert | None]:
    """Resolve a firing alert that saw no signal for `resolve_after`; else flush pending updates."""
    if state.status == AlertStatus.FIRING and now - state.last_seen >= rule.resolve_after:
        state = state.model_copy(update={"status": AlertStatus.RESOLVED})
        return state, _emit(rule, state, now)
    return flush(rule, state, now)


def _add(state: AlertState, signal: Signal, now: datetime) -> bool:
    """Count the signal; True when it brings a new story or a new source (an update is due)."""
    state.signals += 1
    state.last_seen = max(state.last_seen, now)
    if signal.type.value not in state.types:
        state.types.append(signal.type.value)
    new_source = signal.article.source_id not in state.sources and len(state.sources) < MAX_TRACKED
    if new_source:
        state.sources.append(signal.article.source_id)
    if signal.article.story_id in state.stories:
        return new_source
    if len(state.stories) < MAX_TRACKED:
        state.stories.append(signal.article.story_id)
    if len(state.evidence) < MAX_EVIDENCE:
        state.evidence.append(
            AlertEvidence(
                signal_type=signal.type,
                title=signal.article.title,
                source_id=signal.article.source_id,
                url=signal.article.url,
                published=signal.article.published,
                fetched=signal.article.fetched,
                excerpt="; ".join(dict.fromkeys(span.text.casefold() for span in signal.evidence)),
            )
        )
    return True


def _emit(rule: Rule, state: AlertState, now: datetime) -> Alert:
    state.revision += 1
    state.last_emitted = now
    state.pending = False
    fields = {
        "rule": rule.id,
        "region": state.labels.get("region", "any region"),
        "types": ", ".join(state.types),
        "severity": rule.severity.value,
        "sources": len(state.sources),
        "stories": len(state.stories),
        "signals": state.signals,
    }
    counts = AlertCounts(signals=state.signals, stories=len(state.stories), sources=len(state.sources))
    return Alert(
        rule_id=rule.id,
        severity=rule.severity,
        fingerprint=state.fingerprint,
        status=state.status,
        revision=state.revision,
        labels={**rule.labels, **state.labels, "rule": rule.id},
        title=rule.title.format(**fields),
        summary=f"{counts.signals} signal(s) in {counts.stories} story(ies) from {counts.sources} source(s): {fields['types']}",
        evidence=list(state.evidence),
        counts=counts,
        first_seen=state.first_seen,
        last_seen=state.last_seen,
    )
