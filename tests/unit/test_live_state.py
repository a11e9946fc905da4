"""The live page's in-memory state: newest revision per alert, resolved ones for a while, bounded 24 h series."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.unit.factories import T0, alert, evidence_item
from tocsin.live.state import LiveState, safe_link
from tocsin.records import AlertStatus, Escalation, Severity


def revision(number: int, status: AlertStatus = AlertStatus.FIRING, fingerprint: str = "fp-1", last_seen: datetime = T0, **fields):
    return alert(status=status).model_copy(update={"revision": number, "fingerprint": fingerprint, "last_seen": last_seen, **fields})


def escalation(region: str, at: datetime, score: float = 1.0) -> Escalation:
    return Escalation(region=region, at=at, windows={"1h": score, "6h": score, "24h": score}, baseline=0.5, zscore=2.0, signals=3)


def test_keeps_the_newest_revision_per_fingerprint_whatever_the_arrival_order():
    state = LiveState()
    assert state.add_alert(revision(2, summary="second"))
    assert not state.add_alert(revision(1, summary="first")), "an older revision never overwrites a newer one"
    assert not state.add_alert(revision(2, summary="again")), "a replayed revision changes nothing"
    assert state.add_alert(revision(3, summary="third"))
    shown = state.snapshot(T0)["alerts"]
    assert [(a["revision"], a["summary"]) for a in shown] == [(3, "third")]


def test_a_resolved_alert_is_shown_as_resolved_for_a_while_then_dropped():
    state = LiveState(resolved_keep=timedelta(hours=1))
    state.add_alert(revision(1))
    state.add_alert(revision(2, status=AlertStatus.RESOLVED, last_seen=T0))
    assert [a["status"] for a in state.snapshot(T0 + timedelta(minutes=59))["alerts"]] == ["resolved"]
    assert state.snapshot(T0 + timedelta(minutes=61))["alerts"] == []


def test_firing_alerts_come_first_most_severe_then_newest():
    state = LiveState()
    state.add_alert(revision(1, fingerprint="old-critical", severity=Severity.CRITICAL, last_seen=T0))
    state.add_alert(revision(1, fingerprint="new-critical", severity=Severity.CRITICAL, last_seen=T0 + timedelta(minutes=5)))
    state.add_alert(revision(1, fingerprint="warning", severity=Severity.WARNING, last_seen=T0 + timedelta(minutes=9)))
    state.add_alert(revision(2, fingerprint="resolved", status=AlertStatus.RESOLVED, last_seen=T0 + timedelta(minutes=9)))
    order = [a["fingerprint"] for a in state.snapshot(T0 + timedelta(minutes=10))["alerts"]]
    assert order == ["new-critical", "old-critical", "warning", "resolved"]


def test_alerts_are_bounded_resolved_and_least_recent_go_first():
    state = LiveState(max_alerts=3)
    state.add_alert(revision(1, fingerprint="a", last_seen=T0))
    state.add_alert(revision(1, fingerprint="b", status=AlertStatus.RESOLVED, last_seen=T0 + timedelta(minutes=5)))
    state.add_alert(revision(1, fingerprint="c", last_seen=T0 + timedelta(minutes=1)))
    state.add_alert(revision(1, fingerprint="d", last_seen=T0 + timedelta(minutes=2)))
    assert sorted(state.alerts) == ["a", "c", "d"]
    state.add_alert(revision(1, fingerprint="e", last_seen=T0 + timedelta(minutes=3)))
    assert sorted(state.alerts) == ["c", "d", "e"]


def test_escalation_points_per_region_of_the_last_24_hours_in_time_order():
    state = LiveState()
    state.add_escalation(escalation("south_caucasus", T0 - timedelta(hours=25), 9.0))
    state.add_escalation(escalation("south_caucasus", T0 - timedelta(hours=1), 2.0))
    state.add_escalation(escalation("south_caucasus", T0 - timedelta(hours=2), 1.0))  # late arrival
    state.add_escalation(escalation("middle_east", T0, 4.5))
    series = state.snapshot(T0)["escalation"]
    assert list(series) == ["middle_east", "south_caucasus"]
    assert [score for _, score, _ in series["south_caucasus"]] == [1.0, 2.0], "older than 24 h dropped, sorted by time"
    assert series["middle_east"] == [[T0.isoformat(), 4.5, 2.0]]


def test_a_region_without_recent_points_disappears():
    state = LiveState()
    state.add_escalation(escalation("north", T0))
    assert state.snapshot(T0 + timedelta(hours=25))["escalation"] == {}


def test_series_and_regions_are_bounded():
    state = LiveState(max_points=5, max_regions=2)
    for minute in range(12):
        state.add_escalation(escalation("a", T0 + timedelta(minutes=minute), float(minute)))
    assert [p.score for p in state.points["a"]] == [7.0, 8.0, 9.0, 10.0, 11.0]
    state.add_escalation(escalation("b", T0 + timedelta(minutes=20)))
    state.add_escalation(escalation("c", T0 + timedelta(minutes=30)))
    assert sorted(state.points) == ["b", "c"], "the region with the stalest reading made room"


def test_the_version_moves_only_on_change():
    state = LiveState()
    start = state.version
    state.add_alert(revision(1))
    state.add_alert(revision(1))
    state.snapshot(T0)
    assert state.version == start + 1


def test_only_http_urls_become_links():
    state = LiveState()
    state.add_alert(
        revision(
            1,
            evidence=[
                evidence_item(url="https://example.com/a"),
                evidence_item(url="javascript:alert(1)"),
                evidence_item(url="data:text/html,<b>x</b>"),
                evidence_item(url=" HTTP://Example.com/b"),
            ],
        )
    )
    links = [item["link"] for item in state.snapshot(T0)["alerts"][0]["evidence"]]
    assert links == ["https://example.com/a", None, None, "HTTP://Example.com/b"]
    assert safe_link("http://") is None and safe_link("ftp://x") is None


def test_alerts_of_one_region_are_one_incident_ordered_like_their_alerts():
    state = LiveState()
    state.add_alert(revision(1, fingerprint="levant-warning", severity=Severity.WARNING, labels={"region": "levant"}))
    state.add_alert(revision(1, fingerprint="caucasus-critical", severity=Severity.CRITICAL, last_seen=T0 + timedelta(minutes=5)))
    state.add_alert(revision(1, fingerprint="caucasus-warning", severity=Severity.WARNING, first_seen=T0 - timedelta(hours=1)))
    state.add_alert(revision(2, fingerprint="levant-gone", status=AlertStatus.RESOLVED, labels={"region": "levant"}))
    shown = state.snapshot(T0 + timedelta(minutes=10))["incidents"]
    assert [(i["region"], i["severity"], i["firing"], i["alerts"]) for i in shown] == [
        ("south_caucasus", "critical", 2, ["caucasus-critical", "caucasus-warning"]),
        ("levant", "warning", 1, ["levant-warning", "levant-gone"]),
    ]
    assert shown[0]["first_seen"] == (T0 - timedelta(hours=1)).isoformat() and shown[0]["status"] == "firing"
