"""`kind: alertmanager`: every alert revision pushed to a Prometheus Alertmanager, which groups, silences and routes itself.

So this kind is not grouped by the notifier (`grouped=False`): it gets each
revision, and an older revision than one queued or recorded is superseded.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import httpx
from pydantic import Field

from tocsin.records import Alert, AlertStatus
from tocsin.streams.notify.dispatch import Message
from tocsin.streams.notify.receivers.http import post_json
from tocsin.streams.notify.receivers.kind import HttpUrl, Kind, ReceiverConfig, Resources
from tocsin.streams.notify.render import one_line, web_link


class AlertmanagerConfig(ReceiverConfig):
    kind: Literal["alertmanager"]
    url: HttpUrl = Field(description="Base URL of Alertmanager; alerts are POSTed to /api/v2/alerts.")


def evidence_lines(alert: Alert) -> str:
    return "\n".join(f"{one_line(item.title, 160)} ({item.source_id}) {one_line(item.url, 500)}" for item in alert.evidence)


def alertmanager_alerts(alert: Alert) -> list[dict[str, Any]]:
    """The body of Alertmanager's POST /api/v2/alerts for one revision.

    `endsAt` of a resolved alert is its last signal: a retry sends the very same
    payload, and Alertmanager treats an end in the past as resolved.
    """
    body: dict[str, Any] = {
        "labels": {"severity": alert.severity.value, **alert.labels, "alertname": alert.rule_id},
        "annotations": {"summary": one_line(alert.title), "description": alert.summary, "evidence": evidence_lines(alert)},
        "startsAt": alert.first_seen.isoformat(),
    }
    if alert.status == AlertStatus.RESOLVED:
        body["endsAt"] = alert.last_seen.isoformat()
    links = [link for item in alert.evidence if (link := web_link(item.url))]
    if links:
        body["generatorURL"] = links[0]
    return [body]


class AlertmanagerReceiver:
    """Pushes the revision (or each alert of a message) to Alertmanager's API."""

    def __init__(self, name: str, url: str, client: httpx.AsyncClient):
        self.name = name
        self.url = url.rstrip("/") + "/api/v2/alerts"
        self.client = client

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        alerts = [notice] if isinstance(notice, Alert) else [item.alert for item in notice.alerts]
        body = [entry for alert in alerts for entry in alertmanager_alerts(alert)]
        await post_json(self.client, self.url, json.dumps(body).encode(), {})


def build(config: AlertmanagerConfig, resources: Resources) -> AlertmanagerReceiver:
    return AlertmanagerReceiver(config.name, config.url, resources.client)


KIND = Kind(AlertmanagerConfig, build, grouped=False)
