"""The receivers file: route matching, legacy settings, and load errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.factories import alert
from tocsin.config import ConfigError
from tocsin.records import Severity
from tocsin.settings import load_settings
from tocsin.streams.notify.routing import Routing, load_routing

ROUTED = """\
receivers:
  - {name: console, kind: console}
  - {name: duty-email, kind: email, host: 127.0.0.1, port: 2525, security: none, from: t@example.org, to: [d@example.org]}
  - {name: ops, kind: webhook, url: "https://ops.example/hook", secret_env: OPS_SECRET}
  - {name: am, kind: alertmanager, url: "http://127.0.0.1:9093"}
routes:
  - match: {severity: critical, region: south_caucasus}
    receivers: [duty-email]
    continue: true
  - match: {severity: critical}
    receivers: [ops]
  - match: {team: analysts}
    receivers: [am]
default:
  receivers: [console, ops]
"""


def routing(tmp_path: Path, text: str, environ: dict[str, str] | None = None, **settings: str) -> Routing:
    path = tmp_path / "receivers.yaml"
    path.write_text(text, encoding="utf-8")
    env = {"TOCSIN_RECEIVERS_FILE": str(path), "TOCSIN_CONSOLE_ALERTS": "false", **settings}
    return load_routing(load_settings(environ=env), {"OPS_SECRET": "k", **(environ or {})})


def load_errors(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        routing(tmp_path, text, environ)
    return caught.value.problems


@pytest.mark.parametrize(
    ("severity", "labels", "expected"),
    [
        (Severity.CRITICAL, {"region": "south_caucasus", "team": "analysts"}, ["duty-email", "ops"]),  # continue, then stop
        (Severity.CRITICAL, {"region": "ukraine_russia", "team": "analysts"}, ["ops"]),
        (Severity.WARNING, {"region": "south_caucasus", "team": "analysts"}, ["am"]),
        (Severity.WARNING, {"region": "south_caucasus"}, ["ops"]),  # nothing matched: default
    ],
)
def test_routes_match_in_order_by_severity_and_labels(tmp_path, severity, labels, expected):
    chosen = routing(tmp_path, ROUTED).receivers_for(alert(labels=labels).model_copy(update={"severity": severity}))
    assert chosen == expected


def test_legacy_settings_add_slack_and_console_to_the_default_route(tmp_path):
    loaded = routing(tmp_path, "default: {receivers: []}", TOCSIN_CONSOLE_ALERTS="true", TOCSIN_WEBHOOK_URL="https://hooks.example/T/B/x")
    assert loaded.default == ["console", "slack"]
    assert loaded.secret(loaded.receivers["slack"].url_env) == "https://hooks.example/T/B/x"


def test_console_alerts_false_takes_console_out_of_the_default_route(tmp_path):
    assert routing(tmp_path, ROUTED).default == ["ops"]


def test_unknown_receiver_in_a_route_is_reported_with_its_line(tmp_path):
    text = ROUTED.replace("receivers: [ops]", "receivers: [ops, pager]")
    path = tmp_path / "receivers.yaml"
    assert load_errors(tmp_path, text) == [f"{path}:11: routes[1].receivers[1]: unknown receiver 'pager'"]


def test_missing_secret_variable_is_named_with_its_line(tmp_path):
    text = "receivers:\n  - name: team\n    kind: slack\n    url_env: TEAM_SLACK_URL\n"
    assert load_errors(tmp_path, text) == [
        f"{tmp_path / 'receivers.yaml'}:4: receivers[0].url_env: environment variable TEAM_SLACK_URL is not set"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("receivers:\n  - {name: a, kind: pager}\n", ":2: receivers[0].kind: Input tag 'pager' found using 'kind'"),
        ("receivers:\n  - {name: a, kind: console}\n  - {name: a, kind: console}\n", ":3: receivers[1].name: duplicate receiver name 'a'"),
        (
            "receivers:\n  - name: m\n    kind: email\n    host: h\n    from: t@example.org\n    to: [d@example.org]\n    username: u\n",
            ":2: receivers[0]: Value error, username and password_env go together",
        ),
        (
            'receivers:\n  - name: m\n    kind: email\n    host: h\n    from: "t@example.org\\r\\nBcc: x@example.org"\n    to: [d@example.org]\n',
            ":5: receivers[0].from: String should match pattern",
        ),
        ("routes:\n  - receivers: [console]\n    contine: true\n", ":3: routes[0].contine: unknown field"),
        ("routes:\n  - receivers: [console]\n    group_by: [rule]\n", ":3: routes[0].group_by: Value error, must include 'region'"),
        ("default:\n  group_by: [team]\n", ":2: default.group_by: Value error, must include 'region'"),
        (
            "receivers:\n  - {name: s, kind: slack, url_env: A, token_env: B, channel: C1}\n",
            ":2: receivers[0]: Value error, give url_env (incoming webhook) or token_env and channel (bot token), not both",
        ),
        ("receivers:\n  - {name: s, kind: slack, token_env: B}\n", ":2: receivers[0]: Value error, token_env and channel go together"),
    ],
)
def test_invalid_files_name_file_line_and_field(tmp_path, text, expected):
    (problem,) = load_errors(tmp_path, text)
    assert problem.startswith(str(tmp_path / "receivers.yaml") + expected)
