"""Rule evaluation and the alert lifecycle as pure functions over an AlertState.

`advance` takes a signal into an alert's state (`advance_escalation` an
escalation record) and says whether a new revision must be emitted; `expire`
does the same for the passage of time. What a rule type does with an event is
its own (tocsin.streams.rules.types); the lifecycle here is the same for every type.

The lifecycle follows Alertmanager: a condition starts an episode (firing); the
first notification waits `group_wait` to collect evidence; updates (new stories
or sources) go out at most every `group_interval`; an unchanged firing alert is
re-sent every `repeat_interval`; it resolves once the condition is false and
nothing new came for `resolve_after`.

The Faust agent keeps the states in a changelogged table, so a restarted worker
resumes them. Revisions, not wall-clock times, identify notifications:
reprocessing a signal after a crash yields the same (fingerprint, revision) and
the notifier drops it.
"""

from __future__ import annotations

from datetime import datetime

from tocsin.records import Alert, AlertCounts, AlertEvidence, AlertStatus, Escalation, Signal
from tocsin.streams.normalizer import digest
from tocsin.streams.rules.model import Rule
from tocsin.streams.rules.state import AlertState, Hit
from tocsin.streams.rules.templates import render, variables

MAX_EVIDENCE = 10
MAX_TRACKED = 1000


def group_labels(rule: Rule, signal: Signal) -> list[dict[str, str]]:
    """The grouping labels of the alerts this signal feeds: one set, or one per place when grouped by place."""
    values = {"region": signal.region, "type": signal.type.value, "source": signal.article.source_id, "story": signal.article.story_id}
    labels: dict[str, str] = {key: values[key] for key in rule.group_by if key != "place"}
    if "place" not in rule.group_by:
        return [labels]
    places = [place for place in signal.places if not rule.match.places or place in rule.match.places]
    return [{**labels, "place": place} for place in dict.fromkeys(places)]


def fingerprint(rule: Rule | str, labels: dict[str, str]) -> str:
    """Rule id + labels: what identifies an alert across revisions, restarts and rule edits."""
    rule_id = rule if isinstance(rule, str) else rule.id
    return digest(rule_id, *(f"{k}={v}" for k, v in sorted(labels.items())))


def new_state(rule: Rule, labels: dict[str, str], now: datetime) -> AlertState:
    return AlertState(fingerprint=fingerprint(rule, labels), rule_id=rule.id, labels=labels, first_seen=now, last_seen=now)


def advance(rule: Rule, state: AlertState | None, signal: Signal, labels: dict[str, str], now: datetime) -> tuple[AlertState, Alert | None]:
    """Add a matching signal to its alert; return the new state and an Alert to emit, if any.

    Takes ownership of `state` (updated in place): callers hold their own copy
    (the evaluator's cache), and copying it per signal cost more than evaluating.
    """
    state = state or new_state(rule, labels, now)
    t = now.timestamp()
    if rule.SIGNS_OF_LIFE:
        rule.observe(state, signal, t)
        return state, None
    article = signal.article
    state.hits.append(
        Hit(
            t,
            article.story_id,
            article.source_id,
            signal.type.value,
            article.url,
            article.story_sources,
            article.trust,
            article.story_weight,
        )
    )
    triggered = rule.observe(state, signal, t)
    if state.status != AlertStatus.FIRING:
        _remember(state, signal)
        if not triggered:
            return state, None
        _start(state, now)
    elif _add(state, signal, now):
        state.pending = True
    return flush(rule, state, now)


def advance_escalation(rule: Rule, state: AlertState | None, record: Escalation, now: datetime) -> tuple[AlertState, Alert | None]:
    """Take a region's escalation index into the alert of a rule fed by it (Feed.ESCALATION)."""
    state = state or new_state(rule, {"region": record.region}, now)
    rule.observe_index(state, record, now)
    if not rule.holds(state, now.timestamp()):
        return state, None
    state.last_seen = now
    if state.status != AlertStatus.FIRING:
        _start(state, now)
        state.types = []
    return flush(rule, state, now)


def flush(rule: Rule, state: AlertState, now: datetime) -> tuple[AlertState, Alert | None]:
    """Emit what is due: the first notification after group_wait, updates every group_interval, repeats every repeat_interval."""
    if state.status != AlertStatus.FIRING:
        return state, None
    if state.last_emitted is None:
        return state, (_emit(rule, state, now) if now - state.first_seen >= rule.group_wait else None)
    since = now - state.last_emitted
    if (state.pending and since >= rule.group_interval) or since >= rule.repeat_interval:
        return state, _emit(rule, state, now)
    return state, None


def expire(rule: Rule, state: AlertState, now: datetime) -> tuple[AlertState, Alert | None]:
    """Time passes: start an episode of a time-driven rule (flatline), resolve a quiet alert whose condition is false, else flush."""
    condition = rule.holds(state, now.timestamp())
    if rule.TIME_DRIVEN and condition:
        if state.status != AlertStatus.FIRING:
            _start(state, now)
        state.last_seen = now
    if state.status == AlertStatus.FIRING and not condition and now - state.last_seen >= rule.resolve_after:
        state.status = AlertStatus.RESOLVED
        state.pending = False
        return state, (_emit(rule, state, now) if state.last_emitted is not None else None)
    return flush(rule, state, now)


def _start(state: AlertState, now: datetime) -> None:
    """A new episode: counts and evidence from the hits still in the window."""
    state.status = AlertStatus.FIRING
    state.first_seen = state.last_seen = now
    state.last_emitted = None
    state.pending = False
    state.signals = len(state.hits)
    state.stories = list(dict.fromkeys(hit.story for hit in state.hits))[:MAX_TRACKED]
    state.sources = list(dict.fromkeys(hit.source for hit in state.hits))[:MAX_TRACKED]
    state.types = list(dict.fromkeys(hit.type for hit in state.hits))
    urls = {hit.url for hit in state.hits}
    state.evidence = [item for item in state.evidence if item.url in urls][:MAX_EVIDENCE]


def _evidence(signal: Signal) -> AlertEvidence:
    return AlertEvidence(
        signal_type=signal.type,
        title=signal.article.title,
        source_id=signal.article.source_id,
        url=signal.article.url,
        published=signal.article.published,
        fetched=signal.article.fetched,
        excerpt="; ".join(dict.fromkeys(span.text.casefold() for span in signal.evidence)),
    )


def _remember(state: AlertState, signal: Signal) -> None:
    """Before an episode: keep the latest evidence (one per article) so the first notification can show it."""
    if all(item.url != signal.article.url for item in state.evidence):
        state.evidence = [*state.evidence, _evidence(signal)][-MAX_EVIDENCE:]


def _add(state: AlertState, signal: Signal, now: datetime) -> bool:
    """Count the signal into a firing episode; True when it brings a new story or a new source (an update is due)."""
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
        state.evidence.append(_evidence(signal))
    return True


def _emit(rule: Rule, state: AlertState, now: datetime) -> Alert:
    state.revision += 1
    state.last_emitted = now
    state.pending = False
    counts = AlertCounts(signals=state.signals, stories=len(state.stories), sources=len(state.sources))
    region = state.labels.get("region", "any region")
    types = ", ".join(state.types)
    context = {
        "rule": rule.id,
        "rule_type": rule.type,
        "severity": rule.severity.value,
        "status": state.status.value,
        "region": region,
        "labels": state.labels,
        "types": types,
        "counts": counts.model_dump(),
        "evidence": [item.model_dump() for item in state.evidence] if "evidence" in variables(rule.title) | variables(rule.summary) else [],
        "first_seen": state.first_seen,
        "last_seen": state.last_seen,
        **rule.values(state),
    }
    return Alert(
        rule_id=rule.id,
        severity=rule.severity,
        fingerprint=state.fingerprint,
        status=state.status,
        revision=state.revision,
        labels={**rule.labels, **state.labels, "rule": rule.id},
        title=render(rule.title, context, fallback=f"{rule.id} in {region}"),
        summary=render(rule.summary, context, fallback=f"{counts.signals} signal(s): {types}"),
        evidence=list(state.evidence),
        counts=counts,
        first_seen=state.first_seen,
        last_seen=state.last_seen,
    )
