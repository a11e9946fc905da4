"""Alerts and grouped messages as text every kind of receiver builds on: headlines, the console form, group titles.

Each kind renders its own payload from these (receivers/<kind>.py: Slack Block
Kit, email, Alertmanager alerts, signed webhook bodies). Titles come from the
open web: CR/LF and tabs are folded to one line here, and each channel escapes
for itself.
"""

from __future__ import annotations

import re

from tocsin.records import Alert, AlertStatus
from tocsin.streams.notify.dispatch import GroupedAlert, Message

_LINEBREAKS = re.compile(r"[\r\n\t]+")
SEVERITY_ORDER = ("critical", "warning", "info")


def one_line(text: str, limit: int = 300) -> str:
    text = _LINEBREAKS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def web_link(url: str) -> str | None:
    """The URL if it is http(s): a `javascript:` link in a feed must not become clickable."""
    return url if url.startswith(("https://", "http://")) else None


def change(item: GroupedAlert) -> str:
    """What a message says happened to an alert since the group's previous message."""
    if item.alert.status == AlertStatus.RESOLVED:
        return "RESOLVED"
    if not item.new:
        return "FIRING"
    return "UPDATED" if item.alert.revision > 1 else "NEW"


def top_severity(message: Message) -> str | None:
    """The highest severity among the message's firing alerts (`critical`, `warning`, `info`); None when none fires."""
    firing = [item.alert.severity.value for item in message.alerts if item.alert.status == AlertStatus.FIRING]
    return min(firing, key=SEVERITY_ORDER.index, default=None)


def group_title(message: Message) -> str:
    """The incident in one line: its top severity, its grouping labels, how many alerts fire."""
    firing = sum(item.alert.status == AlertStatus.FIRING for item in message.alerts)
    state = (top_severity(message) or "resolved").upper()
    labels = " ".join(f"{key}={value}" for key, value in message.group.items())
    return one_line(f"[{state}] {labels}: {firing} firing alert(s)")


def incident_subject(message: Message) -> str:
    """One subject per thread (mail clients also thread by subject): the group's labels, not its changing state."""
    return "Tocsin incident " + " ".join(f"{key}={value}" for key, value in message.group.items())


def render_message_text(message: Message) -> str:
    """The grouped form for a terminal or a plain-text email: the group, then each alert marked with its change."""
    follows = f", follows up message {message.first}" if message.thread else ""
    lines = [f"{group_title(message)} (message {message.revision}{follows})"]
    for item in message.alerts:
        lines.append(
            f"{change(item)} " + render_text(item.alert).replace("\n", "\n  ") if item.new else f"{change(item)} {headline(item.alert)}"
        )
    return "\n".join(lines)
