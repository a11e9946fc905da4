"""Silences and inhibition in a real notifier: `tocsin silence` on the real broker, a real webhook server.

The notifier runs as `tocsin run --role notifier`, silences are managed with the
`tocsin silence` command as a subprocess, and the test checks what reached the
webhook server and what the notifications topic recorded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from tests.helpers.http import LocalServer, Response, wait_for
from tests.helpers.kafka import produce, read_topic
from tests.helpers.processes import Role
from tests.integration.conftest import BOOTSTRAP, FAST_GROUPS, start_role, write_yaml
from tocsin import PROJECT_ROOT
from tocsin.records import Alert, AlertCounts, AlertStatus, Delivery, DeliveryOutcome
from tocsin.streams.notify.dispatch import Message, group_key


def make_alert(
    fingerprint: str,
    revision: int = 1,
    region: str = "south_caucasus",
    status: AlertStatus = AlertStatus.FIRING,
    inhibited_by: str | None = None,
) -> Alert:
    at = datetime(2026, 2, 1, 12, tzinfo=UTC)
    return Alert(
        rule_id="violent-escalation",
        severity="warning",
        fingerprint=fingerprint,
        status=status,
        revision=revision,
        labels={"region": region, "rule": "violent-escalation"},
        title=f"Escalation in {region}",
        summary="1 signal(s)",
        counts=AlertCounts(signals=1, stories=1, sources=1),
        first_seen=at,
        last_seen=at,
        inhibited_by=inhibited_by,
    )


def send(env: dict[str, str], *alerts: Alert) -> None:
    produce(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "alerts", [(a.labels["region"].encode(), a.to_bytes()) for a in alerts])


def message(region: str, revision: int = 1) -> str:
    """The idempotency key of message `revision` of the region's group for the receiver `ops`."""
    return f"{group_key('ops', {'region': region})}:{revision}:ops"


def deliveries(env: dict[str, str]) -> dict[str, Delivery]:
    """Delivery records on the notifications topic, by idempotency key."""
    records = map(Delivery.from_bytes, (value for *_, value in read_topic(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "notifications")))
    return {record.idempotency_key: record for record in records}


def recorded(env: dict[str, str], roles: list[Role], *keys: str) -> dict[str, Delivery]:
    return wait_for(lambda: (found := deliveries(env)).keys() >= set(keys) and found, 60, f"delivery records {keys}", running=roles)


def posted(server: LocalServer) -> list[tuple[str, int]]:
    """The alert revisions the messages told as new."""
    messages = (Message.model_validate_json(post.body) for post in server.received("/ops"))
    return [(item.alert.fingerprint, item.alert.revision) for message in messages for item in message.alerts if item.new]


def silence_cli(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real `tocsin silence` command, on the test's topics."""
    return subprocess.run(
        [sys.executable, "-m", "tocsin.cli", "silence", *arguments],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def notifier(pipeline_env, roles, tmp_path, server) -> Role:
    """A notifier whose one receiver is a webhook on the local server."""
    server.routes["/ops"] = Response(200)
    config = write_yaml(
        tmp_path / "receivers.yaml",
        {
            "receivers": [{"name": "ops", "kind": "webhook", "url": server.url("/ops"), "secret_env": "IT_HOOK_SECRET"}],
            "default": {"receivers": ["ops"], **FAST_GROUPS},
        },
    )
    role = start_role(
        roles, "notifier", pipeline_env, tmp_path, TOCSIN_RECEIVERS_FILE=str(config), TOCSIN_CONSOLE_ALERTS="false", IT_HOOK_SECRET="k"
    )
    wait_for(lambda: "silence(s) loaded" in role.output(), 60, "the notifier to load silences", running=roles)
    return role


def seen_by(role: Role, silence_id: str, times: int, roles: list[Role]) -> None:
    """Wait until the notifier has read `times` states of the silence (added, then expired)."""
    wait_for(
        lambda: role.output().count(f"silence {silence_id} (") >= times, 30, f"the notifier to read silence {silence_id}", running=roles
    )


def test_silence_mutes_matching_alerts_until_it_is_expired(notifier, pipeline_env, roles, server):
    added = silence_cli(
        pipeline_env,
        "add",
        "region=south_caucasus",
        'rule=~"violent.*"',
        "--duration",
        "2h",
        "--author",
        "ana",
        "--comment",
        "known shelling, analysts on it",
    )
    assert added.returncode == 0, added.stderr
    silence_id = added.stdout.strip()
    seen_by(notifier, silence_id, 1, roles)
    listing = silence_cli(pipeline_env, "list").stdout
    assert silence_id in listing and 'region=south_caucasus, rule=~"violent.*"' in listing and "known shelling" in listing

    send(pipeline_env, make_alert("fp-muted"), make_alert("fp-other", region="levant"))
    records = recorded(pipeline_env, roles, "fp-muted:1:ops", message("levant"))
    muted = records["fp-muted:1:ops"]
    assert (muted.outcome, muted.silenced_by, muted.attempts) == (DeliveryOutcome.SUPPRESSED, silence_id, 0)
    assert records[message("levant")].outcome == DeliveryOutcome.DELIVERED

    send(pipeline_env, make_alert("fp-muted", revision=2, status=AlertStatus.RESOLVED))
    assert recorded(pipeline_env, roles, "fp-muted:2:ops")["fp-muted:2:ops"].outcome == DeliveryOutcome.SUPPRESSED

    expire = silence_cli(pipeline_env, "expire", silence_id)
    assert expire.returncode == 0 and f"silence {silence_id} expired at" in expire.stdout, expire.stderr
    seen_by(notifier, silence_id, 2, roles)
    assert silence_id not in silence_cli(pipeline_env, "list").stdout
    assert silence_id in silence_cli(pipeline_env, "list", "--all").stdout

    send(pipeline_env, make_alert("fp-muted", revision=3))
    assert recorded(pipeline_env, roles, message("south_caucasus"))[message("south_caucasus")].outcome == DeliveryOutcome.DELIVERED
    time.sleep(2)  # anything extra would have arrived by now
    assert sorted(posted(server)) == [("fp-muted", 3), ("fp-other", 1)]


def test_inhibited_alert_is_suppressed_and_a_bad_silence_record_is_skipped(notifier, pipeline_env, roles, server):
    bad = b'{"schema_version": 1, "id": "s-bad", "matchers": [{"name": "rule", "op": "=~", "value": "("}]}'
    produce(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "silences", [(b"s-bad", bad)])
    wait_for(
        lambda: "silences: invalid record at " + pipeline_env["TOCSIN_TOPIC_PREFIX"] + "silences[" in notifier.output(),
        30,
        "the invalid silence to be reported",
        running=roles,
    )
    send(pipeline_env, make_alert("fp-warning", inhibited_by="fp-critical"), make_alert("fp-free", region="levant"))
    records = recorded(pipeline_env, roles, "fp-warning:1:ops", message("levant"))
    inhibited = records["fp-warning:1:ops"]
    assert (inhibited.outcome, inhibited.inhibited_by, inhibited.silenced_by) == (DeliveryOutcome.SUPPRESSED, "fp-critical", None)
    time.sleep(1)
    assert posted(server) == [("fp-free", 1)]


def test_expiring_an_unknown_silence_exits_2(pipeline_env):
    result = silence_cli(pipeline_env, "expire", "no-such-id")
    assert result.returncode == 2
    assert "tocsin silence expire: no silence with id 'no-such-id'; `tocsin silence list --all` shows the ids" in result.stderr
