"""The live page: an aiohttp app that serves the page, its state as JSON, and Server-Sent Events.

One aiokafka consumer without a group reads `alerts` and `escalation` from 24 hours
ago and follows them into a `LiveState`; every page gets the state pushed over
`/events` whenever it changes (`/api/state` answers the same JSON for polling).
No group, because each process showing the page needs every partition, and it
must not steal partitions from the notifier or take part in rebalances.

Feed text reaches browsers here, so the page only ever sets it as text (see
static/app.js), and every response carries a Content-Security-Policy that allows
scripts from this origin only: even a missed escape could not run an inline
script. With `live_token` set, every request needs the token: as a Bearer header,
or once as `?token=` which is swapped for an HttpOnly cookie.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web
from pydantic import ValidationError

from tocsin.kafka import existing_partitions, make_consumer, seek_since
from tocsin.live.state import LiveState
from tocsin.records import Alert, Escalation
from tocsin.settings import Settings

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
COOKIE = "tocsin_live"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
KEEPALIVE_SECONDS = 15.0
COALESCE_SECONDS = 0.25


class Hub:
    """The state plus a way for SSE handlers to wait for its next change."""

    def __init__(self, state: LiveState | None = None, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.state = state or LiveState()
        self.clock = clock
        self.closing = False
        self._changed = asyncio.Condition()

    def snapshot(self) -> dict:
        return self.state.snapshot(self.clock())

    async def notify(self) -> None:
        """Wake every waiting page."""
        async with self._changed:
            self._changed.notify_all()

    async def wait(self, timeout: float) -> None:
        """Return at the next change, or after `timeout` (so pages get keep-alives and expiries)."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait(), timeout)
            except TimeoutError:
                pass

    async def close(self) -> None:
        """Let open event streams end, so shutdown does not wait for browsers."""
        self.closing = True
        await self.notify()


HUB = web.AppKey("hub", Hub)
TOKEN = web.AppKey("token", str)


def cookie_value(token: str) -> str:
    """What the cookie holds: derived from the token, so the cookie is not the token itself."""
    return hmac.new(token.encode(), b"tocsin-live-cookie", hashlib.sha256).hexdigest()


def _authorized(request: web.Request, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return True
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), cookie_value(token).encode())


@web.middleware
async def auth_middleware(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
    """Require the token when one is configured; trade `?token=` for a cookie and a clean URL."""
    token = request.app[TOKEN]
    if not token:
        return await handler(request)
    given = request.query.get("token")
    if given is not None:
        if not hmac.compare_digest(given.encode(), token.encode()):
            return _unauthorized()
        clean = request.rel_url.without_query_params("token")
        response = web.Response(status=303, headers={"Location": str(clean)})
        response.set_cookie(COOKIE, cookie_value(token), httponly=True, samesite="Strict", path="/")
        return response
    if not _authorized(request, token):
        return _unauthorized()
    return await handler(request)


def _unauthorized() -> web.Response:
    return web.Response(
        status=401,
        text="unauthorized: send Authorization: Bearer <token>, or open /?token=<token> once\n",
        headers={"WWW-Authenticate": 'Bearer realm="tocsin-live"'},
    )


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Every response, errors and event streams included, carries the CSP and friends."""
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value


async def index(request: web.Request) -> web.Response:
    return web.Response(
        body=(STATIC / "index.html").read_bytes(), content_type="text/html", charset="utf-8", headers={"Cache-Control": "no-store"}
    )


async def api_state(request: web.Request) -> web.Response:
    return web.json_response(request.app[HUB].snapshot(), headers={"Cache-Control": "no-store"})


async def events(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: the full state on connect and after each change, a comment as keep-alive."""
    hub = request.app[HUB]
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    await response.prepare(request)
    sent = -1
    try:
        while not hub.closing:
            snapshot = hub.snapshot()
            if snapshot["version"] != sent:
                await response.write(sse_frame(snapshot))
                sent = snapshot["version"]
            else:
                await response.write(b": keep-alive\n\n")
            await hub.wait(KEEPALIVE_SECONDS)
            await asyncio.sleep(COALESCE_SECONDS)  # a replay changes the state thousands of times: send once
    except ConnectionResetError:
        pass  # the page went away
    return response


def sse_frame(snapshot: dict) -> bytes:
    """One `state` event; json.dumps escapes newlines, so the data is one line."""
    return f"event: state\nid: {snapshot['version']}\ndata: {json.dumps(snapshot, separators=(',', ':'))}\n\n".encode()


def create_app(hub: Hub | None = None, token: str | None = None) -> web.Application:
    """The live page app; `hub` is shared with the consumer that feeds it."""
    app = web.Application(middlewares=[auth_middleware])
    app[HUB] = hub or Hub()
    app[TOKEN] = token or ""
    app.on_response_prepare.append(_security_headers)
    app.router.add_get("/", index)
    app.router.add_get("/api/state", api_state)
    app.router.add_get("/events", events)
    app.router.add_static("/static", STATIC, follow_symlinks=False)
    return app


def apply_record(state: LiveState, kind: str, value: bytes) -> bool:
    """Parse one record of `kind` ('alerts' or 'escalation') into the state; invalid ones are logged and skipped."""
    try:
        if kind == "alerts":
            return state.add_alert(Alert.from_bytes(value))
        return state.add_escalation(Escalation.from_bytes(value))
    except ValidationError as exc:
        log.warning("live: skipping an invalid %s record: %s", kind, exc.errors(include_url=False)[0]["msg"])
        return False


async def follow(settings: Settings, hub: Hub, window_seconds: float | None = None) -> None:
    """Read `alerts` and `escalation` from `window_seconds` ago (24 h) and follow them into the hub."""
    window_seconds = window_seconds or hub.state.window.total_seconds()
    kinds = {settings.topics.alerts: "alerts", settings.topics.escalation: "escalation"}
    consumer = make_consumer(settings, client_id=f"{settings.app_id}-live", group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = await existing_partitions(consumer, list(kinds), attempts=None, interval=2.0)
        consumer.assign(partitions)
        await seek_since(consumer, partitions, time.time() - window_seconds)
        while True:
            batches = await consumer.getmany(timeout_ms=1000)
            changed = False
            for tp, messages in batches.items():
                for message in messages:
                    changed |= apply_record(hub.state, kinds[tp.topic], message.value)
            if changed:
                await hub.notify()
    finally:
        await consumer.stop()


async def follow_forever(settings: Settings, hub: Hub) -> None:
    """`follow`, restarted after a broker error with a fresh state (a replay would double chart points)."""
    while True:
        try:
            await follow(settings, hub)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("live: reading alerts and escalation failed; retrying in 5 s")
            await asyncio.sleep(5.0)
            hub.state = LiveState()
            await hub.notify()


async def run_live(settings: Settings) -> None:
    """Serve the live page on `live_host:live_port` until cancelled; returns at once when `live_port` is 0."""
    if not settings.live_port:
        return
    hub = Hub()
    runner = web.AppRunner(create_app(hub, settings.live_token), access_log=None, shutdown_timeout=2.0)
    await runner.setup()
    await web.TCPSite(runner, settings.live_host, settings.live_port).start()
    log.info("live page on http://%s:%d/", settings.live_host, settings.live_port)
    try:
        await follow_forever(settings, hub)
    finally:
        await hub.close()
        await runner.cleanup()
