"""Hot reload under a running worker: a rule added to a rule file fires (muted by the region's critical alert),
the existing alert keeps its state."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.http import LocalServer, Response, rss, wait_for
from tests.helpers.kafka import read_topic
from tests.integration.conftest import BOOTSTRAP, receivers_file, start_role, write_yaml
from tocsin import PROJECT_ROOT
from tocsin.records import Alert

SHELLING = {
    "title": "Artillery shells Stepanakert as fighting flares in Nagorno-Karabakh",
    "link": "https://wire.example/2023/09/19/stepanakert-shelling",
    "guid": "wire-1",
    "summary": "Heavy shelling hit the outskirts of Stepanakert on Tuesday morning, residents said.",
}
MORE_SHELLING = {
    "title": "Shelling spreads to the Lachin corridor near Stepanakert",
    "link": "https://wire.example/2023/09/20/lachin-shelling",
    "guid": "wire-2",
    "summary": "Artillery shelled villages along the Lachin corridor overnight, officials in Stepanakert said.",
}
FIGHTING = {
    "id": "fighting",
    "type": "match",
    "severity": "critical",
    "group_interval": "1s",
    "match": {"types": ["shelling"]},
    "title": "{{ types }} in {{ region }}",
}
SOURCES = {
    "id": "sources",
    "type": "frequency",
    "severity": "warning",
    "window": "1h",
    "threshold": 1,
    "count": "sources",
    "match": {"types": ["shelling"]},
    "title": "shelling from {{ count }} source(s) in {{ region }}",
}


#: Rule file edits that must neither reload nor stop the worker, and the problem each is reported with.
HOSTILE_FILES = [
    ("rules: [\n", "2: invalid YAML"),
    ("rules:\n  - ? [id, type]\n    : fighting\n", "2: rules[0]: a key must be a plain name or number"),
    ("rules: &all\n  - id: loop\n    type: match\n    then: *all\n", "4: rules[0].then: an alias refers to a value that contains it"),
]


def cli_check(rule_file: Path) -> tuple[int, str]:
    """`tocsin rules check` on the file, in its own process as an operator runs it: exit code and stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "tocsin.cli", "rules", "check", str(rule_file)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
    )
    return done.returncode, done.stderr


def alerts(env: dict[str, str]) -> list[Alert]:
    return [Alert.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "alerts")]


def wire_with_rule(server: LocalServer, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A one-feed catalog serving the shelling story, a webhook, and a rule file holding FIGHTING: its path and the role settings."""
    server.routes["/wire.xml"] = rss([SHELLING])
    server.routes["/hook"] = Response(200, b"ok")
    catalog = write_yaml(tmp_path / "sources.yaml", {"sources": [{"id": "wire", "url": server.url("/wire.xml"), "interval_seconds": 1}]})
    rules = tmp_path / "rules"
    rules.mkdir()
    rule_file = write_yaml(rules / "rules.yaml", {"rules": [FIGHTING]})
    env = {
        "TOCSIN_SOURCES_FILE": str(catalog),
        "TOCSIN_RULES_DIR": str(rules),
        "TOCSIN_WEBHOOK_URL": server.url("/hook"),
        "TOCSIN_TICK_SECONDS": "1",
        "TOCSIN_RECEIVERS_FILE": receivers_file(tmp_path),
    }
    return rule_file, env


def test_changed_rule_file_is_loaded_by_the_running_worker(pipeline_env, server: LocalServer, roles, tmp_path: Path) -> None:
    rule_file, env = wire_with_rule(server, tmp_path)
    worker = start_role(roles, "all", pipeline_env, tmp_path, **env)

    (first,) = wait_for(lambda: alerts(pipeline_env), 90, "the first rule's alert", running=roles)
    assert (first.rule_id, first.revision) == ("fighting", 1)

    for text, problem in HOSTILE_FILES:  # each logged with file:line, the old rules stay, the worker runs on
        rule_file.write_text(text, encoding="utf-8")
        wait_for(
            lambda problem=problem: f"{rule_file}:{problem}" in worker.output(), 30, f"the worker to report {problem!r}", running=roles
        )
        code, stderr = cli_check(rule_file)
        assert code == 2 and stderr.startswith(f"tocsin: {rule_file}:{problem}"), stderr

    write_yaml(rule_file, {"rules": [FIGHTING, SOURCES]})
    wait_for(lambda: "rules reloaded: 2 rule(s)" in worker.output(), 30, "the worker to reload the rules", running=roles)
    server.routes["/wire.xml"] = rss([SHELLING, MORE_SHELLING])

    def both() -> list[Alert] | None:
        found = alerts(pipeline_env)
        return found if {a.rule_id for a in found} == {"fighting", "sources"} and len(found) >= 3 else None

    found = wait_for(both, 60, "the new rule to fire and the old alert to be updated", running=roles)
    fighting = [a for a in found if a.rule_id == "fighting"]
    assert [a.revision for a in fighting] == [1, 2], "the existing alert was updated, not fired anew"
    assert {a.fingerprint for a in fighting} == {first.fingerprint}
    (new,) = [a for a in found if a.rule_id == "sources"]
    assert new.title == "shelling from 1 source(s) in south_caucasus" and new.revision == 1
    assert new.inhibited_by == first.fingerprint, "the firing critical alert of the region mutes the warning"
