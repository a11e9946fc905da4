"""Start one role, or all of them in one process (the embedded default).

- `worker`: the Faust app (normalize, dedupe, classify, evaluate); scale by
  starting more, they share partitions in one consumer group.
- `connectors`: poll the source catalog, produce to `articles.raw`.
- `notifier`: deliver `alerts` to receivers, once.
- `all`: the worker, with connectors and notifier as tasks of the same process.

The worker (and `all`) also serves the live page when `live_port` is set.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from tocsin.kafka import ensure_topics
from tocsin.metrics import start_metrics
from tocsin.settings import Settings

ROLES = ("all", "worker", "connectors", "notifier")

log = logging.getLogger(__name__)


def run(settings: Settings, role: str) -> None:
    """Block running `role` until SIGINT/SIGTERM."""
    start_metrics(settings)
    asyncio.run(ensure_topics(settings))
    if role in ("all", "worker"):
        _run_faust(settings, with_tasks=role == "all")
    elif role == "connectors":
        from connectors.poller import run_connectors

        _run_async(lambda: run_connectors(settings))
    elif role == "notifier":
        from streams.notify.service import run_notifier

        _run_async(lambda: run_notifier(settings))
    else:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")


def _run_faust(settings: Settings, with_tasks: bool) -> None:
    import faust

    from streams.app import create_app

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app = create_app(settings)
    if settings.live_port:
        from tocsin.live import run_live

        async def live_task() -> None:
            await run_live(settings)

        app.task(live_task)
    if with_tasks:
        from connectors.poller import run_connectors
        from streams.notify.service import run_notifier

        async def connectors_task() -> None:
            await run_connectors(settings)

        async def notifier_task() -> None:
            await run_notifier(settings)

        app.task(connectors_task)
        app.task(notifier_task)
    asyncio.set_event_loop(asyncio.new_event_loop())
    worker = faust.Worker(
        app,
        loglevel=settings.log_level.replace("warning", "warn"),
        quiet=True,
        redirect_stdouts=False,
        override_logging=False,
    )
    worker.execute_from_commandline()


def _run_async(main: Callable[[], Awaitable[None]]) -> None:
    async def guarded() -> None:
        task = asyncio.ensure_future(main())
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, task.cancel)
        try:
            await task
        except asyncio.CancelledError:
            log.info("stopped")

    asyncio.run(guarded())
