"""The notifier's memory of its delivery log stays bounded: keys and revisions go after twice the delivery window
(at least a day), threads when unused for long, and every map holds at most a fixed number of entries."""

from __future__ import annotations

from tests.unit.factories import alert
from tocsin.records import DeliveryOutcome
from tocsin.streams.notify.delivery import delivery_record
from tocsin.streams.notify.memory import MAX_KEYS, MIN_KEY_SECONDS, THREAD_SECONDS, DeliveryLog, RecentMap


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_entries_expire_after_their_time_to_live() -> None:
    clock = Clock()
    recent: RecentMap[str, int] = RecentMap(ttl=10, size=100, clock=clock)
    recent.put("a", 1)
    clock.now += 6
    recent.put("b", 2)
    assert recent.get("a") == 1, "a read keeps an entry alive"
    clock.now += 6
    assert "a" in recent and "b" in recent
    clock.now += 11
    recent.put("c", 3)
    assert "a" not in recent and "b" not in recent and len(recent) == 1


def test_the_least_recently_used_go_first_beyond_the_size() -> None:
    recent: RecentMap[str, int] = RecentMap(ttl=3600, size=3, clock=Clock())
    for index, key in enumerate("abc"):
        recent.put(key, index)
    recent.get("a")
    recent.put("d", 3)
    assert [key for key in "abcd" if key in recent] == ["a", "c", "d"]
    assert len(recent) == 3


def test_the_delivery_log_forgets_keys_after_twice_the_window_but_keeps_threads() -> None:
    clock = Clock()
    window = MIN_KEY_SECONDS  # twice a day: more than the least kept
    memory = DeliveryLog(window_seconds=window, clock=clock)
    delivered = delivery_record("chat", alert(), DeliveryOutcome.DELIVERED, 1, thread_ref="1.0001")
    memory.remember(delivered.idempotency_key, delivered)
    assert memory.has(delivered.idempotency_key) and memory.thread(delivered.idempotency_key) == "1.0001"
    assert memory.newer("chat", alert().model_copy(update={"revision": 0})) == 1
    clock.now += window + 1
    assert memory.has(delivered.idempotency_key), "one window on, its alert may still be read again"
    clock.now += 2 * window + 1  # unused since that look-up
    memory.remember("other:1:chat", None)  # any write drops what is past its time
    assert not memory.has(delivered.idempotency_key) and memory.newer("chat", alert().model_copy(update={"revision": 0})) is None
    assert memory.thread(delivered.idempotency_key) == "1.0001", "a group's thread outlives the delivery window"
    clock.now += THREAD_SECONDS + 1
    assert memory.thread(delivered.idempotency_key) is None


def test_keys_are_kept_a_day_even_with_a_short_window() -> None:
    clock = Clock()
    memory = DeliveryLog(window_seconds=60, clock=clock)
    memory.remember("fp-1:1:ops", None)
    clock.now += MIN_KEY_SECONDS - 1
    assert memory.has("fp-1:1:ops")
    clock.now += MIN_KEY_SECONDS
    assert not memory.has("fp-1:1:ops")


def test_the_delivery_log_holds_at_most_max_keys() -> None:
    memory = DeliveryLog(window_seconds=3600, clock=Clock())
    for index in range(MAX_KEYS + 10):
        memory.remember(f"fp-{index}:1:ops", None)
    assert len(memory.recorded) == MAX_KEYS
    assert not memory.has("fp-0:1:ops") and memory.has(f"fp-{MAX_KEYS + 9}:1:ops")
