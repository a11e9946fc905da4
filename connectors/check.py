"""`tocsin sources check`: probe every source once and say which ones work.

Before a catalog goes live (or when alerts go quiet) an operator needs one answer
per source: does it respond, is it a feed, how many items, how slow. The probe uses
the same fetcher, limits, per-host slots and headers as the connectors, so a
source that passes here is one the connectors can poll; it produces nothing to
Kafka and keeps no state.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from tocsin.connectors.catalog import Source
from tocsin.connectors.fetcher import FetchError, FetchLimits, HostSlots, fetch, make_client
from tocsin.connectors.reader import read_source

DEFAULT_CONCURRENCY = 16
ERROR_COLUMN = 72
SUMMARY_IDS = 10  # failed ids named in the summary line; the table has them all


@dataclass(frozen=True)
class Probe:
    """One source's answer: `status` is "ok", an HTTP status code, or a fetch/parse error kind."""

    source_id: str
    status: str
    latency_ms: float | None = None
    items: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


async def probe_sources(
    sources: Sequence[Source], user_agent: str, limits: FetchLimits, concurrency: int = DEFAULT_CONCURRENCY
) -> list[Probe]:
    """Probe all `sources` at once, at most `concurrency` in flight and `limits.per_host` per host; catalog order."""
    gate = asyncio.Semaphore(concurrency)
    slots = HostSlots(limits.per_host)
    async with make_client(user_agent, limits) as client:

        async def bounded(source: Source) -> Probe:
            async with gate:
                return await probe(client, source, limits, slots)

        return list(await asyncio.gather(*(bounded(source) for source in sources)))


async def probe(client: httpx.AsyncClient, source: Source, limits: FetchLimits, slots: HostSlots) -> Probe:
    """Fetch and parse one source; never raises for a bad source."""
    started = time.perf_counter()
    try:
        fetched = await fetch(client, source.url, limits=limits, slots=slots, extra_headers=source.headers)
    except FetchError as exc:
        elapsed = (time.perf_counter() - started) * 1000
        return Probe(source.id, str(exc.status) if exc.status else exc.kind, elapsed, None, exc.reason)
    elapsed = (time.perf_counter() - started) * 1000
    parsed = read_source(source, fetched)
    if not parsed.articles and parsed.error:
        return Probe(source.id, "parse_error", elapsed, 0, parsed.error)
    return Probe(source.id, "ok", elapsed, len(parsed.articles), parsed.error)


def format_table(probes: Sequence[Probe]) -> str:
    """An aligned text table (id, status, latency, items, last error) and a summary line."""
    rows = [("ID", "STATUS", "MS", "ITEMS", "LAST ERROR")]
    for p in probes:
        latency = f"{p.latency_ms:.0f}" if p.latency_ms is not None else "-"
        items = str(p.items) if p.items is not None else "-"
        rows.append((p.source_id, p.status, latency, items, _cut(p.error or "")))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = [
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}  {row[4]}".rstrip() for row in rows
    ]
    failed = [p.source_id for p in probes if not p.ok]
    summary = f"{len(probes)} source(s): {len(probes) - len(failed)} ok, {len(failed)} failed"
    if failed:
        more = f" (+{len(failed) - SUMMARY_IDS} more)" if len(failed) > SUMMARY_IDS else ""
        summary += f": {', '.join(failed[:SUMMARY_IDS])}{more}"
    return "\n".join([*lines, summary])


def _cut(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= ERROR_COLUMN else line[: ERROR_COLUMN - 1] + "…"


def select(sources: Sequence[Source], only: Sequence[str] | None) -> list[Source]:
    """The enabled sources, or exactly the `only` ids (disabled ones too: checking one before enabling it is the point).

    Raises ValueError naming ids that are not in the catalog.
    """
    if not only:
        return [source for source in sources if source.enabled]
    by_id = {source.id: source for source in sources}
    unknown = [source_id for source_id in only if source_id not in by_id]
    if unknown:
        raise ValueError(f"not in the catalog: {', '.join(unknown)}")
    return [by_id[source_id] for source_id in dict.fromkeys(only)]
