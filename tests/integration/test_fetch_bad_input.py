"""`fetch` and `Poller.poll` against real local HTTP servers serving bad input (no Kafka needed).

Each bad source must give one bounded, clear error, counted under a bounded
result name, without raising, while a good source polled alongside still yields.
Timeouts and limits are small so the whole file runs in a few seconds.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from prometheus_client import CollectorRegistry

from tests.helpers.http import LocalServer, Response, rss
from tocsin.connectors.catalog import Source
from tocsin.connectors.fetcher import FetchError, FetchLimits, HostSlots, fetch, make_client
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.connectors.poller import Poller
from tocsin.metrics import RoleMetrics
from tocsin.records import RawArticle
from tocsin.settings import Settings

LIMITS = FetchLimits(connect_seconds=1.0, read_seconds=0.5, total_seconds=1.5, max_bytes=1_000_000, max_redirects=3)
GOOD = {"title": "Shelling reported near Askeran", "link": "https://good.example/a", "guid": "g-1", "summary": "Shelling."}
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}
NO_LINKS = (
    b'<rss version="2.0"><channel><title>T</title><item><title>Sirens</title></item>'
    b"<item><title>Evacuation</title><description>Ordered.</description></item></channel></rss>"
)
REFUSED = "refused: the document declares XML entities (<!ENTITY>), a possible entity-expansion bomb"


def gzip_of_zeros(size: int) -> bytes:
    """`size` bytes of zeros, gzip-compressed a megabyte at a time (50 MB becomes about 50 kB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    megabyte = bytes(1 << 20)
    return b"".join(compressor.compress(megabyte) for _ in range(size >> 20)) + compressor.flush()


GZIP_BOMB = gzip_of_zeros(50 << 20)


def billion_laughs() -> bytes:
    entities = "\n".join(['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)])
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{entities}\n]>\n<rss version="2.0"><channel><title>t</title>'
        "<item><title>&lol9;</title><link>https://bomb.example/1</link></item></channel></rss>"
    ).encode()


def quadratic_blowup() -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "{"x" * 50_000}">\n]>\n<rss version="2.0"><channel>'
        f"<title>t</title><item><title>{'&a;' * 50_000}</title><link>https://bomb.example/1</link></item></channel></rss>"
    ).encode()


class MisbehavingServer:
    """What LocalServer cannot express: silence, a trickle, an endless body, and a slow answer whose concurrency is counted."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.in_flight = self.peak = 0
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                try:
                    {"/hang": owner._hang, "/trickle": owner._trickle, "/endless": owner._endless, "/slow": owner._slow}[self.path](self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _hang(self, handler: BaseHTTPRequestHandler) -> None:
        self.stopping.wait(10)

    def _trickle(self, handler: BaseHTTPRequestHandler) -> None:
        """Headers at once, then one byte every 0.2 s: never silent long enough for a read timeout."""
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        while not self.stopping.wait(0.2):
            handler.wfile.write(b" ")
            handler.wfile.flush()

    def _endless(self, handler: BaseHTTPRequestHandler) -> None:
        """No Content-Length, so only counting while streaming can stop it."""
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        for _ in range(320):  # 20 MB at most, should the client not hang up
            handler.wfile.write(b" " * 65536)

    def _slow(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        time.sleep(0.2)
        with self._lock:
            self.in_flight -= 1
        body = rss([GOOD]).body
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


class RecordingProducer:
    """Stands in for AIOKafkaProducer: `send` returns an already acknowledged future."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes, bytes]] = []

    async def send(self, topic: str, value: bytes, key: bytes) -> asyncio.Future[None]:
        self.sent.append((topic, key, value))
        acknowledged = asyncio.get_running_loop().create_future()
        acknowledged.set_result(None)
        return acknowledged

    def articles(self, source_id: str) -> list[RawArticle]:
        return [
            RawArticle.from_bytes(value) for topic, key, value in self.sent if key == source_id.encode() and topic.endswith("articles.raw")
        ]


@pytest.fixture(scope="module")
def misbehaving() -> Iterator[MisbehavingServer]:
    server = MisbehavingServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """One LocalServer for the module (each test uses its own paths): stopping one takes half a second."""
    local = LocalServer().start()
    yield local
    local.stop()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client("tocsin-tests", LIMITS) as shared:
        yield shared


#: Metrics off, for the tests that do not count.
NO_METRICS = ConnectorMetrics(RoleMetrics(None))


def http_date(seconds_from_now: float) -> str:
    return format_datetime(datetime.now(UTC) + timedelta(seconds=seconds_from_now), usegmt=True)


# case id -> (route setup returning the URL, expected result, expected error, items the bad source itself emits)
Setup = Callable[[LocalServer, MisbehavingServer, str], str]


def routed(response: Response) -> Setup:
    def setup(server: LocalServer, _: MisbehavingServer, path: str) -> str:
        server.routes[path] = response
        return server.url(path)

    return setup


def redirect_loop(server: LocalServer, _: MisbehavingServer, path: str) -> str:
    server.routes[path] = Response(302, b"", {"Location": path})
    return server.url(path)


CASES: dict[str, tuple[Setup, str, str | None, int]] = {
    "not-found": (routed(Response(404, b"nope")), "http_4xx", "HTTP 404 Not Found", 0),
    "gone": (routed(Response(410, b"")), "gone", "HTTP 410 Gone", 0),
    "server-error": (routed(Response(500, b"oops")), "http_5xx", "HTTP 500 Internal Server Error", 0),
    "rate-limited": (routed(Response(429, b"", {"Retry-After": "7"})), "http_4xx", "HTTP 429 Too Many Requests (Retry-After 7 s)", 0),
    "unreachable": (lambda *_: "http://127.0.0.1:9/feed.xml", "connection", "ConnectError: All connection attempts failed", 0),
    "silent": (lambda _, slow, __: slow.url("/hang"), "timeout", "timed out: no data for 0.5 s", 0),
    "trickle": (lambda _, slow, __: slow.url("/trickle"), "timeout", "timed out: no complete response within 1.5 s", 0),
    "redirect-loop": (redirect_loop, "too_many_redirects", "more than 3 redirects (a redirect loop?)", 0),
    "declared-too-large": (
        routed(Response(200, b" " * 2_000_000, RSS_TYPE)),
        "too_large",
        "body of 2000000 bytes exceeds the limit of 1000000",
        0,
    ),
    "streamed-too-large": (lambda _, slow, __: slow.url("/endless"), "too_large", "body exceeds the limit of 1000000 bytes", 0),
    "gzip-bomb": (
        routed(Response(200, GZIP_BOMB, {**RSS_TYPE, "Content-Encoding": "gzip"})),
        "too_large",
        "body exceeds the limit of 1000000 bytes once decompressed (gzip)",
        0,
    ),
    "corrupt-gzip": (
        routed(Response(200, rss([GOOD]).body, {**RSS_TYPE, "Content-Encoding": "gzip"})),
        "bad_encoding",
        "could not decompress the gzip body: Error -3 while decompressing data: incorrect header check",
        0,
    ),
    "billion-laughs": (routed(Response(200, billion_laughs(), RSS_TYPE)), "parse_error", REFUSED, 0),
    "quadratic-blowup": (routed(Response(200, quadratic_blowup(), RSS_TYPE)), "parse_error", REFUSED, 0),
    "html-page": (
        routed(Response(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", {"Content-Type": "text/html"})),
        "parse_error",
        "not a feed: the server sent an HTML page",
        0,
    ),
    "wrong-content-type": (
        routed(Response(200, rss([GOOD]).body, {"Content-Type": "text/plain"})),
        "ok",
        "wrong Content-Type: text/plain is not an XML media type",
        1,
    ),
    "invalid-bytes": (
        routed(Response(200, rss([GOOD]).body.replace(b"Shelling", b"Shel\xff\xfeling"), RSS_TYPE)),
        "ok",
        "invalid bytes for the declared encoding: document declared as utf-8, but parsed as windows-1252",
        1,
    ),
    "empty-200": (routed(Response(200, b"", RSS_TYPE)), "parse_error", "empty body: the server sent no content", 0),
    "no-link-no-guid": (routed(Response(200, NO_LINKS, RSS_TYPE)), "ok", None, 2),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
async def test_bad_source_gives_one_clear_error_and_a_good_source_still_yields(case, server, misbehaving, client, caplog):
    setup, result, error, bad_items = CASES[case]
    server.routes["/good.xml"] = rss([GOOD])  # the same for every test
    bad = Source(id=f"bad-{case}", url=setup(server, misbehaving, f"/{case}"))
    good = Source(id=f"good-{case}", url=server.url("/good.xml"))
    producer = RecordingProducer()
    registry = CollectorRegistry()
    poller = Poller(Settings(), producer, client, ConnectorMetrics(RoleMetrics(registry)), LIMITS)  # type: ignore[arg-type]  # a recording stand-in

    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="tocsin.connectors.poller"):
        bad_result, good_result = await asyncio.gather(poller.poll(bad), poller.poll(good))

    assert time.monotonic() - started < LIMITS.total_seconds + 1.0
    assert (bad_result.result, bad_result.error, bad_result.emitted) == (result, error, bad_items)
    assert registry.get_sample_value("tocsin_fetches_total", {"source": bad.id, "result": result}) == 1.0
    if error:
        assert f"source {bad.id} ({bad.url}): " in caplog.text and error in caplog.text
    assert (good_result.result, good_result.error, good_result.emitted) == ("ok", None, 1)
    assert [article.guid for article in producer.articles(good.id)] == ["g-1"]
    assert len(producer.articles(bad.id)) == bad_items


async def test_items_without_link_or_guid_get_distinct_content_identities(server, client):
    server.routes["/nolinks.xml"] = Response(200, NO_LINKS, RSS_TYPE)
    producer = RecordingProducer()
    poller = Poller(Settings(), producer, client, NO_METRICS, LIMITS)  # type: ignore[arg-type]
    await poller.poll(Source(id="nolinks", url=server.url("/nolinks.xml")))
    guids = [a.guid for a in producer.articles("nolinks")]
    assert len(set(guids)) == 2 and all(guid.startswith("sha1:") for guid in guids)


async def test_fetch_reports_retry_after_in_seconds_and_as_an_http_date(server, client):
    server.routes["/busy"] = Response(429, b"", {"Retry-After": "7"})
    server.routes["/down"] = Response(503, b"", {"Retry-After": http_date(120)})
    with pytest.raises(FetchError) as busy:
        await fetch(client, server.url("/busy"), limits=LIMITS)
    assert (busy.value.kind, busy.value.status, busy.value.retry_after, busy.value.gone) == ("http_4xx", 429, 7.0, False)
    with pytest.raises(FetchError) as down:
        await fetch(client, server.url("/down"), limits=LIMITS)
    assert down.value.kind == "http_5xx" and 100 < (down.value.retry_after or 0) <= 120
    assert down.value.reason.startswith("HTTP 503 Service Unavailable (Retry-After 1")


async def test_fetch_flags_410_as_gone(server, client):
    server.routes["/fetch-gone"] = Response(410, b"")
    with pytest.raises(FetchError) as gone:
        await fetch(client, server.url("/fetch-gone"), limits=LIMITS)
    assert gone.value.gone and gone.value.reason == "HTTP 410 Gone"


async def test_gzip_bomb_is_stopped_before_it_is_in_memory(server, client):
    server.routes["/bomb"] = Response(200, GZIP_BOMB, {**RSS_TYPE, "Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="once decompressed"):
            await fetch(client, server.url("/bomb"), limits=LIMITS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * LIMITS.max_bytes  # 50 MB were on offer; inflating whole network chunks would take ~64 MB


async def test_gzip_and_deflate_feeds_are_decoded(server, client):
    body = rss([GOOD]).body
    server.routes["/gzip"] = Response(200, zlib.compress(body, wbits=16 + zlib.MAX_WBITS), {"Content-Encoding": "gzip"})
    server.routes["/deflate"] = Response(200, zlib.compress(body), {"Content-Encoding": "deflate"})
    assert (await fetch(client, server.url("/gzip"), limits=LIMITS)).body == body
    assert (await fetch(client, server.url("/deflate"), limits=LIMITS)).body == body


async def test_conditional_get_sends_validators_and_304_emits_nothing(server, client):
    first = rss([GOOD])
    server.routes["/etag.xml"] = [
        Response(200, first.body, {**first.headers, "ETag": '"v1"', "Last-Modified": "Wed, 01 May 2024 12:00:00 GMT"}),
        Response(304, b""),
    ]
    producer = RecordingProducer()
    poller = Poller(Settings(), producer, client, NO_METRICS, LIMITS)  # type: ignore[arg-type]
    source = Source(id="etag", url=server.url("/etag.xml"))
    assert (await poller.poll(source)).emitted == 1
    assert (await poller.poll(source)).result == "not_modified"
    again = server.received("/etag.xml", "GET")[-1].headers
    assert again["If-None-Match"] == '"v1"' and again["If-Modified-Since"] == "Wed, 01 May 2024 12:00:00 GMT"


async def test_at_most_two_fetches_per_host_at_once(misbehaving, client):
    slots = HostSlots(per_host=2)
    misbehaving.peak = 0
    results = await asyncio.gather(*(fetch(client, misbehaving.url("/slow"), limits=LIMITS, slots=slots) for _ in range(6)))
    assert [r.status for r in results] == [200] * 6
    assert misbehaving.peak == 2


async def test_source_answering_410_is_disabled_with_a_warning(server, client, caplog):
    server.routes["/removed.xml"] = Response(410, b"")
    poller = Poller(Settings(), RecordingProducer(), client, NO_METRICS, LIMITS)  # type: ignore[arg-type]
    source = Source(id="removed", url=server.url("/removed.xml"), interval_seconds=1)
    with caplog.at_level(logging.WARNING, logger="tocsin.connectors.poller"):
        await asyncio.wait_for(poller.run_source(source), timeout=5)  # returns instead of polling forever
    assert f"source removed ({source.url}): disabled: HTTP 410 Gone" in caplog.text
    assert len(server.received("/removed.xml", "GET")) == 1
