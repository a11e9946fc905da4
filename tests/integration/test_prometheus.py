"""Tocsin's metrics as a real Prometheus scrapes them, and `tocsin status` on the real broker."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.helpers.http import free_port, wait_for
from tests.integration.conftest import start_role
from tests.integration.test_pipeline import SHELLING, STRIKE, setup_sources
from tocsin.settings import load_settings
from tocsin.status import status

PROMETHEUS = Path("/usr/bin/prometheus")


def query(base: str, expr: str) -> list[dict]:
    """The instant vector `expr` evaluates to now (empty while nothing matches)."""
    response = httpx.get(f"{base}/api/v1/query", params={"query": expr}, timeout=5)
    response.raise_for_status()
    return response.json()["data"]["result"]


@pytest.fixture
def prometheus(tmp_path: Path) -> Iterator[Callable[[int], str]]:
    """Starts Prometheus scraping 127.0.0.1:PORT every second; returns its base URL."""
    if not PROMETHEUS.exists():
        pytest.fail(f"{PROMETHEUS} is missing: run `make system-deps` (Debian package `prometheus`)")
    started: list[subprocess.Popen] = []

    def start(target_port: int) -> str:
        config = tmp_path / "prometheus.yml"
        config.write_text(
            yaml.safe_dump(
                {
                    "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                    "scrape_configs": [{"job_name": "tocsin", "static_configs": [{"targets": [f"127.0.0.1:{target_port}"]}]}],
                }
            ),
            encoding="utf-8",
        )
        base = f"http://127.0.0.1:{free_port()}"
        log = (tmp_path / "prometheus.log").open("wb")
        started.append(
            subprocess.Popen(
                [
                    str(PROMETHEUS),
                    f"--config.file={config}",
                    f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                    f"--web.listen-address={base.removeprefix('http://')}",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        wait_for(lambda: ready(base, started[0]), 20, "Prometheus to be ready")
        return base

    yield start
    for process in started:
        process.kill()
        process.wait()


def ready(base: str, process: subprocess.Popen) -> bool:
    if process.poll() is not None:
        raise AssertionError(f"prometheus exited with {process.returncode}")
    try:
        return httpx.get(f"{base}/-/ready", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


def test_prometheus_scrapes_fetches_signals_and_histograms(pipeline_env, server, roles, tmp_path, prometheus):
    metrics_port = free_port()
    overrides = setup_sources(tmp_path, server, {"wire": [SHELLING, STRIKE]})
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_METRICS_PORT=str(metrics_port), **overrides)
    base = prometheus(metrics_port)

    for expr in (
        'tocsin_fetches_total{result="ok", source="wire"} > 0',
        'tocsin_signals_total{type="shelling", region="south_caucasus"} > 0',
        'tocsin_fetch_duration_seconds_count{source="wire"} > 0',
        'tocsin_alert_delivery_latency_seconds_count{since="fetched"} > 0',
        'tocsin_consumer_lag{topic="articles.raw", partition=~"[0-3]"} >= 0',
    ):  # per partition it committed on
        wait_for(lambda expr=expr: query(base, expr), 60, f"Prometheus to answer {expr}", interval=0.5, running=roles)
    assert query(base, 'up{job="tocsin"} == 1'), "the scrape target is up"


def test_status_shows_lag_last_alert_delivery_and_sources(pipeline_env, server, roles, tmp_path):
    metrics_port = free_port()
    overrides = setup_sources(tmp_path, server, {"wire": [SHELLING]})
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_METRICS_PORT=str(metrics_port), **overrides)
    wait_for(lambda: server.received("/hook"), 90, "the alert to be delivered", running=roles)
    settings = load_settings(environ={**pipeline_env, **overrides})
    metrics = [f"http://127.0.0.1:{metrics_port}/metrics"]

    screens = [""]

    def complete() -> str | None:
        screens.append(status(settings, metrics))
        # the newest delivery record: slack or console, whichever receiver finished last (they run concurrently)
        return screens[-1] if "no committed offsets" not in screens[-1] and " delivered to " in screens[-1] else None

    try:
        text = wait_for(complete, 30, "both groups to commit and the delivery record to land", interval=1, running=roles)
    except AssertionError as exc:
        raise AssertionError(f"{exc}; the last screen:\n{screens[-1]}") from None
    topics = settings.topics
    assert f"{settings.app_id} " in text and topics.raw in text, text
    assert f"{settings.app_id}-notifier" in text and topics.alerts in text, text
    assert "CRITICAL firing rev 1 violence: " in text and "south_caucasus" in text, text
    assert "Sources         1 ok, 0 failing" in text and "wire" in text, text


def test_with_metrics_off_the_pipeline_alerts_and_nothing_serves_metrics(pipeline_env, server, roles, tmp_path):
    """TOCSIN_METRICS_ENABLED=false: every metric call site runs against the no-op stand-ins, and the port stays closed."""
    metrics_port = free_port()
    overrides = setup_sources(tmp_path, server, {"wire": [SHELLING]})
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_METRICS_ENABLED="false", TOCSIN_METRICS_PORT=str(metrics_port), **overrides)
    wait_for(lambda: server.received("/hook"), 90, "the alert to be delivered with metrics off", running=roles)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=2)
    assert "Traceback" not in roles[0].output(), roles[0].output()[-3000:]
