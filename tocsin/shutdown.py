"""Stopping on a signal, the same way in every long-running command.

Kubernetes, systemd and `docker stop` send SIGTERM, wait a grace period, then
SIGKILL; a terminal sends SIGINT. Every command that runs until stopped (`run`
in any role, `demo`, `tail`, the live page inside the worker) hands its signals
to one `Shutdown`:

- The first SIGTERM or SIGINT asks the running code to stop: it stops taking new
  work, finishes what it holds, commits what it processed and closes its Kafka
  clients; the command then exits 0.
- The same signal starts a deadline (`STOP_SECONDS`). A Kafka client that waits
  for an unreachable broker waits for ever (a producer flush does), so at the
  deadline the process exits anyway, still with 0: a stop was asked for and it
  happened. Nothing is lost by that: what was not committed is read again by the
  next owner, and deliveries are recorded under idempotency keys.
- A second signal exits at once (128 + the signal's number).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

log = logging.getLogger(__name__)

#: From the first signal to the exit, at most; the deployment files' grace periods cover it with a margin.
STOP_SECONDS = 8.0
#: The signals that stop a role. The demo adds SIGHUP (its terminal closed) and forwards them.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

T = TypeVar("T")


class Shutdown:
    """One process's answer to stop signals: ask once, enforce the deadline, give up on the second."""

    def __init__(
        self,
        deadline: float = STOP_SECONDS,
        signals: tuple[signal.Signals, ...] = STOP_SIGNALS,
        before_exit: Callable[[], object] | None = None,
        exit: Callable[[int], object] = os._exit,
    ):
        self.deadline = deadline
        self.signals = signals
        self.signum: int | None = None
        self._before_exit = before_exit
        self._exit = exit
        self._stop: Callable[[int], object] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def requested(self) -> bool:
        return self.signum is not None

    def install(self) -> Shutdown:
        """Take the signals for this process (before any event loop runs, so none is missed)."""
        for signum in self.signals:
            signal.signal(signum, self._on_signal)
        return self

    def attach(self, stop: Callable[[int], object], loop: asyncio.AbstractEventLoop | None = None) -> None:
        """From now on the first signal calls `stop(signum)` (in `loop` when given); at once if it came already.

        With a loop, the signals go through the loop's own handlers: a plain
        handler would not wake a loop whose thread waits in select while another
        thread (Faust's consumer thread) received the signal.
        """
        self._stop, self._loop = stop, loop
        if loop is not None:
            for signum in self.signals:
                loop.add_signal_handler(signum, self.received, signum)
        if self.signum is not None:
            stop(self.signum)

    def detach(self) -> None:
        """Stop calling the attached code (its loop is ending); signals are still taken and remembered."""
        if self._loop is not None and not self._loop.is_closed():
            for signum in self.signals:
                self._loop.remove_signal_handler(signum)
        self._stop, self._loop = None, None
        self.install()

    def _on_signal(self, signum: int, frame: object) -> None:
        self.received(signum)

    def received(self, signum: int) -> None:
        """The first signal asks to stop and starts the deadline; a second one exits now."""
        if self.signum is not None:
            os.write(2, f"{signal.Signals(signum).name} again: exiting now\n".encode())
            self._leave(128 + signum)
            return
        self.signum = signum
        log.info("%s: stopping (at most %g s)", signal.Signals(signum).name, self.deadline)
        timer = threading.Timer(self.deadline, self._overdue)
        timer.daemon = True
        timer.start()
        if self._stop is not None:
            self._stop(signum)

    def _overdue(self) -> None:
        log.warning(
            "stopping took more than %g s (Kafka unreachable?): exiting now; records not committed are read again by the next owner",
            self.deadline,
        )
        self._leave(0)

    def _leave(self, code: int) -> None:
        if self._before_exit is not None:
            self._before_exit()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        self._exit(code)


def run_until_stopped(main: Callable[[], Awaitable[T]], shutdown: Shutdown) -> bool:
    """Run `main()` in a fresh event loop; a stop signal cancels it. True when it ended by itself.

    Cancellation is how asyncio code stops taking work: every `finally` on the
    way out closes what it opened.
    """

    async def guarded() -> bool:
        task = asyncio.ensure_future(main())
        shutdown.attach(lambda _signum: task.cancel(), asyncio.get_running_loop())
        try:
            await task
        except asyncio.CancelledError:
            if not shutdown.requested:
                raise
            return False
        finally:
            shutdown.detach()
        return True

    if shutdown.requested:
        return False
    return asyncio.run(guarded())


async def uninterrupted(work: Awaitable[T]) -> T:
    """Await `work` to its end even when the caller is cancelled, then pass the cancellation on.

    For a unit of work that must not be cut in half by a stop: a notification
    between the receiver's acceptance and the record of it. The stop deadline
    still bounds it.
    """
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait({task})
        raise
