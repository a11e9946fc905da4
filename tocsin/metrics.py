"""Each role's metrics in a registry of its own; on or off for the whole process, decided once at start.

A role (connectors, worker, notifier) gets one `RoleMetrics` from tocsin.roles; each
layer defines its metrics on it (tocsin.connectors.metrics, tocsin.streams.metrics,
tocsin.streams.notify.metrics) and hands the resulting object down to its call sites, so
nothing is global and a test counts on a registry of its own. With metrics off
(`metrics_enabled: false`) the same definitions return one stand-in whose methods
do nothing: call sites stay free of `if metrics_enabled` and pay one no-op call,
and nothing is served.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, Self
from wsgiref.simple_server import WSGIServer

import prometheus_client as prometheus
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import CollectorRegistry

from tocsin.settings import Settings


class Counter(Protocol):
    """What call sites may do with a counter: the real one or `NoMetric`."""

    def labels(self, *values: str) -> Self: ...

    def inc(self, amount: float = 1) -> None: ...


class Gauge(Protocol):
    def labels(self, *values: str) -> Self: ...

    def inc(self, amount: float = 1) -> None: ...

    def dec(self, amount: float = 1) -> None: ...

    def set(self, value: float) -> None: ...

    def set_to_current_time(self) -> None: ...


class Histogram(Protocol):
    def labels(self, *values: str) -> Self: ...

    def observe(self, amount: float) -> None: ...


class NoMetric:
    """Accepts every metric call Tocsin makes and does nothing; `labels` returns itself."""

    def labels(self, *values: str) -> Self:
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


class RoleMetrics:
    """Where one role defines its metrics: its own registry, or none (metrics off: every metric is NO_METRIC)."""

    def __init__(self, registry: CollectorRegistry | None):
        self.registry = registry

    @classmethod
    def of(cls, settings: Settings) -> RoleMetrics:
        """A fresh registry, or none when metrics are off."""
        return cls(CollectorRegistry() if settings.metrics_enabled else None)

    def counter(self, name: str, documentation: str, labels: Sequence[str] = ()) -> Counter:
        if self.registry is None:
            return NO_METRIC
        return prometheus.Counter(name, documentation, labels, registry=self.registry)

    def gauge(self, name: str, documentation: str, labels: Sequence[str] = ()) -> Gauge:
        if self.registry is None:
            return NO_METRIC
        return prometheus.Gauge(name, documentation, labels, registry=self.registry)

    def histogram(self, name: str, documentation: str, labels: Sequence[str], buckets: Sequence[float]) -> Histogram:
        if self.registry is None:
            return NO_METRIC
        return prometheus.Histogram(name, documentation, labels, registry=self.registry, buckets=buckets)


class Exposition:
    """The registries of the roles one process runs, with the process's own metrics, as one /metrics page.

    A family that two roles define (`tocsin_dead_letters_total`: the worker's
    stream topics, the notifier's alerts) is merged into one: the roles count
    different label values, and a page may name a family only once.
    """

    def __init__(self, registries: Iterable[CollectorRegistry]):
        self.registries = [prometheus.REGISTRY, *registries]  # REGISTRY: process, platform and GC metrics only

    def collect(self) -> Iterable[Metric]:
        families: dict[str, Metric] = {}
        for registry in self.registries:
            for family in registry.collect():
                if family.name in families:
                    families[family.name].samples.extend(family.samples)
                else:
                    families[family.name] = family
        return families.values()


def serve_metrics(settings: Settings, roles: Iterable[RoleMetrics]) -> WSGIServer | None:
    """Serve the roles' metrics on `metrics_port` from a daemon thread; None: not served (port 0, or metrics off)."""
    if not settings.metrics_enabled or not settings.metrics_port:
        return None
    registries = [role.registry for role in roles if role.registry is not None]
    server, _thread = prometheus.start_http_server(settings.metrics_port, addr=settings.metrics_host, registry=Exposition(registries))
    return server
