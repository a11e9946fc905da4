"""Small record builders shared by the unit tests; every field has a plain default."""

from __future__ import annotations

from datetime import UTC, datetime

from tocsin.records import (
    Alert,
    AlertCounts,
    AlertEvidence,
    AlertStatus,
    ArticleRef,
    EvidenceSpan,
    RawArticle,
    Severity,
    Signal,
    SignalType,
)

T0 = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


def raw_article(title: str = "Shelling reported", summary: str = "<p>Artillery fire overnight.</p>", **fields: object) -> RawArticle:
    values: dict[str, object] = {
        "source_id": "test-source",
        "url": "https://www.example.com/news/1?utm_source=rss",
        "guid": "guid-1",
        "title": title,
        "summary": summary,
        "published": T0,
        "fetched": T0,
        "language": "en",
    }
    return RawArticle.model_validate({**values, **fields})


def signal(
    story: str = "story-1",
    source: str = "source-a",
    region: str = "south_caucasus",
    type: SignalType = SignalType.SHELLING,
    confidence: float = 0.9,
    lede_confidence: float | None = None,
    story_sources: int = 1,
) -> Signal:
    """`lede_confidence`: what the headline and lede alone say (the confidence when not given)."""
    ref = ArticleRef(
        article_id=f"article-{story}-{source}",
        story_id=story,
        source_id=source,
        url=f"https://example.com/{story}",
        title=f"Shelling in {region} ({story})",
        published=T0,
        fetched=T0,
        story_sources=story_sources,
    )
    return Signal(
        signal_id=f"signal-{story}-{source}",
        type=type,
        confidence=confidence,
        lede_confidence=confidence if lede_confidence is None else lede_confidence,
        evidence=[EvidenceSpan(text="shelled", start=0, end=7)],
        region=region,
        article=ref,
    )


def alert(
    title: str = "Escalation in south_caucasus: shelling",
    summary: str = "1 signal(s) in 1 story(ies) from 1 source(s): shelling",
    evidence: list[AlertEvidence] | None = None,
    status: AlertStatus = AlertStatus.FIRING,
    labels: dict[str, str] | None = None,
) -> Alert:
    return Alert(
        rule_id="violent-escalation",
        severity=Severity.CRITICAL,
        fingerprint="fp-1",
        status=status,
        revision=1,
        labels={"region": "south_caucasus"} if labels is None else labels,
        title=title,
        summary=summary,
        evidence=[evidence_item()] if evidence is None else evidence,
        counts=AlertCounts(signals=1, stories=1, sources=1),
        first_seen=T0,
        last_seen=T0,
    )


def evidence_item(
    title: str = "Artillery shelled Stepanakert", url: str = "https://example.com/a", excerpt: str = "shelled"
) -> AlertEvidence:
    return AlertEvidence(signal_type=SignalType.SHELLING, title=title, source_id="source-a", url=url, published=T0, excerpt=excerpt)
