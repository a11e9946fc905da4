"""A killed worker's successor resumes its alerts from the changelogged table: the firing alert
is updated as revision 2 with the evidence of both runs, not fired anew as revision 1."""

from __future__ import annotations

import time
from pathlib import Path

from tests.helpers.http import LocalServer, rss, wait_for
from tests.integration.conftest import start_role
from tests.integration.test_rules_reload import MORE_SHELLING, SHELLING, alerts, wire_with_rule


def test_restarted_worker_keeps_the_firing_alert(pipeline_env, server: LocalServer, roles, tmp_path: Path) -> None:
    _, env = wire_with_rule(server, tmp_path)

    first = start_role(roles, "all", pipeline_env, tmp_path, **env)
    (fired,) = wait_for(lambda: alerts(pipeline_env), 90, "the alert to fire", running=roles)
    wait_for(lambda: server.received("/hook"), 30, "its message", running=roles)
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
