"""An article's own work in the worker, stage by stage, on one core: what bounds a
worker once transport is cheap (issue 14).

Input: every item of the 133 captured feeds (`../shared/corpus/feeds/captures`),
made RawArticles by the connectors' parser as a poller would. Each stage is timed
over all items in CPU time, best of three (bench.classify.rate): `normalize`
(RawArticle to Article, language included), `language` (its language
identification alone), `band_keys` (story signing), `classify` (the classifier on
title + text with its lede), `places` (place mentions, which the worker looks for
only in items with a detection) and `detect` (classify, locate and build the
signals: the classify step). `chain` is what a worker runs per
article: normalize, band keys, detect. Baseline, same run: reading the RawArticle
from its record bytes (`RawArticle.from_bytes`), which every worker pays before any
of this.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bench.classify import rate
from tocsin import PROJECT_ROOT
from tocsin.connectors.parser import parse_feed
from tocsin.records import Article, RawArticle
from tocsin.streams.classifier import Classifier
from tocsin.streams.detector import detect, document, lede_end
from tocsin.streams.language import choose
from tocsin.streams.normalizer import normalize
from tocsin.streams.places import PlaceMatcher, load_gazetteer
from tocsin.streams.stories import band_keys

CAPTURES = PROJECT_ROOT.parent / "shared" / "corpus" / "feeds" / "captures"
FETCHED = datetime(2026, 2, 1, tzinfo=UTC)


def raw_articles() -> list[RawArticle]:
    """The captured feeds' items as a connector emits them (one source per feed file)."""
    raws: list[RawArticle] = []
    for path in sorted(CAPTURES.iterdir()):
        if path.suffix in {".xml", ".rss", ".atom", ".rdf", ".json"}:
            raws += parse_feed(path.read_bytes(), source_id=path.stem, url=f"https://{path.stem}.example/", fetched=FETCHED).articles
    return raws


def stages(classifier: Classifier, places: PlaceMatcher) -> dict[str, tuple[Callable[[Any], object], str]]:
    """Stage name -> (function, what it takes: "record" bytes, "raw" or normalized "article")."""

    def chain(raw: RawArticle) -> object:
        article = normalize(raw)
        return band_keys(article.title, article.text), detect(article, classifier, places)

    def classify(article: Article) -> object:
        text = document(article)
        return classifier.classify(text, lede=lede_end(text))

    return {
        "baseline": (RawArticle.from_bytes, "record"),
        "normalize": (normalize, "raw"),
        "language": (lambda article: choose(None, document(article)), "article"),
        "band_keys": (lambda article: band_keys(article.title, article.text), "article"),
        "classify": (classify, "article"),
        "places": (lambda article: places.mentions(document(article)), "article"),
        "detect": (lambda article: detect(article, classifier, places), "article"),
        "chain": (chain, "raw"),
    }


def main() -> None:
    if not CAPTURES.is_dir():
        print(f"article work: skipped, {CAPTURES} is absent (the shared corpus, see its README)")
        return
    raws = raw_articles()
    inputs = {"record": [raw.to_bytes() for raw in raws], "raw": raws, "article": [normalize(raw) for raw in raws]}
    classifier, places = Classifier(), load_gazetteer()
    signalled = sum(bool(detect(article, classifier, places)) for article in inputs["article"])
    print(f"an article's own work, one core, CPU time ({len(raws):,} captured feed items, {signalled:,} with signals):")
    print(f"  {'stage':<10} {'us/article':>11} {'articles/s':>11}")
    for name, (function, takes) in stages(classifier, places).items():
        per_second = rate(function, inputs[takes])
        print(f"  {name:<10} {1e6 / per_second:>11.1f} {per_second:>11,.0f}")
    print("  (baseline: RawArticle.from_bytes; chain: normalize + band_keys + detect, what a worker runs per article)")


if __name__ == "__main__":
    main()
