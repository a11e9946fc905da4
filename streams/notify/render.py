"""Alerts and grouped messages as text for people and machines: console lines, Slack
Block Kit, email, Alertmanager alerts and signed webhook bodies, with feed text neutralized.

Titles come from the open web. Slack treats `<!channel>`, `<@U123>` and `<url|text>`
as markup, so `&`, `<` and `>` are escaped as Slack documents; CR/LF are folded.
HTML is escaped, and only http(s) evidence URLs become links. Email headers get
every control and line-separator character folded, so a title cannot add headers.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from streams.notify.dispatch import GroupedAlert, Message
from tocsin.records import Alert, AlertEvidence, AlertStatus

_LINEBREAKS = re.compile(r"[\r\n\t]+")
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
SEVERITY_MARK = {"critical": "🔴", "warning": "🟠", "info": "🔵"}


def one_line(text: str, limit: int = 300) -> str:
    text = _LINEBREAKS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def slack_escape(text: str) -> str:
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def headline(alert: Alert) -> str:
    state = "RESOLVED" if alert.status == AlertStatus.RESOLVED else alert.severity.value.upper()
    return f"[{state}] {one_line(alert.title)}"


def render_text(alert: Alert) -> str:
    """A block of lines for a terminal or a plain-text email."""
    lines = [
        headline(alert),
        f"  rule={alert.rule_id} fingerprint={alert.fingerprint} revision={alert.revision} "
        f"sources={alert.counts.sources} stories={alert.counts.stories} signals={alert.counts.signals}",
        f"  {one_line(alert.summary)}",
    ]
    for item in alert.evidence:
        lines.append(f"  - [{item.signal_type.value}] {one_line(item.title, 160)} ({item.source_id}, {item.published:%Y-%m-%d %H:%M}Z)")
        lines.append(f"    {one_line(item.url, 500)}  «{one_line(item.excerpt, 120)}»")
    return "\n".join(lines)


def _slack_alert(item: GroupedAlert) -> dict:
    """A Block Kit section of one alert of a message: its change, headline, facts, summary and linked evidence."""
    alert = item.alert
    mark = "✅" if alert.status == AlertStatus.RESOLVED else SEVERITY_MARK.get(alert.severity.value, "")
    lines = [
        f"{mark} *{change(item)}* {slack_escape(headline(alert))}",
        f"{alert.severity.value} · {slack_escape(alert.labels.get('region', '-'))} · {alert.counts.sources} source(s) · "
        f"{alert.status.value} (rev {alert.revision})",
        slack_escape(alert.summary),
    ]
    lines += [
        f"• <{slack_escape(evidence.url)}|{slack_escape(evidence.title)[:150]}> — {slack_escape(evidence.source_id)}, "
        f"{evidence.published:%H:%M}Z, _{slack_escape(evidence.excerpt)[:100]}_"
        for evidence in alert.evidence
    ]
    return {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:2900]}}


#: Slack accepts 50 blocks a message: the header and this many alerts (the rest are counted).
SLACK_MAX_ALERTS = 48


def header_text(text: str, limit: int = 200) -> str:
    """Text safe for one email header: CR, LF and every other line breaker become a space."""
    return one_line(_HEADER_UNSAFE.sub(" ", text), limit)


def web_link(url: str) -> str | None:
    """The URL if it is http(s): a `javascript:` link in a feed must not become clickable."""
    return url if url.startswith(("https://", "http://")) else None


def _alert_html(alert: Alert) -> str:
    items = "".join(f"<li>{_evidence_html(item)}</li>" for item in alert.evidence)
    e = html.escape
    return (
        f"<h2>{e(headline(alert))}</h2>"
        f"<p>{e(alert.summary)}</p>"
        f"<p>rule {e(alert.rule_id)}, revision {alert.revision}, region {e(one_line(alert.labels.get('region', '-')))}, "
        f"{alert.counts.sources} source(s), {alert.counts.stories} story(ies), {alert.counts.signals} signal(s)</p>"
        f"<ul>{items}</ul>"
    )


def _evidence_html(item: AlertEvidence) -> str:
    e = html.escape
    link = web_link(item.url)
    title = f'<a href="{e(link)}">{e(item.title)}</a>' if link else e(item.title)
    return f"[{e(item.signal_type.value)}] {title} ({e(item.source_id)}, {item.published:%Y-%m-%d %H:%M}Z)<br><q>{e(item.excerpt)}</q>"


def _envelope(sender: str, recipients: list[str], idempotency_key: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id(idempotency_key, sender)
    message["Auto-Submitted"] = "auto-generated"
    return message


def evidence_lines(alert: Alert) -> str:
    return "\n".join(f"{one_line(item.title, 160)} ({item.source_id}) {one_line(item.url, 500)}" for item in alert.evidence)


def alertmanager_alerts(alert: Alert) -> list[dict]:
    """The body of Alertmanager's POST /api/v2/alerts for one revision.

    `endsAt` of a resolved alert is its last signal: a retry sends the very same
    payload, and Alertmanager treats an end in the past as resolved.
    """
    body: dict = {
        "labels": {"severity": alert.severity.value, **alert.labels, "alertname": alert.rule_id},
        "annotations": {"summary": one_line(alert.title), "description": alert.summary, "evidence": evidence_lines(alert)},
        "startsAt": alert.first_seen.isoformat(),
    }
    if alert.status == AlertStatus.RESOLVED:
        body["endsAt"] = alert.last_seen.isoformat()
    links = [link for item in alert.evidence if (link := web_link(item.url))]
    if links:
        body["generatorURL"] = links[0]
    return [body]


def signature(secret: str, body: bytes) -> str:
    """The X-Tocsin-Signature value: `sha256=` and the hex HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


SEVERITY_ORDER = ("critical", "warning", "info")


def change(item: GroupedAlert) -> str:
    """What a message says happened to an alert since the group's previous message."""
    if item.alert.status == AlertStatus.RESOLVED:
        return "RESOLVED"
    if not item.new:
        return "FIRING"
    return "UPDATED" if item.alert.revision > 1 else "NEW"


def group_title(message: Message) -> str:
    """The incident in one line: its top severity, its grouping labels, how many alerts fire."""
    firing = [item.alert for item in message.alerts if item.alert.status == AlertStatus.FIRING]
    worst = min((SEVERITY_ORDER.index(alert.severity.value) for alert in firing), default=None)
    state = "RESOLVED" if worst is None else SEVERITY_ORDER[worst].upper()
    labels = " ".join(f"{key}={value}" for key, value in message.group.items())
    return one_line(f"[{state}] {labels}: {len(firing)} firing alert(s)")


def render_message_text(message: Message) -> str:
    """The grouped form for a terminal or a plain-text email: the group, then each alert marked with its change."""
    follows = f", follows up message {message.first}" if message.thread else ""
    lines = [f"{group_title(message)} (message {message.revision}{follows})"]
    for item in message.alerts:
        lines.append(
            f"{change(item)} " + render_text(item.alert).replace("\n", "\n  ") if item.new else f"{change(item)} {headline(item.alert)}"
        )
    return "\n".join(lines)


def render_message_html(message: Message) -> str:
    """The HTML part of a grouped email: the group title, then each alert with its change."""
    e = html.escape
    items = "".join(f"<h3>{e(change(item))}</h3>{_alert_html(item.alert)}" for item in message.alerts)
    return f"<html><body><h2>{e(group_title(message))}</h2>{items}</body></html>"


def slack_message_payload(message: Message) -> dict:
    """Slack JSON of a grouped message: the first lists every alert; an update is compact, naming the first and
    listing only what changed (it stands in the thread, or after the first in a channel without threads)."""
    update = message.thread is not None
    header = (
        f"Update {message.revision - message.first} of {_labels_subject(message)} (first message {message.first})"
        if update
        else group_title(message)
    )
    listed = [item for item in message.alerts if item.new or not update]
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": one_line(header, 150)}}]
    blocks += [_slack_alert(item) for item in listed[:SLACK_MAX_ALERTS]]
    if len(listed) > SLACK_MAX_ALERTS:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"and {len(listed) - SLACK_MAX_ALERTS} more alert(s)"}})
    return {"text": slack_escape(header), "blocks": blocks}


def message_id(idempotency_key: str, sender: str) -> str:
    """The Message-ID of an email: from the idempotency key, so a re-send after a crash carries the same id."""
    return f"<{idempotency_key.replace(':', '.')}@{sender.rpartition('@')[2]}>"


def group_email(message: Message, sender: str, recipients: list[str], idempotency_key: str) -> EmailMessage:
    """A grouped message as email; every later message of the group replies to the thread's first one."""
    email = _envelope(sender, recipients, idempotency_key)
    email["Subject"] = header_text(("Re: " if message.thread else "") + _labels_subject(message))
    if message.thread:
        root = message_id(f"{message.thread}:{message.receiver}", sender)
        email["In-Reply-To"] = root
        email["References"] = root
    email.set_content(render_message_text(message))
    email.add_alternative(render_message_html(message), subtype="html")
    return email


def _labels_subject(message: Message) -> str:
    """One subject per thread (mail clients also thread by subject): the group's labels, not its changing state."""
    return "Tocsin incident " + " ".join(f"{key}={value}" for key, value in message.group.items())
