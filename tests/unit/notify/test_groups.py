"""The notifier's dispatch stage: what it writes to `notification-groups`, and what a new owner restores from it."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.factories import T0, alert
from tocsin.settings import load_settings
from tocsin.streams.notify.dispatch import GroupTiming
from tocsin.streams.notify.groups import GroupStage, message_key

TIMING = GroupTiming(group_wait=timedelta(0), group_interval=timedelta(seconds=60))


class Topic:
    """An in-memory compacted topic standing in for the producer: the latest value of each key, in write order."""

    def __init__(self) -> None:
        self.records: dict[str, bytes | None] = {}
        self.writes: list[str] = []

    async def send_and_wait(self, topic: str, value: bytes | None, key: bytes, partition: int) -> None:
        self.records[key.decode()] = value
        self.writes.append(key.decode())


def stage(topic: Topic) -> GroupStage:
    return GroupStage(load_settings(environ={}), topic)  # type: ignore[arg-type]


async def test_a_flush_writes_the_message_before_the_state_that_counts_it() -> None:
    topic = Topic()
    groups = stage(topic)
    assert await groups.add(alert(), "ops", TIMING, partition=2, offset=7, now=T0)
    ((message, partition),) = await groups.flush(T0)
    assert partition == 2 and message.revision == 1
    group_record = next(key for key in topic.records if key.startswith("group:"))
    assert topic.writes[-2:] == [f"message:{message_key(message)}", group_record]


async def test_a_new_owner_restores_groups_skips_absorbed_alerts_and_resends_only_unrecorded_messages() -> None:
    topic = Topic()
    before = stage(topic)
    await before.add(alert(), "ops", TIMING, 0, 7, T0)
    ((sent, _),) = await before.flush(T0)
    await before.add(alert().model_copy(update={"revision": 2}), "ops", TIMING, 0, 9, T0)
    ((unsent, _),) = await before.flush(T0 + timedelta(seconds=60))

    after = stage(topic)
    outbox, stale = after.load(topic.records, recorded={message_key(sent)})
    assert outbox == [unsent] and stale == [f"message:{message_key(sent)}"]
    assert not await after.add(alert().model_copy(update={"revision": 2}), "ops", TIMING, 0, 9, T0), "offset 9 is in the state already"
    assert await after.add(alert().model_copy(update={"revision": 3}), "ops", TIMING, 0, 10, T0)
    ((update, _),) = await after.flush(T0 + timedelta(seconds=120))
    assert (update.revision, update.thread) == (3, f"{update.group_key}:1")


async def test_a_message_its_group_never_counted_is_dropped_not_sent() -> None:
    topic = Topic()
    before = stage(topic)
    await before.add(alert(), "ops", TIMING, 0, 1, T0)
    unflushed = dict(topic.records)
    ((message, _),) = await before.flush(T0)
    topic.records = {**topic.records, **unflushed}  # a crash between the message record and the state counting it
    after = stage(topic)
    outbox, stale = after.load(topic.records, recorded=set())
    assert outbox == [] and stale == [f"message:{message_key(message)}"]
    ((again, _),) = await after.flush(T0)
    assert again.revision == message.revision and [item.new for item in again.alerts] == [True], "the group sends it itself"
