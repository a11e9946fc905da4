"""Durations as people write them in rule files, settings and the CLI: '30s', '5m', '2h', '1d'."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated

from pydantic import BeforeValidator

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(s|m|h|d)$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


#: Longer is a typo, and a window beyond datetime's range would fail at evaluation rather than at load.
MAX_DURATION = timedelta(days=3650)


def parse_duration(value: object) -> timedelta:
    """'30s', '5m', '2h', '1d' (or seconds as a number) to a timedelta, at most MAX_DURATION."""
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value) if abs(value) < 1e300 else float("inf")  # a huge int would not convert
    elif match := _DURATION.match(str(value).strip()):
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
    else:
        raise ValueError("expected a duration such as 30s, 5m, 2h or 1d")
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    if not seconds <= MAX_DURATION.total_seconds():  # also NaN
        raise ValueError(f"a duration must be at most {MAX_DURATION.days} days")
    return timedelta(seconds=seconds)


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
