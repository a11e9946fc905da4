"""Fixtures for integration tests: the real broker, fresh topics per test, local servers, roles."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from aiokafka.admin import AIOKafkaAdminClient

from tests.helpers.processes import Role
from tocsin.kafka import ensure_topics
from tocsin.settings import load_settings

BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "integration" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


async def delete_topics(prefixes: tuple[str, ...]) -> None:
    """Delete a test's topics (its prefix, and Faust's changelogs named after its app id)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        doomed = [name for name in await admin.list_topics() if name.startswith(prefixes)]
        if doomed:
            await admin.delete_topics(doomed)
    finally:
        await admin.close()


@pytest.fixture
def pipeline_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Settings for one test: its own topic prefix, app id and state folder on the real broker."""
    run = uuid.uuid4().hex[:10]
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP,
        "TOCSIN_TOPIC_PREFIX": f"it-{run}.",
        "TOCSIN_APP_ID": f"it-{run}",
        "TOCSIN_DATA_DIR": str(tmp_path / "state"),
        "TOCSIN_CONSOLE_ALERTS": "true",
        "TOCSIN_LOG_LEVEL": "info",
        "TOCSIN_PARTITIONS": "4",
    }
    settings = load_settings(environ=env)
    try:
        asyncio.run(ensure_topics(settings, attempts=3))
    except Exception as exc:  # the broker is a precondition, not something to skip
        pytest.fail(f"Kafka at {BOOTSTRAP} is not reachable ({exc}); run `make kafka-up` or `make test`")
    yield env
    # A test run creates thousands of partitions; a one-node broker with a bounded heap must not keep them all.
    asyncio.run(delete_topics((env["TOCSIN_TOPIC_PREFIX"], env["TOCSIN_APP_ID"] + "-")))


@pytest.fixture
def roles(tmp_path: Path, request) -> Iterator[list[Role]]:
    """Started roles are stopped at teardown; their output is shown when the test failed."""
    started: list[Role] = []
    yield started
    for role in started:
        role.kill()
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for index, role in enumerate(started):
            print(f"\n----- {role.role} #{index} output (tail) -----\n{role.output()[-6000:]}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def start_role(roles: list[Role], role: str, env: dict[str, str], tmp_path: Path, **overrides: str) -> Role:
    process = Role(role, {**env, **overrides}, tmp_path / f"{role}-{len(roles)}.log").start()
    roles.append(process)
    return process


#: Notification grouping for tests: the first message of a group at once, updates at most every second.
FAST_GROUPS = {"group_wait": "0s", "group_interval": "1s"}


def receivers_file(tmp_path: Path, receivers: list[dict] | None = None) -> str:
    """A receivers file putting `receivers` (else none: the legacy settings add theirs) in a fast-grouping default route."""
    receivers = receivers or []
    default = {"receivers": [r["name"] for r in receivers], **FAST_GROUPS}
    return str(write_yaml(tmp_path / "receivers.yaml", {"receivers": receivers, "default": default}))


def write_yaml(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
