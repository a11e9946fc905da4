"""What every kind of receiver is made of: a config model, a sender built from it, and the errors it raises.

A kind is one module (console.py, slack.py, ...) holding its config model (one
entry of the receivers file), its sender and the payload it renders, ending in
one `KIND = Kind(Config, build)`; registry.py lists the kinds. The rest of the
notifier knows kinds only through this contract: the receivers file validates
with the kinds' config models, secrets are the fields typed `EnvName`, and the
notifier builds each receiver with `kind.build(config, resources)`.

A receiver delivers one notice — a group's message, or (a kind that groups
itself, `grouped=False`) one alert revision; it raises DeliveryError and never
retries itself. A grouped receiver handed a lone alert revision (a dead delivery
recorded before grouping, sent again by `tocsin deadletter replay`) sends it as
a one-alert message. `send` returns the receiver's id of what it posted when
later messages need it to reply in a thread (a Slack `ts`), else None.

Error texts end up in logs and in Delivery records, so they never carry a URL
(a Slack webhook URL is its credential) or any other secret.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Generic, Protocol, TypeVar, get_args

import httpx
from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from tocsin.records import Alert
from tocsin.streams.notify.dispatch import GroupedAlert, Message


class _Variable:
    """Marks a config field whose value names an environment variable holding a secret."""


VARIABLE = _Variable()

Name = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=64)]
#: A field of this type names an environment variable; the notifier reads it at load (a missing one is a
#: load error with file and line) and masks its value in logs.
EnvName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$"), VARIABLE]
HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s]+$")]


class ReceiverConfig(BaseModel):
    """One entry of the receivers file; a kind's model adds `kind: Literal["<kind>"]` and its own fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    kind: str
    name: Name

    def variables(self) -> dict[str, str]:
        """The environment variables this receiver needs, by the field that names each (unset optional ones left out)."""
        return {
            field: value for field, info in type(self).model_fields.items() if _names_variable(info) and (value := getattr(self, field))
        }


def _names_variable(info: FieldInfo) -> bool:
    """True for a field typed EnvName, or EnvName | None."""
    return VARIABLE in info.metadata or any(VARIABLE in getattr(arg, "__metadata__", ()) for arg in get_args(info.annotation))


class DeliveryError(Exception):
    """A failed delivery; `retry_after` (seconds) when the receiver said when to come back."""

    def __init__(self, reason: str, retry_after: float | None = None, permanent: bool = False):
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent


class Receiver(Protocol):
    name: str

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> str | None: ...


class RateLimiter:
    """Spaces calls at least `interval` seconds apart: Slack allows one message a second per webhook."""

    def __init__(self, interval: float):
        self.interval = interval
        self._lock = asyncio.Lock()
        self._next = 0.0

    async def wait(self) -> None:
        async with self._lock:
            delay = self._next - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self._next = time.monotonic() + self.interval


@dataclass
class Resources:
    """What receivers share in one notifier: the HTTP client, the secrets read at load, rate limiters by key."""

    client: httpx.AsyncClient
    timeout: float
    secrets: Mapping[str, str]
    limiters: dict[str, RateLimiter]

    def secret(self, variable: str | None) -> str | None:
        return self.secrets.get(variable) if variable else None

    def limiter(self, key: str, interval: float) -> RateLimiter:
        """The one rate limiter of `key` (a URL, a channel): receivers posting to the same place share it."""
        return self.limiters.setdefault(key, RateLimiter(interval))


C = TypeVar("C", bound=ReceiverConfig)


@dataclass(frozen=True)
class Kind(Generic[C]):
    """A kind of receiver: its config model, and how to build its sender from a validated config.

    `grouped`: the notifier groups alerts into messages for it; False for a
    receiver that groups itself (Alertmanager) and gets every alert revision.
    """

    config: type[C]
    build: Callable[[C, Resources], Receiver]
    grouped: bool = True

    @property
    def name(self) -> str:
        """The `kind:` value of the receivers file: the config model's `kind` literal."""
        values = get_args(self.config.model_fields["kind"].annotation)
        if len(values) != 1:
            raise TypeError(f"{self.config.__name__}.kind must be one Literal value, such as Literal['console']")
        return str(values[0])


def as_message(notice: Alert | Message, receiver: str) -> Message:
    """A message as is; a lone alert revision as a one-alert message that opens no thread."""
    if isinstance(notice, Message):
        return notice
    return Message(
        receiver=receiver,
        group={"region": notice.labels.get("region", "")},
        group_key=notice.fingerprint,
        revision=notice.revision,
        first=notice.revision,
        alerts=[GroupedAlert(alert=notice, new=True)],
        at=datetime.now(UTC),
    )
