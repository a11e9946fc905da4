"""`kind: alertmanager`: the body of POST /api/v2/alerts for one revision, and its delivery to a real local server."""

from __future__ import annotations

import httpx

from tests.helpers.http import LocalServer, Response
from tests.unit.factories import T0, alert, evidence_item
from tocsin.records import AlertStatus
from tocsin.streams.notify.receivers.alertmanager import AlertmanagerReceiver, alertmanager_alerts


def test_alertmanager_payload_of_a_firing_alert():
    (payload,) = alertmanager_alerts(alert(labels={"region": "south_caucasus", "team": "analysts"}))

    assert payload["labels"] == {"alertname": "violent-escalation", "severity": "critical", "region": "south_caucasus", "team": "analysts"}
    assert payload["annotations"]["summary"] == "Escalation in south_caucasus: shelling"
    assert payload["annotations"]["description"].startswith("1 signal(s)")
    assert "https://example.com/a" in payload["annotations"]["evidence"]
    assert payload["startsAt"] == T0.isoformat() and "endsAt" not in payload
    assert payload["generatorURL"] == "https://example.com/a"


def test_alertmanager_payload_of_a_resolved_alert_ends_and_skips_non_web_links():
    resolved = alert(status=AlertStatus.RESOLVED, evidence=[evidence_item(url="urn:x"), evidence_item(url="https://b.example/")])
    (payload,) = alertmanager_alerts(resolved)
    assert payload["endsAt"] == resolved.last_seen.isoformat()
    assert payload["generatorURL"] == "https://b.example/"


async def test_a_revision_is_posted_to_the_alerts_api(server: LocalServer, client: httpx.AsyncClient) -> None:
    server.routes["/am/api/v2/alerts"] = Response(200)
    await AlertmanagerReceiver("am", server.url("/am/"), client).send(alert(), "fp-1:1:am")
    (request,) = server.received("/am/api/v2/alerts")
    assert request.json() == alertmanager_alerts(alert())
