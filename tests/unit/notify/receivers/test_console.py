"""`kind: console`: the grouped text form, printed."""

from __future__ import annotations

import io

from tests.unit.factories import alert
from tocsin.streams.notify.receivers.console import ConsoleReceiver


async def test_console_receiver_prints_the_grouped_form() -> None:
    stream = io.StringIO()
    await ConsoleReceiver(stream=stream).send(alert(), "fp-1:1:console")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[CRITICAL] region=south_caucasus: 1 firing alert(s) (message 1)"
    assert lines[1].startswith("NEW [CRITICAL] Escalation in south_caucasus")
