"""`kind: slack`: Block Kit payloads with feed text neutralized, webhook and bot senders against a real local server."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from tests.helpers.http import LocalServer, Response
from tests.unit.factories import T0, alert, evidence_item
from tocsin.records import Alert, AlertStatus
from tocsin.streams.notify.dispatch import GroupedAlert, Message
from tocsin.streams.notify.receivers.kind import DeliveryError, RateLimiter, as_message
from tocsin.streams.notify.receivers.slack import SlackBotReceiver, SlackWebhookReceiver, slack_escape, slack_message_payload

HOSTILE_TITLE = "<!channel> Shelling & <@U123> in <https://evil.example|town>\r\nSecond line"
HOOK = "/hooks/T000/B000"


def mrkdwn_texts(payload: dict) -> list[str]:
    """Every mrkdwn string Slack will parse, plus the notification fallback text."""
    texts = [payload["text"]]
    for block in payload["blocks"]:
        if block["type"] == "section":
            texts += [field["text"] for field in block.get("fields", [])]
            if "text" in block:
                texts.append(block["text"]["text"])
    return texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("<!here> <!everyone>", "&lt;!here&gt; &lt;!everyone&gt;"),
        ("<@U123>", "&lt;@U123&gt;"),
        ("<#C42|general>", "&lt;#C42|general&gt;"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("&lt;", "&amp;lt;"),
        ("line one\r\nline two\nthree\rfour\ttab", "line one line two three four tab"),
        ("  padded  ", "padded"),
    ],
)
def test_slack_escape(text: str, expected: str) -> None:
    assert slack_escape(text) == expected


def slack_payload(one: Alert) -> dict:
    """The Slack message of a group holding only this alert."""
    return slack_message_payload(as_message(one, "slack"))


def test_payload_has_header_and_sections() -> None:
    payload = slack_payload(alert())
    types = [block["type"] for block in payload["blocks"]]
    assert types == ["header", "section"]
    header = payload["blocks"][0]["text"]
    assert header["type"] == "plain_text" and header["text"] == "[CRITICAL] region=south_caucasus: 1 firing alert(s)"
    section = payload["blocks"][1]["text"]["text"]
    assert "*NEW* [CRITICAL] Escalation in south_caucasus" in section and "critical · south_caucasus" in section
    assert "[CRITICAL]" in payload["text"]
    json.dumps(payload)  # serializable as the webhook body


def test_no_mentions_or_links_survive_from_feed_text() -> None:
    item = evidence_item(title=HOSTILE_TITLE, url="https://example.com/a?x=1&y=<2>", excerpt="<!channel>\nshelled")
    payload = slack_payload(alert(title=HOSTILE_TITLE, summary="<@U999> & more", evidence=[item], labels={"region": "<!here>"}))
    for text in mrkdwn_texts(payload):
        for markup in ("<!channel>", "<!here>", "<@U123>", "<@U999>", "<https://evil.example"):
            assert markup not in text, text
    evidence = payload["blocks"][-1]["text"]["text"].splitlines()[-1]
    assert evidence.startswith("• <https://example.com/a?x=1&amp;y=&lt;2&gt;|")
    assert evidence.count("<") == 1 and evidence.count(">") == 1  # the one link we made


def test_feed_line_breaks_are_folded_everywhere() -> None:
    item = evidence_item(title="one\r\ntwo", excerpt="three\nfour")
    payload = slack_payload(alert(title="Title\r\nInjected: fake line", evidence=[item]))
    assert "\r" not in json.dumps(payload)
    assert "\n" not in payload["blocks"][0]["text"]["text"]
    assert "Injected: fake line" in payload["blocks"][1]["text"]["text"].splitlines()[0]


def test_resolved_alert_is_marked() -> None:
    assert slack_payload(alert(status=AlertStatus.RESOLVED))["blocks"][1]["text"]["text"].startswith("✅ *RESOLVED*")


def slack(server: LocalServer, http: httpx.AsyncClient, interval: float = 0.0) -> SlackWebhookReceiver:
    return SlackWebhookReceiver("slack", server.url(HOOK), http, RateLimiter(interval))


async def test_delivers_block_kit_with_idempotency_key(server: LocalServer, client: httpx.AsyncClient) -> None:
    server.routes[HOOK] = Response(200, b"ok")
    await slack(server, client).send(alert(), "fp-1:7:slack")
    (request,) = server.received(HOOK)
    assert request.headers["Idempotency-Key"] == "fp-1:7:slack"
    assert request.headers["Content-Type"].startswith("application/json")
    body = request.json()
    assert body["blocks"][0]["type"] == "header"
    assert "*NEW* [CRITICAL] Escalation in south_caucasus" in body["blocks"][1]["text"]["text"]


async def test_429_with_retry_after_then_200(server: LocalServer, client: httpx.AsyncClient) -> None:
    server.routes[HOOK] = [Response(429, headers={"Retry-After": "7"}), Response(200)]
    with pytest.raises(DeliveryError) as caught:
        await slack(server, client).send(alert(), "fp-1:1:slack")
    assert caught.value.retry_after == 7.0
    assert not caught.value.permanent
    assert "429" in str(caught.value)
    await slack(server, client).send(alert(), "fp-1:1:slack")
    first, second = server.received(HOOK)
    assert first.body == second.body


async def test_rate_limiter_spaces_posts(server: LocalServer, client: httpx.AsyncClient) -> None:
    server.routes[HOOK] = Response(200)
    receiver = slack(server, client, interval=0.1)
    started = time.monotonic()
    for _ in range(3):
        await receiver.send(alert(), "fp-1:1:slack")
    assert time.monotonic() - started >= 0.2
    assert len(server.received(HOOK)) == 3


def slack_answer(**answer: object) -> Response:
    return Response(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})


async def test_slack_bot_opens_a_thread_and_replies_in_it(server: LocalServer, client: httpx.AsyncClient) -> None:
    update = Message(
        receiver="chat",
        group={"region": "south_caucasus"},
        group_key="g1",
        revision=2,
        at=T0,
        alerts=[GroupedAlert(alert=alert().model_copy(update={"revision": 2}), new=True)],
    )
    server.routes["/api/chat.postMessage"] = [slack_answer(ok=True, ts="1.000100"), slack_answer(ok=True, ts="2.000200")]
    bot = SlackBotReceiver("chat", server.url("/api"), "xoxb-1", "C01", client, RateLimiter(0))
    opened = await bot.send(alert(), "fp-1:1:chat")
    replied = await bot.send(update, "g1:2:chat", opened)
    first, second = server.received("/api/chat.postMessage")
    assert (opened, replied) == ("1.000100", "2.000200")
    assert first.headers["Authorization"] == "Bearer xoxb-1"
    assert first.json()["channel"] == "C01" and "thread_ts" not in first.json()
    assert second.json()["thread_ts"] == "1.000100"
    assert second.json()["text"] == "Update 1 of Tocsin incident region=south_caucasus (first message 1)"


@pytest.mark.parametrize(("error", "permanent"), [("channel_not_found", True), ("ratelimited", False), ("internal_error", False)])
async def test_slack_bot_errors_say_whether_to_retry(server: LocalServer, client: httpx.AsyncClient, error: str, permanent: bool) -> None:
    server.routes["/chat.postMessage"] = slack_answer(ok=False, error=error)
    with pytest.raises(DeliveryError) as caught:
        await SlackBotReceiver("chat", server.url(""), "xoxb-1", "C01", client, RateLimiter(0)).send(alert(), "fp-1:1:chat")
    assert str(caught.value) == f"Slack API: {error}" and caught.value.permanent is permanent
