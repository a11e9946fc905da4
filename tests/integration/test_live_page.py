"""The live page in headless Chromium, fed from the real broker: alert text shown as text, links, chart points."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from tests.helpers.http import free_port, wait_for
from tests.helpers.kafka import produce
from tests.integration.conftest import BOOTSTRAP
from tocsin import PROJECT_ROOT
from tocsin.records import Alert, AlertCounts, AlertEvidence, AlertStatus, Escalation, Severity, SignalType

CHROMIUM = "/usr/bin/chromium"
TOKEN = "live-test-token"
PWNED_TITLE = "Shelling <script>window.__pwned=1</script> near Stepanakert"
PWNED_SUMMARY = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> two sources"
RUNNER = (
    "import asyncio; from tocsin.live import run_live; from tocsin.settings import load_settings; asyncio.run(run_live(load_settings()))"
)


def records(now: datetime) -> tuple[Alert, list[Escalation]]:
    evidence = [
        AlertEvidence(
            signal_type=SignalType.SHELLING,
            title=PWNED_TITLE,
            source_id="outlet-a",
            url="https://news.example.org/stepanakert-shelling",
            published=now,
            excerpt="shelled",
        ),
        AlertEvidence(
            signal_type=SignalType.SHELLING,
            title="A link that must not be one",
            source_id="outlet-b",
            url="javascript:document.body.setAttribute('data-pwned','2')",
            published=now,
            excerpt="shelling",
        ),
    ]
    alert = Alert(
        rule_id="violent-escalation",
        severity=Severity.CRITICAL,
        fingerprint="fp-live",
        status=AlertStatus.FIRING,
        revision=1,
        labels={"region": "south_caucasus"},
        title="Escalation in south_caucasus: <b>shelling</b>",
        summary=PWNED_SUMMARY,
        evidence=evidence,
        counts=AlertCounts(signals=2, stories=1, sources=2),
        first_seen=now,
        last_seen=now,
    )
    points = [
        Escalation(
            region=region,
            at=now - timedelta(hours=hours),
            windows={"1h": score, "6h": score, "24h": score},
            baseline=1.0,
            zscore=score - 1.0,
            signals=3,
        )
        for region, offset in (("south_caucasus", 0.0), ("middle_east", 2.0))
        for hours, score in ((6, 1.0 + offset), (3, 4.0 + offset), (1, 9.0 + offset), (0, 5.0 + offset))
    ]
    return alert, points


def ensure_chromium() -> str:
    """Chromium from Debian (as `make system-deps` installs it); a missing browser fails the test."""
    if not os.access(CHROMIUM, os.X_OK) and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium",
            shell=True,
            check=False,
            timeout=900,
            capture_output=True,
        )
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing; run `make system-deps` (apt-get install chromium)")
    return CHROMIUM


def state(url: str) -> dict | None:
    request = urllib.request.Request(url + "/api/state", headers={"Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return json.load(response)
    except OSError:
        return None


@contextmanager
def live_server(pipeline_env: dict[str, str], tmp_path: Path, points: int = 8) -> Iterator[str]:
    """`run_live` in a subprocess on a free port, once it has read the alert and `points` escalation points."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **pipeline_env, "TOCSIN_LIVE_PORT": str(port), "TOCSIN_LIVE_TOKEN": TOKEN}
    log_path = tmp_path / "live.log"
    live = subprocess.Popen([sys.executable, "-c", RUNNER], cwd=PROJECT_ROOT, env=env, stdout=log_path.open("wb"), stderr=subprocess.STDOUT)
    try:

        def loaded() -> dict | None:
            if live.poll() is not None:
                raise AssertionError(f"run_live exited: {log_path.read_text()[-3000:]}")
            current = state(url)
            return current if current and current["alerts"] and sum(map(len, current["escalation"].values())) == points else None

        wait_for(loaded, 60, "the live server to read the alert and the escalation points")
        yield url
    finally:
        live.terminate()
        live.wait(timeout=30)


def dump_dom(chromium: str, url: str, profile: Path) -> str:
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_live_page_shows_alerts_as_text_with_links_and_a_chart(pipeline_env, tmp_path):
    chromium = ensure_chromium()
    prefix = pipeline_env["TOCSIN_TOPIC_PREFIX"]
    alert, points = records(datetime.now(UTC))
    produce(BOOTSTRAP, prefix + "alerts", [(alert.fingerprint.encode(), alert.to_bytes())])
    produce(BOOTSTRAP, prefix + "escalation", [(p.region.encode(), p.to_bytes()) for p in points])

    with live_server(pipeline_env, tmp_path) as url:
        # Polling, not the event stream: Chromium's --virtual-time-budget stops the clock while any
        # request is pending, and an event stream always is (the next test follows the stream).
        dom = dump_dom(chromium, f"{url}/?token={TOKEN}&transport=poll", tmp_path / "chromium-profile")

    assert re.search(r'<body[^>]*data-rendered="\d+"', dom), f"the page did not render:\n{dom[:3000]}"
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body, "feed text ran as code"
    assert not re.search(r"<(img|b)\b", dom), "feed markup became elements"
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in dom, "the title's <script> is shown as text"
    assert "Escalation in south_caucasus: &lt;b&gt;shelling&lt;/b&gt;" in dom
    assert "&lt;img src=x onerror=" in dom
    assert '<a class="evidence-link" href="https://news.example.org/stepanakert-shelling"' in dom
    assert re.findall(r'<a [^>]*href="([^"]*)"', dom) == ["https://news.example.org/stepanakert-shelling"], "only http(s) URLs become links"
    assert '<span class="evidence-title">A link that must not be one</span>' in dom
    assert re.search(
        r'<li class="incident critical" data-region="south_caucasus"><h3>.*?<li class="alert critical" data-fingerprint="fp-live">', dom
    ), "the alert is shown inside its region's incident"
    counts = {region: int(count) for region, count in re.findall(r'data-region="([^"]+)" data-count="(\d+)"', dom)}
    assert counts == {"middle_east": 4, "south_caucasus": 4}, counts


def test_live_page_follows_new_records_over_server_sent_events(pipeline_env, tmp_path):
    """The default transport in a real browser: a new alert and a new point appear without a reload."""
    chromium = ensure_chromium()
    prefix = pipeline_env["TOCSIN_TOPIC_PREFIX"]
    now = datetime.now(UTC)
    alert, points = records(now)
    produce(BOOTSTRAP, prefix + "alerts", [(alert.fingerprint.encode(), alert.to_bytes())])
    produce(BOOTSTRAP, prefix + "escalation", [(p.region.encode(), p.to_bytes()) for p in points])
    debug_port = free_port()
    with live_server(pipeline_env, tmp_path) as url:
        browser = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--remote-debugging-port={debug_port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            second = alert.model_copy(update={"fingerprint": "fp-second", "title": "Second alert, pushed"})
            later = points[0].model_copy(update={"at": now + timedelta(seconds=1)})

            def push() -> None:
                produce(BOOTSTRAP, prefix + "alerts", [(second.fingerprint.encode(), second.to_bytes())])
                produce(BOOTSTRAP, prefix + "escalation", [(later.region.encode(), later.to_bytes())])

            seen = asyncio.run(follow_page(debug_port, f"{url}/?token={TOKEN}", push))
        finally:
            browser.terminate()
            browser.wait(timeout=30)
    assert seen["before"]["alerts"] == 1 and seen["after"]["alerts"] == 2, seen
    assert seen["after"]["incidents"] == [["south_caucasus", 2]], "the pushed alert joins its region's incident"
    assert "Second alert, pushed" in seen["after"]["titles"]
    assert seen["after"]["points"] == seen["before"]["points"] + 1, seen
    assert seen["after"]["kept"], "updated in place: a reload would have dropped the marker set before the push"


PAGE_FACTS = """({rendered: document.body.dataset.rendered || null,
  alerts: document.querySelectorAll('.alert').length,
  titles: Array.from(document.querySelectorAll('.alert-title'), e => e.textContent),
  incidents: Array.from(document.querySelectorAll('.incident'), i => [i.dataset.region, i.querySelectorAll('.alert').length]),
  points: Array.from(document.querySelectorAll('g.series'), g => +g.dataset.count).reduce((a, b) => a + b, 0),
  kept: window.__kept === 1})"""


async def follow_page(debug_port: int, url: str, push) -> dict:
    """Open `url` over the DevTools protocol, read the page, call `push`, read it again once it changed."""
    async with aiohttp.ClientSession() as session:
        targets = await wait_async(lambda: _targets(session, debug_port), 30, "Chromium's DevTools endpoint")
        page = next(t for t in targets if t["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            calls = iter(range(1, 10_000))

            async def evaluate(expression: str = PAGE_FACTS):
                number = next(calls)
                await ws.send_json(
                    {"id": number, "method": "Runtime.evaluate", "params": {"expression": expression, "returnByValue": True}}
                )
                while (message := await ws.receive_json()).get("id") != number:
                    pass  # events and the navigation's answer
                return message["result"]["result"].get("value")

            await ws.send_json({"id": 0, "method": "Page.navigate", "params": {"url": url}})
            before = await wait_async(
                lambda: _when(evaluate, lambda f: f["rendered"] and f["alerts"] == 1 and f["points"] == 8), 30, "the first render"
            )
            await evaluate("window.__kept = 1")
            await asyncio.to_thread(push)
            after = await wait_async(lambda: _when(evaluate, lambda f: f["alerts"] == 2 and f["points"] == 9), 30, "the pushed update")
            return {"before": before, "after": after}


async def _targets(session: aiohttp.ClientSession, port: int) -> list | None:
    try:
        async with session.get(f"http://127.0.0.1:{port}/json") as response:
            return await response.json()
    except aiohttp.ClientError:
        return None


async def _when(read, accept) -> dict | None:
    value = await read()
    return value if value and accept(value) else None


async def wait_async(probe, timeout: float, what: str):
    """Await `probe()` until truthy, or fail with `what`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        value = await probe()
        if value:
            return value
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
