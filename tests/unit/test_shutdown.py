"""tocsin.shutdown: the first signal stops, the deadline exits 0, a second signal exits at once."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterator

import pytest

from tocsin.shutdown import Shutdown, run_until_stopped, uninterrupted


@pytest.fixture(autouse=True)
def restore_signals() -> Iterator[None]:
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


class Exits:
    """Stands in for os._exit: records the code instead of ending pytest."""

    def __init__(self) -> None:
        self.codes: list[int] = []
        self.done = threading.Event()

    def __call__(self, code: int) -> None:
        self.codes.append(code)
        self.done.set()


def test_first_signal_stops_and_the_deadline_exits_zero() -> None:
    exits, stops = Exits(), []
    shutdown = Shutdown(deadline=0.05, exit=exits)
    shutdown.attach(stops.append)
    shutdown.received(signal.SIGTERM)
    assert stops == [signal.SIGTERM] and shutdown.requested
    assert exits.done.wait(2), "the deadline forces the exit"
    assert exits.codes == [0]


def test_second_signal_exits_at_once_after_before_exit() -> None:
    order: list[object] = []
    shutdown = Shutdown(deadline=60, exit=order.append, before_exit=lambda: order.append("children killed"))
    shutdown.attach(lambda _signum: order.append("stop"))
    shutdown.received(signal.SIGINT)
    shutdown.received(signal.SIGINT)
    assert order == ["stop", "children killed", 128 + signal.SIGINT]


def test_a_signal_before_attach_stops_the_code_attached_later() -> None:
    stops: list[int] = []
    shutdown = Shutdown(deadline=60, exit=Exits())
    shutdown.received(signal.SIGTERM)
    shutdown.attach(stops.append)
    assert stops == [signal.SIGTERM]


def test_run_until_stopped_cancels_main_on_sigterm_and_lets_it_clean_up() -> None:
    cleaned: list[str] = []

    async def main() -> None:
        asyncio.get_running_loop().call_later(0.1, os.kill, os.getpid(), signal.SIGTERM)
        try:
            await asyncio.sleep(60)
        finally:
            cleaned.append("closed its clients")

    shutdown = Shutdown(deadline=60, exit=Exits()).install()
    assert run_until_stopped(main, shutdown) is False
    assert cleaned == ["closed its clients"]
    assert run_until_stopped(main, shutdown) is False, "once stopped, later steps do not start"
    assert cleaned == ["closed its clients"]


def test_run_until_stopped_is_true_when_main_ends_by_itself() -> None:
    async def main() -> None:
        await asyncio.sleep(0)

    assert run_until_stopped(main, Shutdown(deadline=60, exit=Exits()).install()) is True


def test_uninterrupted_work_finishes_before_the_cancellation_passes_on() -> None:
    steps: list[str] = []

    async def deliver_and_record() -> None:
        steps.append("delivered")
        await asyncio.sleep(0.1)
        steps.append("recorded")

    async def main() -> None:
        caller = asyncio.ensure_future(uninterrupted(deliver_and_record()))
        await asyncio.sleep(0.02)
        caller.cancel()
        with pytest.raises(asyncio.CancelledError):
            await caller

    asyncio.run(main())
    assert steps == ["delivered", "recorded"]
