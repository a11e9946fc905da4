"""The one output shape of every feed format: an `Entry` per item, made a RawArticle by one function.

The lxml fast path, the feedparser fallback and JSON Feed each fill `Entry` fields
(links already resolved, dates already in UTC) and share everything after it:
skipping empty items, the item identity, the fetch-time fallback for a missing
date, the language code. So the paths cannot drift apart in what they emit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tocsin.connectors.identity import item_identity
from tocsin.records import MAX_TEXT_CHARS, MAX_TITLE_CHARS, RawArticle

C1 = re.compile("[\x80-\x9f]")
C1_AS_1252 = {code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0) if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


@dataclass(slots=True)
class Entry:
    """One feed item as a parser read it; strings are stripped, empty when absent."""

    link: str = ""
    title: str = ""
    summary: str = ""
    guid: str | None = None
    published: datetime | None = None  # UTC; None when the item has no readable date
    language: str | None = None  # the item's own language, when it states one


def to_articles(
    entries: list[Entry], *, source_id: str, url: str, fetched: datetime, language: str | None, feed_language: str | None
) -> list[RawArticle]:
    """RawArticles of the entries that carry a link, title or summary.

    The language is the source's (`language`, from the catalog) when set, else the
    item's own, else the feed's: the catalog is the operator's word, an item is more
    specific than its feed.
    """
    fallback = language_code(feed_language)
    return [
        _article(entry, source_id, url, fetched, language or language_code(entry.language) or fallback)
        for entry in entries
        if entry.link or entry.title or entry.summary
    ]


def _article(entry: Entry, source_id: str, feed_url: str, fetched: datetime, language: str | None) -> RawArticle:
    title, summary = _windows_1252(entry.title), _windows_1252(entry.summary)
    return RawArticle(
        source_id=source_id,
        url=entry.link or feed_url,
        has_link=bool(entry.link),
        guid=item_identity(entry.guid, entry.link, title, summary),
        title=title,
        summary=summary,
        published=entry.published or fetched,
        published_missing=entry.published is None,
        fetched=fetched,
        language=language,
    )


def within_limits(article: RawArticle) -> RawArticle:
    """The article with its title and summary cut to what the worker keeps (MAX_TITLE_CHARS, MAX_TEXT_CHARS).

    Feeds may be 10 MB, a Kafka record about 1 MB: an item with a 5 MB title must
    not fail its produce (and, with it, the items around it). The cut is of markup,
    as the item holds it, so tags count towards the limit and a markup-heavy summary
    keeps less text than the worker would; a tag the cut splits is dropped whole.
    """
    title, summary = _cut(article.title, MAX_TITLE_CHARS), _cut(article.summary, MAX_TEXT_CHARS)
    if (title, summary) == (article.title, article.summary):
        return article
    return article.model_copy(update={"title": title, "summary": summary})


def _cut(markup: str, limit: int) -> str:
    if len(markup) <= limit:
        return markup
    cut = markup[:limit]
    opened = cut.rfind("<")
    return cut[:opened] if opened > cut.rfind(">") else cut


def _windows_1252(text: str) -> str:
    """C1 control characters read as the Windows-1252 punctuation they were meant to be.

    A feed labelled ISO-8859-1 is nearly always Windows-1252 (browsers decode it so),
    and U+0080-U+009F are never text: a 0x97 byte is an em dash, not a control code.
    """
    return text.translate(C1_AS_1252) if C1.search(text) else text


def language_code(value: str | None) -> str | None:
    """'en-GB' -> 'en'; None for anything that is not a 2-3 letter code."""
    if not value:
        return None
    code = value.strip().lower().split("-")[0].split("_")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None
