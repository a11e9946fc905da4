"""Alerts as text for people: console lines and Slack Block Kit, with feed text neutralized.

Titles come from the open web. Slack treats `<!channel>`, `<@U123>` and `<url|text>`
as markup, so `&`, `<` and `>` are escaped as Slack documents; CR/LF are folded.
"""

from __future__ import annotations

import re

from tocsin.records import Alert, AlertStatus

_LINEBREAKS = re.compile(r"[\r\n\t]+")
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


def slack_payload(alert: Alert) -> dict:
    """Slack incoming-webhook JSON: header, facts, and the evidence as linked titles."""
    mark = "✅" if alert.status == AlertStatus.RESOLVED else SEVERITY_MARK.get(alert.severity.value, "")
    facts = [
        f"*Severity*\n{alert.severity.value}",
        f"*Region*\n{slack_escape(alert.labels.get('region', '-'))}",
        f"*Sources*\n{alert.counts.sources}",
        f"*Status*\n{alert.status.value} (rev {alert.revision})",
    ]
    evidence = [
        f"• <{slack_escape(item.url)}|{slack_escape(item.title)[:150]}> — {slack_escape(item.source_id)}, "
        f"{item.published:%H:%M}Z, _{slack_escape(item.excerpt)[:100]}_"
        for item in alert.evidence
    ]
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": one_line(f"{mark} {alert.title}", 150)}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": fact} for fact in facts]},
        {"type": "section", "text": {"type": "mrkdwn", "text": slack_escape(alert.summary)}},
    ]
    if evidence:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(evidence)[:2900]}})
    return {"text": slack_escape(headline(alert)), "blocks": blocks}
