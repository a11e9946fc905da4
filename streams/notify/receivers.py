"""Receivers deliver one alert revision; they raise DeliveryError and never retry themselves."""

from __future__ import annotations

import sys
from typing import Protocol, TextIO

import httpx

from streams.notify.render import render_text, slack_payload
from tocsin.records import Alert


class DeliveryError(Exception):
    """A failed delivery; `retry_after` (seconds) when the receiver said when to come back."""

    def __init__(self, reason: str, retry_after: float | None = None, permanent: bool = False):
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent


class Receiver(Protocol):
    name: str

    async def send(self, alert: Alert, idempotency_key: str) -> None: ...


class ConsoleReceiver:
    """Prints each alert to a stream (standard output by default)."""

    name = "console"

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout

    async def send(self, alert: Alert, idempotency_key: str) -> None:
        print(render_text(alert), file=self.stream, flush=True)


class SlackWebhookReceiver:
    """Posts Block Kit JSON to a Slack (or Slack-compatible) incoming webhook."""

    name = "slack"

    def __init__(self, url: str, client: httpx.AsyncClient):
        self.url = url
        self.client = client

    async def send(self, alert: Alert, idempotency_key: str) -> None:
        try:
            response = await self.client.post(self.url, json=slack_payload(alert), headers={"Idempotency-Key": idempotency_key})
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code < 300:
            return
        retry_after = _retry_after(response.headers.get("Retry-After"))
        permanent = response.status_code in (400, 403, 404, 410)
        raise DeliveryError(f"HTTP {response.status_code} from webhook", retry_after, permanent)


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
