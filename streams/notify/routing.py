"""The receivers file: named receivers, and routes that pick them by severity and labels.

Each receiver entry is validated by the config model of its `kind:` (the kinds
of receivers/registry.py). Secrets (Slack webhook URLs, webhook HMAC keys, SMTP
passwords) are never written in the file, only the names of the environment
variables that hold them (the entries' `EnvName` fields): the file can be
reviewed and committed, and a missing variable is reported at load with file
and line instead of failing at the first alert.
"""

from __future__ import annotations

import functools
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from tocsin.config import ConfigError, FirstSeen, Location, located, read_model, untagged
from tocsin.durations import Duration
from tocsin.labels import LabelSelector
from tocsin.records import Alert
from tocsin.settings import Settings
from tocsin.streams.notify.dispatch import GroupTiming
from tocsin.streams.notify.receivers.console import ConsoleConfig
from tocsin.streams.notify.receivers.kind import Name, ReceiverConfig
from tocsin.streams.notify.receivers.registry import KINDS, Registry
from tocsin.streams.notify.receivers.slack import SlackConfig

LEGACY_SLACK = "slack"
LEGACY_SLACK_ENV = "TOCSIN_WEBHOOK_URL"
CONSOLE = "console"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Grouping(_Strict):
    """How a route groups its alerts into messages (streams/notify/dispatch.py, Alertmanager's meaning)."""

    group_by: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=lambda: ["region"])
    group_wait: Duration = Field(default=timedelta(seconds=30), description="How long a new group gathers alerts before its first message.")
    group_interval: Duration = Field(default=timedelta(minutes=5), description="Least time between two messages of a changed group.")
    repeat_interval: Duration = Field(
        default=timedelta(hours=4), description="How often an unchanged group with firing alerts is sent again."
    )

    @field_validator("group_by")
    @classmethod
    def _by_region(cls, labels: list[str]) -> list[str]:
        if "region" not in labels:
            raise ValueError("must include 'region': alerts are keyed by region, so only then does one notifier hold a whole group")
        return labels

    def timing(self) -> GroupTiming:
        return GroupTiming(
            group_by=tuple(self.group_by),
            group_wait=self.group_wait,
            group_interval=self.group_interval,
            repeat_interval=self.repeat_interval,
        )


class Route(Grouping):
    match: LabelSelector = Field(
        default_factory=LabelSelector, description="`severity` and/or alert labels, each one of its allowed values."
    )
    receivers: list[Name] = Field(min_length=1)
    continue_: bool = Field(default=False, alias="continue")

    def matches(self, alert: Alert) -> bool:
        return self.match.accepts({**alert.labels, "severity": alert.severity.value})


class DefaultRoute(Grouping):
    receivers: list[Name] = Field(default_factory=list)


class ReceiversFile(_Strict):
    """The file's schema; `receivers` is typed with the registered kinds by `file_model`."""

    receivers: list[ReceiverConfig] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    default: DefaultRoute = Field(default_factory=DefaultRoute)


@functools.cache
def file_model(kinds: Registry) -> type[ReceiversFile]:
    """The receivers file's schema with every entry validated as one of `kinds`, by its `kind:`."""
    entries: Any = (list.__class_getitem__(kinds.config_type()), Field(default_factory=list))
    return create_model("ReceiversFile", __base__=ReceiversFile, receivers=entries)


class Routing(BaseModel):
    """Validated receivers and routes, with the secret values they need."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    receivers: dict[str, ReceiverConfig]
    routes: list[Route]
    default: list[str]
    default_timing: GroupTiming = GroupTiming()
    secrets: dict[str, str] = Field(repr=False)
    kinds: Registry = Field(default=KINDS, exclude=True, repr=False)

    def receivers_for(self, alert: Alert) -> list[str]:
        """Routes in order; a match stops the walk unless it says `continue`; no match means default."""
        return list(self.deliveries(alert))

    def deliveries(self, alert: Alert) -> dict[str, GroupTiming]:
        """Each receiver of the alert with the grouping of the first route that chose it."""
        chosen: dict[str, GroupTiming] = {}
        for route in self.routes:
            if route.matches(alert):
                for name in route.receivers:
                    chosen.setdefault(name, route.timing())
                if not route.continue_:
                    break
        return chosen or dict.fromkeys(self.default, self.default_timing)

    def secret(self, variable: str | None) -> str | None:
        return self.secrets.get(variable) if variable else None

    def grouped(self, receiver: str) -> bool:
        """Whether `receiver` gets grouped messages (else every alert revision: a receiver that groups itself)."""
        return self.kinds.grouped(self.receivers[receiver])


def load_routing(settings: Settings, environ: dict[str, str], kinds: Registry = KINDS) -> Routing:
    """Read `settings.receivers_file` (receivers of the registered `kinds`), resolve secrets from `environ`, add the legacy receivers."""
    path = settings.receivers_file
    parsed, lines = read_model(path, file_model(kinds), locate=lambda errors: untagged(errors, "receivers", kinds.names(), "kind"))
    unique = FirstSeen("receiver name")
    problems: list[str] = []
    receivers: dict[str, ReceiverConfig] = {}
    secrets: dict[str, str] = {}
    for index, receiver in enumerate(parsed.receivers):
        duplicate = unique.duplicate(receiver.name, path, lines, ("receivers", index, "name"))
        if duplicate:
            problems.append(duplicate)
        if receiver.name == LEGACY_SLACK and settings.webhook_url:
            problems.append(_at(path, lines, ("receivers", index, "name"), "name 'slack' is taken by TOCSIN_WEBHOOK_URL"))
        receivers[receiver.name] = receiver
        for field, variable in receiver.variables().items():
            if environ.get(variable):
                secrets[variable] = environ[variable]
            else:
                problems.append(_at(path, lines, ("receivers", index, field), f"environment variable {variable} is not set"))
    for loc, names in _named_receivers(parsed):
        problems.extend(_at(path, lines, loc + (i,), f"unknown receiver {n!r}") for i, n in enumerate(names) if n not in receivers)
    if problems:
        raise ConfigError(problems)
    default = _with_legacy(settings, receivers, parsed.default.receivers, secrets)
    return Routing(
        receivers=receivers, routes=parsed.routes, default=default, default_timing=parsed.default.timing(), secrets=secrets, kinds=kinds
    )


def _with_legacy(settings: Settings, receivers: dict[str, ReceiverConfig], default: list[str], secrets: dict[str, str]) -> list[str]:
    """TOCSIN_CONSOLE_ALERTS and TOCSIN_WEBHOOK_URL keep their meaning: they put console and Slack
    in (or, for console=false, take console out of) the default route."""
    chosen = [name for name in default if settings.console_alerts or name != CONSOLE]
    if settings.console_alerts:
        receivers.setdefault(CONSOLE, ConsoleConfig(kind="console", name=CONSOLE))
        chosen.append(CONSOLE)
    if settings.webhook_url:
        receivers[LEGACY_SLACK] = SlackConfig(kind="slack", name=LEGACY_SLACK, url_env=LEGACY_SLACK_ENV)
        secrets[LEGACY_SLACK_ENV] = settings.webhook_url
        chosen.append(LEGACY_SLACK)
    return list(dict.fromkeys(chosen))


def _named_receivers(parsed: ReceiversFile) -> list[tuple[Location, list[str]]]:
    """Every list of receiver names in the file, with where it is."""
    routes = [(("routes", i, "receivers"), route.receivers) for i, route in enumerate(parsed.routes)]
    return routes + [(("default", "receivers"), parsed.default.receivers)]


def _at(path: Path, lines: dict[Location, int], loc: Location, message: str) -> str:
    return f"{located(path, lines, loc)}: {message}"
