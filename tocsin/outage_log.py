"""Kafka connection errors, rate-limited: one line when the broker goes, a summary while it stays away, one when it is back.

While the broker is unreachable aiokafka and Faust log every failed connect,
metadata refresh, fetch, heartbeat and produce, about 70 ERROR lines a second per
process, which buries everything else. `OutageLog` is a logging filter on the
root handlers: the first such record passes (with what to expect next), the
following ones are counted instead of written, a watcher thread writes a summary
every `summary_seconds` and one line when a TCP connection to a bootstrap server
succeeds again. The watcher asks the broker itself because the clients say
nothing when a connection works again.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

#: What the Kafka clients (and Tocsin's own retries) say when the broker cannot be reached.
CONNECTION_ERRORS = (
    "Unable connect",
    "Unable to update metadata",
    "Unable to bootstrap",
    "Connect call failed",
    "NodeNotReadyError",
    "KafkaConnectionError",
    "RequestTimedOutError",
    "GroupCoordinatorNotAvailableError",
    "Marking the coordinator dead",
    "not reachable",
)
SUMMARY_SECONDS = 30.0
PROBE_SECONDS = 1.0


def is_connection_error(record: logging.LogRecord) -> bool:
    """A warning or error that only says the broker cannot be reached (never one of this module's own lines)."""
    if record.levelno < logging.WARNING or record.name == __name__:
        return False
    text = record.getMessage()
    return any(phrase in text for phrase in CONNECTION_ERRORS)


def reachable(servers: str, timeout: float = 1.0) -> bool:
    """True when any of the comma-separated `host:port` bootstrap servers accepts a TCP connection."""
    for server in servers.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
            return True
        except (OSError, ValueError):
            continue
    return False


class OutageLog(logging.Filter):
    """Lets the first connection error of an outage through and counts the rest; see the module docstring."""

    def __init__(
        self,
        servers: str,
        summary_seconds: float = SUMMARY_SECONDS,
        probe_seconds: float = PROBE_SECONDS,
        probe: Callable[[str], bool] = reachable,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__()
        self.servers = servers
        self.summary_seconds = summary_seconds
        self.probe_seconds = probe_seconds
        self.probe = probe
        self.clock = clock
        self.down_since: float | None = None
        self.suppressed = 0
        self._lock = threading.Lock()
        self._back = threading.Event()

    def filter(self, record: logging.LogRecord) -> bool:
        if not is_connection_error(record):
            return True
        with self._lock:
            if self.down_since is not None:
                self.suppressed += 1
                return False
            self.down_since = self.clock()
            self.suppressed = 0
        text = record.getMessage()
        record.msg = "%s; Kafka at %s is unreachable: further connection errors are counted, summarized every %g s"
        record.args = (text, self.servers, self.summary_seconds)
        self._watch()
        return True

    def _watch(self) -> None:
        self._back.clear()
        threading.Thread(target=self._until_back, name="kafka-outage-log", daemon=True).start()

    def _until_back(self) -> None:
        """Every `probe_seconds`: back yet? Every `summary_seconds`: one summary line."""
        summarized = self.clock()
        while not self._back.wait(self.probe_seconds):
            if self.probe(self.servers):
                self.end()
                return
            if self.clock() - summarized >= self.summary_seconds:
                summarized = self.clock()
                with self._lock:
                    count, self.suppressed = self.suppressed, 0
                log.warning(
                    "Kafka at %s still unreachable after %.0f s; %d connection error(s) since the last line",
                    self.servers,
                    summarized - (self.down_since or summarized),
                    count,
                )

    def end(self) -> None:
        """The broker answers again: say so once and let the next outage start afresh."""
        with self._lock:
            if self.down_since is None:
                return
            down, count = self.clock() - self.down_since, self.suppressed
            self.down_since, self.suppressed = None, 0
        self._back.set()
        log.warning("Kafka at %s reachable again after %.0f s; %d connection error(s) since the last line", self.servers, down, count)


def rate_limit_connection_errors(servers: str) -> OutageLog:
    """Put an `OutageLog` on every handler of the root logger (call after logging is configured)."""
    outage = OutageLog(servers)
    for handler in logging.getLogger().handlers:
        handler.addFilter(outage)
    return outage
