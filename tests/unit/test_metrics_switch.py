"""`metrics_enabled: false`: no /metrics server and every metric update a no-op, switched in one place."""

from __future__ import annotations

import importlib
import re
import socket
from collections.abc import Iterator

import pytest
from prometheus_client import REGISTRY

from tests.helpers.http import free_port
from tocsin import PROJECT_ROOT
from tocsin.metrics import METRIC_MODULES, NO_METRIC, start_metrics
from tocsin.settings import Settings, load_settings

_DECLARATION = re.compile(r"\b(?:Counter|Gauge|Histogram|Summary)\(\s*\"tocsin_")


@pytest.fixture
def metrics_off() -> Iterator[Settings]:
    """Metrics off for one test, then the real metric objects back (the process is shared with other tests)."""
    modules = [importlib.import_module(name) for name in METRIC_MODULES]
    saved = [(module, dict(vars(module))) for module in modules]
    settings = load_settings(environ={"TOCSIN_METRICS_ENABLED": "false", "TOCSIN_METRICS_PORT": str(free_port())})
    try:
        start_metrics(settings)
        yield settings
    finally:
        for module, names in saved:
            for name, value in names.items():
                setattr(module, name, value)


def test_every_module_that_declares_a_metric_is_switched():
    declaring = {
        ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
        for folder in ("tocsin", "streams", "connectors")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if _DECLARATION.search(path.read_text(encoding="utf-8"))
    }
    assert declaring == set(METRIC_MODULES)


def test_metrics_off_swaps_every_metric_and_serves_nothing(metrics_off):
    for name in METRIC_MODULES:
        module = importlib.import_module(name)
        assert not [attr for attr, value in vars(module).items() if type(value).__module__.startswith("prometheus_client")], name
    connectors_metrics = importlib.import_module("connectors.metrics")
    before = REGISTRY.get_sample_value("tocsin_fetches_total", {"source": "switch-test", "result": "ok"})
    connectors_metrics.count_fetch("switch-test", "ok")  # a real call site, through the module
    importlib.import_module("streams.metrics").CONSUMER_LAG.labels("g", "t", "0").set(5)
    assert connectors_metrics.FETCHES is NO_METRIC
    assert REGISTRY.get_sample_value("tocsin_fetches_total", {"source": "switch-test", "result": "ok"}) == before is None
    with pytest.raises(OSError):
        socket.create_connection((metrics_off.metrics_host, metrics_off.metrics_port), timeout=1).close()


def test_metrics_on_count_and_the_fixture_restored_them():
    connectors_metrics = importlib.import_module("connectors.metrics")
    connectors_metrics.count_fetch("switch-test-on", "ok")
    assert REGISTRY.get_sample_value("tocsin_fetches_total", {"source": "switch-test-on", "result": "ok"}) == 1.0
