"""One message per incident, live: the notifier groups alerts by region and threads a group's messages.

Real receivers (an SMTP server, a local HTTP server standing in for a webhook, a
Slack incoming webhook and Slack's Web API), the real broker, and a notifier
killed with SIGKILL between two messages of a group.
"""

from __future__ import annotations

import email
import json
import time
from email import policy

import pytest
from aiosmtpd.controller import Controller

from tests.helpers.http import Response, at_least, free_port, wait_for
from tests.integration.conftest import start_role, write_yaml
from tests.integration.test_notify_receivers import EVIDENCE, GROUPING, key_of, make_alert, produce_alerts, topic_records
from tocsin.records import Delivery, DeliveryOutcome
from tocsin.streams.notify.dispatch import Message

SLACK_API = "/api/chat.postMessage"


def slack_answers(*stamps: str) -> list[Response]:
    """Slack's Web API answers to chat.postMessage, one `ts` per message."""
    return [
        Response(200, json.dumps({"ok": True, "channel": "C0TOCSIN", "ts": ts}).encode(), {"Content-Type": "application/json"})
        for ts in stamps
    ]


def recorded(env: dict[str, str]) -> dict[str, Delivery]:
    return {record.idempotency_key: record for record in map(Delivery.from_bytes, topic_records(env, "notifications"))}


@pytest.fixture
def inbox():
    """A local SMTP server; the parsed emails it received."""
    received: list = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
            received.append(email.message_from_bytes(envelope.original_content, policy=policy.default))
            return "250 OK"

    smtp = Controller(Handler(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    yield smtp.port, received
    smtp.stop()


def start_notifier(roles, env, tmp_path, receivers: list[dict], grouping: dict | None = None, **extra: str) -> None:
    default = {"receivers": [r["name"] for r in receivers], **GROUPING, **(grouping or {})}
    config = write_yaml(tmp_path / "receivers.yaml", {"receivers": receivers, "default": default})
    start_role(roles, "notifier", env, tmp_path, TOCSIN_RECEIVERS_FILE=str(config), TOCSIN_CONSOLE_ALERTS="false", **extra)


def test_alerts_of_one_region_make_one_message_and_its_updates_list_what_changed(pipeline_env, roles, tmp_path, server):
    server.routes["/ops"] = Response(204)
    server.routes["/slack"] = Response(200, b"ok")
    start_notifier(
        roles,
        pipeline_env,
        tmp_path,
        [
            {"name": "ops", "kind": "webhook", "url": server.url("/ops"), "secret_env": "IT_HOOK_SECRET"},
            {"name": "chat", "kind": "slack", "url_env": "IT_SLACK_URL"},
        ],
        {"group_wait": "3s"},
        IT_HOOK_SECRET="k",
        IT_SLACK_URL=server.url("/slack"),
    )  # group_wait gathers the flare-up
    shelling, offensive = make_alert("fp-shelling"), make_alert("fp-offensive", rule="offensive")
    elsewhere = make_alert("fp-elsewhere").model_copy(update={"labels": {"region": "levant"}})
    produce_alerts(pipeline_env, shelling, offensive, elsewhere)

    firsts = wait_for(lambda: at_least(server.received("/ops"), 2), 60, "the first message of each region", running=roles)
    by_region = {message.group["region"]: message for message in (Message.model_validate_json(post.body) for post in firsts)}
    assert sorted(by_region) == ["levant", "south_caucasus"] and len(server.received("/ops")) == 2
    assert [(item.alert.fingerprint, item.new) for item in by_region["south_caucasus"].alerts] == [
        ("fp-shelling", True),
        ("fp-offensive", True),
    ]

    produce_alerts(
        pipeline_env, make_alert("fp-shelling", revision=2), make_alert("fp-offensive", status="resolved", revision=2, rule="offensive")
    )
    posts = wait_for(lambda: at_least(server.received("/ops"), 3), 60, "the update", running=roles)
    update = Message.model_validate_json(posts[2].body)
    assert (update.revision, update.thread) == (2, f"{update.group_key}:1")
    assert [(item.alert.fingerprint, item.alert.revision, item.alert.status.value, item.new) for item in update.alerts] == [
        ("fp-shelling", 2, "firing", True),
        ("fp-offensive", 2, "resolved", True),
    ]

    slack = wait_for(lambda: at_least(server.received("/slack"), 3), 30, "the Slack webhook's three messages", running=roles)
    compact = [post.json() for post in slack if post.json()["text"].startswith("Update")]
    assert [post["text"] for post in compact] == ["Update 1 of Tocsin incident region=south_caucasus (first message 1)"]
    assert [block["text"]["text"].splitlines()[0] for block in compact[0]["blocks"][1:]] == [
        "🔴 *UPDATED* [CRITICAL] Escalation in south_caucasus: shelling",
        "✅ *RESOLVED* [RESOLVED] Escalation in south_caucasus: shelling",
    ]
    time.sleep(3)  # a second update would have come by now (group_interval 2 s)
    assert len(server.received("/ops")) == 3


def test_a_killed_notifier_keeps_the_email_and_slack_threads_and_repeats_nothing(pipeline_env, roles, tmp_path, server, inbox):
    smtp_port, emails = inbox
    server.routes[SLACK_API] = slack_answers("1700000000.000100", "1700000100.000200", "1700000200.000300")
    receivers = [
        {
            "name": "duty",
            "kind": "email",
            "host": "127.0.0.1",
            "port": smtp_port,
            "security": "none",
            "from": "tocsin@example.org",
            "to": ["duty@example.org"],
        },
        {"name": "chat", "kind": "slack", "token_env": "IT_SLACK_TOKEN", "channel": "C0TOCSIN", "api_url": server.url("/api")},
    ]
    start_notifier(roles, pipeline_env, tmp_path, receivers, IT_SLACK_TOKEN="xoxb-secret-bot-token")
    produce_alerts(pipeline_env, make_alert("fp-shelling"))
    first = wait_for(
        lambda: (found := recorded(pipeline_env)).keys() >= {key_of("duty"), key_of("chat")} and found,
        60,
        "message 1 recorded for both receivers",
        running=roles,
    )
    assert first[key_of("chat")].thread_ref == "1700000000.000100"

    roles[0].kill()
    produce_alerts(pipeline_env, make_alert("fp-shelling", revision=2), make_alert("fp-offensive", rule="offensive"))
    start_notifier(roles, pipeline_env, tmp_path, receivers, IT_SLACK_TOKEN="xoxb-secret-bot-token")
    wait_for(
        lambda: recorded(pipeline_env).keys() >= {key_of("duty", 2), key_of("chat", 2)},
        60,
        "message 2 recorded for both",
        running=roles[1:],
    )
    time.sleep(3)  # a repeat or a third message would have come by now (group_interval 2 s)

    assert len(emails) == 2 and len(server.received(SLACK_API)) == 2, "each message once, none repeated after the crash"
    opening, reply = emails
    assert reply["In-Reply-To"] == reply["References"] == opening["Message-ID"] == f"<{key_of('duty').replace(':', '.')}@example.org>"
    assert (opening["Subject"], reply["Subject"]) == ("Tocsin incident region=south_caucasus", "Re: Tocsin incident region=south_caucasus")
    text = reply.get_body(("plain",)).get_content()
    assert "UPDATED [CRITICAL] Escalation in south_caucasus" in text and "NEW [CRITICAL] Escalation in south_caucasus" in text
    assert EVIDENCE.url in text

    root, answer = (post.json() for post in server.received(SLACK_API))
    assert "thread_ts" not in root and answer["thread_ts"] == "1700000000.000100", "the update replies in the first message's thread"
    assert answer["channel"] == "C0TOCSIN" and server.received(SLACK_API)[1].headers["Authorization"] == "Bearer xoxb-secret-bot-token"
    assert all(record.outcome == DeliveryOutcome.DELIVERED for record in recorded(pipeline_env).values())
    assert "xoxb-secret-bot-token" not in roles[1].output(), "the bot token is a credential and must not be logged"
