"""Rendering alerts for people and machines: console text, Slack Block Kit, email, Alertmanager and
signed webhooks. Feed text is neutralized, lines folded, headers stay headers, payloads match the APIs."""

from __future__ import annotations

import email
import hashlib
import hmac
import json
from email import policy

import pytest

from streams.notify.dispatch import GroupedAlert, Message
from streams.notify.receivers import as_message
from streams.notify.render import (
    alertmanager_alerts,
    group_email,
    headline,
    one_line,
    render_text,
    signature,
    slack_escape,
    slack_message_payload,
)
from tests.unit.factories import T0, alert, evidence_item
from tocsin.records import Alert, AlertStatus

HOSTILE_TITLE = "<!channel> Shelling & <@U123> in <https://evil.example|town>\r\nSecond line"


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


def test_one_line_folds_and_truncates() -> None:
    assert one_line("a\r\n\r\nb") == "a b"
    folded = one_line("x" * 400, limit=300)
    assert len(folded) == 300 and folded.endswith("…")


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
    resolved = alert(status=AlertStatus.RESOLVED)
    assert headline(resolved).startswith("[RESOLVED]")
    assert slack_payload(resolved)["blocks"][1]["text"]["text"].startswith("✅ *RESOLVED*")


def test_render_text_lists_evidence_one_per_line() -> None:
    items = [evidence_item(title="first\nstory"), evidence_item(title="second", url="https://example.com/b")]
    text = render_text(alert(evidence=items))
    lines = text.splitlines()
    assert lines[0] == "[CRITICAL] Escalation in south_caucasus: shelling"
    assert "revision=1" in lines[1] and "signals=1" in lines[1]
    assert any("[shelling] first story (source-a, 2026-02-01 12:00Z)" in line for line in lines)
    assert sum("https://example.com/" in line for line in lines) == 2


KEY = "g1:1:duty-email"


def email_message(alert, sender: str, recipients: list[str], key: str = KEY):
    return group_email(as_message(alert, "duty-email"), sender, recipients, key)


def parsed(message) -> email.message.EmailMessage:
    """What a mail server receives: the bytes on the wire, parsed again."""
    return email.message_from_bytes(message.as_bytes(), policy=policy.default)


def test_email_has_headers_and_text_then_html_parts_with_evidence():
    item = evidence_item(title="Artillery shelled <b>Stepanakert</b>", url="https://wire.example/a?x=1&y=2")
    received = parsed(email_message(alert(evidence=[item]), "tocsin@example.org", ["a@example.org", "b@example.org"]))

    assert received["Subject"] == "Tocsin incident region=south_caucasus"
    assert received["From"] == "tocsin@example.org"
    assert received["To"] == "a@example.org, b@example.org"
    assert received["Message-ID"] == "<g1.1.duty-email@example.org>" and received["In-Reply-To"] is None
    assert email.utils.parsedate_to_datetime(received["Date"]).tzinfo is not None
    assert received.get_content_type() == "multipart/alternative"
    text, html = (part for part in received.iter_parts())
    assert text.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    assert "Artillery shelled <b>Stepanakert</b>" in text.get_content() and "https://wire.example/a?x=1&y=2" in text.get_content()
    assert '<a href="https://wire.example/a?x=1&amp;y=2">Artillery shelled &lt;b&gt;Stepanakert&lt;/b&gt;</a>' in html.get_content()


@pytest.mark.parametrize("breaker", ["\r\n", "\n", "\r", "\u2028", "\x85", "\x0b"])
def test_label_with_line_breaks_cannot_add_headers(breaker):
    region = f"Shelling{breaker}Bcc: victim@example.org{breaker}{breaker}body"
    hostile = alert(labels={"region": region})
    raw = email_message(hostile, "tocsin@example.org", ["a@example.org"]).as_bytes()
    received = parsed(email_message(hostile, "tocsin@example.org", ["a@example.org"]))

    assert received["Bcc"] is None
    assert received["Subject"] == "Tocsin incident region=Shelling Bcc: victim@example.org body"
    assert b"\nBcc:" not in raw


def test_later_messages_of_a_group_reply_to_its_first_and_mark_what_changed():
    update = Message(
        receiver="duty-email",
        group={"region": "south_caucasus"},
        group_key="g1",
        revision=3,
        first=2,
        at=T0,
        alerts=[
            GroupedAlert(alert=alert().model_copy(update={"revision": 2}), new=True),
            GroupedAlert(alert=alert().model_copy(update={"rule_id": "offensive", "fingerprint": "fp-2"}), new=False),
        ],
    )
    received = parsed(group_email(update, "tocsin@example.org", ["a@example.org"], "g1:3:duty-email"))

    assert received["Message-ID"] == "<g1.3.duty-email@example.org>"
    assert received["In-Reply-To"] == received["References"] == "<g1.2.duty-email@example.org>"
    assert received["Subject"] == "Re: Tocsin incident region=south_caucasus"
    lines = received.get_body(("plain",)).get_content().splitlines()
    assert lines[0] == "[CRITICAL] region=south_caucasus: 2 firing alert(s) (message 3, follows up message 2)"
    assert lines[1].startswith("UPDATED [CRITICAL]") and any(line.startswith("FIRING [CRITICAL]") for line in lines)


def test_non_web_evidence_link_is_not_clickable_in_html():
    message = email_message(alert(evidence=[evidence_item(url="javascript:alert(1)")]), "t@example.org", ["a@example.org"])
    assert "href" not in parsed(message).get_body(("html",)).get_content()


def test_signature_is_hmac_sha256_of_the_exact_body():
    body = alert().to_bytes()
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert signature("s3cret", body) == f"sha256={expected}"
    assert signature("s3cret", body + b" ") != signature("s3cret", body)


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
