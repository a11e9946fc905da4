"""Process settings: defaults, then an optional YAML file, then `TOCSIN_*` environment variables.

Validated at start: an invalid value stops the program with one line that names
the setting, the value and what is allowed (see `SettingsError`).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator

from tocsin import PROJECT_ROOT
from tocsin.config import ConfigError, Location, explain, line_of, read_yaml
from tocsin.durations import Duration
from tocsin.topics import Topics

ENV_PREFIX = "TOCSIN_"
#: Settings read only from the environment: a file is shared, copied and committed.
SECRETS = ("kafka_sasl_password",)


class SettingsError(Exception):
    """Settings that cannot be used; one line per problem."""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kafka_bootstrap_servers: str = Field(
        default="127.0.0.1:9092",
        description="Comma-separated host:port list; KAFKA_BOOTSTRAP_SERVERS is honoured too.",
    )
    topic_prefix: str = Field(default="tocsin.", pattern=r"^[A-Za-z0-9._-]*$")
    partitions: int = Field(default=4, ge=1, le=1024, description="Partitions of every Tocsin topic.")
    replication_factor: int = Field(default=1, ge=1, le=16)
    app_id: str = Field(default="tocsin", pattern=r"^[A-Za-z0-9._-]+$", description="Faust app id and consumer group prefix.")
    data_dir: Path = Field(default=PROJECT_ROOT / "var" / "state", description="Local state of Faust tables.")
    sources_file: Path = Field(default=PROJECT_ROOT / "connectors" / "sources.yaml")
    rules_dir: Path = Field(default=PROJECT_ROOT / "alert_rules")
    receivers_file: Path = Field(
        default=PROJECT_ROOT / "alert_rules" / "notify" / "receivers.yaml",
        description="Named receivers and the routes that choose them (streams/notify/routing.py).",
    )
    connector_shard: str = Field(
        default="0/1",
        pattern=r"^\d+/[1-9]\d*$",
        description="i/N: this connector polls the sources whose id hashes to i modulo N (split a catalog over N processes).",
    )
    webhook_url: str | None = Field(default=None, description="Slack-compatible incoming webhook for alerts.")
    console_alerts: bool = Field(default=True, description="Print alerts to standard output.")
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT",
        description="How clients talk to Kafka; managed services want SASL_SSL (docs/deployment.md).",
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        default=None,
        description="Required with SASL_PLAINTEXT and SASL_SSL.",
    )
    kafka_sasl_username: str | None = Field(default=None, description="Required with SASL_PLAINTEXT and SASL_SSL.")
    kafka_sasl_password: SecretStr | None = Field(
        default=None,
        description="Only from the environment (TOCSIN_KAFKA_SASL_PASSWORD), never from a file; never shown.",
    )
    kafka_ssl_cafile: Path | None = Field(default=None, description="PEM CA bundle for SSL/SASL_SSL; the system's CAs when unset.")
    kafka_ssl_certfile: Path | None = Field(default=None, description="PEM client certificate (mutual TLS); may hold the key too.")
    kafka_ssl_keyfile: Path | None = Field(default=None, description="PEM private key of kafka_ssl_certfile.")
    metrics_enabled: bool = Field(
        default=True,
        description="false: no /metrics and every metric update is a no-op (tocsin/metrics.py).",
    )
    metrics_port: int = Field(default=0, ge=0, le=65535, description="Port of /metrics; 0 turns it off.")
    metrics_host: str = "127.0.0.1"
    live_port: int = Field(default=0, ge=0, le=65535, description="Port of the live page (tocsin.live); 0 turns it off.")
    live_host: str = "127.0.0.1"
    live_token: str | None = Field(
        default=None, description="When set, the live page requires `Authorization: Bearer <token>` (or ?token= once, then a cookie)."
    )
    http_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    user_agent: str = "Tocsin/0.1 (+https://github.com/tocsin-monitor/tocsin)"
    dedupe_ttl_seconds: int = Field(default=7 * 24 * 3600, ge=60)
    store: Literal["rocksdb", "memory"] = Field(
        default="rocksdb",
        description="Where Faust tables live: RocksDB files under data_dir (bounded memory, fast restarts) "
        "or memory (rebuilt from the changelog at every start).",
    )
    cleanup_interval_seconds: float = Field(
        default=600.0,
        gt=0,
        le=86400,
        description="How often each partition's dedupe and story tables drop entries older than dedupe_ttl_seconds.",
    )
    tick_seconds: float = Field(default=10.0, gt=0, le=3600, description="How often firing alerts are checked for updates and resolution.")
    escalation_interval_seconds: float = Field(
        default=60.0, gt=0, le=3600, description="How often each region's escalation index is emitted."
    )
    max_item_age: Duration = Field(
        default=timedelta(hours=48),
        description="An item published longer than this before it was fetched feeds stories and baselines but never fires or updates an alert (48h, 30m ...).",
    )
    first_poll_window: Duration = Field(
        default=timedelta(hours=1),
        description="On a source's first poll, only items published this recently can alert: the rest is its back catalogue.",
    )
    delivery_window: Duration = Field(
        default=timedelta(hours=1),
        description="How long after an alert revision was written its failed deliveries are retried (1s to 7d, the alerts topic's retention); then they are recorded dead.",
    )
    delivery_max_backoff: Duration = Field(
        default=timedelta(seconds=60),
        description="The longest wait between two attempts of a failing delivery (1s to 1h), unless the receiver's Retry-After asks for more.",
    )
    delivery_queue_size: int = Field(
        default=1000,
        ge=1,
        le=100_000,
        description="Messages a receiver's queue holds; when one is full the notifier sends no more until it has room (groups keep gathering alerts).",
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    @field_validator("kafka_bootstrap_servers")
    @classmethod
    def _hosts_have_ports(cls, value: str) -> str:
        for server in value.split(","):
            host, sep, port = server.strip().rpartition(":")
            if not sep or not host or not port.isdigit():
                raise ValueError(f"expected host:port[,host:port...], {server.strip()!r} has no port")
        return value

    @field_validator("delivery_window")
    @classmethod
    def _window_within_retention(cls, value: timedelta) -> timedelta:
        if not timedelta(seconds=1) <= value <= timedelta(days=7):
            raise ValueError(
                "expected 1s to 7d: a restarted notifier reads undelivered alerts again, and the alerts topic keeps them 7 days"
            )
        return value

    @field_validator("delivery_max_backoff")
    @classmethod
    def _backoff_bounded(cls, value: timedelta) -> timedelta:
        if not timedelta(seconds=1) <= value <= timedelta(hours=1):
            raise ValueError("expected 1s to 1h")
        return value

    @field_validator("kafka_ssl_cafile", "kafka_ssl_certfile", "kafka_ssl_keyfile")
    @classmethod
    def _file_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError("no such file (expected a PEM file)")
        return value

    @model_validator(mode="after")
    def _security_is_complete(self) -> Settings:
        """Refuse settings a managed Kafka would reject later with a vaguer error, or silently ignore."""
        protocol = self.kafka_security_protocol
        sasl = {
            "kafka_sasl_mechanism": self.kafka_sasl_mechanism,
            "kafka_sasl_username": self.kafka_sasl_username,
            "kafka_sasl_password": self.kafka_sasl_password,
        }
        ssl = {
            "kafka_ssl_cafile": self.kafka_ssl_cafile,
            "kafka_ssl_certfile": self.kafka_ssl_certfile,
            "kafka_ssl_keyfile": self.kafka_ssl_keyfile,
        }
        if protocol.startswith("SASL_"):
            missing = [name for name, value in sasl.items() if value is None]
            if missing:
                raise ValueError(
                    f"kafka_security_protocol {protocol} needs {', '.join(missing)} "
                    "(mechanism one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512; the password from TOCSIN_KAFKA_SASL_PASSWORD)"
                )
        elif any(value is not None for value in sasl.values()):
            raise ValueError(f"kafka_sasl_* settings need kafka_security_protocol SASL_PLAINTEXT or SASL_SSL, not {protocol}")
        if not protocol.endswith("SSL") and any(value is not None for value in ssl.values()):
            raise ValueError(f"kafka_ssl_* settings need kafka_security_protocol SSL or SASL_SSL, not {protocol}")
        if self.kafka_ssl_keyfile is not None and self.kafka_ssl_certfile is None:
            raise ValueError("kafka_ssl_keyfile needs kafka_ssl_certfile (the certificate the key belongs to)")
        return self

    @property
    def topics(self) -> Topics:
        return Topics(self.topic_prefix)


def _from_environment(environ: dict[str, str]) -> dict[str, str]:
    values = {}
    if environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        values["kafka_bootstrap_servers"] = environ["KAFKA_BOOTSTRAP_SERVERS"]
    for name in Settings.model_fields:
        key = ENV_PREFIX + name.upper()
        if key in environ:
            values[name] = environ[key]
    return values


def load_settings(config_file: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Build settings from the file (if any; else `TOCSIN_CONFIG`) and the environment."""
    environ = dict(os.environ if environ is None else environ)
    config_file = config_file or (Path(environ["TOCSIN_CONFIG"]) if environ.get("TOCSIN_CONFIG") else None)
    file_values: dict[str, Any] = {}
    lines: dict[Location, int] = {}
    if config_file is not None:
        try:
            data, lines = read_yaml(config_file)
        except ConfigError as exc:
            raise SettingsError(str(exc)) from exc
        if data is not None and not isinstance(data, dict):
            raise SettingsError(f"{config_file}:1: settings must be a mapping of name: value")
        file_values = data or {}
        _refuse_secrets(file_values, config_file, lines)
    env_values = _from_environment(environ)
    try:
        return Settings.model_validate({**file_values, **env_values})
    except ValidationError as exc:
        raise SettingsError("\n".join(_explain_settings(exc, config_file, lines, env_values, environ))) from exc


def _refuse_secrets(file_values: dict[str, Any], config_file: Path, lines: dict[Location, int]) -> None:
    for name in SECRETS:
        if name in file_values:
            line = line_of(lines, (name,)) or 1
            raise SettingsError(
                f"{config_file}:{line}: {name}: a secret is read only from the environment "
                f"({ENV_PREFIX}{name.upper()}); remove it from the file"
            )


def _explain_settings(
    exc: ValidationError, config_file: Path | None, lines: dict[Location, int], env_values: dict[str, str], environ: dict[str, str]
) -> list[str]:
    problems = []
    for item in exc.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else ""
        if not name:  # a rule across settings: the message names them
            problems.append(f"{config_file or 'settings'}: {item['msg']}")
        elif name in env_values:
            variable = ENV_PREFIX + name.upper()
            if variable not in environ:
                variable = "KAFKA_BOOTSTRAP_SERVERS"
            problems.append(f"setting {variable}={env_values[name]!r}: {item['msg']}")
        else:
            problems.extend(explain([item], config_file or "settings", lines))
    return problems
