"""When to try a failed delivery again, and when to stop: plain arithmetic, no I/O.

A delivery is worth retrying while its alert revision is worth sending: until
`window` after the revision was written to the `alerts` topic (the record's
timestamp, so a restarted notifier computes the same deadline), or until a newer
revision of the same alert supersedes it. Between attempts the wait grows
exponentially with full jitter up to `max_backoff`, so a receiver that is down
for an hour is probed about once a minute and many notifiers do not retry in
step; a receiver that says `Retry-After` is believed (receivers bound the value).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

#: The first retry waits up to this long; each further one doubles it, up to the policy's cap.
FIRST_BACKOFF_SECONDS = 0.5


@dataclass(frozen=True)
class RetryPolicy:
    window_seconds: float
    max_backoff_seconds: float

    def deadline(self, written_at: float) -> float:
        """Epoch seconds after which a revision written at `written_at` is no longer worth sending."""
        return written_at + self.window_seconds

    def wait(self, attempt: int, retry_after: float | None, draw: float | None = None) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based).

        The receiver's Retry-After wins when it gave one; otherwise full jitter over
        min(cap, 0.5 s x 2^(attempt-1)). `draw` in [0, 1) replaces the random draw (tests).
        """
        if retry_after is not None:
            return retry_after
        ceiling = min(self.max_backoff_seconds, FIRST_BACKOFF_SECONDS * 2 ** min(attempt - 1, 30))
        return ceiling * (random.random() if draw is None else draw)

    def gives_up(self, now: float, wait: float, deadline: float) -> bool:
        """True when the next attempt would come after the deadline: the delivery is dead."""
        return now + wait > deadline
