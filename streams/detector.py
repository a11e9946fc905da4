"""Article to Signals: the classifier's detections, each attributed to where its event happened."""

from __future__ import annotations

import re

from tocsin.records import Article, ArticleRef, Signal
from tocsin.streams.classifier import Classifier
from tocsin.streams.normalizer import digest
from tocsin.streams.places import PlaceMatcher
from tocsin.streams.places.locate import Locator, sentences

#: The region of signals whose text names no place that says where, from a source without region hints.
UNLOCATED = "unlocated"
#: The lede is at least this many words: a first "sentence" shorter than that is a
#: label or a fragment ("Updated.", "Photo: AFP."), and the next sentence completes it.
LEDE_MIN_WORDS = 8
#: The lede is looked for in this many characters below the title: a first sentence
#: longer than that is no sentence but text whose full stops the split does not know,
#: and all of it is then lede, as before the lede was read.
LEDE_MAX_CHARS = 1000
_WORD = re.compile(r"\w+")


def document(article: Article) -> str:
    """The text evidence offsets refer to: title, newline, text."""
    return f"{article.title}\n{article.text}"


def lede_end(text: str) -> int:
    """Where the headline and lede of a `document` end: after the first sentence below the title.

    Why: news is written headline first, then the sentence that develops it; what
    comes after is detail, background and, on some sites, other stories. A violent
    event that only the body mentions ("... when strikes killed 12 elsewhere") is not
    what the article reports, and rules may ask a second outlet for it
    (`body_min_sources`, docs/alerting.md)."""
    title_end = text.find("\n") + 1
    for _, end in sentences(text[: title_end + LEDE_MAX_CHARS])[:-1]:  # the last span ends where the text or the cut does
        if end > title_end and len(_WORD.findall(text, title_end, end)) >= LEDE_MIN_WORDS:
            return end
    return len(text)


def detect(article: Article, classifier: Classifier, places: PlaceMatcher) -> list[Signal]:
    """One signal per detection and region it is attributed to (tocsin.streams.places.locate).

    When the text cannot say where, the source's *first* region hint does: a feed's
    hints are listed main coverage first, and one guess per signal keeps an
    unlocated item from counting towards several regions' alerts.
    """
    text = document(article)
    detections = classifier.classify(text, lede=lede_end(text))
    if not detections:
        return []
    mentions = places.mentions(text)
    place_ids = list(dict.fromkeys(mention.place for mention in mentions))
    locator = Locator(text, mentions, article.published.year)
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
    signals = []
    for detection in detections:
        triggers = [(span.start, span.end) for span in detection.evidence]
        regions = locator.regions(triggers) or article.source_regions[:1]
        signals += [
            Signal(
                signal_id=digest(article.article_id, detection.type.value, region),
                type=detection.type,
                region=region,
                confidence=detection.confidence,
                lede_confidence=detection.lede_confidence,
                evidence=detection.evidence,
                places=place_ids,
                regions=regions,
                language=article.language,
                article=ref,
            )
            for region in regions or [UNLOCATED]
        ]
    return signals
