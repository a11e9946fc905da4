"""The demo's news outlets: RSS feeds whose items appear on the timeline's schedule."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from tocsin.config import read_yaml

TIMELINE = Path(__file__).with_name("timeline.yaml")


class Timeline:
    """The scripted outlets and items; `visible(outlet, elapsed)` is what a feed shows."""

    def __init__(self, path: Path = TIMELINE):
        data, _ = read_yaml(path)
        self.outlets: list[dict] = data["outlets"]
        self.items: list[dict] = data["items"]
        self.start = datetime.now(UTC)

    def visible(self, outlet: str, elapsed: float) -> list[dict]:
        shown = [item for item in self.items if item["outlet"] == outlet and item["at"] <= elapsed]
        return sorted(shown, key=lambda item: -item["at"])

    def rss(self, outlet: dict, elapsed: float) -> bytes:
        entries = "".join(
            "<item>"
            f"<title>{escape(item['title'])}</title>"
            f"<link>{escape(item['link'])}</link>"
            f'<guid isPermaLink="false">{escape(item["guid"])}</guid>'
            f"<pubDate>{format_datetime(self.start + timedelta(seconds=item['at']))}</pubDate>"
            f"<description>{escape(item['summary'])}</description>"
            "</item>"
            for item in self.visible(outlet["id"], elapsed)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(outlet['title'])}</title><link>https://{outlet['id']}.example/</link>"
            f"<language>{outlet.get('language', 'en')}</language>{entries}</channel></rss>"
        ).encode()


class FeedServer:
    """Serves `/<outlet id>.xml` on 127.0.0.1 from a background thread."""

    def __init__(self, timeline: Timeline, port: int = 0):
        self.timeline = timeline
        self.started = time.monotonic()
        outlets = {outlet["id"]: outlet for outlet in timeline.outlets}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                outlet = outlets.get(self.path.strip("/").removesuffix(".xml"))
                if outlet is None:
                    self.send_error(404)
                    return
                body = timeline.rss(outlet, time.monotonic() - server.started)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def catalog(self, interval_seconds: float) -> dict:
        """A source catalog pointing at this server's feeds."""
        return {
            "sources": [
                {
                    "id": o["id"],
                    "title": o["title"],
                    "url": f"{self.base_url}/{o['id']}.xml",
                    "language": o.get("language", "en"),
                    "interval_seconds": interval_seconds,
                }
                for o in self.timeline.outlets
            ]
        }

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
