"""OPML in and out of the source catalog: how feed readers share subscription lists.

Import reads OPML 1.0/2.0 (nested folders of `<outline xmlUrl=...>`), turns each
feed into a catalog entry and appends it to the catalog *text*, so the file's
comments and layout survive; the result is validated with `load_catalog` before it
replaces the file. Folder names and OPML `category` values become region hints
only when they name a known region (the gazetteer's): a reader's "News" folder
says nothing about where an item happened. Export writes OPML 2.0; Tocsin's own
fields that OPML lacks (id, intervals, trust, enabled) travel as attributes in the
`urn:tocsin:opml:1` namespace, so export then import gives the same sources.
Headers are never exported: they may hold tokens.

The parser is expat with entity declarations refused, like the feed parser does:
an OPML file from the internet is untrusted input.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree
from xml.parsers import expat

import yaml
from pydantic import ValidationError

from tocsin.config import ConfigError, format_loc
from tocsin.connectors.catalog import Catalog, Source, load_catalog

NAMESPACE = "urn:tocsin:opml:1"
#: Tocsin attributes on an outline -> Source fields; written only when they differ from the default.
TOCSIN_ATTRIBUTES = {
    "id": "id",
    "interval": "interval_seconds",
    "min-interval": "min_interval_seconds",
    "max-interval": "max_interval_seconds",
    "trust": "trust",
    "enabled": "enabled",
}
MAX_SLUG = 60  # leaves room for a "-NN" suffix within the id's 64 characters


class OpmlError(ValueError):
    """An OPML file that cannot be imported; the message names file and line."""


@dataclass(frozen=True)
class Outline:
    """One feed outline, as read: the Source fields it gives and the line it is on."""

    line: int
    fields: dict[str, object]


@dataclass
class ImportPlan:
    """What an import adds, and how many feeds it skipped because their URL was already there."""

    added: list[Source] = field(default_factory=list)
    skipped: int = 0


def known_regions(names: Mapping[str, str]) -> dict[str, str]:
    """Region ids by their normalised id and name ("South Caucasus" and "south_caucasus" both match).

    `names` maps region ids to display names; the caller reads them from the
    gazetteer (connectors know no places: that is the streams' business).
    """
    known = {_region_key(region_id): region_id for region_id in names}
    known.update({_region_key(name): region_id for region_id, name in names.items()})
    return known


def _region_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")


def read_opml(data: bytes, name: str, regions: dict[str, str]) -> list[Outline]:
    """The feed outlines of an OPML document; OpmlError `name:line: ...` for anything unusable."""
    reader = _OpmlReader(name, regions)
    try:
        reader.parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise OpmlError(f"{name}:{exc.lineno}: not well-formed XML: {expat.ErrorString(exc.code)}") from exc
    if not reader.seen_body:
        raise reader.fail("no <body> in <opml>: nothing to import")
    return reader.outlines


@dataclass
class _Open:
    """An outline whose end tag has not come yet."""

    text: str
    line: int
    feed: bool
    children: bool = False


class _OpmlReader:
    """expat callbacks: a stack of open outlines gives each feed the folder names above it."""

    def __init__(self, name: str, regions: dict[str, str]):
        self.name = name
        self.regions = regions
        self.parser = expat.ParserCreate(namespace_separator=" ")  # Tocsin's attributes arrive as "NAMESPACE name"
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.EntityDeclHandler = self.refuse_entity
        self.outlines: list[Outline] = []
        self.seen_body = False
        self._path: list[str] = []  # open element names
        self._open: list[_Open] = []

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber

    def fail(self, message: str, line: int | None = None) -> OpmlError:
        return OpmlError(f"{self.name}:{line or self.line}: {message}")

    def refuse_entity(self, *_args: object) -> None:
        raise self.fail("refused: the document declares XML entities (<!ENTITY>), a possible entity-expansion bomb")

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if not self._path and tag != "opml":
            raise self.fail(f"the root element is <{tag}>, not <opml>: not an OPML file")
        if tag == "body" and self._path == ["opml"]:
            self.seen_body = True
        if tag == "outline" and "body" in self._path:
            self._outline(attributes)
        self._path.append(tag)

    def end(self, tag: str) -> None:
        self._path.pop()
        if tag == "outline" and "body" in self._path:
            closed = self._open.pop()
            if not closed.feed and not closed.children:
                raise self.fail("<outline> without xmlUrl: neither a feed nor a folder of feeds", closed.line)

    def _outline(self, attributes: dict[str, str]) -> None:
        if self._open:
            self._open[-1].children = True
        url = (attributes.get("xmlUrl") or "").strip()
        self._open.append(_Open(attributes.get("title") or attributes.get("text") or "", self.line, bool(url)))
        if url:
            self.outlines.append(Outline(self.line, self._fields(url, attributes)))

    def _fields(self, url: str, attributes: dict[str, str]) -> dict[str, object]:
        own = {key: attributes[f"{NAMESPACE} {attr}"] for attr, key in TOCSIN_ATTRIBUTES.items() if f"{NAMESPACE} {attr}" in attributes}
        title = attributes.get("title") or attributes.get("text") or None
        if title == own.get("id") and "title" not in attributes:
            title = None  # exported without a title: the text is the id
        fields: dict[str, object] = {"url": url, "title": title, **own}
        if attributes.get("htmlUrl"):
            fields["site"] = attributes["htmlUrl"].strip()
        language = (attributes.get("language") or "").strip().lower().replace("_", "-").split("-")[0]
        if re.fullmatch(r"[a-z]{2,3}", language):
            fields["language"] = language
        categories = [outline.text for outline in self._open[:-1]]
        categories += [part for value in attributes.get("category", "").split(",") for part in value.split("/")]
        fields["regions"] = list(dict.fromkeys(self.regions[k] for k in map(_region_key, categories) if k in self.regions))
        return fields


def plan_import(outlines: list[Outline], catalog: Catalog, name: str) -> ImportPlan:
    """New Sources for outlines whose URL is not in the catalog yet, with unique ids."""
    plan = ImportPlan()
    urls = {source.url for source in catalog.sources}
    taken = {source.id for source in catalog.sources}
    for outline in outlines:
        if outline.fields["url"] in urls:
            plan.skipped += 1
            continue
        fields = dict(outline.fields)
        fields["id"] = unique_id(str(fields.get("id") or slugify(fields.get("title"), str(fields["url"]))), taken)
        try:
            source = Source.model_validate(fields, context={"environ": None})
        except ValidationError as exc:
            problem = exc.errors(include_url=False)[0]
            raise OpmlError(f"{name}:{outline.line}: outline {format_loc(problem['loc'])}: {problem['msg']}") from exc
        urls.add(source.url)
        taken.add(source.id)
        plan.added.append(source)
    return plan


def slugify(title: object, url: str) -> str:
    """A catalog id from a title (accents dropped), else from the URL's host (for titles in other scripts)."""
    for text in (str(title or ""), urlsplit(url).hostname or ""):
        ascii_text = unicodedata.normalize("NFKD", text.removeprefix("www.")).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
        if slug:
            return slug
    return "source"


def unique_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, ... whichever is free."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted[:MAX_SLUG]}-{number}"
    return candidate


def catalog_entry(source: Source) -> dict[str, object]:
    """The fields worth writing for `source`: the set ones, id first."""
    values = source.model_dump(exclude_defaults=True, exclude={"headers"})
    return {"id": source.id, **values}


def append_sources(text: str, sources: list[Source], path: Path) -> str:
    """`text` with one flow-mapping line per source appended to its `sources:` list; comments and order kept."""
    items = [yaml.safe_dump(catalog_entry(s), default_flow_style=True, sort_keys=False, allow_unicode=True, width=1 << 20) for s in sources]
    document = yaml.compose(text, Loader=yaml.SafeLoader)
    value = next((v for k, v in document.value if k.value == "sources"), None) if document is not None else None
    if not text.endswith("\n") and text:
        text += "\n"
    if value is None:
        return text + "sources:\n" + "".join(f"  - {item}" for item in items)
    indent = 2
    if isinstance(value, yaml.SequenceNode) and value.flow_style:
        if value.value:
            raise ConfigError([f"{path}:{value.start_mark.line + 1}: sources: write the list one `- ` item per line to import into it"])
        text = text[: value.start_mark.index] + text[value.end_mark.index :]
    elif isinstance(value, yaml.SequenceNode):
        indent = value.start_mark.column
    return text + "".join(f"{' ' * indent}- {item}" for item in items)


def import_opml(opml: Path, catalog_path: Path, regions: Mapping[str, str], *, dry_run: bool = False) -> ImportPlan:
    """Append the OPML's new feeds to the catalog file (unless `dry_run`); the written file is always valid.

    `regions` (id to display name) turns folders named after a region into region hints.
    """
    try:
        data = opml.read_bytes()
    except OSError as exc:
        raise OpmlError(f"{opml}: cannot read: {exc.strerror}") from exc
    catalog = load_catalog(catalog_path, resolve=False) if catalog_path.exists() else Catalog()
    plan = plan_import(read_opml(data, str(opml), known_regions(regions)), catalog, str(opml))
    if dry_run or not plan.added:
        return plan
    text = catalog_path.read_text(encoding="utf-8") if catalog_path.exists() else ""
    _replace_validated(catalog_path, append_sources(text, plan.added, catalog_path))
    return plan


def _replace_validated(path: Path, text: str) -> None:
    """Write `text` next to `path`, validate it as a catalog, then move it over `path` in one step."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            load_catalog(temporary, resolve=False)
        except ConfigError as exc:
            raise ConfigError([problem.replace(str(temporary), str(path)) for problem in exc.problems]) from exc
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def export_opml(catalog: Catalog, title: str = "Tocsin sources") -> tuple[str, int]:
    """OPML 2.0 text of the catalog's feeds, and how many sources were left out (not feeds)."""
    ElementTree.register_namespace("tocsin", NAMESPACE)
    root = ElementTree.Element("opml", {"version": "2.0"})
    ElementTree.SubElement(ElementTree.SubElement(root, "head"), "title").text = title
    body = ElementTree.SubElement(root, "body")
    feeds = [source for source in catalog.sources if source.kind == "feed"]
    defaults = Source(id="x", url="https://x.invalid/")
    for source in feeds:
        attributes = {"type": "rss", "text": source.title or source.id}
        if source.title:
            attributes["title"] = source.title
        attributes["xmlUrl"] = source.url
        if source.site:
            attributes["htmlUrl"] = source.site
        if source.language:
            attributes["language"] = source.language
        if source.regions:
            attributes["category"] = ",".join(f"/{region}" for region in source.regions)
        for attr, key in TOCSIN_ATTRIBUTES.items():
            value = getattr(source, key)
            if key == "id" or value != getattr(defaults, key):
                attributes[f"{{{NAMESPACE}}}{attr}"] = str(value).lower() if isinstance(value, bool) else str(value)
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode", xml_declaration=False)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n', len(catalog.sources) - len(feeds)
