"""`tocsin silence add|list|expire`, as amtool has them: the CLI shell over lifecycle and store."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

from aiokafka.errors import KafkaConnectionError

from tocsin.kafka import ensure_topics
from tocsin.records import Silence
from tocsin.settings import Settings
from tocsin.streams.silence.lifecycle import expired, new_silence
from tocsin.streams.silence.matching import SilenceError, format_matcher, is_active
from tocsin.streams.silence.store import read_silences, write_silence

COLUMNS = ("ID", "MATCHERS", "ENDS", "AUTHOR", "COMMENT")
T = TypeVar("T")


def add(settings: Settings, matchers: list[str], duration: str, author: str, comment: str) -> Silence:
    """Validate first (SilenceError), then store: a bad argument never reaches Kafka."""
    silence = new_silence(matchers, duration, author, comment, datetime.now(UTC))
    _kafka(settings, lambda: write_silence(settings, silence))
    return silence


def listed(settings: Settings, include_inactive: bool) -> list[Silence]:
    """Active silences (or all, expired and pending too), the soonest to end first."""
    now = datetime.now(UTC)
    silences = _kafka(settings, lambda: read_silences(settings)).values()
    return sorted((s for s in silences if include_inactive or is_active(s, now)), key=lambda s: (s.ends_at, s.id))


def expire(settings: Settings, silence_id: str) -> Silence:
    """End a silence now; SilenceError if no silence has this id."""
    known = _kafka(settings, lambda: read_silences(settings))
    if silence_id not in known:
        raise SilenceError(f"no silence with id {silence_id!r}; `tocsin silence list --all` shows the ids")
    now = datetime.now(UTC)
    silence = known[silence_id]
    if silence.ends_at <= now:
        return silence
    ended = expired(silence, now)
    _kafka(settings, lambda: write_silence(settings, ended))
    return ended


def table(silences: list[Silence]) -> str:
    """Aligned columns; the comment comes last so that a long one does not push the others."""
    rows = [COLUMNS] + [
        (s.id, ", ".join(format_matcher(m) for m in s.matchers), f"{s.ends_at:%Y-%m-%d %H:%M:%S}Z", s.created_by, s.comment)
        for s in silences
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS) - 1)]
    return "\n".join("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths)), row[-1]]).rstrip() for row in rows)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Run `args.silence_command`; 2 with a message naming the argument for bad input, 1 when Kafka is unreachable."""
    command = args.silence_command
    try:
        if command == "add":
            print(add(settings, args.matchers, args.duration, args.author or "", args.comment).id)
        elif command == "list":
            print(table(listed(settings, args.all)))
        else:
            silence = expire(settings, args.id)
            print(f"silence {silence.id} expired at {silence.ends_at:%Y-%m-%d %H:%M:%S}Z")
    except SilenceError as exc:
        print(f"tocsin silence {command}: {exc}", file=sys.stderr)
        return 2
    except KafkaConnectionError as exc:
        print(f"tocsin silence {command}: Kafka at {settings.kafka_bootstrap_servers} is not reachable: {exc}", file=sys.stderr)
        return 1
    return 0


def _kafka(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` after creating the topics (a fresh cluster has no `silences` yet), failing fast if Kafka is down."""

    async def main() -> T:
        await ensure_topics(settings, attempts=3)
        return await work()

    return asyncio.run(main())
