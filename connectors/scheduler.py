"""When to poll a source next: pure arithmetic, so the policy is tested without clocks or sockets.

The policy, kept simple on purpose (each source has bounds `minimum <= base <= maximum`):

- The *interval* adapts to the feed and starts at `base`. A poll that found new
  items halves it (a feed that is busy, as during an escalation, is read sooner);
  a successful poll with nothing new (including 304) stretches it by a quarter.
  It always stays within the bounds.
- A failure leaves the interval alone and backs off exponentially: the n-th
  consecutive failure waits interval x 2^(n-1), so one blip retries on schedule.
- A Retry-After is a floor for the next wait.
- Every wait is jittered by +-JITTER so sources that started together drift apart,
  and every wait, Retry-After included, is clamped to the bounds: `maximum` is the
  longest a source ever goes unpolled.
"""

from __future__ import annotations

from dataclasses import dataclass

JITTER = 0.1
BUSY_FACTOR = 0.5
QUIET_FACTOR = 1.25
MAX_BACKOFF_EXPONENT = 30  # 2^30 x any interval is far beyond any maximum; avoids float overflow


@dataclass(frozen=True)
class Bounds:
    minimum: float
    base: float
    maximum: float

    def clamp(self, seconds: float) -> float:
        return min(self.maximum, max(self.minimum, seconds))


@dataclass(frozen=True)
class Schedule:
    """A source's scheduling state between polls."""

    interval: float
    failures: int = 0


@dataclass(frozen=True)
class Outcome:
    """What a poll means to the scheduler: success or not, how many new items, and Retry-After."""

    ok: bool
    new_items: int = 0
    retry_after: float | None = None


def start(bounds: Bounds) -> Schedule:
    return Schedule(interval=bounds.base)


def next_poll(schedule: Schedule, outcome: Outcome, bounds: Bounds, jitter: float) -> tuple[Schedule, float]:
    """The new state and the seconds to wait; `jitter` is a factor drawn from [1 - JITTER, 1 + JITTER]."""
    if outcome.ok:
        factor = BUSY_FACTOR if outcome.new_items else QUIET_FACTOR
        interval = bounds.clamp(schedule.interval * factor)
        return Schedule(interval), bounds.clamp(interval * jitter)
    failures = schedule.failures + 1
    backoff = schedule.interval * 2 ** min(failures - 1, MAX_BACKOFF_EXPONENT)
    wait = bounds.clamp(backoff * jitter)
    if outcome.retry_after is not None:
        wait = max(wait, bounds.clamp(outcome.retry_after))
    return Schedule(schedule.interval, failures), wait
