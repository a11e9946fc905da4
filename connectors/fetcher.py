"""HTTP fetching with one shared client: explicit timeouts, limits and conditional GET.

A source is somebody else's server: slow, broken or hostile. Every guard here
keeps one bad source from costing unbounded time or memory:

- connect and read timeouts (httpx) bound silence; a TOTAL deadline
  (`asyncio.timeout`) bounds a server that trickles one byte a second, which
  never trips a read timeout;
- the body limit holds on the wire and after decompression, inflated in bounded
  steps so a gzip bomb is stopped before it is in memory;
- redirects are capped by the client;
- at most `per_host` fetches run against one host at a time;
- every failure is a FetchError with a one-line reason, a bounded `kind` (a
  metric label), `retry_after` for 429/503 and `gone` for 410.
"""

from __future__ import annotations

import asyncio
import contextlib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urlsplit

import httpx

from tocsin.text import one_line

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5

ErrorKind = Literal["timeout", "connection", "too_many_redirects", "http_3xx", "http_4xx", "http_5xx", "gone", "too_large", "bad_encoding"]


class FetchError(Exception):
    """A fetch that produced no usable body; the message is fit for a log line."""

    def __init__(self, reason: str, kind: ErrorKind, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.kind: ErrorKind = kind
        self.status = status
        self.retry_after = retry_after

    @property
    def gone(self) -> bool:
        """HTTP 410: the publisher says the feed will not come back, so polling it is pointless."""
        return self.kind == "gone"


@dataclass(frozen=True)
class FetchLimits:
    """The bounds of one fetch; small values in tests, defaults derived from settings in production."""

    connect_seconds: float = 5.0
    read_seconds: float = 10.0
    total_seconds: float = 30.0
    max_bytes: int = MAX_BODY_BYTES
    max_redirects: int = MAX_REDIRECTS
    per_host: int = 2

    @classmethod
    def from_timeout(cls, timeout_seconds: float) -> FetchLimits:
        """Derive all timeouts from the one `http_timeout_seconds` setting (read = it, total = 3x it)."""
        return cls(connect_seconds=min(5.0, timeout_seconds), read_seconds=timeout_seconds, total_seconds=3 * timeout_seconds)


DEFAULT_LIMITS = FetchLimits()


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostSlots:
    """One semaphore per host, so a site with many feeds in the catalog never sees more than `per_host` fetches at once.

    Keyed by the URL's host and port before redirects. Create it inside the running
    event loop that uses it (asyncio primitives belong to one loop).
    """

    def __init__(self, per_host: int = 2):
        self.per_host = per_host
        self._slots: dict[str, asyncio.Semaphore] = {}

    def __call__(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc.lower()
        return self._slots.setdefault(host, asyncio.Semaphore(self.per_host))


def make_client(user_agent: str, limits: FetchLimits, max_connections: int = 100) -> httpx.AsyncClient:
    """The one client all polling shares, so connection pools and limits are global.

    Accept-Encoding is pinned to what `_inflate` can decode in bounded steps; httpx
    would otherwise also offer br/zstd whenever those packages happen to be installed.
    """
    return httpx.AsyncClient(
        headers={
            "User-Agent": user_agent,
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        },
        timeout=httpx.Timeout(
            connect=limits.connect_seconds, read=limits.read_seconds, write=limits.read_seconds, pool=limits.total_seconds
        ),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections // 2),
        follow_redirects=True,
        max_redirects=limits.max_redirects,
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    *,
    limits: FetchLimits = DEFAULT_LIMITS,
    slots: HostSlots | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> Fetched:
    """GET `url` conditionally within `limits`; raises FetchError, never a bare httpx error.

    The total deadline starts once a host slot is free: waiting for our own
    politeness limit is not the server's fault. `extra_headers` are the source's
    own (tocsin.connectors.headers checked them), e.g. a token the publisher requires.
    """
    headers = dict(extra_headers or {})
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    async with slots(url) if slots else contextlib.nullcontext():
        try:
            async with asyncio.timeout(limits.total_seconds):
                return await _get(client, url, headers, limits.max_bytes)
        except TimeoutError as exc:
            raise FetchError(f"timed out: no complete response within {limits.total_seconds:g} s", "timeout") from exc
        except httpx.HTTPError as exc:
            raise _transport_error(exc, client) from exc


def _transport_error(exc: httpx.HTTPError, client: httpx.AsyncClient) -> FetchError:
    """A one-line FetchError for an httpx failure that names the timeout or limit that was hit."""
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(f"more than {client.max_redirects} redirects (a redirect loop?)", "too_many_redirects")
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError(f"timed out connecting (after {client.timeout.connect:g} s)", "timeout")
    if isinstance(exc, httpx.ReadTimeout):
        return FetchError(f"timed out: no data for {client.timeout.read:g} s", "timeout")
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"timed out ({type(exc).__name__})", "timeout")
    return FetchError(one_line(f"{type(exc).__name__}: {exc}"), "connection")


async def _get(client: httpx.AsyncClient, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
    async with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return _fetched(response, b"")
        if response.status_code >= 300:
            raise _http_error(response)
        return _fetched(response, await _read_limited(response, max_bytes))


def _http_error(response: httpx.Response) -> FetchError:
    """A FetchError for a status >= 300, with Retry-After when the server asked us to slow down."""
    status = response.status_code
    retry_after = parse_retry_after(response.headers.get("Retry-After")) if status in (429, 503) else None
    reason = one_line(f"HTTP {status} {response.reason_phrase}")
    if retry_after is not None:
        reason += f" (Retry-After {retry_after:.0f} s)"
    kind: ErrorKind = "gone" if status == 410 else _STATUS_KINDS.get(status // 100, "http_5xx")
    return FetchError(reason, kind, status, retry_after)


#: The error kind of an HTTP status by its first digit; any other (5xx) is http_5xx.
_STATUS_KINDS: dict[int, ErrorKind] = {3: "http_3xx", 4: "http_4xx"}


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; "-0000" parses as naive
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, refused as soon as it (or its declared length) exceeds `max_bytes`."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"body of {declared} bytes exceeds the limit of {max_bytes}", "too_large")
    coding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    inflater = _inflater(coding)
    body = bytearray()
    async for chunk in response.aiter_raw():
        body += _inflate(inflater, chunk, max_bytes - len(body) + 1, coding)
        if len(body) > max_bytes:
            after = f" once decompressed ({coding})" if inflater else ""
            raise FetchError(f"body exceeds the limit of {max_bytes} bytes{after}", "too_large")
    return bytes(body)


def _inflater(coding: str) -> zlib._Decompress | None:
    """A zlib decompressor for gzip/deflate (header auto-detected), None for identity."""
    if coding in ("identity", ""):
        return None
    if coding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(zlib.MAX_WBITS | 32)
    raise FetchError(one_line(f"unsupported Content-Encoding {coding!r}"), "bad_encoding")


def _inflate(inflater: zlib._Decompress | None, chunk: bytes, room: int, coding: str) -> bytes:
    """At most `room` bytes of output, so the caller sees a bomb before it is in memory.

    httpx's own decoders inflate a whole network chunk at once (up to ~1000x).
    Output shorter than `room` means zlib consumed all the input.
    """
    if inflater is None:
        return chunk
    try:
        return inflater.decompress(chunk, room)
    except zlib.error as exc:
        raise FetchError(one_line(f"could not decompress the {coding} body: {exc}"), "bad_encoding") from exc


def _fetched(response: httpx.Response, body: bytes) -> Fetched:
    return Fetched(
        url=str(response.url),
        status=response.status_code,
        body=body,
        content_type=response.headers.get("Content-Type"),
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )
