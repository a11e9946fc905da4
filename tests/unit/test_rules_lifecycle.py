"""The Alertmanager-like lifecycle (group_wait, repeat_interval), inhibition, the evaluator's state cache and hot reload."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from tests.unit.factories import T0, signal
from tocsin.records import AlertStatus, Severity, SignalType
from tocsin.streams.rules import Evaluator, RuleSet, advance, expire, load_rule_set
from tocsin.streams.rules.engine import fingerprint
from tocsin.streams.rules.inhibition import inhibited_by
from tocsin.streams.rules.model import DEFAULT_INHIBIT, InhibitRule
from tocsin.streams.rules.registry import parse_rule
from tocsin.streams.rules.reload import RuleReloader

LABELS = {"region": "south_caucasus"}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def rule(**fields: object):
    return parse_rule({"id": "r", "type": "match", "group_interval": "5m", "resolve_after": "3h", **fields})


# --- group_wait, repeat_interval ----------------------------------------------------


def test_group_wait_holds_the_first_notification_to_collect_evidence() -> None:
    waiting = rule(group_wait="5m")
    state, alert = advance(waiting, None, signal("s1"), LABELS, at(0))
    assert alert is None and state.status == AlertStatus.FIRING
    state, alert = advance(waiting, state, signal("s2", source="source-b"), LABELS, at(2))
    assert alert is None
    state, alert = expire(waiting, state, at(4.9))
    assert alert is None
    state, alert = expire(waiting, state, at(5))
    assert alert is not None and alert.revision == 1
    assert (alert.counts.stories, alert.counts.sources, len(alert.evidence)) == (2, 2, 2)


def test_an_alert_resolved_within_group_wait_is_never_notified() -> None:
    waiting = rule(group_wait="10m", resolve_after="5m")
    state, _ = advance(waiting, None, signal("s1"), LABELS, at(0))
    state, alert = expire(waiting, state, at(5))
    assert alert is None and state.status == AlertStatus.RESOLVED and state.revision == 0


def test_repeat_interval_resends_an_unchanged_firing_alert_as_a_new_revision() -> None:
    repeating = rule(repeat_interval="1h")
    state, first = advance(repeating, None, signal("s1"), LABELS, at(0))
    state, _ = advance(repeating, state, signal("s1"), LABELS, at(30))  # same story: nothing new
    state, alert = expire(repeating, state, at(59))
    assert alert is None
    state, alert = expire(repeating, state, at(60))
    assert alert is not None and first is not None
    assert (alert.revision, alert.status, alert.counts.stories, alert.counts.signals) == (2, AlertStatus.FIRING, 1, 2)


# --- inhibition -------------------------------------------------------------------------

CRITICAL = rule(id="fighting", severity="critical", match={"types": ["shelling"]})
WARNING = rule(id="buildup", severity="warning", match={"types": ["shelling", "mobilization"]})


def test_default_inhibition_critical_mutes_warning_and_info_of_its_region() -> None:
    critical = {"severity": "critical", "region": "a"}
    assert inhibited_by({"severity": "warning", "region": "a"}, [("fp-c", critical)], DEFAULT_INHIBIT) == "fp-c"
    assert inhibited_by({"severity": "info", "region": "a"}, [("fp-c", critical)], DEFAULT_INHIBIT) == "fp-c"
    assert inhibited_by({"severity": "warning", "region": "b"}, [("fp-c", critical)], DEFAULT_INHIBIT) is None
    assert inhibited_by({"severity": "critical", "region": "a"}, [("fp-c", critical)], DEFAULT_INHIBIT) is None
    assert inhibited_by({"severity": "warning", "region": "a"}, [("fp-w", {"severity": "warning", "region": "a"})], DEFAULT_INHIBIT) is None


def test_evaluator_marks_the_warning_whichever_rule_comes_first() -> None:
    evaluator = Evaluator(RuleSet([WARNING, CRITICAL]))
    alerts = {a.rule_id: a for a in evaluator.on_signal(signal("s1"), at(0))}
    assert alerts["fighting"].inhibited_by is None
    assert alerts["buildup"].inhibited_by == alerts["fighting"].fingerprint
    (other_region,) = evaluator.on_signal(signal("s2", region="middle_east", type=SignalType.MOBILIZATION), at(1))
    assert other_region.inhibited_by is None


def test_a_resolution_follows_its_firing_revision_and_configured_rules_replace_the_default() -> None:
    only_buildup_spared = InhibitRule.model_validate(
        {"source_matchers": {"severity": "critical"}, "target_matchers": {"rule": ["other"]}, "equal": ["region"]}
    )
    evaluator = Evaluator(RuleSet([WARNING, CRITICAL], [only_buildup_spared]))
    assert all(a.inhibited_by is None for a in evaluator.on_signal(signal("s1"), at(0)))
    fighting = rule(id="fighting", severity="critical", resolve_after="10h", match={"types": ["shelling"]})
    evaluator = Evaluator(RuleSet([WARNING, fighting]))
    (muted,) = [a for a in evaluator.on_signal(signal("s1"), at(0)) if a.rule_id == "buildup"]
    (resolved,) = evaluator.on_tick(at(200))
    assert resolved.rule_id == "buildup" and resolved.status == AlertStatus.RESOLVED
    assert resolved.inhibited_by == muted.inhibited_by is not None  # nobody heard it fire: its end is no news either
    evaluator = Evaluator(RuleSet([rule(id="buildup", severity="warning", match={"types": ["mobilization"]}), fighting]))
    evaluator.on_signal(signal("m1", type=SignalType.MOBILIZATION), at(0))  # delivered before any fighting
    evaluator.on_signal(signal("s2", type=SignalType.SHELLING), at(100))
    resolutions = [a for a in evaluator.on_tick(at(400)) if a.rule_id == "buildup"]
    assert [(a.status, a.inhibited_by) for a in resolutions] == [(AlertStatus.RESOLVED, None)]


# --- evaluator: index, cache, restart ---------------------------------------------------


def test_rules_are_indexed_by_signal_type() -> None:
    rules = RuleSet(
        [
            CRITICAL,
            WARNING,
            parse_rule(
                {"id": "seq", "type": "sequence", "window": "5m", "steps": [{"types": ["air_raid_alert"]}, {"types": ["shelling"]}]}
            ),
        ]
    )
    assert [r.id for r in rules.by_type[SignalType.MOBILIZATION]] == ["buildup"]
    assert [r.id for r in rules.by_type[SignalType.AIR_RAID_ALERT]] == ["seq"]
    assert [r.id for r in rules.by_type[SignalType.SHELLING]] == ["fighting", "buildup", "seq"]


def test_states_written_to_the_table_restore_a_worker_without_renotifying() -> None:
    first = Evaluator(RuleSet([CRITICAL]))
    (alert,) = first.on_signal(signal("s1"), at(0))
    table = {key: state.model_dump(mode="json") for key, state in first.take_dirty().items()}
    assert list(table) == [alert.fingerprint] and first.take_dirty() == {}

    restarted = Evaluator(RuleSet([CRITICAL]))
    restarted.load(table.items())
    assert restarted.on_signal(signal("s1"), at(1)) == [], "the same story again: no new revision"
    (update,) = restarted.on_signal(signal("s2"), at(10))
    assert (update.fingerprint, update.revision) == (alert.fingerprint, 2)


def test_ticks_only_touch_their_partition() -> None:
    evaluator = Evaluator(RuleSet([rule(resolve_after="1m")]))
    evaluator.on_signal(signal("s1"), at(0), partition=3)
    assert evaluator.on_tick(at(5), partition=1) == []
    (resolved,) = evaluator.on_tick(at(5), partition=3)
    assert resolved.status == AlertStatus.RESOLVED and set(evaluator.take_dirty()) == {resolved.fingerprint}


def test_source_activity_feeds_source_flatlines() -> None:
    flatline = parse_rule({"id": "quiet", "type": "flatline", "of": "source", "silent_for": "1h", "severity": "info"})
    evaluator = Evaluator(RuleSet([flatline]))
    evaluator.on_activity("wire", at(0), partition=2)
    assert evaluator.on_tick(at(30), partition=2) == []
    (alert,) = evaluator.on_tick(at(60), partition=2)
    assert alert.labels == {"source": "wire", "rule": "quiet"} and alert.severity == Severity.INFO


# --- hot reload ------------------------------------------------------------------------

RULE_FILE = "rules:\n  - id: {id}\n    type: match\n    severity: {severity}\n    match: {{types: [shelling]}}\n"


def write(path: Path, text: str, bump: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(bump * 10**9, bump * 10**9))  # distinct mtimes even within one clock tick


def test_reloader_returns_new_rules_only_when_files_change_and_load(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    write(path, RULE_FILE.format(id="one", severity="warning"), 1)
    reloader = RuleReloader(tmp_path)
    assert reloader.poll() is None
    write(path, RULE_FILE.format(id="one", severity="critical"), 2)
    rules = reloader.poll()
    assert rules is not None and rules.rules[0].severity == Severity.CRITICAL
    assert reloader.poll() is None
    write(path, RULE_FILE.format(id="one", severity="apocalyptic"), 3)
    assert reloader.poll() is None
    assert reloader.problems and reloader.problems[0].startswith(f"{path}:4: rules[0].severity")
    (tmp_path / "more.yaml").write_text(RULE_FILE.format(id="two", severity="info"), encoding="utf-8")
    write(path, RULE_FILE.format(id="one", severity="warning"), 4)
    rules = reloader.poll()
    assert rules is not None and [r.id for r in rules.rules] == ["two", "one"] and reloader.problems == []


def test_reloader_keeps_the_rules_when_the_loader_fails_unexpectedly(tmp_path: Path) -> None:
    """A loader bug (anything but ConfigError) is logged; the running rules stay and the next good file loads."""
    path = tmp_path / "r.yaml"
    write(path, RULE_FILE.format(id="one", severity="warning"), 1)
    failures = iter([TypeError("unhashable type: 'list'")])

    def flaky(*paths: Path) -> RuleSet:
        failure = next(failures, None)
        if failure:
            raise failure
        return load_rule_set(*paths)

    reloader = RuleReloader(tmp_path, load=flaky)
    write(path, RULE_FILE.format(id="one", severity="critical"), 2)
    assert reloader.poll() is None and reloader.problems == ["unexpected error: TypeError: unhashable type: 'list'"]
    write(path, RULE_FILE.format(id="one", severity="info"), 3)
    rules = reloader.poll()
    assert rules is not None and rules.rules[0].severity == Severity.INFO and reloader.problems == []


def test_reload_keeps_the_state_of_unchanged_rules(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    write(path, RULE_FILE.format(id="one", severity="warning"), 1)
    evaluator = Evaluator(load_rule_set(tmp_path))
    (fired,) = evaluator.on_signal(signal("s1"), at(0))
    write(
        path, RULE_FILE.format(id="one", severity="warning") + RULE_FILE.format(id="two", severity="critical").removeprefix("rules:\n"), 2
    )
    evaluator.replace_rules(load_rule_set(tmp_path))
    alerts = {a.rule_id: a for a in evaluator.on_signal(signal("s2"), at(10))}
    assert alerts["one"].revision == 2 and alerts["one"].fingerprint == fired.fingerprint
    assert alerts["two"].revision == 1


def test_a_tick_resolves_alerts_in_the_order_of_their_keys_whatever_the_hash_seed() -> None:
    rules = [rule(id=f"r{index:02}", resolve_after="5m") for index in range(12)]
    evaluator = Evaluator(RuleSet(rules, []))
    evaluator.on_signal(signal("s1"), at(0))
    resolved = evaluator.on_tick(at(10))
    by_id = {r.id: r for r in rules}
    keys = [fingerprint(by_id[alert.rule_id], LABELS) for alert in resolved]
    assert len(keys) == 12 and keys == sorted(keys)
