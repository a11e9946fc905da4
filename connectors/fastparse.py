"""RSS 2.0/0.9x, RSS 1.0 (RDF) and Atom 1.0/0.3 read with lxml: the fast path of `parser`.

It reads only what a RawArticle needs (link, title, summary, GUID, date, language)
and raises `NotHandled` for anything it is not sure of — a document lxml finds not
well-formed, a root that is no feed, a feed with no items — so `parser` hands that
document to feedparser, whose recovery and error messages stay the reference.
Where it reads a field it follows feedparser's rules (checked file by file on the
shared corpus by tests/unit/test_parser_corpus.py): the link is the item's <link>,
else the Atom alternate link, else a permalink GUID; the summary is the
description/summary, else the full content; relative URLs resolve against xml:base
and then the feed URL.

The lxml parser never resolves entities, never touches the network and keeps
libxml2's size limits (huge_tree off); `parser` has already refused any document
that declares entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from tocsin.connectors.dates import parse_date
from tocsin.connectors.entries import Entry

ATOM = "{http://www.w3.org/2005/Atom}"
ATOM03 = "{http://purl.org/atom/ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
RSS090 = "{http://my.netscape.com/rdf/simple/0.9/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
MEDIA = "{http://search.yahoo.com/mrss/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

FEED_ROOTS = {"rss", f"{RDF}RDF", f"{ATOM}feed", f"{ATOM03}feed"}
ITEM_TAGS = ("item", f"{RSS1}item", f"{RSS090}item", f"{ATOM}entry", f"{ATOM03}entry")
RSS_NAMESPACES = ("", RSS1, RSS090)
ATOM_NAMESPACES = (ATOM, ATOM03)


# Clark-notation tag -> the field it fills; the first such child of an item wins.
FIELDS = {
    tag: field
    for field, tags in {
        "title": (*(ns + "title" for ns in RSS_NAMESPACES + ATOM_NAMESPACES), f"{DC}title"),
        "link": tuple(ns + "link" for ns in RSS_NAMESPACES),
        "atom_link": tuple(ns + "link" for ns in ATOM_NAMESPACES),
        "guid": ("guid", f"{ATOM}id", f"{ATOM03}id"),
        "summary": (
            *(ns + "description" for ns in RSS_NAMESPACES),
            f"{ATOM}summary",
            f"{ATOM03}summary",
            f"{DC}description",
        ),
        "content": (f"{CONTENT}encoded", f"{ATOM}content", f"{ATOM03}content", f"{XHTML}body"),
        "published": ("pubDate", f"{ATOM}published", f"{ATOM03}issued", f"{DCTERMS}issued"),
        "updated": (f"{ATOM}updated", f"{ATOM03}modified", f"{DC}date", f"{DCTERMS}modified"),
        "created": (f"{ATOM03}created", f"{DCTERMS}created"),
    }.items()
    for tag in tags
}
DATE_FIELDS = ("published", "updated", "created")
HTML_TYPES = {"text/html", "html", "application/xhtml+xml", "xhtml"}
LATIN_ENCODINGS = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}
DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class NotHandled(Exception):
    """The fast path declines this document; the message says why (for the benchmark and tests, not users)."""


class EntitiesDeclared(Exception):
    """The document declares entities: refused, never parsed further (see `parser`)."""


@dataclass
class FastFeed:
    entries: list[Entry]
    language: str | None
    note: str | None = None  # what was wrong but overcome, for the source's error line


def _xml_parser(encoding: str | None = None, recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        encoding=encoding,
        recover=recover,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )


PARSER = _xml_parser()
UTF8_PARSER = _xml_parser("utf-8")  # ignores the declared encoding
RECOVERING_PARSER = _xml_parser(recover=True)  # skips what is not well-formed, as a browser would


def parse_xml(document: bytes, base_url: str) -> FastFeed:
    """Entries of an RSS/RDF/Atom document; raises NotHandled when unsure, EntitiesDeclared for a DTD with entities."""
    root, note = _root(document, base_url)
    return _feed(root, note)


def recover_xml(document: bytes, base_url: str) -> FastFeed:
    """Entries of a document that is not well-formed, read by libxml2's recovering parser; NotHandled when none.

    The last resort of `parser`, after feedparser found nothing: a broken XML
    declaration or an undeclared namespace prefix on every element leaves feedparser
    with no items, while libxml2 reads past them. It keeps an unbound prefix in
    the tag name (`x:item`); the local name is what such a feed means.
    """
    try:
        root = etree.fromstring(document, RECOVERING_PARSER, base_url=base_url)
    except etree.XMLSyntaxError as exc:
        raise NotHandled(f"not recoverable: {exc}") from exc
    if root is None:
        raise NotHandled("not recoverable: no root element")
    _refuse_entities(root)
    for element in root.iter(etree.Element):
        if ":" in element.tag and not element.tag.startswith("{"):
            element.tag = element.tag.rpartition(":")[2]
    return _feed(root, None)


def _feed(root: etree._Element, note: str | None) -> FastFeed:
    if root.tag not in FEED_ROOTS:
        raise NotHandled(f"root element {root.tag!r} is not RSS, RDF or Atom")
    entries = [_entry(item) for item in root.iter(*ITEM_TAGS)]
    if not entries:
        raise NotHandled("no items")
    return FastFeed(entries, _feed_language(root), note)


def _root(document: bytes, base_url: str) -> tuple[etree._Element, str | None]:
    """The parsed root, and a note when the declared encoding was overruled.

    A document whose bytes are valid UTF-8 is read as UTF-8 when its declared
    encoding fails (e.g. "utf-16" on ASCII bytes) or is Latin-1/ASCII while it holds
    multi-byte UTF-8 sequences: those are all but impossible in real Latin-1 text,
    and such a mismatch (a copied declaration, a server default) is common.
    feedparser instead decodes as Latin-1 and re-decodes each field, which also
    corrupts a genuine "Ã©".
    """
    try:
        root = etree.fromstring(document, PARSER, base_url=base_url)
        failure = None
    except etree.XMLSyntaxError as exc:
        root, failure = None, exc
    declared = (root.getroottree().docinfo.encoding if root is not None else _declared(document)) or "utf-8"
    if (failure or declared.lower() in LATIN_ENCODINGS) and _utf8_not_ascii(document):
        try:
            root = etree.fromstring(document, UTF8_PARSER, base_url=base_url)
        except etree.XMLSyntaxError:
            pass
        else:
            _refuse_entities(root)
            return root, f"the document declares {declared} but is UTF-8; read as UTF-8"
    if root is None:
        raise NotHandled(f"not well-formed for lxml: {failure}")
    _refuse_entities(root)
    return root, None


def _declared(document: bytes) -> str | None:
    match = DECLARED_ENCODING.match(document)
    return match.group(1).decode("ascii") if match else None


def _utf8_not_ascii(document: bytes) -> bool:
    if document.isascii():
        return False
    try:
        document.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _refuse_entities(root: etree._Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise EntitiesDeclared()


def _entry(item: etree._Element) -> Entry:
    found: dict[str, etree._Element] = {}
    links: list[etree._Element] = []
    for child in item:
        field = FIELDS.get(child.tag)  # comments are removed by the parser, so every tag is a string
        if field == "atom_link":
            links.append(child)
        elif field and field not in found:
            found[field] = child
    guid, guid_link = _guid(item, found.get("guid"))
    return Entry(
        link=_link(found.get("link")) or _alternate(links) or guid_link,
        title=_content(found["title"]) if "title" in found else "",
        summary=_summary(item, found),
        guid=guid,
        published=_date(found),
    )


def _guid(item: etree._Element, element: etree._Element | None) -> tuple[str | None, str]:
    """The GUID and, for a permalink GUID, the link it stands for (resolved, as feedparser does).

    RSS 1.0 items carry their identity in rdf:about.
    """
    if element is None:
        return item.get(f"{RDF}about"), ""
    value = _text(element)
    if not value or element.get("isPermaLink", "true").lower() == "false":
        return value or None, ""
    resolved = _resolve(element, value)
    return resolved, resolved


def _link(element: etree._Element | None) -> str:
    """The RSS <link>, resolved."""
    text = _text(element) if element is not None else ""
    return _resolve(element, text) if text else ""


def _alternate(links: list[etree._Element]) -> str:
    """The href of the first Atom link that is an HTML alternate (rel and type default to those)."""
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("type", "text/html") in HTML_TYPES:
            href = (link.get("href") or "").strip()
            if href:
                return _resolve(link, href)
    return ""


def _summary(item: etree._Element, found: dict[str, etree._Element]) -> str:
    """The description/summary, else the content, else a Media RSS description (YouTube puts it in media:group)."""
    for field in ("summary", "content"):
        if field in found and (text := _content(found[field])):
            return text
    media = item.find(f".//{MEDIA}description")
    return _text(media) if media is not None else ""


def _date(found: dict[str, etree._Element]) -> datetime | None:
    for field in DATE_FIELDS:
        if field in found and (when := parse_date(_text(found[field]))):
            return when
    return None


def _text(element: etree._Element) -> str:
    return (element.text or "").strip() if len(element) == 0 else "".join(element.itertext()).strip()


def _content(element: etree._Element) -> str:
    """Text, or for markup written as elements (Atom type="xhtml", unescaped HTML), the markup itself."""
    if len(element) == 0:
        return (element.text or "").strip()
    if element.get("type") == "xhtml" and len(element) == 1 and element[0].tag == f"{XHTML}div":
        element = element[0]
    inner = (element.text or "") + "".join(etree.tostring(child, encoding=str) for child in element)
    return inner.replace(' xmlns="http://www.w3.org/1999/xhtml"', "").strip()


def _resolve(element: etree._Element, url: str) -> str:
    """`url` resolved against the element's base (xml:base, then the feed URL)."""
    if url.startswith(("http://", "https://")) and "/." not in url:
        return url
    base = element.base
    return urljoin(base, url) if base else url


def _feed_language(root: etree._Element) -> str | None:
    """<language> or <dc:language> of the RSS/RDF channel (or the root), else the root's xml:lang (Atom)."""
    scopes = [scope for scope in (root.find("channel"), root.find(f"{RSS1}channel")) if scope is not None]
    for scope in (*scopes, root):
        for tag in ("language", f"{DC}language"):
            value = scope.findtext(tag)
            if value and value.strip():
                return value.strip()
    return root.get(XML_LANG)
