"""The text every kind builds on: lines folded and cut, headlines, the console form of an alert, group titles."""

from __future__ import annotations

from tests.unit.factories import T0, alert, evidence_item
from tocsin.records import AlertStatus, Severity
from tocsin.streams.notify.dispatch import GroupedAlert, Message
from tocsin.streams.notify.render import group_title, headline, one_line, render_text, top_severity


def test_one_line_folds_and_truncates() -> None:
    assert one_line("a\r\n\r\nb") == "a b"
    folded = one_line("x" * 400, limit=300)
    assert len(folded) == 300 and folded.endswith("…")


def test_resolved_alert_is_marked() -> None:
    assert headline(alert(status=AlertStatus.RESOLVED)).startswith("[RESOLVED]")


def test_render_text_lists_evidence_one_per_line() -> None:
    items = [evidence_item(title="first\nstory"), evidence_item(title="second", url="https://example.com/b")]
    text = render_text(alert(evidence=items))
    lines = text.splitlines()
    assert lines[0] == "[CRITICAL] Escalation in south_caucasus: shelling"
    assert "revision=1" in lines[1] and "signals=1" in lines[1]
    assert any("[shelling] first story (source-a, 2026-02-01 12:00Z)" in line for line in lines)
    assert sum("https://example.com/" in line for line in lines) == 2


def test_a_group_is_titled_by_its_worst_firing_alert() -> None:
    def message(*alerts) -> Message:
        listed = [GroupedAlert(alert=one, new=True) for one in alerts]
        return Message(receiver="r", group={"region": "south_caucasus"}, group_key="g", revision=1, alerts=listed, at=T0)

    info = alert().model_copy(update={"severity": Severity.INFO, "fingerprint": "fp-2"})
    mixed = message(info, alert(), alert(status=AlertStatus.RESOLVED).model_copy(update={"fingerprint": "fp-3"}))
    assert top_severity(mixed) == "critical"
    assert group_title(mixed) == "[CRITICAL] region=south_caucasus: 2 firing alert(s)"
    assert top_severity(message(info)) == "info"
    resolved = message(alert(status=AlertStatus.RESOLVED))
    assert top_severity(resolved) is None and group_title(resolved) == "[RESOLVED] region=south_caucasus: 0 firing alert(s)"
