"""SIGTERM, as Kubernetes, systemd and `docker stop` send it: every role exits 0 within 10 s, with the broker
up and with the broker gone, and after a restart nothing is lost and nothing is notified twice.
`tocsin demo` leaves no process behind and writes no terminal control sequences into a file.

The broker that goes away is a throwaway one of this module's (kafka.sh on free ports,
about 8 s to start): the shared broker is never stopped.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.http import LocalServer, rss, wait_for
from tests.helpers.processes import Role
from tests.integration.conftest import BOOTSTRAP, delete_topics, start_role
from tests.integration.test_kafka_security import KAFKA_SH, three_free_ports
from tests.integration.test_rules_reload import MORE_SHELLING, SHELLING, wire_with_rule
from tocsin import PROJECT_ROOT
from tocsin.kafka import ensure_topics
from tocsin.settings import load_settings

THIRD_SHELLING = {
    "title": "Shelling reaches Martakert as fighting in Nagorno-Karabakh widens",
    "link": "https://wire.example/2023/09/21/martakert-shelling",
    "guid": "wire-3",
    "summary": "Artillery shelled Martakert overnight, residents of the town said.",
}
#: The issue's bound: from SIGTERM to exit.
STOP_BOUND_SECONDS = 10
#: The issue's bound: fewer than this many log lines per process over a broker outage of OUTAGE_SECONDS.
OUTAGE_LINES = 20
OUTAGE_SECONDS = 30
ROLES = ("connectors", "worker", "notifier")


class PrivateBroker:
    """A broker of this module's own that a test may stop and start again (same data, same port)."""

    def __init__(self) -> None:
        self.port = three_free_ports()
        self.var = Path(tempfile.mkdtemp(prefix="tocsin-stop-"))
        self.env = {key: value for key, value in os.environ.items() if key != "KAFKA_BOOTSTRAP_SERVERS"}
        self.env.update(TOCSIN_KAFKA_PORT=str(self.port), TOCSIN_KAFKA_HEAP="256m", TOCSIN_VAR_DIR=str(self.var))
        self.bootstrap = f"127.0.0.1:{self.port}"

    def _script(self, command: str) -> None:
        done = subprocess.run(["bash", str(KAFKA_SH), command], env=self.env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"kafka.sh {command} on port {self.port} failed:\n{done.stderr}"

    def up(self) -> None:
        self._script("up")

    def down(self) -> None:
        self._script("down")


@pytest.fixture(scope="module")
def broker() -> Iterator[PrivateBroker]:
    private = PrivateBroker()
    private.up()
    try:
        yield private
    finally:
        private.down()
        shutil.rmtree(private.var, ignore_errors=True)


def start_roles(roles: list[Role], env: dict[str, str], tmp_path: Path) -> list[Role]:
    return [start_role(roles, role, env, tmp_path) for role in ROLES]


def sigterm_all(running: list[Role]) -> dict[str, int | None]:
    """SIGTERM to every role at once; each one's exit code, or None when it still ran 10 s later."""
    for role in running:
        role.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_BOUND_SECONDS
    codes: dict[str, int | None] = {}
    for role in running:
        try:
            codes[role.role] = role.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            codes[role.role] = None
    return codes


def idempotency_keys(server: LocalServer) -> list[str]:
    return [request.headers["Idempotency-Key"] for request in server.received("/hook")]


def test_every_role_stops_on_sigterm_with_the_broker_up_and_gone(broker: PrivateBroker, server: LocalServer, roles, tmp_path: Path) -> None:
    _, wire = wire_with_rule(server, tmp_path)
    run = uuid.uuid4().hex[:10]
    env = {
        **wire,
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
        "TOCSIN_TOPIC_PREFIX": f"stop-{run}.",
        "TOCSIN_APP_ID": f"stop-{run}",
        "TOCSIN_DATA_DIR": str(tmp_path / "state"),
        "TOCSIN_LOG_LEVEL": "info",
        "TOCSIN_PARTITIONS": "2",
    }
    asyncio.run(ensure_topics(load_settings(environ=env), attempts=5))

    # The broker answers: a clean stop, and the successors go on from there.
    first = start_roles(roles, env, tmp_path)
    wait_for(lambda: len(idempotency_keys(server)) >= 1, 90, "the first notification", running=first)
    assert sigterm_all(first) == dict.fromkeys(ROLES, 0), "broker up: every role exits 0 within 10 s"

    server.routes["/wire.xml"] = rss([SHELLING, MORE_SHELLING])
    second = start_roles(roles, env, tmp_path)
    wait_for(lambda: len(idempotency_keys(server)) >= 2, 90, "the restarted roles' notification", running=second)
    time.sleep(2)  # past the worker's commit interval: what it did is committed, as it is between any two records

    # The broker goes away under running roles: a few lines instead of a flood, then a stop within the bound.
    lines_before = {role.role: len(role.output().splitlines()) for role in second}
    broker.down()
    time.sleep(OUTAGE_SECONDS)
    outage_lines = {role.role: len(role.output().splitlines()) - lines_before[role.role] for role in second}
    assert sigterm_all(second) == dict.fromkeys(ROLES, 0), "broker gone: every role exits 0 within 10 s"
    assert all(count < OUTAGE_LINES for count in outage_lines.values()), f"log lines while the broker was away: {outage_lines}"
    for role in second:
        assert "is unreachable: further connection errors are counted" in role.output(), role.role

    # The broker is back: nothing lost, nothing notified twice.
    broker.up()
    server.routes["/wire.xml"] = rss([SHELLING, MORE_SHELLING, THIRD_SHELLING])
    third = start_roles(roles, env, tmp_path)
    wait_for(lambda: len(idempotency_keys(server)) >= 3, 120, "the third story's notification", running=third)
    time.sleep(3)  # a repeat would arrive now
    keys = idempotency_keys(server)
    assert len(keys) == len(set(keys)) == 3, f"each alert revision notified once: {keys}"
    assert sorted(key.split(":")[1] for key in keys) == ["1", "2", "3"], "one revision per story, none lost"
    assert sigterm_all(third) == dict.fromkeys(ROLES, 0)


def session_processes(session: int) -> list[str]:
    """`pid command` of every process in `session` (the demo's, and its children's own groups within it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == session:
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                    found.append(f"{entry.name} {command}")
            except (OSError, ProcessLookupError):
                continue
    return found


def test_demo_stops_on_sigterm_leaving_no_process_and_no_escape_sequences(tmp_path: Path) -> None:
    output = tmp_path / "demo.out"
    before = set(asyncio.run(_topics()))
    with output.open("wb") as sink:
        demo = subprocess.Popen(
            [sys.executable, "-m", "tocsin.cli", "demo"],
            cwd=PROJECT_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP},
            start_new_session=True,
        )
    try:
        wait_for(lambda: b"[CRITICAL]" in output.read_bytes(), 120, "the demo's first alert")
        assert len(session_processes(demo.pid)) >= 2, "the demo and its pipeline run"
        demo.send_signal(signal.SIGTERM)
        assert demo.wait(timeout=STOP_BOUND_SECONDS) == 0
        wait_for(lambda: not session_processes(demo.pid), 1, "the demo's processes to end")
    finally:
        for process in session_processes(demo.pid):
            os.kill(int(process.split()[0]), signal.SIGKILL)
        asyncio.run(delete_topics(tuple(set(asyncio.run(_topics())) - before) or ("tocsin-demo-none",)))
    text = output.read_bytes()
    assert b"\x1b" not in text and b"\b" not in text, "no terminal control sequences in a file"
    assert text.rstrip().endswith(b"tocsin demo: stopped.")


async def _topics() -> list[str]:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        return [name for name in await admin.list_topics() if name.startswith("tocsin-demo-")]
    finally:
        await admin.close()
