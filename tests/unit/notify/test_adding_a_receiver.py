"""docs/receivers.md, "Adding a receiver", done as it says: its module, registered by its line, loaded from its
receivers file and delivered through to a real local HTTP server by the notifier's retry stage."""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from pathlib import Path
from types import ModuleType

import httpx
import pytest
import yaml

from tests.helpers.http import LocalServer, Response
from tests.unit.factories import alert
from tocsin.config import ConfigError
from tocsin.records import Delivery, DeliveryOutcome
from tocsin.settings import load_settings
from tocsin.streams.notify.delivery import deliver
from tocsin.streams.notify.metrics import UNCOUNTED
from tocsin.streams.notify.receivers.registry import KINDS, Registry
from tocsin.streams.notify.retry import RetryPolicy
from tocsin.streams.notify.routing import Routing, load_routing
from tocsin.streams.notify.service import build_receivers

ROOT = Path(__file__).parents[3]
SECTION = (ROOT / "docs" / "receivers.md").read_text(encoding="utf-8").split("## Adding a receiver", 1)[1]
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", SECTION, re.DOTALL)
MODULE, REGISTRATION = (code for language, code in BLOCKS if language == "python")
(RECEIVERS_FILE,) = (code for language, code in BLOCKS if language == "yaml")


@pytest.fixture
def ntfy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The documented module, imported as the file it tells you to write."""
    path = tmp_path / "ntfy.py"
    path.write_text(MODULE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("ntfy_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def routing(tmp_path: Path, kinds: Registry, url: str, environ: dict[str, str]) -> Routing:
    """The documented receivers file, pointed at `url`."""
    data = yaml.safe_load(RECEIVERS_FILE)
    data["receivers"][0]["url"] = url
    path = tmp_path / "receivers.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    settings = load_settings(environ={"TOCSIN_RECEIVERS_FILE": str(path), "TOCSIN_CONSOLE_ALERTS": "false"})
    return load_routing(settings, environ, kinds)


def test_the_documented_registration_line_is_the_registry_plus_one_line() -> None:
    registry = (ROOT / "streams" / "notify" / "receivers" / "registry.py").read_text(encoding="utf-8")
    assert REGISTRATION.replace("    ntfy.KIND,\n", "") in registry


async def test_a_kind_added_as_documented_is_loaded_routed_and_delivered(
    ntfy: ModuleType, tmp_path: Path, server: LocalServer, client: httpx.AsyncClient
) -> None:
    kinds = Registry(*KINDS, ntfy.KIND)
    loaded = routing(tmp_path, kinds, server.url("/"), {"TOCSIN_NTFY_TOKEN": "tk_secret"})
    assert loaded.receivers_for(alert()) == ["duty-phone"] and loaded.grouped("duty-phone")
    assert loaded.secrets == {"TOCSIN_NTFY_TOKEN": "tk_secret"}

    server.routes["/"] = [Response(503), Response(200, b'{"id": "m1"}')]
    records: list[Delivery] = []

    async def record(delivery: Delivery) -> None:
        records.append(delivery)

    receiver = build_receivers(loaded, client, 5.0)["duty-phone"]
    policy = RetryPolicy(window_seconds=60, max_backoff_seconds=0.01)
    assert await deliver(receiver, alert(), time.time() + 60, policy, record, metrics=UNCOUNTED) == DeliveryOutcome.DELIVERED

    assert [(r.receiver, r.outcome, r.attempts) for r in records] == [("duty-phone", DeliveryOutcome.DELIVERED, 2)]
    first, second = server.received("/")
    assert first.body == second.body and second.headers["Authorization"] == "Bearer tk_secret"
    assert second.json() == {
        "topic": "tocsin-duty",
        "title": "[CRITICAL] region=south_caucasus: 1 firing alert(s)",
        "message": second.json()["message"],
        "priority": 5,
    }
    assert second.json()["message"].startswith("[CRITICAL] region=south_caucasus: 1 firing alert(s) (message 1)\nNEW [CRITICAL]")


def test_without_its_registration_line_the_kind_is_unknown(ntfy: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        routing(tmp_path, KINDS, "http://127.0.0.1:9/", {"TOCSIN_NTFY_TOKEN": "tk"})
    (problem,) = caught.value.problems
    assert ":3: receivers[0].kind: Input tag 'ntfy' found using 'kind'" in problem


def test_its_secret_variable_is_checked_at_load_with_file_and_line(ntfy: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        routing(tmp_path, Registry(*KINDS, ntfy.KIND), "http://127.0.0.1:9/", {})
    assert caught.value.problems == [
        f"{tmp_path / 'receivers.yaml'}:5: receivers[0].token_env: environment variable TOCSIN_NTFY_TOKEN is not set"
    ]
