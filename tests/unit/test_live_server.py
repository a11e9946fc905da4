"""The live page over HTTP (aiohttp's test client, no broker): token, cookie, headers, escaping, events."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.unit.factories import T0, alert, evidence_item
from tocsin.live.server import COOKIE, STATIC, Hub, apply_record, create_app, run_live
from tocsin.live.state import LiveState
from tocsin.records import Escalation
from tocsin.settings import Settings

TOKEN = "s3cret-token"
XSS_TITLE = "<script>alert(1)</script> Shelling"


def hub_with_data() -> Hub:
    hub = Hub(LiveState(), clock=lambda: T0)
    hub.state.add_alert(alert(title=XSS_TITLE, evidence=[evidence_item(url="javascript:alert(1)"), evidence_item()]))
    hub.state.add_escalation(Escalation(region="south_caucasus", at=T0, windows={"1h": 3.0}, baseline=1.0, zscore=1.5, signals=2))
    return hub


@pytest.fixture
async def client() -> AsyncIterator[TestClient]:
    hub = hub_with_data()
    async with TestClient(TestServer(create_app(hub))) as test_client:
        yield test_client
        await hub.close()


@pytest.fixture
async def locked() -> AsyncIterator[TestClient]:
    hub = hub_with_data()
    async with TestClient(TestServer(create_app(hub, TOKEN))) as test_client:
        yield test_client
        await hub.close()


async def test_every_response_carries_a_strict_content_security_policy(client):
    for path in ("/", "/api/state", "/static/app.js", "/nope"):
        response = await client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_the_page_has_no_inline_script_and_no_external_resource(client):
    html = await (await client.get("/")).text()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="static/app.js" defer>'], "scripts come from this origin only, as files"
    assert "http://" not in html and "https://" not in html, "no CDN: the machine may have no internet"


def test_the_script_never_parses_data_as_html():
    source = (STATIC / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink


async def test_state_is_json_with_feed_text_as_data_and_only_http_links(client):
    response = await client.get("/api/state")
    assert response.content_type == "application/json"
    state = await response.json()
    (shown,) = state["alerts"]
    assert shown["title"] == XSS_TITLE, "text is passed as data; the page sets it with textContent"
    assert [item["link"] for item in shown["evidence"]] == [None, "https://example.com/a"]
    assert state["escalation"]["south_caucasus"] == [[T0.isoformat(), 3.0, 1.5]]


async def test_without_a_token_setting_no_authentication_is_asked(client):
    assert (await client.get("/api/state")).status == 200


async def test_with_a_token_every_path_needs_it(locked):
    for path in ("/", "/api/state", "/events", "/static/app.js"):
        response = await locked.get(path)
        assert response.status == 401, path
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert (await locked.get("/api/state", headers={"Authorization": "Bearer wrong"})).status == 401
    assert (await locked.get("/api/state", headers={"Authorization": f"Bearer {TOKEN}"})).status == 200
    assert (await locked.get("/api/state", headers={"Authorization": f"bearer {TOKEN}"})).status == 200


async def test_a_query_token_is_swapped_once_for_an_http_only_cookie(locked):
    assert (await locked.get("/?token=wrong", allow_redirects=False)).status == 401
    response = await locked.get(f"/?token={TOKEN}&view=1", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/?view=1", "the token leaves the address bar and history"
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    assert TOKEN not in cookie.value, "the cookie is derived from the token, not the token"
    followed = await locked.get("/api/state")  # the client's jar now holds the cookie
    assert followed.status == 200
    locked.session.cookie_jar.clear()
    assert (await locked.get("/api/state")).status == 401
    forged = await locked.get("/api/state", headers={"Cookie": f"{COOKIE}={TOKEN}"})
    assert forged.status == 401


async def test_events_push_the_state_on_connect_and_on_each_change():
    hub = hub_with_data()
    async with TestClient(TestServer(create_app(hub))) as client:
        response = await client.get("/events")
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        first = await asyncio.wait_for(read_event(response), 5)
        assert first["alerts"][0]["title"] == XSS_TITLE
        hub.state.add_alert(alert().model_copy(update={"fingerprint": "fp-2", "title": "second"}))
        await hub.notify()
        second = await asyncio.wait_for(read_event(response), 5)
        assert second["version"] > first["version"]
        assert sorted(a["title"] for a in second["alerts"]) == sorted([XSS_TITLE, "second"])
        await hub.close()
        response.close()


async def read_event(response) -> dict:
    """The data of the next `state` event (keep-alive comments skipped)."""
    data = None
    while True:
        line = (await response.content.readline()).decode().rstrip("\n")
        if line.startswith("data: "):
            data = json.loads(line[len("data: ") :])
        elif line == "" and data is not None:
            return data


def test_invalid_records_are_skipped_not_fatal():
    state = LiveState()
    assert not apply_record(state, "alerts", b"{broken")
    assert not apply_record(state, "escalation", b'{"region": "x"}')
    assert apply_record(state, "alerts", alert().to_bytes())


async def test_run_live_is_off_when_no_port_is_set():
    await asyncio.wait_for(run_live(Settings(live_port=0)), 1)
