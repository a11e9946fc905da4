"""What a notifier remembers of its delivery log (the `notifications` topic), bounded, however long it runs.

Three things are looked up for every alert and every attempt: whether an
idempotency key is recorded already (dedupe), the newest revision of an alert
queued or recorded for a receiver (supersede), and the receiver's id of a
thread's first message (a Slack `ts`, to reply in the thread). Each is needed
only for a while: a key or a revision while its alert can still be read again
(a worker that restarts re-emits the revisions of the signals it reads again)
or its delivery still be retried (the delivery window), and a thread while its
group goes on speaking. So keys and revisions are forgotten when unused for
twice the delivery window, and at least a day; threads when unused for a week;
and each map holds at most a fixed number of entries, the least recently used
going first. What is forgotten is still on Kafka: a partition assigned again is
read anew.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from tocsin.records import Alert, Delivery

K = TypeVar("K")
V = TypeVar("V")

#: Most idempotency keys (and alert revisions) remembered: far more than one delivery window's deliveries.
MAX_KEYS = 200_000
#: Keys and revisions are kept at least this long, whatever the delivery window.
MIN_KEY_SECONDS = 24 * 3600.0
#: Most thread ids remembered: far more than the groups that speak at one time.
MAX_THREADS = 20_000
#: A thread unused this long is forgotten (a group repeats itself every repeat_interval, 4 h by default).
THREAD_SECONDS = 7 * 24 * 3600.0


class RecentMap(Generic[K, V]):
    """A mapping that forgets entries `ttl` seconds after they were last set or read, and the least recently
    used beyond `size` entries."""

    def __init__(self, ttl: float, size: int, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.size = size
        self.clock = clock
        self._entries: OrderedDict[K, tuple[V, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: K) -> bool:
        return self.get(key) is not None

    def get(self, key: K) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[1] <= self.clock() - self.ttl:
            del self._entries[key]
            return None
        self._entries[key] = (entry[0], self.clock())
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: K, value: V) -> None:
        self._entries[key] = (value, self.clock())
        self._entries.move_to_end(key)
        self._expire()

    def _expire(self) -> None:
        """Drop the oldest entries: past the size bound, or past their time (the oldest come first)."""
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        horizon = self.clock() - self.ttl
        while self._entries and next(iter(self._entries.values()))[1] <= horizon:
            self._entries.popitem(last=False)


class DeliveryLog:
    """The notifier's memory of recorded deliveries: keys, newest revisions and threads, each bounded (see above)."""

    def __init__(self, window_seconds: float, clock: Callable[[], float] = time.monotonic):
        keep = max(2 * window_seconds, MIN_KEY_SECONDS)
        self.recorded: RecentMap[str, bool] = RecentMap(keep, MAX_KEYS, clock)
        self.newest: RecentMap[tuple[str, str], int] = RecentMap(keep, MAX_KEYS, clock)
        self.threads: RecentMap[str, str] = RecentMap(THREAD_SECONDS, MAX_THREADS, clock)

    def has(self, idempotency_key: str) -> bool:
        """Whether a delivery of this key is recorded: delivered, suppressed, superseded or dead."""
        return idempotency_key in self.recorded

    def remember(self, key: str, delivery: Delivery | None) -> None:
        """A record of the delivery log, read at assignment or just written (None: a value that does not parse)."""
        self.recorded.put(key, True)
        if delivery is None:
            return
        self.note(delivery.receiver, delivery.alert_fingerprint, delivery.alert_revision)
        if delivery.thread_ref:
            self.threads.put(delivery.idempotency_key, delivery.thread_ref)

    def note(self, receiver: str, fingerprint: str, revision: int) -> None:
        """Remember the newest revision of an alert queued or recorded for a receiver: older ones are superseded."""
        key = (receiver, fingerprint)
        self.newest.put(key, max(revision, self.newest.get(key) or 0))

    def newer(self, receiver: str, alert: Alert) -> int | None:
        """The newest revision queued or recorded for `receiver` when it is newer than `alert`'s."""
        newest = self.newest.get((receiver, alert.fingerprint)) or 0
        return newest if newest > alert.revision else None

    def thread(self, first: str) -> str | None:
        """The receiver's id of the thread's first message, by that message's idempotency key."""
        return self.threads.get(first)
