"""`kind: console`: each message printed to standard output, in the grouped text form."""

from __future__ import annotations

import sys
from typing import Literal, TextIO

from tocsin.records import Alert
from tocsin.streams.notify.dispatch import Message
from tocsin.streams.notify.receivers.kind import Kind, ReceiverConfig, Resources, as_message
from tocsin.streams.notify.render import render_message_text


class ConsoleConfig(ReceiverConfig):
    kind: Literal["console"]


class ConsoleReceiver:
    """Prints each message to a stream (standard output by default)."""

    def __init__(self, name: str = "console", stream: TextIO | None = None):
        self.name = name
        self.stream = stream or sys.stdout

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        print(render_message_text(as_message(notice, self.name)), file=self.stream, flush=True)


def build(config: ConsoleConfig, resources: Resources) -> ConsoleReceiver:
    return ConsoleReceiver(config.name)


KIND = Kind(ConsoleConfig, build)
