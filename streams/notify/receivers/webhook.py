"""`kind: webhook`: each message POSTed as JSON, signed so the endpoint can tell Tocsin from anyone else.

The body is the message itself — `{"receiver", "group", "group_key", "revision",
"first", "alerts": [{"alert": {...}, "new"}], "at"}` — with
`Idempotency-Key: <group key>:<revision>:<receiver>` and
`X-Tocsin-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>`.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Literal

import httpx
from pydantic import Field

from tocsin.records import Alert
from tocsin.streams.notify.dispatch import Message
from tocsin.streams.notify.receivers.http import post_json
from tocsin.streams.notify.receivers.kind import EnvName, HttpUrl, Kind, ReceiverConfig, Resources, as_message


class WebhookConfig(ReceiverConfig):
    kind: Literal["webhook"]
    url: HttpUrl
    secret_env: EnvName = Field(description="Variable holding the HMAC-SHA256 key of X-Tocsin-Signature.")


def signature(secret: str, body: bytes) -> str:
    """The X-Tocsin-Signature value: `sha256=` and the hex HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookReceiver:
    """POSTs the message (the group, its alerts, what is new) as signed JSON."""

    def __init__(self, name: str, url: str, secret: str, client: httpx.AsyncClient):
        self.name = name
        self.url = url
        self.secret = secret
        self.client = client

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        body = as_message(notice, self.name).model_dump_json().encode()
        headers = {"Idempotency-Key": idempotency_key, "X-Tocsin-Signature": signature(self.secret, body)}
        await post_json(self.client, self.url, body, headers)


def build(config: WebhookConfig, resources: Resources) -> WebhookReceiver:
    return WebhookReceiver(config.name, config.url, resources.secrets[config.secret_env], resources.client)


KIND = Kind(WebhookConfig, build)
