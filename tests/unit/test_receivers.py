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

from streams.notify.dispatch import GroupedAlert, Message
from streams.notify.receivers import ConsoleReceiver, DeliveryError, RateLimiter, SlackBotReceiver, SlackWebhookReceiver
from tests.unit.factories import T0, alert


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"


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
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

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
    assert "*NEW* [CRITICAL] Escalation in south_caucasus" in request.body["blocks"][1]["text"]["text"]


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


async def test_console_receiver_prints_the_grouped_form() -> None:
    stream = io.StringIO()
    await ConsoleReceiver(stream=stream).send(alert(), "fp-1:1:console")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[CRITICAL] region=south_caucasus: 1 firing alert(s) (message 1)"
    assert lines[1].startswith("NEW [CRITICAL] Escalation in south_caucasus")


def slack_answer(**answer: object) -> Reply:
    return Reply(200, {"Content-Type": "application/json"}, json.dumps(answer).encode())


async def test_slack_bot_opens_a_thread_and_replies_in_it(client: httpx.AsyncClient) -> None:
    update = Message(
        receiver="chat",
        group={"region": "south_caucasus"},
        group_key="g1",
        revision=2,
        at=T0,
        alerts=[GroupedAlert(alert=alert().model_copy(update={"revision": 2}), new=True)],
    )
    with Webhook([slack_answer(ok=True, ts="1.000100"), slack_answer(ok=True, ts="2.000200")]) as api:
        bot = SlackBotReceiver("chat", api.url.rsplit("/hooks", 1)[0] + "/api", "xoxb-1", "C01", client, RateLimiter(0))
        opened = await bot.send(alert(), "fp-1:1:chat")
        replied = await bot.send(update, "g1:2:chat", opened)
    first, second = api.received
    assert (opened, replied) == ("1.000100", "2.000200")
    assert first.path == "/api/chat.postMessage" and first.headers["authorization"] == "Bearer xoxb-1"
    assert first.body["channel"] == "C01" and "thread_ts" not in first.body
    assert (
        second.body["thread_ts"] == "1.000100"
        and second.body["text"] == "Update 1 of Tocsin incident region=south_caucasus (first message 1)"
    )


@pytest.mark.parametrize(("error", "permanent"), [("channel_not_found", True), ("ratelimited", False), ("internal_error", False)])
async def test_slack_bot_errors_say_whether_to_retry(client: httpx.AsyncClient, error: str, permanent: bool) -> None:
    with Webhook([slack_answer(ok=False, error=error)]) as api:
        with pytest.raises(DeliveryError) as caught:
            await SlackBotReceiver("chat", api.url, "xoxb-1", "C01", client, RateLimiter(0)).send(alert(), "fp-1:1:chat")
    assert str(caught.value) == f"Slack API: {error}" and caught.value.permanent is permanent
