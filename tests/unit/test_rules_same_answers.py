"""Cheaper rule evaluation, the same answers: each shortcut against the straightforward computation.

Corroboration's tally (streams/rules/types/corroboration.py) against a walk over every
hit: a varied sequence (regions, stories, sources, trusts, windows that expire, more
hits than MAX_HITS, time going back, states reloaded from the table in the old hit
format, a rule edited under its states) runs through an evaluator of each, and every
alert, every state and every rule's values must be the same. `prune` against a plain
filter; the table form of a state (`AlertState.to_table`) against pydantic's dump.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from tests.unit.factories import T0, signal
from tocsin import PROJECT_ROOT
from tocsin.records import Alert, AlertStatus, Signal, SignalType
from tocsin.streams.rules import Evaluator, RuleSet, load_rule_set
from tocsin.streams.rules.state import MAX_HITS, AlertState, Hit, prune
from tocsin.streams.rules.types.corroboration import CorroborationRule

REGIONS = ["south_caucasus", "middle_east", "ukraine_russia"]
TYPES = [SignalType.SHELLING, SignalType.AIR_STRIKE, SignalType.ARMED_CLASH]
TRUSTS = [1.0, 0.5, 0.35, 0.75, 0.1, 0.3]


class WalkedCorroboration(CorroborationRule):
    """The reference: count and weight computed over every hit of the window, each time they are asked for."""

    def holds(self, state: AlertState, t: float) -> bool:
        prune(state, self.window.total_seconds(), t)
        weight, count = self.walk(state)
        return (self.min_weight is None or weight >= self.min_weight) and count >= self.min_sources

    def values(self, state: AlertState) -> dict[str, Any]:
        weight, count = self.walk(state)
        return {"count": count, "weight": weight}

    def walk(self, state: AlertState) -> tuple[float, int]:
        trusts: dict[str, dict[str, float]] = defaultdict(dict)
        counted: dict[str, int] = defaultdict(int)
        weighed: dict[str, float] = defaultdict(float)
        for hit in state.hits:
            key = hit.story if self.per == "story" else hit.type
            trusts[key][hit.source] = max(hit.trust, trusts[key].get(hit.source, 0.0))
            if self.per == "story":
                counted[key] = max(counted[key], hit.story_sources)
                weighed[key] = max(weighed[key], hit.story_weight)
        count = max((max(len(found), counted[key]) for key, found in trusts.items()), default=0)
        weight = max((round(max(sum(found.values()), weighed[key]), 6) for key, found in trusts.items()), default=0.0)
        return weight, count


RULES: list[dict[str, Any]] = [
    {"id": "story", "window": "30m", "min_sources": 2},
    {"id": "story-weighed", "window": "1h", "min_sources": 2, "min_weight": 1.6},
    {"id": "type", "window": "20m", "min_sources": 3, "per": "type"},
    {"id": "type-weighed", "window": "2h", "min_sources": 2, "min_weight": 2.2, "per": "type", "group_by": ["region", "type"]},
]


def rules(kind: type[CorroborationRule], edits: dict[str, Any] | None = None) -> RuleSet:
    common = {"type": "corroboration", "group_interval": "1m", "resolve_after": "10m", "title": "{{ count }} weighing {{ weight }}"}
    return RuleSet([kind.model_validate({**common, **rule, **(edits or {}).get(rule["id"], {})}) for rule in RULES])


def varied_signals(seed: int) -> list[tuple[datetime, Signal]]:
    """Bursts of reports with quiet gaps (windows expire), one burst beyond MAX_HITS in one region, and now and then a clock that went back."""
    rng, now, items = random.Random(seed), T0, []
    for burst in range(14):
        flood = burst == 6
        size, regions = (MAX_HITS + 150, REGIONS[:1]) if flood else (rng.randint(5, 60), REGIONS)
        stories = [f"story-{burst}-{n}" for n in range(rng.randint(1, 12))]
        for _ in range(size):
            now += timedelta(seconds=1 if flood else rng.choice([1, 20, 45, 90]) if rng.random() > 0.03 else -rng.randint(1, 600))
            item = signal(rng.choice(stories), f"source-{rng.randint(0, 14)}", rng.choice(regions), rng.choice(TYPES))
            article = item.article.model_copy(
                update={
                    "url": f"https://example.com/{len(items)}",
                    "trust": rng.choice(TRUSTS),
                    "story_sources": rng.randint(1, 4),
                    "story_weight": rng.choice([0.0, 0.4, 1.0, 1.7, 2.45]),
                }
            )
            items.append((now, item.model_copy(update={"article": article})))
        now += timedelta(minutes=rng.choice([5, 25, 70, 180]))
    return items


def stored(evaluator: Evaluator, old_hits: bool) -> list[tuple[str, Any]]:
    """The table's entries of an evaluator's states; `old_hits`: as written before trust was carried (six fields a hit)."""
    entries = []
    for key, state in evaluator.states.items():
        value = state.model_dump(mode="json")
        if old_hits:
            value["hits"] = [hit[:6] for hit in value["hits"]]
        entries.append((key, value))
    return entries


def test_the_tally_gives_the_alerts_states_and_values_of_a_walk_over_every_hit() -> None:
    tallied, walked = Evaluator(rules(CorroborationRule)), Evaluator(rules(WalkedCorroboration))
    items = varied_signals(seed=5)
    assert len(items) > 1000  # the flood runs from about 220 to 870
    alerts: list[Alert] = []
    most_hits = 0
    for step, (now, item) in enumerate(items):
        if step in (400, 950):  # a restart: the states come back from the table, the second time in the old hit format
            entries = stored(walked, old_hits=step == 950)
            tallied.load(entries)
            walked.load(entries)
        if step == 700:  # a rule edited under its states (hot reload): per type instead of per story
            edits = {"story": {"per": "type"}, "type": {"per": "story", "window": "5m"}}
            tallied.replace_rules(rules(CorroborationRule, edits))
            walked.replace_rules(rules(WalkedCorroboration, edits))
        ticked = tallied.on_tick(now) + tallied.on_signal(item, now)
        assert ticked == walked.on_tick(now) + walked.on_signal(item, now), f"step {step}"
        alerts += ticked
        assert tallied.states.keys() == walked.states.keys()
        for key, state in tallied.states.items():
            assert state.model_dump() == walked.states[key].model_dump(), f"step {step}, {key}"
            rule, reference = tallied.rules.by_id[state.rule_id], walked.rules.by_id[state.rule_id]
            assert rule.values(state) == reference.values(walked.states[key]), f"step {step}, {key}"
            most_hits = max(most_hits, len(state.hits))
    resolved = [alert for alert in alerts if alert.status == AlertStatus.RESOLVED]
    assert len(alerts) > 100 and len(resolved) > 10 and {alert.rule_id for alert in alerts} == {rule["id"] for rule in RULES}
    assert most_hits == MAX_HITS


def test_prune_drops_what_the_window_and_the_cap_drop_and_returns_it() -> None:
    rng = random.Random(3)
    for _ in range(300):
        times = sorted(rng.uniform(0, 100) for _ in range(rng.randint(0, MAX_HITS + 40)))
        ordered = rng.random() < 0.6
        if not ordered:
            rng.shuffle(times)
        hits = [Hit(at, f"story-{n % 7}", "source", "shelling", f"u{n}", 1, 1.0, 1.0) for n, at in enumerate(times)]
        state = AlertState(fingerprint="f", rule_id="r", labels={}, first_seen=T0, last_seen=T0, hits=hits)
        seconds, now, before = rng.choice([0.0, 10.0, 50.0, 200.0]), rng.uniform(0, 110), state.hits
        dropped = prune(state, seconds, now, ordered=ordered)
        kept = [hit for hit in hits if hit.at >= now - seconds][-MAX_HITS:]
        assert state.hits == kept and sorted(dropped) == sorted(set(hits) - set(kept))
        assert (state.hits is before) == (not dropped)


def test_the_table_form_of_a_state_is_pydantics_json_dump_key_for_key() -> None:
    """States of every shipped rule type, with hits, evidence, buckets, progress and values, at every stage of their episodes."""
    evaluator = Evaluator(load_rule_set(PROJECT_ROOT / "alert_rules"))
    compared = set()
    for step, (now, item) in enumerate(varied_signals(seed=9)[:600]):
        evaluator.on_tick(now)
        kind = [SignalType.MOBILIZATION, SignalType.AIR_RAID_ALERT, item.type][step % 3]  # spike and sequence rules too
        evaluator.on_signal(item.model_copy(update={"type": kind, "confidence": 0.95, "places": ["stepanakert"]}), now)
        for key, state in evaluator.take_dirty().items():
            table, dumped = state.to_table(), state.model_dump(mode="json")
            assert table == dumped and list(table) == list(dumped), f"step {step}, {key}"
            compared.add(evaluator.rules.by_id[state.rule_id].type)
    assert compared >= {"match", "corroboration", "sequence", "spike", "new_place"}
