"""A killed worker's successor resumes its alerts from the changelogged table: the firing alert
is updated as revision 2 with the evidence of both runs, not fired anew as revision 1."""

from __future__ import annotations

import time
from pathlib import Path

from tests.helpers.http import LocalServer, Response, rss, wait_for
from tests.integration.conftest import start_role, write_yaml
from tests.integration.test_rules_reload import FIGHTING, MORE_SHELLING, SHELLING, alerts


def test_restarted_worker_keeps_the_firing_alert(pipeline_env, server: LocalServer, roles, tmp_path: Path) -> None:
    server.routes["/wire.xml"] = rss([SHELLING])
    server.routes["/hook"] = Response(200, b"ok")
    catalog = write_yaml(tmp_path / "sources.yaml", {"sources": [{"id": "wire", "url": server.url("/wire.xml"), "interval_seconds": 1}]})
    rules = tmp_path / "rules"
    rules.mkdir()
    write_yaml(rules / "rules.yaml", {"rules": [FIGHTING]})
    env = {"TOCSIN_SOURCES_FILE": str(catalog), "TOCSIN_RULES_DIR": str(rules), "TOCSIN_WEBHOOK_URL": server.url("/hook"), "TOCSIN_TICK_SECONDS": "1"}

    first = start_role(roles, "all", pipeline_env, tmp_path, **env)
    (fired,) = wait_for(lambda: alerts(pipeline_env), 90, "the alert to fire", running=roles)
    time.sleep(4)  # past the commit interval, so the state is in the changelog
    first.kill()

    server.routes["/wire.xml"] = rss([SHELLING, MORE_SHELLING])
    second = start_role(roles, "all", pipeline_env, tmp_path, **env)
    wait_for(lambda: len(alerts(pipeline_env)) >= 2, 90, "the restarted worker's update", running=[second])
    time.sleep(3)

    found = alerts(pipeline_env)
    assert [(a.fingerprint, a.revision) for a in found] == [(fired.fingerprint, 1), (fired.fingerprint, 2)]
    assert (found[1].counts.stories, found[1].first_seen) == (2, fired.first_seen)
    assert len(server.received("/hook")) == 2
