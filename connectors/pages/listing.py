"""A listing page (news index, channel preview) to RawArticles, by CSS selectors.

The same contract as `tocsin.connectors.parser.parse_feed`: never raises on bad input,
returns what it could read plus one bounded line saying what was wrong, and the
same item identity (`item_identity`), dates in UTC, missing dates flagged.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from selectolax.lexbor import LexborHTMLParser, LexborNode

from tocsin.connectors.dates import parse_date
from tocsin.connectors.entries import language_code
from tocsin.connectors.pages.dom import check_selector, parse_html, plain_text
from tocsin.connectors.pages.encoding import decode_html
from tocsin.connectors.parser import Parsed, item_identity
from tocsin.records import RawArticle
from tocsin.text import one_line

MAX_ITEMS = 500  # a page showing more is not a news listing
TITLE_CHARS = 160  # a title made from the text: a headline, not the whole message
HTML_TYPES = ("text/html", "application/xhtml+xml")
MARKUP = re.compile(r"<[A-Za-z!]")
SENTENCE_END = re.compile(r"[.!?…։](?=\s)")  # ։ ends an Armenian sentence


class Selectors(BaseModel):
    """Where a listing page keeps its items; every selector is compiled when the catalog loads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    item: str = Field(description="One match per news item; the other selectors are relative to it.")
    link: str | None = Field(default=None, description="The item's link (href); default: the item if it is an <a>, else its first a[href].")
    title: str | None = Field(default=None, description="The title's element; default: the first line or sentence of the summary.")
    time: str | None = Field(default=None, description="The date's element: its datetime attribute, else its text.")
    summary: str | None = Field(default=None, description="The item's text.")
    id_attribute: str | None = Field(
        default=None, pattern=r"^[A-Za-z_:][-A-Za-z0-9_:.]*$", description="An attribute of the item holding a stable id."
    )
    link_template: str | None = Field(default=None, description="Link built from the id, e.g. https://t.me/{id}.")

    @field_validator("item", "link", "title", "time", "summary")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        return check_selector(value) if value is not None else None

    @model_validator(mode="after")
    def _template_needs_id(self) -> Selectors:
        if self.link_template is not None:
            if self.id_attribute is None:
                raise ValueError("link_template needs id_attribute (the {id} it is filled with)")
            if "{id}" not in self.link_template or not self.link_template.startswith(("http://", "https://")):
                raise ValueError("link_template must be an http(s) URL containing {id}")
        return self


def parse_listing(
    body: bytes,
    selectors: Selectors,
    *,
    source_id: str,
    url: str,
    fetched: datetime,
    content_type: str | None = None,
    language: str | None = None,
) -> Parsed:
    """Parse an HTML listing page; a page without items yields an error saying why.

    `language` (the catalog's) wins over the page's <html lang>.
    """
    if not body.strip():
        return Parsed([], "empty body: the server sent no content")
    text, problem = decode_html(body, content_type)
    notes = [note for note in (problem, _unexpected_type(content_type)) if note]
    document = parse_html(text)
    nodes = document.css(selectors.item)
    if not nodes:
        return Parsed([], one_line("; ".join([_why_empty(text, selectors.item), *notes])))
    if len(nodes) > MAX_ITEMS:
        notes.append(f"{len(nodes)} items on the page, only the first {MAX_ITEMS} read")
    base = _base_url(document, url)
    root = document.css_first("html")
    language = language or language_code(root.attributes.get("lang") if root is not None else None)
    articles = [_article(node, selectors, base, source_id, url, fetched, language) for node in nodes[:MAX_ITEMS]]
    return Parsed([article for article in articles if article is not None], one_line("; ".join(notes)) or None)


def _article(
    node: LexborNode, selectors: Selectors, base: str, source_id: str, page_url: str, fetched: datetime, language: str | None
) -> RawArticle | None:
    """One item, or None when it has no text (a photo-only post, an ad slot): nothing to classify."""
    ident = (node.attributes.get(selectors.id_attribute) or "").strip() if selectors.id_attribute else ""
    summary = _text(node, selectors.summary)
    title = " ".join(_text(node, selectors.title).splitlines()) or headline(summary)
    if not title:
        return None
    link = _link(node, selectors, base, ident)
    published = parse_date(_time_value(node, selectors.time))
    return RawArticle(
        source_id=source_id,
        url=link or page_url,
        has_link=bool(link),
        guid=item_identity(ident, link, title, summary),
        title=title,
        summary=summary,
        published=published or fetched,
        published_missing=published is None,
        fetched=fetched,
        language=language,
    )


def _text(node: LexborNode, selector: str | None) -> str:
    found = node.css_first(selector) if selector else None
    return plain_text(found) if found is not None else ""


def headline(text: str, limit: int = TITLE_CHARS) -> str:
    """A title from a text: its first line; when too long, its sentences that fit, else words that fit and an ellipsis."""
    first = text.split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    ends = list(SENTENCE_END.finditer(first, 0, limit))
    if ends:
        return first[: ends[-1].end()]
    return first[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def _link(node: LexborNode, selectors: Selectors, base: str, ident: str) -> str:
    """The item's absolute http(s) link; '' when it has none (then identity falls back to the content)."""
    if selectors.link_template and ident:
        return selectors.link_template.replace("{id}", ident)
    target = node.css_first(selectors.link) if selectors.link else node
    if target is None:
        return ""
    href = target.attributes.get("href") if target.tag == "a" else None
    if href is None:
        anchor = target.css_first("a[href]")
        href = anchor.attributes.get("href") if anchor is not None else None
    return _absolute(base, href)


def _absolute(base: str, href: str | None) -> str:
    if not href or not href.strip():
        return ""
    link = urljoin(base, href.strip())
    return link if urlsplit(link).scheme in ("http", "https") else ""


def _base_url(document: LexborHTMLParser, page_url: str) -> str:
    """What relative links resolve against: a <base href> (itself relative to the page), else the page's final URL."""
    base = document.css_first("base[href]")
    href = (base.attributes.get("href") or "").strip() if base is not None else ""
    return urljoin(page_url, href) if href else page_url


def _time_value(node: LexborNode, selector: str | None) -> str:
    found = node.css_first(selector) if selector else None
    if found is None:
        return ""
    return (found.attributes.get("datetime") or found.text(deep=True) or "").strip()


def _unexpected_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    media = content_type.split(";")[0].strip().lower()
    return None if media in HTML_TYPES else f"wrong Content-Type for an HTML page: {media or content_type!r}"


def _why_empty(text: str, item_selector: str) -> str:
    """Why no item was found, in the reader's terms: a feed or non-HTML body is the usual cause, else a changed layout."""
    head = text[:1024].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<?xml") or "<rss" in head or "<feed" in head:
        return "not an HTML page: the server sent a feed (XML); use kind: feed"
    sample = text[:4096]
    if "\x00" in sample or sample.count("\ufffd") * 10 > len(sample):
        return "not an HTML page: the body looks binary"
    if not MARKUP.search(sample):
        return "not an HTML page: no markup in the body"
    return f"no items: selector {item_selector!r} matched nothing (did the page layout change?)"
