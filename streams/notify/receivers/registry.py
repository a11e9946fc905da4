"""The kinds of receiver a receivers file may name: one module each, one registration line each (KINDS below).

The receivers file validates against the union of the registered kinds' config
models (discriminated by `kind:`), and the notifier builds and treats each
receiver through its kind: nothing else in the notifier names a kind.
docs/alerting.md ("Adding a receiver") walks through a new one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Union

from pydantic import Field

from tocsin.streams.notify.receivers import alertmanager, console, email, slack, webhook
from tocsin.streams.notify.receivers.kind import Kind, Receiver, ReceiverConfig, Resources


class Registry:
    """Kinds by name; immutable, so a receivers-file model built from one stays true to it."""

    def __init__(self, *kinds: Kind[Any]):
        self._kinds: dict[str, Kind[Any]] = {}
        for kind in kinds:
            if kind.name in self._kinds:
                raise ValueError(f"receiver kind {kind.name!r} is registered twice")
            self._kinds[kind.name] = kind

    def __iter__(self) -> Iterator[Kind[Any]]:
        return iter(self._kinds.values())

    def __getitem__(self, name: str) -> Kind[Any]:
        return self._kinds[name]

    def names(self) -> frozenset[str]:
        return frozenset(self._kinds)

    def config_type(self) -> Any:
        """The type of one receivers-file entry: one of the kinds' config models, chosen by its `kind:`."""
        return Annotated[Union[tuple(kind.config for kind in self)], Field(discriminator="kind")]  # noqa: UP007 (built at run time)

    def build(self, config: ReceiverConfig, resources: Resources) -> Receiver:
        """The sender of a validated receiver entry."""
        return self[config.kind].build(config, resources)

    def grouped(self, config: ReceiverConfig) -> bool:
        """Whether the notifier groups alerts into messages for this receiver (else it gets every revision)."""
        return self[config.kind].grouped


KINDS = Registry(
    console.KIND,
    slack.KIND,
    webhook.KIND,
    email.KIND,
    alertmanager.KIND,
)
