"""Start one role, or all of them in one process (the embedded default).

- `worker`: the Faust app (normalize, dedupe, classify, evaluate); scale by
  starting more, they share partitions in one consumer group.
- `connectors`: poll the source catalog, produce to `articles.raw`.
- `notifier`: deliver `alerts` to receivers, once.
- `all`: the worker, with connectors and notifier as tasks of the same process.

The worker (and `all`) also serves the live page when `live_port` is set.
Each role defines its metrics on a registry of its own (tocsin.metrics); the
process serves those of the roles it runs on one /metrics.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import NamedTuple

import faust

from tocsin.kafka import ensure_topics
from tocsin.metrics import RoleMetrics, serve_metrics
from tocsin.settings import Settings
from tocsin.shutdown import Shutdown, run_until_stopped

ROLES = ("all", "worker", "connectors", "notifier")

log = logging.getLogger(__name__)


class Metrics(NamedTuple):
    """Where each role defines its metrics; a role the process does not run leaves its registry empty."""

    worker: RoleMetrics
    connectors: RoleMetrics
    notifier: RoleMetrics


def run(settings: Settings, role: str) -> None:
    """Block running `role` until SIGINT/SIGTERM, then stop as tocsin.shutdown says."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    shutdown = Shutdown().install()
    metrics = Metrics(RoleMetrics.of(settings), RoleMetrics.of(settings), RoleMetrics.of(settings))
    serve_metrics(settings, metrics)
    app = _worker_app(settings, metrics) if role in ("all", "worker") else None
    if not run_until_stopped(lambda: ensure_topics(settings, extra=_changelog_topics(app)), shutdown):
        return
    if app is not None:
        _run_faust(app, settings, shutdown, metrics, with_tasks=role == "all")
    elif role == "connectors":
        from tocsin.connectors.poller import run_connectors

        run_until_stopped(lambda: run_connectors(settings, metrics.connectors), shutdown)
    else:
        from tocsin.streams.notify.service import run_notifier

        run_until_stopped(lambda: run_notifier(settings, metrics.notifier), shutdown)
    log.info("stopped")


class _Worker(faust.Worker):
    """Faust's worker, stopped by the process's `Shutdown` instead of signal handlers of its own.

    Faust's stop is the clean one (finish the events in flight, commit, flush the
    producer); the Shutdown adds the deadline and the second signal. No progress
    spinner: it writes terminal control sequences even into a log file.
    """

    def __init__(self, app: faust.App, shutdown: Shutdown, **options) -> None:
        super().__init__(app, **options)
        self.shutdown = shutdown
        self.spinner = None

    def install_signal_handlers(self) -> None:
        self.shutdown.attach(lambda _signum: self._on_sigterm(), self.loop)


def _worker_app(settings: Settings, metrics: Metrics) -> faust.App:
    """The worker's Faust app, built before any topic is created so that its tables' changelogs are created with the rest."""
    from tocsin.streams.app import create_app

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = create_app(settings, metrics.worker)
    settle_heap()
    return app


#: Allocations between two collections of the youngest generation (CPython's default: 700).
YOUNG_ALLOCATIONS = 50_000


def settle_heap() -> None:
    """Take the heap built at start out of garbage collection, and let a batch's objects die young.

    Why: a stage holds up to a thousand records and their dicts and models through
    its batch, so with CPython's defaults they outlived the young collections, filled
    the oldest generation, and full collections ran about once a second, each walking
    the 160,000 objects of the lexicons, the gazetteer and the Faust app (110 ms): 40
    of them, 4.5 s, in a 6,000-article bench. Frozen, that heap is never walked again
    (the objects are still freed when unreferenced), and a young generation of
    `YOUNG_ALLOCATIONS` lets most of a batch die before it is collected: 0.5 s of
    collections in the same run, and the worker 15% faster (docs/architecture.md).
    """
    gc.freeze()
    gc.set_threshold(YOUNG_ALLOCATIONS, *gc.get_threshold()[1:])


def _changelog_topics(app: faust.App | None) -> dict[str, dict[str, str]] | None:
    """The worker's changelog topics; none for the roles without tables (which then never import the streams)."""
    if app is None:
        return None
    from tocsin.streams.app import changelog_topics

    return changelog_topics(app)


def _run_faust(app: faust.App, settings: Settings, shutdown: Shutdown, metrics: Metrics, with_tasks: bool) -> None:
    if settings.live_port:
        from tocsin.live import run_live

        async def live_task() -> None:
            await run_live(settings)

        app.task(live_task)
    if with_tasks:
        from tocsin.connectors.poller import run_connectors
        from tocsin.streams.notify.service import run_notifier

        async def connectors_task() -> None:
            await run_connectors(settings, metrics.connectors)

        async def notifier_task() -> None:
            await run_notifier(settings, metrics.notifier)

        app.task(connectors_task)
        app.task(notifier_task)
    asyncio.set_event_loop(asyncio.new_event_loop())
    worker = _Worker(
        app,
        shutdown,
        loglevel=settings.log_level.replace("warning", "warn"),
        quiet=True,
        redirect_stdouts=False,
        override_logging=False,
    )
    worker.execute_from_commandline()
