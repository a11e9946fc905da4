"""`kind: webhook`: the message as JSON, signed with HMAC-SHA256 of the exact body, to a real local server."""

from __future__ import annotations

import hashlib
import hmac

import httpx

from tests.helpers.http import LocalServer, Response
from tests.unit.factories import alert
from tocsin.streams.notify.receivers.webhook import WebhookReceiver, signature


def test_signature_is_hmac_sha256_of_the_exact_body():
    body = alert().to_bytes()
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert signature("s3cret", body) == f"sha256={expected}"
    assert signature("s3cret", body + b" ") != signature("s3cret", body)


async def test_the_message_is_posted_signed_with_its_idempotency_key(server: LocalServer, client: httpx.AsyncClient) -> None:
    server.routes["/hook"] = Response(200)
    await WebhookReceiver("ops", server.url("/hook"), "s3cret", client).send(alert(), "fp-1:1:ops")
    (request,) = server.received("/hook")
    assert request.headers["X-Tocsin-Signature"] == signature("s3cret", request.body)
    assert request.headers["Idempotency-Key"] == "fp-1:1:ops"
    body = request.json()
    assert body["receiver"] == "ops" and body["group"] == {"region": "south_caucasus"}
    assert [(item["alert"]["fingerprint"], item["new"]) for item in body["alerts"]] == [(alert().fingerprint, True)]
