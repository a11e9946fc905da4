"""The receivers file: named receivers, and routes that pick them by severity and labels.

Secrets (Slack webhook URLs, webhook HMAC keys, SMTP passwords) are never written in
the file, only the names of the environment variables that hold them: the file can
be reviewed and committed, and a missing variable is reported at load with file
and line instead of failing at the first alert.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from streams.notify.dispatch import GroupTiming
from tocsin.config import ConfigError, Location, explain, format_loc, line_of, read_yaml
from tocsin.durations import Duration
from tocsin.records import Alert
from tocsin.settings import Settings

Name = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=64)]
EnvName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s]+$")]
Address = Annotated[str, Field(pattern=r"^[^\s@<>,;\"]+@[^\s@<>,;\"]+$", description="A bare addr-spec: no display name.")]

LEGACY_SLACK = "slack"
LEGACY_SLACK_ENV = "TOCSIN_WEBHOOK_URL"
CONSOLE = "console"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ConsoleConfig(_Strict):
    kind: Literal["console"]
    name: Name


class SlackConfig(_Strict):
    """An incoming webhook (`url_env`), or a bot token (`token_env` and `channel`): only a bot can reply in a thread."""

    kind: Literal["slack"]
    name: Name
    url_env: EnvName | None = Field(default=None, description="Variable holding the incoming-webhook URL (the URL is the credential).")
    token_env: EnvName | None = Field(default=None, description="Variable holding a bot token (xoxb-...) allowed chat:write.")
    channel: str | None = Field(default=None, min_length=1, description="Channel id (or name) a bot token posts to.")
    api_url: HttpUrl = Field(default="https://slack.com/api", description="Slack's Web API base URL.")

    @model_validator(mode="after")
    def _webhook_or_bot(self) -> SlackConfig:
        if (self.url_env is None) == (self.token_env is None):
            raise ValueError("give url_env (incoming webhook) or token_env and channel (bot token), not both")
        if (self.token_env is None) != (self.channel is None):
            raise ValueError("token_env and channel go together")
        return self


class WebhookConfig(_Strict):
    kind: Literal["webhook"]
    name: Name
    url: HttpUrl
    secret_env: EnvName = Field(description="Variable holding the HMAC-SHA256 key of X-Tocsin-Signature.")


class EmailConfig(_Strict):
    kind: Literal["email"]
    name: Name
    host: str = Field(min_length=1)
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str | None = None
    password_env: EnvName | None = None
    sender: Address = Field(alias="from")
    to: list[Address] = Field(min_length=1)

    @model_validator(mode="after")
    def _auth_is_complete(self) -> EmailConfig:
        if (self.username is None) != (self.password_env is None):
            raise ValueError("username and password_env go together")
        return self


class AlertmanagerConfig(_Strict):
    kind: Literal["alertmanager"]
    name: Name
    url: HttpUrl = Field(description="Base URL of Alertmanager; alerts are POSTed to /api/v2/alerts.")


ReceiverConfig = Annotated[ConsoleConfig | SlackConfig | WebhookConfig | EmailConfig | AlertmanagerConfig, Field(discriminator="kind")]

KINDS = frozenset(get_args(model.model_fields["kind"].annotation)[0] for model in get_args(get_args(ReceiverConfig)[0]))


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
    match: dict[str, str] = Field(default_factory=dict, description="`severity` and/or alert labels, all equal.")
    receivers: list[Name] = Field(min_length=1)
    continue_: bool = Field(default=False, alias="continue")

    def matches(self, alert: Alert) -> bool:
        facts = {**alert.labels, "severity": alert.severity.value}
        return all(facts.get(key) == value for key, value in self.match.items())


class DefaultRoute(Grouping):
    receivers: list[Name] = Field(default_factory=list)


class ReceiversFile(_Strict):
    receivers: list[ReceiverConfig] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    default: DefaultRoute = Field(default_factory=DefaultRoute)


class Routing(BaseModel):
    """Validated receivers and routes, with the secret values they need."""

    model_config = ConfigDict(frozen=True)

    receivers: dict[str, ReceiverConfig]
    routes: list[Route]
    default: list[str]
    default_timing: GroupTiming = GroupTiming()
    secrets: dict[str, str] = Field(repr=False)

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


def load_routing(settings: Settings, environ: dict[str, str]) -> Routing:
    """Read `settings.receivers_file`, resolve secrets from `environ`, add the legacy receivers."""
    path = settings.receivers_file
    data, lines = read_yaml(path)
    try:
        parsed = ReceiversFile.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise ConfigError(explain(_untagged(exc.errors(include_url=False)), path, lines)) from exc
    problems: list[str] = []
    receivers: dict[str, ReceiverConfig] = {}
    secrets: dict[str, str] = {}
    for index, receiver in enumerate(parsed.receivers):
        if receiver.name in receivers:
            problems.append(_at(path, lines, ("receivers", index, "name"), f"duplicate receiver name {receiver.name!r}"))
        if receiver.name == LEGACY_SLACK and settings.webhook_url:
            problems.append(_at(path, lines, ("receivers", index, "name"), "name 'slack' is taken by TOCSIN_WEBHOOK_URL"))
        receivers[receiver.name] = receiver
        for field in ("url_env", "token_env", "secret_env", "password_env"):
            variable = getattr(receiver, field, None)
            if variable and environ.get(variable):
                secrets[variable] = environ[variable]
            elif variable:
                problems.append(_at(path, lines, ("receivers", index, field), f"environment variable {variable} is not set"))
    for loc, names in _named_receivers(parsed):
        problems.extend(_at(path, lines, loc + (i,), f"unknown receiver {n!r}") for i, n in enumerate(names) if n not in receivers)
    if problems:
        raise ConfigError(problems)
    default = _with_legacy(settings, receivers, parsed.default.receivers, secrets)
    return Routing(receivers=receivers, routes=parsed.routes, default=default, default_timing=parsed.default.timing(), secrets=secrets)


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


def _untagged(errors: list[Any]) -> list[Any]:
    """Drop pydantic's union tag from `receivers[i].<kind>.field`, so the error points at the field's line."""
    return [
        {**item, "loc": item["loc"][:2] + item["loc"][3:]}
        if item["loc"][:1] == ("receivers",) and item["loc"][2:3] and item["loc"][2] in KINDS
        else item
        for item in errors
    ]


def _at(path: Path, lines: dict[Location, int], loc: Location, message: str) -> str:
    line = line_of(lines, loc)
    return f"{path}:{line}: {format_loc(loc)}: {message}" if line else f"{path}: {format_loc(loc)}: {message}"
