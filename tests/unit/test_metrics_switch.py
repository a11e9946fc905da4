"""Each role's metrics in a registry of its own; `metrics_enabled: false` makes every update a no-op and serves nothing."""

from __future__ import annotations

import socket
import urllib.request

import pytest
from prometheus_client import CollectorRegistry

from tests.helpers.http import free_port
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.metrics import NO_METRIC, RoleMetrics, serve_metrics
from tocsin.settings import load_settings
from tocsin.streams.metrics import WorkerMetrics
from tocsin.streams.notify.metrics import NotifierMetrics


def test_metrics_off_define_every_metric_as_the_no_op_and_serve_nothing():
    settings = load_settings(environ={"TOCSIN_METRICS_ENABLED": "false", "TOCSIN_METRICS_PORT": str(free_port())})
    role = RoleMetrics.of(settings)
    assert role.registry is None
    connectors, worker = ConnectorMetrics(role), WorkerMetrics(role)
    for metrics in (connectors, worker, NotifierMetrics(role)):
        assert set(vars(metrics).values()) == {NO_METRIC}, type(metrics).__name__
    connectors.count_fetch("switch-test", "ok")  # a real call site
    worker.consumer_lag.labels("g", "t", "0").set(5)
    assert serve_metrics(settings, [role]) is None
    with pytest.raises(OSError):
        socket.create_connection((settings.metrics_host, settings.metrics_port), timeout=1).close()


def test_each_role_counts_on_its_own_registry():
    poller, worker = RoleMetrics(CollectorRegistry()), RoleMetrics(CollectorRegistry())
    ConnectorMetrics(poller).count_fetch("switch-test-on", "ok")
    WorkerMetrics(worker).articles_in.inc()
    assert poller.registry and worker.registry
    assert poller.registry.get_sample_value("tocsin_fetches_total", {"source": "switch-test-on", "result": "ok"}) == 1.0
    assert worker.registry.get_sample_value("tocsin_fetches_total", {"source": "switch-test-on", "result": "ok"}) is None
    assert worker.registry.get_sample_value("tocsin_articles_received_total") == 1.0


def test_one_process_serves_the_roles_it_runs_on_one_page_with_a_shared_family_once():
    """`all` runs the three roles: the worker's and the notifier's dead letters are one family on the page."""
    settings = load_settings(environ={"TOCSIN_METRICS_PORT": str(free_port()), "TOCSIN_METRICS_HOST": "127.0.0.1"})
    poller, worker, notifier = RoleMetrics.of(settings), RoleMetrics.of(settings), RoleMetrics.of(settings)
    ConnectorMetrics(poller).count_fetch("served", "ok")
    WorkerMetrics(worker).dead_letters.labels("t.articles.raw").inc()
    NotifierMetrics(notifier).dead_letters.labels("t.alerts").inc(2)
    server = serve_metrics(settings, [poller, worker, notifier])
    assert server is not None
    try:
        page = urllib.request.urlopen(f"http://127.0.0.1:{settings.metrics_port}/metrics", timeout=5).read().decode()
    finally:
        server.shutdown()
        server.server_close()
    assert 'tocsin_fetches_total{result="ok",source="served"} 1.0' in page
    assert page.count("# TYPE tocsin_dead_letters_total counter") == 1
    assert 'tocsin_dead_letters_total{topic="t.articles.raw"} 1.0' in page and 'tocsin_dead_letters_total{topic="t.alerts"} 2.0' in page
    assert "process_cpu_seconds_total" in page, "the process's own metrics are served too"
