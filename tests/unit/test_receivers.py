"""Receivers against a real HTTP server on 127.0.0.1: status codes become DeliveryErrors the notifier can act on."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from streams.notify.receivers import ConsoleReceiver, DeliveryError, RateLimiter, SlackWebhookReceiver
from tests.unit.factories import alert


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict


class Webhook:
    """A webhook on 127.0.0.1 that answers with `replies` in turn (the last one repeats) and records requests."""

    def __init__(self, replies: list[Reply]):
        self.replies = list(replies)
        self.received: list[Received] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server API)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(body)))
                reply = owner.replies.pop(0) if len(owner.replies) > 1 else owner.replies[0]
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/T000/B000"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    def __enter__(self) -> Webhook:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5.0) as http:
        yield http


def slack(url: str, http: httpx.AsyncClient, interval: float = 0.0) -> SlackWebhookReceiver:
    return SlackWebhookReceiver("slack", url, http, RateLimiter(interval))


async def send(webhook: Webhook, http: httpx.AsyncClient, key: str = "fp-1:1:slack") -> None:
    await slack(webhook.url, http).send(alert(), key)


async def test_delivers_block_kit_with_idempotency_key(client: httpx.AsyncClient) -> None:
    with Webhook([Reply(200)]) as webhook:
        await send(webhook, client, key="fp-1:7:slack")
    (request,) = webhook.received
    assert request.path == "/hooks/T000/B000"
    assert request.headers["idempotency-key"] == "fp-1:7:slack"
    assert request.headers["content-type"].startswith("application/json")
    assert request.body["blocks"][0]["type"] == "header"


async def test_429_with_retry_after_then_200(client: httpx.AsyncClient) -> None:
    with Webhook([Reply(429, {"Retry-After": "7"}), Reply(200)]) as webhook:
        with pytest.raises(DeliveryError) as caught:
            await send(webhook, client)
        assert caught.value.retry_after == 7.0
        assert not caught.value.permanent
        assert "429" in str(caught.value)
        await send(webhook, client)
    assert len(webhook.received) == 2
    assert webhook.received[0].body == webhook.received[1].body


@pytest.mark.parametrize(
    ("reply", "retry_after", "permanent"),
    [
        (Reply(429, {"Retry-After": "0"}), 0.0, False),
        (Reply(503, {"Retry-After": "2.5"}), 2.5, False),
        (Reply(503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), None, False),
        (Reply(500), None, False),
        (Reply(400), None, True),
        (Reply(401), None, True),
        (Reply(403), None, True),
        (Reply(404), None, True),
        (Reply(410), None, True),
    ],
    ids=["429-zero", "503-fraction", "503-http-date", "500", "400", "401", "403", "404", "410"],
)
async def test_failures_say_when_and_whether_to_retry(
    client: httpx.AsyncClient, reply: Reply, retry_after: float | None, permanent: bool
) -> None:
    with Webhook([reply]) as webhook:
        with pytest.raises(DeliveryError) as caught:
            await send(webhook, client)
    assert (caught.value.retry_after, caught.value.permanent) == (retry_after, permanent)


async def test_unreachable_webhook_is_a_retryable_delivery_error(client: httpx.AsyncClient) -> None:
    with Webhook([Reply(200)]) as webhook:
        url = webhook.url
    with pytest.raises(DeliveryError) as caught:
        await slack(url, client).send(alert(), "fp-1:1:slack")
    assert not caught.value.permanent and caught.value.retry_after is None
    assert "/hooks/T000/B000" not in str(caught.value)  # a webhook URL is a credential


async def test_rate_limiter_spaces_posts(client: httpx.AsyncClient) -> None:
    with Webhook([Reply(200)]) as webhook:
        receiver = slack(webhook.url, client, interval=0.1)
        started = time.monotonic()
        for _ in range(3):
            await receiver.send(alert(), "fp-1:1:slack")
    assert time.monotonic() - started >= 0.2
    assert len(webhook.received) == 3


async def test_console_receiver_prints_the_alert() -> None:
    stream = io.StringIO()
    await ConsoleReceiver(stream=stream).send(alert(), "fp-1:1:console")
    assert stream.getvalue().startswith("[CRITICAL] Escalation in south_caucasus")
