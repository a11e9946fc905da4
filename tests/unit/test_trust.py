"""A source's catalog trust and region hints travel from the raw record to the article, and old records still parse."""

from __future__ import annotations

import json

from tests.unit.factories import raw_article
from tocsin.records import Article, RawArticle
from tocsin.streams.normalizer import normalize


def test_raw_articles_without_trust_still_parse_as_full_trust() -> None:
    old = json.loads(raw_article().to_bytes())
    del old["trust"]
    assert RawArticle.from_bytes(json.dumps(old)).trust == 1.0


def test_normalize_carries_the_sources_trust_onto_the_article() -> None:
    article = normalize(raw_article().model_copy(update={"trust": 0.7}))
    assert (article.trust, Article.from_bytes(article.to_bytes()).trust) == (0.7, 0.7)


def test_articles_written_before_story_weight_weigh_each_source_as_one() -> None:
    stored = json.loads(normalize(raw_article()).model_copy(update={"story_sources": 3}).to_bytes())
    del stored["story_weight"], stored["trust"]
    article = Article.from_bytes(json.dumps(stored))
    assert (article.story_sources, article.story_weight, article.trust) == (3, 3.0, 1.0)


def test_normalize_carries_the_sources_region_hints_and_old_records_have_none() -> None:
    article = normalize(raw_article(source_regions=["south_caucasus"]))
    assert Article.from_bytes(article.to_bytes()).source_regions == ["south_caucasus"]
    old_raw, old_article = json.loads(raw_article().to_bytes()), json.loads(article.to_bytes())
    del old_raw["source_regions"], old_article["source_regions"]
    assert (RawArticle.from_bytes(json.dumps(old_raw)).source_regions, Article.from_bytes(json.dumps(old_article)).source_regions) == (
        [],
        [],
    )
