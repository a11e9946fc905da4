"""`kind: email`: multipart text and HTML, headers that stay headers, a group's messages in one thread."""

from __future__ import annotations

import email
from email import policy

import pytest

from tests.unit.factories import T0, alert, evidence_item
from tocsin.streams.notify.dispatch import GroupedAlert, Message
from tocsin.streams.notify.receivers.email import group_email
from tocsin.streams.notify.receivers.kind import as_message

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
