"""Real local HTTP servers for tests: a feed server whose content changes, and a webhook recorder."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Until:
    """A route that answers `during` until `deadline` (time.monotonic()), then `after`: an outage of a set length."""

    deadline: float
    during: Response
    after: Response


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int = 0
    at: float = 0.0

    def json(self):
        return json.loads(self.body)


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 that answers from `routes` and records requests.

    A route is a Response, a list of Responses served in turn (the last repeats),
    or an `Until`. Each recorded request has the status it got and when it came (time.time()).
    """

    def __init__(self) -> None:
        self.routes: dict[str, Response | list[Response] | Until] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with owner._lock:
                    response = owner._next(self.path.split("?")[0])
                    owner.requests.append(Request(self.command, self.path, dict(self.headers), body, response.status, time.time()))
                self.send_response(response.status)
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = _answer  # noqa: N815 (http.server API)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _next(self, path: str) -> Response:
        route = self.routes.get(path)
        if route is None:
            return Response(404, b"not found")
        if isinstance(route, list):
            return route.pop(0) if len(route) > 1 else route[0]
        if isinstance(route, Until):
            return route.during if time.monotonic() < route.deadline else route.after
        return route

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def received(self, path: str, method: str = "POST") -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?")[0] == path and r.method == method]

    def start(self) -> LocalServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[dict], title: str = "Test feed") -> Response:
    """An RSS 2.0 response; items are dicts with title, link, guid, summary (and optional pubDate, else now: fresh news)."""
    now = format_datetime(datetime.now(UTC), usegmt=True)
    entries = "".join(
        "<item>"
        f"<title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
        f'<guid isPermaLink="false">{escape(item.get("guid", item["link"]))}</guid>'
        f"<description>{escape(item.get('summary', ''))}</description>"
        f"<pubDate>{item.get('pubDate', now)}</pubDate>"
        "</item>"
        for item in items
    )
    body = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>{entries}</channel></rss>'
    return Response(200, body.encode(), {"Content-Type": "application/rss+xml; charset=utf-8"})


def wait_for(predicate: Callable[[], object], timeout: float, what: str, interval: float = 0.2, running: Sequence = ()):
    """Poll `predicate` until truthy; fail with `what` on timeout, or at once when a `running` process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        dead = [role for role in running if role.process.poll() is not None]
        if dead:
            raise AssertionError(f"{dead[0].role} exited with {dead[0].process.returncode} while waiting for {what}")
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def at_least(records: list, count: int) -> list | None:
    """`records` when there are `count` or more, for wait_for predicates."""
    return records if len(records) >= count else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
