"""Rendering alerts: feed text is neutralized for Slack, lines are folded, Block Kit has the expected shape."""

from __future__ import annotations

import json

import pytest

from streams.notify.receivers import as_message
from streams.notify.render import headline, one_line, render_text, slack_escape, slack_message_payload
from tests.unit.factories import alert, evidence_item
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
