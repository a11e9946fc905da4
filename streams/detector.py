"""Article to Signals: the classifier's detections located with the gazetteer."""

from __future__ import annotations

from streams.classifier import Classifier
from streams.normalizer import digest
from streams.places import PlaceMatcher
from tocsin.records import Article, ArticleRef, Signal

#: The region of signals whose article names no known place.
UNLOCATED = "unlocated"


def document(article: Article) -> str:
    """The text evidence offsets refer to: title, newline, text."""
    return f"{article.title}\n{article.text}"


def detect(article: Article, classifier: Classifier, places: PlaceMatcher) -> list[Signal]:
    text = document(article)
    detections = classifier.classify(text)
    if not detections:
        return []
    place_ids = places.places(text)
    region_ids = places.regions(place_ids)
    ref = ArticleRef(
        article_id=article.article_id,
        story_id=article.story_id,
        source_id=article.source_id,
        url=article.url,
        title=article.title,
        published=article.published,
        fetched=article.fetched,
        story_sources=article.story_sources,
        trust=article.trust,
        story_weight=article.story_weight,
        backfill=article.backfill,
    )
    return [
        Signal(
            signal_id=digest(article.article_id, detection.type.value, region),
            type=detection.type,
            region=region,
            confidence=detection.confidence,
            evidence=detection.evidence,
            places=place_ids,
            regions=region_ids,
            language=article.language,
            article=ref,
        )
        for detection in detections
        for region in region_ids or [UNLOCATED]
    ]
