"""HTTP fetching with one shared client: explicit timeouts, limits and conditional GET."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A fetch that produced no usable body; the message is fit for a log line."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


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


def make_client(user_agent: str, timeout_seconds: float, max_connections: int = 100) -> httpx.AsyncClient:
    """The one client all polling shares, so connection pools and limits are global."""
    return httpx.AsyncClient(
        headers={"User-Agent": user_agent, "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"},
        timeout=httpx.Timeout(timeout_seconds, connect=min(5.0, timeout_seconds)),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections // 2),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
    )


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = MAX_BODY_BYTES,
) -> Fetched:
    """GET `url`, conditionally; the body limit holds after decompression too."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return _fetched(response, b"")
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}", response.status_code)
            body = await _read_limited(response, max_bytes)
            return _fetched(response, body)
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc


async def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"body of {declared} bytes exceeds the limit of {max_bytes}")
    chunks = bytearray()
    async for chunk in response.aiter_bytes():
        chunks += chunk
        if len(chunks) > max_bytes:
            raise FetchError(f"body exceeds the limit of {max_bytes} bytes")
    return bytes(chunks)


def _fetched(response: httpx.Response, body: bytes) -> Fetched:
    return Fetched(
        url=str(response.url),
        status=response.status_code,
        body=body,
        content_type=response.headers.get("Content-Type"),
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )
