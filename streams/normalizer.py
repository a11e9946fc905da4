"""RawArticle to Article: canonical URL, plain text, content fingerprint."""

from __future__ import annotations

import hashlib
import re

from streams.text import clean
from streams.urlcleaner import canonical_url
from tocsin.records import Article, RawArticle

_WORDS = re.compile(r"\w+")


def digest(*parts: str) -> str:
    """A short, stable hex id of the parts (not a security boundary)."""
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "replace"), digest_size=10).hexdigest()


def fingerprint(title: str, text: str) -> str:
    """Same words in the same order, same fingerprint: case, punctuation and spacing do not count."""
    words = _WORDS.findall(f"{title} {text}".casefold())
    return digest(" ".join(words))


def normalize(raw: RawArticle) -> Article:
    title = clean(raw.title, limit=1000)
    text = clean(raw.summary)
    content = fingerprint(title, text)
    return Article(
        article_id=digest(raw.source_id, raw.guid),
        source_id=raw.source_id,
        url=raw.url,
        canonical_url=canonical_url(raw.url),
        guid=raw.guid,
        title=title,
        text=text,
        language=raw.language,
        published=raw.published,
        fetched=raw.fetched,
        fingerprint=content,
        story_id=content,
    )
