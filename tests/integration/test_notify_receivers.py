"""The notifier role against real receivers: an SMTP server, Slack and webhook stand-ins, a real Alertmanager.

Each test starts `tocsin run --role notifier` with its own receivers file (groups
by region with a short group_wait and group_interval), produces Alert records to
the alerts topic of the test broker, keyed by region as the worker does, and
checks what the receivers got — one message per group, threaded — and what was
recorded on the notifications and deadletter topics.
"""

from __future__ import annotations

import email
import hashlib
import hmac
import json
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.helpers.http import Response, free_port, wait_for
from tests.helpers.kafka import produce, read_topic
from tests.integration.conftest import BOOTSTRAP, start_role, write_yaml
from tocsin.records import Alert, AlertCounts, AlertEvidence, AlertStatus, DeadLetter, Delivery, DeliveryOutcome
from tocsin.streams.notify.dispatch import Message, group_key

ALERTMANAGER = Path("/usr/bin/prometheus-alertmanager")
EVIDENCE = AlertEvidence(
    signal_type="shelling",
    title="Artillery shells Stepanakert as fighting flares",
    source_id="wire",
    url="https://wire.example/2023/09/19/stepanakert-shelling",
    published=datetime(2023, 9, 19, 6, tzinfo=UTC),
    excerpt="Heavy shelling hit the outskirts of Stepanakert",
)

StartNotifier = Callable[..., None]


GROUPING = {"group_wait": "0s", "group_interval": "2s"}


def make_alert(
    fingerprint: str = "fp-it-1",
    status: AlertStatus = AlertStatus.FIRING,
    revision: int = 1,
    rule: str = "violent-escalation",
    region: str = "south_caucasus",
) -> Alert:
    return Alert(
        rule_id=rule,
        severity="critical",
        fingerprint=fingerprint,
        status=status,
        revision=revision,
        labels={"region": region, "team": "analysts"},
        title="Escalation in south_caucasus: shelling",
        summary="1 signal(s) in 1 story(ies) from 1 source(s): shelling",
        evidence=[EVIDENCE],
        counts=AlertCounts(signals=1, stories=1, sources=1),
        first_seen=datetime(2023, 9, 19, 6, 5, tzinfo=UTC),
        last_seen=datetime(2023, 9, 19, 6, 5, tzinfo=UTC),
    )


def topic_records(env: dict[str, str], name: str) -> list[bytes]:
    return [value for *_, value in read_topic(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + name)]


def deliveries(env: dict[str, str]) -> dict[str, Delivery]:
    """Delivery records on the notifications topic, by receiver."""
    return {record.receiver: record for record in map(Delivery.from_bytes, topic_records(env, "notifications"))}


def key_of(receiver: str, revision: int = 1) -> str:
    """The idempotency key of message `revision` of the test alerts' group (region south_caucasus) for `receiver`."""
    return f"{group_key(receiver, {'region': 'south_caucasus'})}:{revision}:{receiver}"


def produce_alerts(env: dict[str, str], *alerts: Alert) -> None:
    produce(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "alerts", [(a.labels["region"].encode(), a.to_bytes()) for a in alerts])


@pytest.fixture
def notify(pipeline_env, roles, tmp_path) -> StartNotifier:
    """Start a notifier with these receivers (all in the default route) and produce the alerts to it."""

    def start(receivers: list[dict], *alerts: Alert, **env: str) -> None:
        default = {"receivers": [r["name"] for r in receivers], **GROUPING}
        config = write_yaml(tmp_path / "receivers.yaml", {"receivers": receivers, "default": default})
        start_role(roles, "notifier", pipeline_env, tmp_path, TOCSIN_RECEIVERS_FILE=str(config), TOCSIN_CONSOLE_ALERTS="false", **env)
        produce_alerts(pipeline_env, *alerts)

    return start


def test_email_reaches_the_smtp_server_with_the_evidence(notify, pipeline_env, roles):
    inbox: list = []
    logins: list[bytes] = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
            inbox.append(envelope)
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"tocsin", b"smtp-pass")
        logins.append(auth_data.login)
        return AuthResult(success=ok)

    smtp = Controller(Inbox(), hostname="127.0.0.1", port=free_port(), authenticator=authenticate, auth_require_tls=False)
    smtp.start()
    try:
        receiver = {
            "name": "duty",
            "kind": "email",
            "host": "127.0.0.1",
            "port": smtp.port,
            "security": "none",
            "username": "tocsin",
            "password_env": "IT_SMTP_PASSWORD",
            "from": "tocsin@example.org",
            "to": ["duty@example.org"],
        }
        notify([receiver], make_alert(), IT_SMTP_PASSWORD="smtp-pass")
        wait_for(lambda: inbox, 60, "the email", running=roles)
    finally:
        smtp.stop()

    (envelope,) = inbox
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert logins == [b"tocsin"] and envelope.mail_from == "tocsin@example.org" and envelope.rcpt_tos == ["duty@example.org"]
    assert message["Subject"] == "Tocsin incident region=south_caucasus"
    assert message["Message-ID"] == f"<{key_of('duty').replace(':', '.')}@example.org>" and message["In-Reply-To"] is None
    text, html = message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()
    assert text.startswith("[CRITICAL] region=south_caucasus: 1 firing alert(s)") and "NEW [CRITICAL] Escalation in south_caucasus" in text
    assert EVIDENCE.title in text and EVIDENCE.url in text
    assert f'<a href="{EVIDENCE.url}">{EVIDENCE.title}</a>' in html
    assert wait_for(lambda: deliveries(pipeline_env).get("duty"), 20, "the delivery record").outcome == DeliveryOutcome.DELIVERED


def test_slack_429_is_retried_after_retry_after_and_the_message_lands_once(notify, pipeline_env, roles, server):
    path = "/services/T000/B000/SECRET-TOKEN-42"
    server.routes[path] = [Response(429, b"rate_limited", {"Retry-After": "1"}), Response(200, b"ok")]
    notify([{"name": "analysts", "kind": "slack", "url_env": "IT_SLACK_URL"}], make_alert(), IT_SLACK_URL=server.url(path))

    record = wait_for(lambda: deliveries(pipeline_env).get("analysts"), 60, "the Slack delivery record", running=roles)
    time.sleep(2)  # anything extra would have arrived by now
    first, second = server.received(path)
    assert record.outcome == DeliveryOutcome.DELIVERED and record.attempts == 2
    assert len(server.received(path)) == 2 and first.body == second.body
    assert second.json()["blocks"][0]["text"]["text"] == "[CRITICAL] region=south_caucasus: 1 firing alert(s)"
    assert "*NEW* [CRITICAL] Escalation in south_caucasus: shelling" in second.json()["blocks"][1]["text"]["text"]
    assert second.headers["Idempotency-Key"] == key_of("analysts")
    assert "SECRET-TOKEN-42" not in roles[0].output(), "the webhook URL is a credential and must not be logged"


def test_webhook_body_carries_a_valid_hmac_signature(notify, pipeline_env, roles, server):
    server.routes["/ops"] = Response(204)
    notify(
        [{"name": "ops", "kind": "webhook", "url": server.url("/ops"), "secret_env": "IT_HOOK_SECRET"}],
        make_alert(),
        IT_HOOK_SECRET="hmac-key",
    )

    (post,) = wait_for(lambda: server.received("/ops"), 60, "the webhook POST", running=roles)
    expected = "sha256=" + hmac.new(b"hmac-key", post.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(post.headers["X-Tocsin-Signature"], expected)
    message = Message.model_validate_json(post.body)
    assert (message.group, message.revision, message.thread) == ({"region": "south_caucasus"}, 1, None)
    assert [(item.alert, item.new) for item in message.alerts] == [(make_alert(), True)]


def test_receiver_failing_past_its_window_ends_dead_without_holding_up_the_other(notify, pipeline_env, roles, server):
    server.routes["/down"] = Response(500, b"boom")
    server.routes["/up"] = Response(200)
    receivers = [
        {"name": "down", "kind": "webhook", "url": server.url("/down"), "secret_env": "IT_HOOK_SECRET"},
        {"name": "up", "kind": "webhook", "url": server.url("/up"), "secret_env": "IT_HOOK_SECRET"},
    ]
    notify(receivers, make_alert(), IT_HOOK_SECRET="k", TOCSIN_DELIVERY_WINDOW="10s", TOCSIN_DELIVERY_MAX_BACKOFF="1s")

    up = wait_for(lambda: deliveries(pipeline_env).get("up"), 60, "the healthy receiver's record", running=roles)
    assert up.outcome == DeliveryOutcome.DELIVERED and "down" not in deliveries(pipeline_env), "the healthy one did not wait"
    records = wait_for(
        lambda: (found := deliveries(pipeline_env)).keys() >= {"down", "up"} and found, 60, "both delivery records", running=roles
    )
    down = records["down"]
    assert (down.outcome, down.error, down.idempotency_key) == (DeliveryOutcome.DEAD, "HTTP 500", key_of("down"))
    assert Message.model_validate(down.message).alerts[0].alert == make_alert(), "kept for tocsin deadletter replay"
    assert len(server.received("/down")) == down.attempts >= 2 and len(server.received("/up")) == 1
    (dead,) = [DeadLetter.from_bytes(value) for value in topic_records(pipeline_env, "deadletter")]
    assert dead.topic == pipeline_env["TOCSIN_TOPIC_PREFIX"] + "notification-groups" and "receiver down" in dead.error
    assert Message.model_validate_json(dead.payload).alerts[0].alert == make_alert()


@pytest.fixture
def alertmanager(tmp_path: Path) -> Iterator[str]:
    """A real Alertmanager on a free port, clustering off, routing everything to a receiver that drops it."""
    if not ALERTMANAGER.exists():
        pytest.fail(f"{ALERTMANAGER} is missing; install it with: apt-get update && apt-get install -y prometheus-alertmanager")
    config = write_yaml(tmp_path / "alertmanager.yml", {"route": {"receiver": "drop"}, "receivers": [{"name": "drop"}]})
    port = free_port()
    log = (tmp_path / "alertmanager.log").open("wb")
    process = subprocess.Popen(
        [
            str(ALERTMANAGER),
            f"--config.file={config}",
            f"--storage.path={tmp_path / 'am-data'}",
            f"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _get(url + "/-/ready") is not None, 30, "Alertmanager to be ready")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read()
    except OSError:
        return None


def test_alert_shows_in_a_real_alertmanager(notify, pipeline_env, roles, alertmanager):
    notify([{"name": "am", "kind": "alertmanager", "url": alertmanager}], make_alert())

    def shown() -> list[dict]:
        return [
            a for a in json.loads(_get(alertmanager + "/api/v2/alerts") or b"[]") if a["labels"].get("alertname") == "violent-escalation"
        ]

    (shown_alert,) = wait_for(shown, 60, "the alert in Alertmanager", running=roles)
    assert shown_alert["labels"] == {
        "alertname": "violent-escalation",
        "severity": "critical",
        "region": "south_caucasus",
        "team": "analysts",
    }
    assert shown_alert["annotations"]["summary"] == "Escalation in south_caucasus: shelling"
    assert EVIDENCE.url in shown_alert["annotations"]["evidence"]
    assert shown_alert["generatorURL"] == EVIDENCE.url
    assert shown_alert["status"]["state"] == "active"
