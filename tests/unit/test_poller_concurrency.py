"""Poller.poll bounds how many polls run at once, so 5,000 sources starting together cannot flood the producer."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tocsin.connectors import poller as poller_module
from tocsin.connectors.catalog import Source
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.connectors.poller import Poller
from tocsin.metrics import RoleMetrics
from tocsin.settings import Settings


async def test_at_most_polls_at_once_run_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(poller_module, "POLLS_AT_ONCE", 3)
    running, most = 0, 0

    async def unchanged(request: httpx.Request) -> httpx.Response:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1
        return httpx.Response(304)

    async with httpx.AsyncClient(transport=httpx.MockTransport(unchanged)) as client:
        poller = Poller(Settings(), producer=None, client=client, metrics=ConnectorMetrics(RoleMetrics(None)))  # type: ignore[arg-type]  # a 304 produces nothing
        sources = [Source(id=f"s{n}", url=f"http://host{n}.example/feed") for n in range(12)]  # 12 hosts: no per-host limit
        results = await asyncio.gather(*(poller.poll(source) for source in sources))
    assert [result.result for result in results] == ["not_modified"] * 12
    assert most == 3
