"""Creating and expiring silences: pure functions from what the user typed to Silence records."""

from __future__ import annotations

import uuid
from datetime import datetime

from tocsin.durations import parse_duration
from tocsin.records import Silence
from tocsin.streams.silence.matching import SilenceError, check_not_catch_all, parse_matcher


def new_silence(matchers: list[str], duration: str, author: str, comment: str, now: datetime) -> Silence:
    """A silence starting `now` for `duration`; raises SilenceError naming the bad argument."""
    parsed = [parse_matcher(text) for text in matchers]
    if not parsed:
        raise SilenceError("give at least one matcher, e.g. region=south_caucasus")
    check_not_catch_all(parsed)
    try:
        length = parse_duration(duration)
    except ValueError as exc:
        raise SilenceError(f"--duration {duration!r}: {exc}") from exc
    if length.total_seconds() <= 0:
        raise SilenceError(f"--duration {duration!r}: must be longer than zero")
    if not author.strip():
        raise SilenceError("--author is empty and $USER is not set: say who adds the silence")
    if not comment.strip():
        raise SilenceError("--comment is empty: say why the alerts are silenced")
    return Silence(
        id=str(uuid.uuid4()),
        matchers=parsed,
        starts_at=now,
        ends_at=now + length,
        created_by=author.strip(),
        comment=comment.strip(),
        created_at=now,
    )


def expired(silence: Silence, now: datetime) -> Silence:
    """The same silence, ended at `now`; one that had not started yet never becomes active."""
    return silence.model_copy(update={"starts_at": min(silence.starts_at, now), "ends_at": now})
