"""Notification groups (streams/notify/dispatch.py): one message per incident, Alertmanager's timings."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.factories import T0, alert
from tocsin.records import AlertStatus
from tocsin.streams.notify.dispatch import Dispatcher, GroupTiming

TIMING = GroupTiming(group_wait=timedelta(seconds=30), group_interval=timedelta(minutes=5), repeat_interval=timedelta(hours=4))


def at(seconds: float):
    return T0 + timedelta(seconds=seconds)


def rule_alert(rule: str, revision: int = 1, region: str = "south_caucasus", status: AlertStatus = AlertStatus.FIRING):
    return alert(labels={"region": region, "rule": rule}, status=status).model_copy(
        update={"rule_id": rule, "fingerprint": f"{rule}-{region}", "revision": revision}
    )


def test_alerts_of_several_rules_in_one_region_are_one_message_after_group_wait() -> None:
    dispatcher = Dispatcher()
    for rule in ("violent-escalation", "offensive", "military-buildup"):
        dispatcher.add(rule_alert(rule), "slack", TIMING, at(0))
    dispatcher.add(rule_alert("offensive", region="middle_east"), "slack", TIMING, at(5))
    assert dispatcher.flush(at(29)) == []
    (first,) = dispatcher.flush(at(30))
    assert first.group == {"region": "south_caucasus"} and first.revision == 1 and first.thread is None
    assert sorted(item.alert.rule_id for item in first.alerts) == ["military-buildup", "offensive", "violent-escalation"]
    assert all(item.new for item in first.alerts)
    (other,) = dispatcher.flush(at(35))
    assert other.group == {"region": "middle_east"}


def test_changes_wait_for_group_interval_and_mark_what_is_new() -> None:
    dispatcher = Dispatcher()
    dispatcher.add(rule_alert("violent-escalation"), "slack", TIMING, at(0))
    dispatcher.flush(at(30))
    dispatcher.add(rule_alert("violent-escalation", revision=2), "slack", TIMING, at(60))
    dispatcher.add(rule_alert("violent-escalation", revision=3), "slack", TIMING, at(90))
    dispatcher.add(rule_alert("offensive"), "slack", TIMING, at(120))
    assert dispatcher.flush(at(300)) == []  # 270 s after the first message
    (update,) = dispatcher.flush(at(330))
    assert update.revision == 2 and update.thread == f"{update.group_key}:1"
    assert {(item.alert.rule_id, item.alert.revision, item.new) for item in update.alerts} == {
        ("violent-escalation", 3, True),
        ("offensive", 1, True),
    }


def test_unchanged_groups_repeat_and_resolved_alerts_are_told_once_then_dropped() -> None:
    dispatcher = Dispatcher()
    dispatcher.add(rule_alert("offensive"), "slack", TIMING, at(0))
    dispatcher.flush(at(30))
    assert dispatcher.flush(at(30 + 4 * 3600 - 1)) == []
    (repeat,) = dispatcher.flush(at(30 + 4 * 3600))
    assert [item.new for item in repeat.alerts] == [False]
    dispatcher.add(rule_alert("offensive", revision=2, status=AlertStatus.RESOLVED), "slack", TIMING, at(20000))
    (resolved,) = dispatcher.flush(at(20000 + 300))
    assert [(item.alert.status, item.new) for item in resolved.alerts] == [(AlertStatus.RESOLVED, True)]
    assert not dispatcher.open()
    dispatcher.add(rule_alert("offensive", revision=3), "slack", TIMING, at(30000))
    (reopened,) = dispatcher.flush(at(30030))
    assert (reopened.revision, reopened.first, reopened.thread) == (4, 4, None), "a new incident opens a new thread"
    assert [item.new for item in reopened.alerts] == [True]


def test_a_resolution_nobody_was_told_of_is_dropped_and_receivers_group_apart() -> None:
    dispatcher = Dispatcher()
    dispatcher.add(rule_alert("offensive"), "slack", TIMING, at(0))
    dispatcher.add(rule_alert("offensive"), "email", TIMING.model_copy(update={"group_wait": timedelta(0)}), at(0))
    dispatcher.add(rule_alert("offensive", revision=2, status=AlertStatus.RESOLVED), "slack", TIMING, at(10))
    (email,) = dispatcher.flush(at(10))  # group_wait 0: at once
    assert email.receiver == "email"
    assert dispatcher.flush(at(60)) == [] and [group.receiver for group in dispatcher.groups.values() if group.alerts] == ["email"]
