"""tocsin.outage_log: one line when Kafka goes, summaries while it stays away, one line when it is back."""

from __future__ import annotations

import logging
import threading
import time

from tocsin.outage_log import OutageLog, is_connection_error, reachable

AIOKAFKA_ERROR = "Unable connect to node with id 1: [Errno 111] Connect call failed ('127.0.0.1', 39092)"


class Lines(logging.Handler):
    def __init__(self, outage: OutageLog):
        super().__init__()
        self.lines: list[str] = []
        self.addFilter(outage)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def record(message: str, level: int = logging.ERROR, name: str = "aiokafka") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, (), None)


def test_connection_errors_are_recognized_and_other_lines_are_not() -> None:
    assert is_connection_error(record(AIOKAFKA_ERROR))
    assert is_connection_error(
        record("Failed fetch messages from 1: NodeNotReadyError: Attempt to send a request", name="aiokafka.consumer.fetcher")
    )
    assert is_connection_error(record("Kafka at 127.0.0.1:1 not reachable (attempt 3/30)", logging.WARNING, "tocsin.kafka"))
    assert not is_connection_error(record("receiver slack: attempt 1/5 failed: HTTP 500", logging.WARNING, "tocsin.streams.notify.service"))
    assert not is_connection_error(record(AIOKAFKA_ERROR, logging.INFO)), "only warnings and errors are rate-limited"


def test_an_outage_is_one_line_then_summaries_then_one_line_when_back() -> None:
    back = threading.Event()
    outage = OutageLog("127.0.0.1:39092", summary_seconds=0.2, probe_seconds=0.02, probe=lambda _servers: back.is_set())
    lines = Lines(outage)
    logger = logging.getLogger("tocsin.outage_log")
    logger.addHandler(lines)  # the summaries come from the watcher thread through this logger
    logger.setLevel(logging.INFO)
    try:
        for _ in range(1000):
            lines.handle(record(AIOKAFKA_ERROR))
        lines.handle(record("a notification was delivered", logging.INFO, "tocsin.streams.notify.service"))
        time.sleep(0.5)
        back.set()
        deadline = time.monotonic() + 2
        while outage.down_since is not None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        logger.removeHandler(lines)
    assert lines.lines[0].startswith(AIOKAFKA_ERROR) and "127.0.0.1:39092 is unreachable" in lines.lines[0]
    assert lines.lines[1] == "a notification was delivered", "other lines pass"
    summaries = [line for line in lines.lines if "still unreachable" in line]
    assert 1 <= len(summaries) <= 3 and "999 connection error(s)" in summaries[0]
    assert lines.lines[-1].startswith("Kafka at 127.0.0.1:39092 reachable again after")
    assert len(lines.lines) == 3 + len(summaries), f"first, other, summaries, back: {lines.lines}"

    lines.handle(record(AIOKAFKA_ERROR))
    assert "is unreachable" in lines.lines[-1], "the next outage is announced again"
    outage.end()


def test_reachable_probes_the_bootstrap_servers() -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert reachable(f"127.0.0.1:1, 127.0.0.1:{port}")
    assert not reachable(f"127.0.0.1:{port}")
