"""The notifier's dispatch stage: routed alerts go into notification groups, due groups come out as messages.

The groups themselves are dispatch.py's; this stage keeps them on Kafka, so a
restarted or re-balanced notifier goes on where the last one stopped: same
message revisions, same threads, nothing told twice. The compacted
`notification-groups` topic holds, in the partition of the group's alerts (alerts
are keyed by region, and every route groups by region):

- `group:<key>`: the group's state and the offset of the last alert put into it.
  An alert's offset may be committed once the state holding it is written; an
  alert read again at or below that offset is in the state already.
- `message:<idempotency key>`: a message flushed but not yet recorded in the
  `notifications` topic (the outbox). It is written before the state that counts
  it, and deleted (a tombstone) once its delivery is recorded; a restarted
  notifier queues every message of the outbox that the delivery log does not
  know, with its content unchanged, and drops one the state does not count yet
  (it was never queued: the group sends it again).

The stage's lock makes an alert's state write and a flush's two writes one step
each: a state write never overtakes the message record it counts.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from aiokafka import AIOKafkaProducer
from pydantic import BaseModel, ValidationError

from tocsin.records import Alert
from tocsin.settings import Settings
from tocsin.streams.notify.delivery import idempotency_key
from tocsin.streams.notify.dispatch import (
    Dispatcher,
    Group,
    GroupTiming,
    Message,
    group_key,
    group_labels,
)

log = logging.getLogger(__name__)

GROUP = "group:"
MESSAGE = "message:"


class GroupState(BaseModel):
    """A record `group:<key>` of `notification-groups`."""

    group: Group
    partition: int
    offset: int


class GroupStage:
    """The groups of the partitions this notifier owns, written through to `notification-groups`."""

    def __init__(self, settings: Settings, producer: AIOKafkaProducer):
        self.topic = settings.topics.notification_groups
        self.producer = producer
        self.dispatcher = Dispatcher()
        self.placed: dict[str, GroupState] = {}
        self.lock = asyncio.Lock()

    async def add(self, alert: Alert, receiver: str, timing: GroupTiming, partition: int, offset: int, now: datetime) -> bool:
        """Put an alert read at `offset` into its group and write the group; False when the group had it already."""
        key = group_key(receiver, group_labels(alert, timing.group_by))
        async with self.lock:
            held = self.placed.get(key)
            if held is not None and held.partition == partition and offset <= held.offset:
                return False
            group = self.dispatcher.add(alert, receiver, timing, now)
            if group is not None:
                await self._write_state(GroupState(group=group, partition=partition, offset=offset))
            return True

    async def flush(self, now: datetime) -> list[tuple[Message, int]]:
        """The messages due at `now`, each with its partition, written to the outbox before the state counting them."""
        out = []
        async with self.lock:
            for message in self.dispatcher.flush(now):
                state = self.placed[message.group_key]
                await self._send(MESSAGE + message_key(message), message.model_dump_json().encode(), state.partition)
                await self._write_state(state)
                out.append((message, state.partition))
        return out

    def load(self, records: dict[str, bytes | None], recorded: set[str]) -> tuple[list[Message], list[str]]:
        """Restore the groups of one partition from its records.

        Returns the outbox messages to queue, in order, and the outbox keys to delete:
        recorded already, or never counted by their group's state.
        """
        outbox: list[Message] = []
        for key, value in records.items():
            if key.startswith(GROUP) and value:
                try:
                    state = GroupState.model_validate_json(value)
                except ValidationError as exc:  # its alerts' next revisions open the group anew
                    log.error("notifier: group record %s does not parse, skipped: %s", key, exc.errors(include_url=False)[:1])
                    continue
                self.placed[state.group.key] = state
                self.dispatcher.groups[state.group.key] = state.group
        stale = []
        for key, value in records.items():
            if not key.startswith(MESSAGE) or not value:
                continue
            message = _message(value)
            group = self.placed.get(message.group_key) if message else None
            if message and key.removeprefix(MESSAGE) not in recorded and group and message.revision <= group.group.revision:
                outbox.append(message)
            else:
                stale.append(key)
        return sorted(outbox, key=lambda m: (m.group_key, m.revision)), stale

    async def sent(self, message: Message, partition: int) -> None:
        """The message's delivery is recorded: drop it from the outbox."""
        await self._send(MESSAGE + message_key(message), None, partition)

    async def drop(self, key: str, partition: int) -> None:
        await self._send(key, None, partition)

    def forget(self, partitions: set[int]) -> None:
        """Revoked partitions: their groups are written; the next owner reads them."""
        gone = {key for key, state in self.placed.items() if state.partition in partitions}
        for key in gone:
            del self.placed[key]
            self.dispatcher.groups.pop(key, None)

    async def _write_state(self, state: GroupState) -> None:
        self.placed[state.group.key] = state
        await self._send(GROUP + state.group.key, state.model_dump_json().encode(), state.partition)

    async def _send(self, key: str, value: bytes | None, partition: int) -> None:
        await self.producer.send_and_wait(self.topic, value, key=key.encode(), partition=partition)


def message_key(message: Message) -> str:
    return idempotency_key(message, message.receiver)


def _message(value: bytes) -> Message | None:
    try:
        return Message.model_validate_json(value)
    except ValidationError:
        return None
