"""RawArticle to Article: canonical URL, plain text, content fingerprint, language (tocsin.streams.language)."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

from tocsin.records import MAX_TITLE_CHARS, Article, RawArticle
from tocsin.streams.language import choose
from tocsin.text import clean
from tocsin.urlcleaner import canonical_url

_WORDS = re.compile(r"\w+")
#: Clocks and time zones of feeds are off by minutes; a date further ahead than this is wrong, not early.
MAX_CLOCK_SKEW = timedelta(minutes=15)


def digest(*parts: str) -> str:
    """A short, stable hex id of the parts (not a security boundary)."""
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "replace"), digest_size=10).hexdigest()


def fingerprint(title: str, text: str) -> str:
    """Same words in the same order, same fingerprint: case, punctuation and spacing do not count."""
    words = _WORDS.findall(f"{title} {text}".casefold())
    return digest(" ".join(words))


def published_at(published: datetime, fetched: datetime) -> datetime:
    """The publication time, or the fetch time for an item dated in the future: such an item is treated as undated.

    A feed that stamps items ahead (a wrong time zone, an embargo date) would
    otherwise keep them "fresh" for days and let them sort before real news.
    """
    return fetched if published - fetched > MAX_CLOCK_SKEW else published


def normalize(raw: RawArticle) -> Article:
    title = clean(raw.title, limit=MAX_TITLE_CHARS)
    text = clean(raw.summary)
    content = fingerprint(title, text)
    article_id = digest(raw.source_id, raw.guid)
    canonical = canonical_url(raw.url)
    if not raw.has_link:  # the feed's own URL would make every linkless item one "duplicate"
        canonical = f"{canonical}#item-{article_id}"
    return Article(
        article_id=article_id,
        source_id=raw.source_id,
        url=raw.url,
        canonical_url=canonical,
        guid=raw.guid,
        title=title,
        text=text,
        language=choose(raw.language, f"{title}\n{text}"),
        published=published_at(raw.published, raw.fetched),
        fetched=raw.fetched,
        fingerprint=content,
        story_id=content,
        trust=raw.trust,
        backfill=raw.backfill,
        source_regions=raw.source_regions,
    )
