"""Rule evaluation and the alert lifecycle as pure functions over an AlertState.

`advance` takes a signal into an alert's state (`advance_escalation` an
escalation record, `touch` a sign of life for flatline rules) and says whether a
new revision must be emitted; `expire` does the same for the passage of time.
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

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from streams.detector import UNLOCATED
from streams.normalizer import digest
from streams.rules import conditions
from streams.rules.conditions import Hit, StoredHit
from streams.rules.model import BaseRule, Match, Rule
from streams.rules.templates import render, variables
from tocsin.records import Alert, AlertCounts, AlertEvidence, AlertStatus, Escalation, Signal

MAX_EVIDENCE = 10
MAX_TRACKED = 1000


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


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def watches_region(match: Match, region: str) -> bool:
    """Whether filters take a region: any when they name none, except `unlocated`, which only a rule naming it takes.

    A signal whose article names no attributable place is no regional event; paging
    a region team for it was the main source of false critical alerts.
    """
    return region in match.regions if match.regions or region == UNLOCATED else True


def passes(match: Match, signal: Signal) -> bool:
    """Whether a signal passes one set of filters."""
    return (
        signal.confidence >= match.min_confidence
        and watches_region(match, signal.region)
        and (not match.types or signal.type in match.types)
        and (not match.sources or signal.article.source_id in match.sources)
        and (not match.languages or (signal.language or "") in match.languages)
        and (not match.places or any(place in match.places for place in signal.places))
        and (match.max_sources is None or signal.article.story_sources <= match.max_sources)
        and _lede_or_corroborated(match, signal)
        and (match.title_regex is None or _regex(match.title_regex).search(signal.article.title) is not None)
    )


def _lede_or_corroborated(match: Match, signal: Signal) -> bool:
    """Whether the headline and lede report the signal, or enough outlets stand behind a story that mentions it further down.

    Why: the headline and the sentence that develops it say what an article reports;
    the body adds background, earlier events and, in some feeds, other stories. One
    outlet's mention below the lede is not a report of fighting to page anyone for.
    """
    return (
        match.body_min_sources is None
        or signal.lede_confidence >= match.min_confidence
        or signal.article.story_sources >= match.body_min_sources
    )


def matches(rule: Rule, signal: Signal) -> bool:
    """Whether a rule looks at this signal (for a sequence: its filters and at least one step)."""
    if not passes(rule.match, signal):
        return False
    return rule.type != "sequence" or any(passes(step, signal) for step in rule.steps)


def group_labels(rule: Rule, signal: Signal) -> list[dict[str, str]]:
    """The grouping labels of the alerts this signal feeds: one set, or one per place when grouped by place."""
    values = {"region": signal.region, "type": signal.type.value, "source": signal.article.source_id, "story": signal.article.story_id}
    labels = {key: values[key] for key in rule.group_by if key != "place"}
    if "place" not in rule.group_by:
        return [labels]
    places = [place for place in signal.places if not rule.match.places or place in rule.match.places]
    return [{**labels, "place": place} for place in dict.fromkeys(places)]


def fingerprint(rule: BaseRule | str, labels: dict[str, str]) -> str:
    """Rule id + labels: what identifies an alert across revisions, restarts and rule edits."""
    rule_id = rule if isinstance(rule, str) else rule.id
    return digest(rule_id, *(f"{k}={v}" for k, v in sorted(labels.items())))


def new_state(rule: BaseRule, labels: dict[str, str], now: datetime) -> AlertState:
    return AlertState(fingerprint=fingerprint(rule, labels), rule_id=rule.id, labels=labels, first_seen=now, last_seen=now)


def advance(rule: Rule, state: AlertState | None, signal: Signal, labels: dict[str, str], now: datetime) -> tuple[AlertState, Alert | None]:
    """Add a matching signal to its alert; return the new state and an Alert to emit, if any.

    Takes ownership of `state` (updated in place): callers hold their own copy
    (the evaluator's cache), and copying it per signal cost more than evaluating.
    """
    state = state or new_state(rule, labels, now)
    t = now.timestamp()
    if rule.type == "flatline":
        return touch(state, now), None
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
    triggered = _observe(rule, state, signal, t)
    if state.status != AlertStatus.FIRING:
        _remember(state, signal)
        if not triggered:
            return state, None
        _start(state, now)
    elif _add(state, signal, now):
        state.pending = True
    return flush(rule, state, now)


def _observe(rule: Rule, state: AlertState, signal: Signal, t: float) -> bool:
    """Update the rule type's bookkeeping with a signal; True when its condition is (newly) met."""
    if rule.type == "new_place":
        first = state.last_activity is None or t - state.last_activity >= rule.period.total_seconds()
        state.last_activity = t
        conditions.prune(state, rule, t)
        return first
    if rule.type == "spike":
        conditions.add_to_buckets(state, rule, t)
    if rule.type == "sequence":
        conditions.prune(state, rule, t)
        return conditions.advance_sequence(state, rule, [passes(step, signal) for step in rule.steps], t)
    if rule.type == "match":
        conditions.prune(state, rule, t)
        return True
    return conditions.holds(rule, state, t)


def advance_escalation(rule: Rule, state: AlertState | None, record: Escalation, now: datetime) -> tuple[AlertState, Alert | None]:
    """Take a region's escalation index into an escalation rule's alert."""
    state = state or new_state(rule, {"region": record.region}, now)
    history = (now - record.since).total_seconds() if record.since is not None else 0.0
    state.values = {
        "score": record.windows.get(rule.window, 0.0),
        "zscore": record.zscore,
        "baseline": record.baseline,
        "history": history,
        "observations": record.signals,
    }
    if not conditions.holds(rule, state, now.timestamp()):
        return state, None
    state.last_seen = now
    if state.status != AlertStatus.FIRING:
        _start(state, now)
        state.types = []
    return flush(rule, state, now)


def touch(state: AlertState, now: datetime) -> AlertState:
    """A sign of life for a flatline rule (a new article of the source, a signal of the region)."""
    state.last_activity = now.timestamp()
    return state


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
    """Time passes: start a flatline, resolve a quiet alert whose condition is false, else flush what is due."""
    condition = conditions.holds(rule, state, now.timestamp())
    if rule.type == "flatline" and condition:
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


def _values(rule: Rule, state: AlertState) -> dict[str, Any]:
    """The rule type's own template variables."""
    if rule.type == "frequency":
        return {"count": conditions.count(state, rule.count)}
    if rule.type == "corroboration":
        return {"count": conditions.corroborating_sources(state, rule.per), "weight": conditions.corroborating_weight(state, rule.per)}
    if rule.type == "flatline":
        return {"silent_for": _human(rule.silent_for.total_seconds()), "subject": f"{rule.of} {state.labels.get(rule.of, '?')}"}
    if rule.type == "new_place":
        return {"place": state.labels.get("place", "")}
    return {name: state.values.get(name, 0) for name in rule.VALUES}


def _human(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


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
        **_values(rule, state),
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
