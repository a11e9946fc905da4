"""Churning feeds: the real Poller, a real local server whose feed changes between polls, the real broker.

Every scenario serves real-world-shaped RSS 2.0 or Atom (with namespaces), polls
the Poller one poll at a time, reads `articles.raw` back and compares it with the
ground truth — the items the feed held over time: each emitted exactly once, none
missed. Each item carries a marker ([item-KEY]) in its text that no publisher
change touches, so the truth does not depend on the identity rules under test.
Policy and reasons: docs/item-identity.md.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from lxml import etree

from tests.helpers.http import LocalServer, Response
from tests.helpers.kafka import read_topic
from tests.integration.conftest import BOOTSTRAP
from tocsin.connectors.catalog import Source
from tocsin.connectors.fetcher import FetchLimits, make_client
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.connectors.poller import Poller
from tocsin.connectors.state import load_states
from tocsin.kafka import make_producer
from tocsin.metrics import RoleMetrics
from tocsin.records import MAX_TITLE_CHARS, DeadLetter, RawArticle
from tocsin.settings import load_settings

SITE = "https://news.example"
T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
MARKER = re.compile(r"\[item-([\w.-]+)\]")
CAPTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "feeds" / "captures"


@dataclass(frozen=True)
class Item:
    """One item as the publisher shows it on one poll; `key` is the test's truth, never served as an id."""

    key: str
    title: str
    link: str | None = None
    guid: str | None = None
    permalink: bool = False
    published: datetime = T0
    marked: bool = True  # the marker is in the summary; off only where the text itself is the identity

    @property
    def summary(self) -> str:
        return f"<p>Report {self.key} from the region.</p>" + (f" [item-{self.key}]" if self.marked else "")


def item(n: int, **fields) -> Item:
    """A typical news item: an opaque unique GUID, a slug link, newer for a higher n."""
    defaults = {
        "key": str(n),
        "title": f"Shelling reported near village {n}",
        "link": f"{SITE}/2026/11/village-{n}",
        "guid": f"post-{n}",
        "published": T0 + timedelta(minutes=10 * n),
    }
    return Item(**{**defaults, **fields})


def rss(items: list[Item], etag: str | None = None) -> Response:
    """RSS 2.0 as WordPress-like CMSs write it: dc:creator, content:encoded, atom:link self."""
    entries = "".join(
        "<item>"
        f"<title>{escape(i.title)}</title>"
        + (f"<link>{escape(i.link)}</link>" if i.link is not None else "")
        + (f'<guid isPermaLink="{str(i.permalink).lower()}">{escape(i.guid)}</guid>' if i.guid is not None else "")
        + f"<dc:creator>Desk</dc:creator><pubDate>{format_datetime(i.published, usegmt=True)}</pubDate>"
        f"<description>{escape(i.summary)}</description>"
        f"<content:encoded><![CDATA[{i.summary}<p>More.</p>]]></content:encoded>"
        "</item>"
        for i in items
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">'
        f'<channel><title>News</title><link>{SITE}/</link><atom:link href="{SITE}/feed/" rel="self" type="application/rss+xml"/>'
        f"<language>en-US</language>{entries}</channel></rss>"
    )
    return _response(body, "application/rss+xml; charset=UTF-8", etag)


def atom(items: list[Item], etag: str | None = None) -> Response:
    """Atom 1.0 with a media: namespace, as news sites write it."""
    entries = "".join(
        "<entry>"
        f'<id>{escape(i.guid or "")}</id><title type="html">{escape(i.title)}</title>'
        + (f'<link rel="alternate" type="text/html" href="{escape(i.link)}"/>' if i.link is not None else "")
        + f"<published>{i.published.isoformat()}</published><updated>{i.published.isoformat()}</updated>"
        f'<summary type="html">{escape(i.summary)}</summary><media:thumbnail url="{SITE}/img/{i.key}.jpg"/>'
        "</entry>"
        for i in items
    )
    body = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en">'
        f'<title>News</title><id>{SITE}/</id><updated>{T0.isoformat()}</updated><link rel="self" href="{SITE}/atom"/>{entries}</feed>'
    )
    return _response(body, "application/atom+xml; charset=utf-8", etag)


def _response(body: str, content_type: str, etag: str | None) -> Response:
    headers = {"Content-Type": content_type}
    if etag:
        headers["ETag"] = etag
    return Response(200, body.encode(), headers)


def markers(articles: list[RawArticle]) -> list[str]:
    return [found.group(1) if (found := MARKER.search(article.summary)) else f"unmarked:{article.title}" for article in articles]


def assert_once_each(emitted: list[RawArticle], held: set[str]) -> None:
    """Items found == items the feed held: zero duplicates, zero misses, nothing else."""
    counts = Counter(markers(emitted))
    assert {key: n for key, n in counts.items() if n > 1} == {}, "duplicates emitted"
    assert held - set(counts) == set(), "items missed"
    assert set(counts) - held == set(), "items emitted that the feed never held"


class Churn:
    """One Poller at a time against a local server whose feeds the test rewrites between polls."""

    def __init__(self, settings, server: LocalServer, producer, client, limits) -> None:
        self.settings, self.server, self.producer, self.client, self.limits = settings, server, producer, client, limits
        self.poller = Poller(settings, producer, client, ConnectorMetrics(RoleMetrics.of(settings)), limits)
        self.held: dict[str, set[str]] = {}

    def source(self, source_id: str) -> Source:
        return Source(id=source_id, url=self.server.url(f"/{source_id}"))

    async def poll(self, source_id: str, response: Response, items: list[Item] | None = None):
        """Serve `response` and poll once; `items` (what it holds) join the ground truth."""
        self.server.routes[f"/{source_id}"] = response
        self.held.setdefault(source_id, set()).update(i.key for i in items or ())
        result = await self.poller.poll(self.source(source_id))
        assert result.result in ("ok", "not_modified"), result
        return result

    async def restart(self) -> None:
        """A new Poller with no memory but what the connector-state topic holds, as on another machine."""
        self.poller = Poller(self.settings, self.producer, self.client, ConnectorMetrics(RoleMetrics.of(self.settings)), self.limits)
        self.poller.restore(await load_states(self.settings, set(self.held)))

    async def emitted(self, source_id: str) -> list[RawArticle]:
        records = await asyncio.to_thread(read_topic, BOOTSTRAP, self.settings.topics.raw)
        articles = [RawArticle.from_bytes(value) for *_, value in records]
        return [article for article in articles if article.source_id == source_id]

    async def check(self, source_id: str) -> list[RawArticle]:
        emitted = await self.emitted(source_id)
        assert_once_each(emitted, self.held[source_id])
        return emitted

    def last_request(self, source_id: str) -> dict[str, str]:
        return {name.lower(): value for name, value in self.server.received(f"/{source_id}", "GET")[-1].headers.items()}


@pytest.fixture
async def churn(pipeline_env, server) -> AsyncIterator[Churn]:
    settings = load_settings(environ=pipeline_env)
    producer = make_producer(settings, "churn-test")
    await producer.start()
    limits = FetchLimits.from_timeout(settings.http_timeout_seconds)
    client = make_client(settings.user_agent, limits)
    try:
        yield Churn(settings, server, producer, client, limits)
    finally:
        await client.aclose()
        await producer.stop()


async def test_a_sliding_window_that_shrinks_and_grows_back_emits_each_item_once(churn):
    rng = random.Random(3)
    newest, window = 12, 12
    for poll in range(30):
        newest += rng.randint(0, 3)
        window = 4 if 10 <= poll < 15 else 12  # the publisher trims the feed for a while, then restores it
        items = [item(n) for n in range(newest, max(newest - window, 0), -1)]
        await churn.poll("window", (rss if poll % 2 else atom)(items), items)  # the site switches formats too
    await churn.check("window")


async def test_changed_guids_with_the_same_links_are_not_new_items(churn):
    items = [item(n) for n in range(5, 0, -1)]
    await churn.poll("migration", rss(items), items)
    migrations = [
        lambda i: replace(i, guid=f"wp-migrated:{i.guid}"),  # the CMS migration adds a prefix
        lambda i: replace(i, guid=i.link, permalink=True),  # GUIDs become the permalinks
        lambda i: replace(i, guid=i.link.replace("https://", "http://"), permalink=True),  # ... written with http
        lambda i: replace(i, link=f"{i.link}?utm_source=rss&utm_medium=feed"),  # links gain tracking parameters
        lambda i: replace(i, link=i.link.replace("https://", "https://www.") + "/"),  # www and a trailing slash
    ]
    for n, migrate in enumerate(migrations, start=6):
        items = [migrate(i) for i in [item(n), *items]]
        await churn.poll("migration", rss(items), items)
    emitted = await churn.check("migration")
    assert [article.guid for article in emitted[:5]] == [f"post-{n}" for n in range(5, 0, -1)]


async def test_repeated_empty_or_home_page_guids_still_emit_each_item_once(churn):
    same_guid = [replace(item(n), guid="1") for n in range(3, 0, -1)]
    await churn.poll("guids", rss(same_guid), same_guid)
    same_guid = [replace(item(4), guid="1"), *same_guid]
    await churn.poll("guids", rss(same_guid), same_guid)
    home_page = [replace(i, guid=f"{SITE}/", permalink=True) for i in [item(5), *same_guid]]
    await churn.poll("guids", rss(home_page), home_page)
    empty = [replace(i, guid="") for i in [item(6), *home_page]]
    await churn.poll("guids", rss(empty), empty)
    await churn.check("guids")

    # links no help either (every item links to the home page): each item is known by its text
    shared = [replace(item(n), guid="1", link=f"{SITE}/") for n in range(3, 0, -1)]
    await churn.poll("no-ids", atom(shared), shared)
    shared = [replace(item(4), guid="1", link=f"{SITE}/"), *shared]
    await churn.poll("no-ids", atom(shared), shared)
    await churn.poll("no-ids", atom(shared), shared)
    await churn.check("no-ids")


async def test_items_without_link_or_guid_are_known_by_their_words(churn):
    """Policy: the same words (whatever the case, spacing, punctuation) are the same item; a changed word is new."""
    bare = [replace(item(n), link=None, guid=None, marked=False) for n in range(3, 0, -1)]
    typo = replace(bare[1], title="Shellig reported near village 2")
    feed = [bare[0], typo, bare[2]]
    await churn.poll("bare", rss(feed))
    restyled = replace(bare[0], title="SHELLING reported near   village 3!")
    feed = [replace(item(4), link=None, guid=None, marked=False), restyled, bare[1], bare[2]]  # the typo is fixed
    await churn.poll("bare", rss(feed))
    await churn.poll("bare", atom(feed))
    titles = Counter(article.title for article in await churn.emitted("bare"))
    assert titles == Counter({i.title: 1 for i in [*bare, typo, feed[0]]}), "restyled: same item; a fixed typo: a new one"


async def test_an_edited_item_is_not_a_new_item(churn):
    items = [item(n) for n in range(4, 0, -1)]
    await churn.poll("edits", rss(items), items)
    retitled = [replace(items[0], title="UPDATE: shelling near village 4 kills two"), *items[1:]]
    await churn.poll("edits", rss(retitled), retitled)
    # WordPress: the title edit changes the slug (link); the GUID (?p=) stays
    slugs = [replace(i, guid=f"{SITE}/?p={i.key}", permalink=False) for i in retitled]
    await churn.poll("edits", rss(slugs), slugs)
    slugs = [replace(slugs[1], link=f"{SITE}/2026/11/village-3-updated", title="Village 3: toll rises"), slugs[0], *slugs[2:]]
    await churn.poll("edits", rss(slugs), slugs)
    assert len(await churn.check("edits")) == 4


async def test_validators_304_and_a_changing_etag_on_identical_content(churn):
    items = [item(n) for n in range(3, 0, -1)]
    last_modified = "Fri, 20 Nov 2026 06:00:00 GMT"
    first = rss(items, etag='"v1"')
    first.headers["Last-Modified"] = last_modified
    await churn.poll("cond", first, items)
    assert (await churn.poll("cond", Response(304))).result == "not_modified"
    assert churn.last_request("cond").get("if-none-match") == '"v1"'
    assert churn.last_request("cond").get("if-modified-since") == last_modified
    items = [item(4), *items]
    await churn.poll("cond", rss(items, etag='"v2"'), items)
    assert churn.last_request("cond").get("if-none-match") == '"v1"'
    await churn.poll("cond", Response(304))
    assert churn.last_request("cond").get("if-none-match") == '"v2"'
    await churn.check("cond")

    same = [item(n) for n in range(3, 0, -1)]
    for n in range(6):  # a server (or CDN node) that sends a new ETag for the same bytes every time
        await churn.poll("etag-churn", rss(same, etag=f'"node-{n}"'), same)
    await churn.check("etag-churn")


async def test_a_restarted_poller_resumes_from_the_state_topic(churn):
    def version(newest: int) -> tuple[Response, list[Item]]:
        items = [item(n) for n in range(newest, max(newest - 6, 0), -1)]
        response = rss(items, etag=f'"{newest}"')
        return response, items

    for newest in range(6, 10):
        await churn.poll("restart", *version(newest))
    await churn.restart()  # stopped; on restart it knows only the connector-state topic
    await churn.poll("restart", *version(9))
    assert churn.last_request("restart").get("if-none-match") == '"9"', "the validators moved with the state"
    await churn.restart()
    # published while no connector ran: two new items, and one old item fell off the window
    await churn.poll("restart", *version(11))
    for newest in range(11, 14):
        await churn.poll("restart", *version(newest))
    assert len(await churn.check("restart")) == 13


async def test_keys_learnt_from_a_changed_guid_survive_a_restart(churn):
    items = [item(n) for n in range(3, 0, -1)]
    await churn.poll("learnt", rss(items), items)
    items = [replace(i, guid=f"cms2:{i.guid}") for i in items]  # nothing new, no ETag: only the GUIDs changed
    await churn.poll("learnt", rss(items), items)
    await churn.restart()
    items = [replace(i, link=f"{SITE}/archive/{i.key}") for i in items]  # now the links move: only the new GUIDs match
    await churn.poll("learnt", atom(items), items)
    await churn.check("learnt")


async def test_a_feed_larger_than_the_seen_bound_does_not_re_emit_its_old_items(churn):
    """2,500 items, two keys each: beyond the default bound of 2,000 keys; the bound grows with the feed."""
    newest = 2500
    for poll in range(4):
        items = [item(n) for n in range(newest, newest - 2500, -1)]
        await churn.poll("large", atom(items), items)
        if poll == 1:
            await churn.restart()
        newest += 5
    assert len(await churn.check("large")) == 2515


async def test_a_backdated_item_is_emitted_once(churn):
    items = [item(n) for n in (30, 20, 10)]
    await churn.poll("backdated", rss(items), items)
    items = [*items, item(5)]  # older than all seen, appended at the bottom
    await churn.poll("backdated", rss(items), items)
    items = sorted([*items, item(15)], key=lambda i: i.published, reverse=True)  # slotted in the middle
    await churn.poll("backdated", rss(items), items)
    items = [replace(i, published=i.published + timedelta(days=1)) if i.key == "10" else i for i in items]  # re-dated
    await churn.poll("backdated", rss(items), items)
    await churn.poll("backdated", rss(items), items)
    await churn.check("backdated")


async def test_an_oversized_item_is_cut_or_dead_lettered_and_the_items_around_it_are_emitted_once(churn):
    """A 5 MB title is cut to the worker's limit; a 1.5 MB link (no cut can save that record) is dead-lettered
    with its source and URL; every other item is emitted once, on the first poll, and nothing is retried."""
    huge_title = replace(item(4), title="Shelling near the village " * 200_000)
    huge_link = replace(item(6), link=f"{SITE}/2026/11/" + "a" * 1_500_000)
    items = [huge_link if n == 6 else huge_title if n == 4 else item(n) for n in range(8, 0, -1)]
    producible = [i for i in items if i is not huge_link]
    assert (await churn.poll("big", rss(items), producible)).emitted == 7
    for _ in range(2):
        assert (await churn.poll("big", rss(items), producible)).emitted == 0
    items = [item(9), *items]
    assert (await churn.poll("big", rss(items), [item(9)])).emitted == 1
    emitted = await churn.check("big")
    (cut,) = [article for article in emitted if MARKER.search(article.summary).group(1) == "4"]
    assert cut.title == huge_title.title[:MAX_TITLE_CHARS]
    dead = [DeadLetter.from_bytes(value) for *_, value in await asyncio.to_thread(read_topic, BOOTSTRAP, churn.settings.topics.deadletter)]
    assert [(d.key, d.url, d.partition, d.topic) for d in dead] == [("big", huge_link.link[:2000], None, churn.settings.topics.raw)]
    assert dead[0].error.startswith("RecordTooLarge: a 1,50") and dead[0].payload.startswith(
        '{"schema_version":1,"source_id":"big","url":"https://news'
    )


async def test_an_item_repeated_in_its_feed_is_not_re_emitted_when_a_copy_slides_off(churn):
    """[B, A, A] then [B, A]: the repeat's keys must not switch between its text and its GUID and link."""
    a, b, c = item(1), item(2), item(3)
    await churn.poll("repeat", rss([b, a, a]), [b, a])
    await churn.poll("repeat", rss([b, a]), [b, a])
    await churn.poll("repeat", atom([c, b, a, a]), [c])
    await churn.poll("repeat", rss([c, b, a]), [c])
    await churn.restart()
    await churn.poll("repeat", rss([c, c, b]), [c])
    assert len(await churn.check("repeat")) == 3


async def test_a_feed_that_fails_to_parse_is_not_downloaded_again_and_a_recoverable_one_yields_its_items(churn):
    broken = Response(200, b"<html><body>maintenance</body></html>", {"Content-Type": "text/html", "ETag": '"b1"'})
    churn.server.routes["/broken"] = [broken, Response(304)]
    assert (await churn.poller.poll(churn.source("broken"))).result == "parse_error"
    again = await churn.poller.poll(churn.source("broken"))
    assert churn.last_request("broken").get("if-none-match") == '"b1"', "validators kept after a parse error"
    assert (again.result, again.error) == ("parse_error", "unchanged since: not a feed: the server sent an HTML page")

    items = [item(n) for n in range(35, 0, -1)]
    prefixed = re.sub(rb"<(/?)(?!\?|!)", rb"<\1x:", rss(items).body).replace(b"<?xml ", b"<?xml?xml ", 1)
    result = await churn.poll("broken", Response(200, prefixed, {"ETag": '"b2"'}), items)
    assert result.emitted == 35 and result.error.startswith("items recovered from a document that is not well-formed")
    await churn.check("broken")


@pytest.mark.skipif(not CAPTURES.is_dir(), reason=f"real feed captures not found at {CAPTURES}")
@pytest.mark.parametrize("capture", ["78f77fae2e1ffc14.xml", "46716f0af0fd8d9d.xml", "a4911bd5d9977a79.xml"])
async def test_a_real_feed_mutated_between_polls(churn, capture):
    """A captured feed (RSS, Atom, RDF), read at test time: first without its newest items, then whole,
    then with every GUID changed, then with tracking parameters on every link."""
    original = (CAPTURES / capture).read_bytes()
    count = len(_items(etree.fromstring(original)))
    await churn.poll("real", Response(200, _mutate(original, drop=3)))
    await churn.poll("real", Response(200, original))
    await churn.poll("real", Response(200, _mutate(original, guid_prefix="migrated:")))
    await churn.poll("real", Response(200, _mutate(original, link_suffix="?utm_source=feed")))
    emitted = await churn.emitted("real")
    assert len(emitted) == count, "one article per item the feed held"
    assert len({(a.title, a.url) for a in emitted}) == count, "no item emitted twice"


def _items(root: etree._Element) -> list[etree._Element]:
    return [element for element in root.iter() if isinstance(element.tag, str) and etree.QName(element).localname in ("item", "entry")]


def _mutate(document: bytes, drop: int = 0, guid_prefix: str = "", link_suffix: str = "") -> bytes:
    root = etree.fromstring(document)
    items = _items(root)
    for element in items[:drop]:
        element.getparent().remove(element)
    for element in items[drop:]:
        for child in element:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name in ("guid", "id") and child.text:
                child.text = guid_prefix + child.text
            if name == "link" and link_suffix:
                if child.get("href"):
                    child.set("href", child.get("href") + link_suffix)
                elif child.text:
                    child.text = child.text.strip() + link_suffix
        if guid_prefix and (about := element.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")):
            element.set("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", guid_prefix + about)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


async def test_the_catalogs_trust_and_region_hints_travel_with_each_item(churn):
    churn.server.routes["/hinted"] = rss([Item("h1", "Report one")])
    source = Source(id="hinted", url=churn.server.url("/hinted"), trust=0.6, regions=["south_caucasus", "middle_east"])
    assert (await churn.poller.poll(source)).result == "ok"
    [article] = await churn.emitted("hinted")
    assert (article.trust, article.source_regions) == (0.6, ["south_caucasus", "middle_east"])
