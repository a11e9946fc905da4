"""Item identity: which items of a feed are the same item across polls (policy in docs/item-identity.md).

Publishers break GUIDs in every way: they change them (a CMS migration adds a
prefix, http becomes https), repeat them (every item "1", an isPermaLink GUID that
is the home page), or leave them out. So an item is not known by one id but by a
few keys — its GUID and its canonical link, each kept only when it is unique in
the document and not a site's home page, else a hash of its text — and it is the
same item as an earlier one when ANY key matches (`tocsin.connectors.seen`). A GUID that
changes while the link stays, or a link that gains `?utm_` while the GUID stays,
is then still the same item; only a change of both at once reads as a new item.

Plain functions of the parsed items: no Kafka, no I/O.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache

from tocsin.records import RawArticle
from tocsin.text import clean
from tocsin.urlcleaner import canonical_url

TEXT_PREFIX = "sha1:"
WORDS = re.compile(r"\w+")
HOME_PAGE = re.compile(r"^https?://[^/?#]+/?$")


def item_identity(guid: str | None, link: str, title: str, summary: str) -> str:
    """The item's id on its own: the GUID when there is one, else the link, else a hash of its text.

    This is the id a parser gives an item (RawArticle.guid); `identity_keys` refines
    it with what only the whole document shows (a GUID shared by several items).
    """
    if guid and guid.strip():
        return guid.strip()
    if link:
        return link
    return text_identity(title, summary)


def text_identity(title: str, summary: str) -> str:
    """A hash of the item's words, for items with neither a usable GUID nor a link.

    Hashed as plain, case-folded words, so neither the parser's HTML serialization
    nor a publisher's whitespace, punctuation or capitalization fix changes it; a
    changed word (even a typo fix) makes a new item — see docs/item-identity.md.
    """
    words = " ".join(WORDS.findall(f"{clean(title)}\n{clean(summary)}".casefold()))
    return TEXT_PREFIX + hashlib.sha1(words.encode()).hexdigest()


@lru_cache(maxsize=1 << 15)
def key_of(value: str) -> str:
    """The comparable form of a GUID or link: URLs canonical (scheme, www, tracking parameters), others as given.

    Cached: a feed repeats most of its items on every poll, and URL parsing is the
    bulk of the identity cost (2,500 items: 100 ms a poll uncached).
    """
    value = value.strip()
    return canonical_url(value) if value.lower().startswith(("http://", "https://")) else value


def identity_keys(articles: list[RawArticle]) -> list[tuple[str, ...]]:
    """Each article's identity keys, its primary identity first, in the order of `articles`.

    Candidates are the article's id (its GUID, else its link) and its canonical
    link. A candidate shared by two different items of the document, or naming a
    site's home page, identifies nothing and is dropped; an item left with no key is
    known by its text. An item the document repeats (the same GUID, link and text)
    is one item, not two sharing keys: its keys stay, so they do not change when a
    copy slides off the end of the feed.
    """
    candidates = [_candidates(article) for article in articles]
    repeated = {keys for keys, count in Counter(candidates).items() if count > 1}
    distinct = {
        (keys, text_identity(article.title, article.summary) if keys in repeated else "") for article, keys in zip(articles, candidates)
    }
    shared = Counter(key for keys, _ in distinct for key in keys)
    return [
        tuple(key for key in keys if shared[key] == 1 and not _home_page(key)) or (text_identity(article.title, article.summary),)
        for article, keys in zip(articles, candidates)
    ]


def _candidates(article: RawArticle) -> tuple[str, ...]:
    """The article's id and canonical link, once each (they coincide when there is no GUID)."""
    keys = (key_of(article.guid), key_of(article.url)) if article.has_link else (key_of(article.guid),)
    return tuple(dict.fromkeys(key for key in keys if not key.startswith(TEXT_PREFIX)))


def _home_page(key: str) -> bool:
    """A URL with no path and no query: a site, not an item (an isPermaLink GUID some feeds set to the home page)."""
    return HOME_PAGE.match(key) is not None
