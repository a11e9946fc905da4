"""Receivers deliver one notice — a group's message, or (Alertmanager) one alert revision;
they raise DeliveryError and never retry themselves.

A grouped receiver handed a lone alert revision (a dead delivery recorded before
grouping, sent again by `tocsin deadletter replay`) sends it as a one-alert message.
`send` returns the receiver's id of what it posted when later messages need it to
reply in a thread (a Slack `ts`), else None.

Error texts end up in logs and in Delivery records, so they never carry a URL
(a Slack webhook URL is its credential) or any other secret.
"""

from __future__ import annotations

import asyncio
import json
import smtplib
import ssl
import sys
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Protocol, TextIO

import httpx

from streams.notify.dispatch import GroupedAlert, Message
from streams.notify.render import alertmanager_alerts, group_email, render_message_text, signature, slack_message_payload
from streams.notify.routing import EmailConfig
from tocsin.records import Alert

PERMANENT_HTTP = (400, 401, 403, 404, 410)
SLACK_INTERVAL_SECONDS = 1.0


class DeliveryError(Exception):
    """A failed delivery; `retry_after` (seconds) when the receiver said when to come back."""

    def __init__(self, reason: str, retry_after: float | None = None, permanent: bool = False):
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent


class Receiver(Protocol):
    name: str

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> str | None: ...


def as_message(notice: Alert | Message, receiver: str) -> Message:
    """A message as is; a lone alert revision as a one-alert message that opens no thread."""
    if isinstance(notice, Message):
        return notice
    return Message(
        receiver=receiver,
        group={"region": notice.labels.get("region", "")},
        group_key=notice.fingerprint,
        revision=notice.revision,
        first=notice.revision,
        alerts=[GroupedAlert(alert=notice, new=True)],
        at=datetime.now(UTC),
    )


class RateLimiter:
    """Spaces calls at least `interval` seconds apart: Slack allows one message a second per webhook."""

    def __init__(self, interval: float):
        self.interval = interval
        self._lock = asyncio.Lock()
        self._next = 0.0

    async def wait(self) -> None:
        async with self._lock:
            delay = self._next - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self._next = time.monotonic() + self.interval


class ConsoleReceiver:
    """Prints each alert to a stream (standard output by default)."""

    def __init__(self, name: str = "console", stream: TextIO | None = None):
        self.name = name
        self.stream = stream or sys.stdout

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        print(render_message_text(as_message(notice, self.name)), file=self.stream, flush=True)


class SlackWebhookReceiver:
    """Posts Block Kit JSON to a Slack (or Slack-compatible) incoming webhook, rate limited.

    An incoming webhook cannot reply in a thread: a group's later messages are
    compact updates that name the first one.
    """

    def __init__(self, name: str, url: str, client: httpx.AsyncClient, limiter: RateLimiter):
        self.name = name
        self.url = url
        self.client = client
        self.limiter = limiter

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        message = as_message(notice, self.name)
        payload = slack_message_payload(message)
        await self.limiter.wait()
        await post_json(self.client, self.url, json.dumps(payload).encode(), {"Idempotency-Key": idempotency_key})


class SlackBotReceiver:
    """Posts with a bot token through Slack's Web API (`chat.postMessage`): a group's later messages reply in the
    thread of its first, whose `ts` this returns (the notifier keeps it in the delivery record)."""

    def __init__(self, name: str, api_url: str, token: str, channel: str, client: httpx.AsyncClient, limiter: RateLimiter):
        self.name = name
        self.url = api_url.rstrip("/") + "/chat.postMessage"
        self.token = token
        self.channel = channel
        self.client = client
        self.limiter = limiter

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> str:
        payload = {"channel": self.channel, **slack_message_payload(as_message(notice, self.name))}
        if thread:
            payload["thread_ts"] = thread
        await self.limiter.wait()
        response = await post_json(self.client, self.url, json.dumps(payload).encode(), {"Authorization": f"Bearer {self.token}"})
        try:
            answer = response.json()
        except ValueError as exc:
            raise DeliveryError("Slack API: the answer is not JSON") from exc
        if not answer.get("ok"):
            error = str(answer.get("error", "unknown error"))
            raise DeliveryError(f"Slack API: {error}", permanent=error in SLACK_PERMANENT)
        return str(answer["ts"])


#: Slack Web API errors that no retry fixes.
SLACK_PERMANENT = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "missing_scope",
        "invalid_blocks",
        "msg_too_long",
    }
)


class WebhookReceiver:
    """POSTs the message (the group, its alerts, what is new) as JSON, signed so the endpoint can tell Tocsin from anyone else."""

    def __init__(self, name: str, url: str, secret: str, client: httpx.AsyncClient):
        self.name = name
        self.url = url
        self.secret = secret
        self.client = client

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        body = as_message(notice, self.name).model_dump_json().encode()
        headers = {"Idempotency-Key": idempotency_key, "X-Tocsin-Signature": signature(self.secret, body)}
        await post_json(self.client, self.url, body, headers)


class AlertmanagerReceiver:
    """Pushes the revision to a Prometheus Alertmanager, which then groups, silences and routes it."""

    def __init__(self, name: str, url: str, client: httpx.AsyncClient):
        self.name = name
        self.url = url.rstrip("/") + "/api/v2/alerts"
        self.client = client

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        alerts = [notice] if isinstance(notice, Alert) else [item.alert for item in notice.alerts]
        body = [entry for alert in alerts for entry in alertmanager_alerts(alert)]
        await post_json(self.client, self.url, json.dumps(body).encode(), {})


async def post_json(client: httpx.AsyncClient, url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    """POST JSON; any answer but 2xx is a DeliveryError (permanent for 4xx that a retry cannot fix)."""
    try:
        response = await client.post(url, content=body, headers={"Content-Type": "application/json", **headers})
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{type(exc).__name__}: {str(exc).replace(url, '<url>')}") from exc
    if response.status_code < 300:
        return response
    retry_after = _retry_after(response.headers.get("Retry-After"))
    raise DeliveryError(f"HTTP {response.status_code}", retry_after, response.status_code in PERMANENT_HTTP)


#: A receiver may ask for a pause, not for the notifier to stop: longer requests are cut to this.
MAX_RETRY_AFTER_SECONDS = 300.0


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header, within [0, MAX_RETRY_AFTER_SECONDS]; None when absent or not a number."""
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    if seconds is None or seconds != seconds:  # NaN
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER_SECONDS)


class EmailReceiver:
    """Sends multipart email over SMTP; smtplib runs in a thread so other receivers go on meanwhile."""

    def __init__(self, config: EmailConfig, password: str | None, timeout: float):
        self.name = config.name
        self.config = config
        self.password = password
        self.timeout = timeout

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        message = group_email(as_message(notice, self.name), self.config.sender, self.config.to, idempotency_key)
        await asyncio.to_thread(self._submit, message)

    def _submit(self, message: EmailMessage) -> None:
        config = self.config
        try:
            with self._connect() as smtp:
                if config.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if config.username and self.password:
                    smtp.login(config.username, self.password)
                smtp.send_message(message)
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise DeliveryError(f"SMTP {exc.smtp_code}: {text}", permanent=exc.smtp_code >= 500) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"SMTP recipients refused: {sorted(exc.recipients)}", permanent=True) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc

    def _connect(self) -> smtplib.SMTP:
        if self.config.security == "tls":
            return smtplib.SMTP_SSL(self.config.host, self.config.port, timeout=self.timeout, context=ssl.create_default_context())
        return smtplib.SMTP(self.config.host, self.config.port, timeout=self.timeout)
