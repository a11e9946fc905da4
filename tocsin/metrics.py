"""Metrics on or off for the whole process, decided once at start (`metrics_enabled`).

Off means no /metrics server and no metric updates: every module-level metric in
METRIC_MODULES is swapped for a stand-in whose methods do nothing, so call sites
stay free of `if metrics_enabled` and pay one no-op call. Call sites must look a
metric up through its module (`metrics.SIGNALS`, or a module global) at call
time, never bind it at import, or the swap does not reach them.
"""

from __future__ import annotations

import importlib
from typing import Any

from prometheus_client import start_http_server
from prometheus_client.metrics import MetricWrapperBase

from tocsin.settings import Settings

#: Every module that defines Prometheus metrics (tests/unit/test_metrics_switch.py checks the list is complete).
METRIC_MODULES = ("connectors.metrics", "streams.metrics", "streams.deadletter", "streams.notify.metrics")


class NoMetric:
    """Accepts every metric call Tocsin makes and does nothing; `labels` returns itself."""

    def labels(self, *values: Any, **labels: Any) -> NoMetric:
        return self

    def inc(self, amount: float = 1) -> None:
        pass

    def dec(self, amount: float = 1) -> None:
        pass

    def set(self, value: float) -> None:
        pass

    def set_to_current_time(self) -> None:
        pass

    def observe(self, amount: float) -> None:
        pass


NO_METRIC = NoMetric()


def start_metrics(settings: Settings) -> None:
    """Serve /metrics on `metrics_port` (0: not served); with metrics off, silence every metric instead."""
    if not settings.metrics_enabled:
        disable_metrics()
    elif settings.metrics_port:
        start_http_server(settings.metrics_port, addr=settings.metrics_host)


def disable_metrics() -> None:
    """Swap every metric of METRIC_MODULES for NO_METRIC."""
    for module_name in METRIC_MODULES:
        module = importlib.import_module(module_name)
        for name, value in list(vars(module).items()):
            if isinstance(value, MetricWrapperBase):
                setattr(module, name, NO_METRIC)
