"""deploy/prometheus and deploy/grafana: valid for their tools, and only about metrics the code exports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client import CollectorRegistry

from tocsin import PROJECT_ROOT
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.metrics import RoleMetrics
from tocsin.streams.metrics import WorkerMetrics
from tocsin.streams.notify.metrics import NotifierMetrics

PROMETHEUS = PROJECT_ROOT / "deploy" / "prometheus"
GRAFANA = PROJECT_ROOT / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "tocsin.json"
_TOCSIN_NAME = re.compile(r"\btocsin_[a-zA-Z0-9_]+")
# Grafana's interval variables are not PromQL; promtool sees a plain duration instead.
_GRAFANA_VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h"}


def declared_metrics() -> dict[str, set[str]]:
    """Each metric family the roles define, by its name in the code, with the series names prometheus-client exposes for it."""
    families: dict[str, set[str]] = {}
    for role_metrics in (ConnectorMetrics, WorkerMetrics, NotifierMetrics):
        registry = CollectorRegistry()
        role_metrics(RoleMetrics(registry))
        for family in registry.collect():
            if family.type == "counter":
                families[family.name + "_total"] = {family.name + "_total"}
            elif family.type == "histogram":
                families[family.name] = {f"{family.name}_bucket", f"{family.name}_sum", f"{family.name}_count"}
            else:
                families[family.name] = {family.name}
    return families


def dashboard_expressions() -> list[tuple[str, str]]:
    """(panel title, PromQL) of every target of every panel."""
    panels = json.loads(DASHBOARD.read_text(encoding="utf-8"))["panels"]
    return [(panel["title"], target["expr"]) for panel in panels for target in panel.get("targets", [])]


def rule_expressions() -> list[tuple[str, str]]:
    groups = yaml.safe_load((PROMETHEUS / "rules" / "tocsin.yml").read_text(encoding="utf-8"))["groups"]
    return [(rule["alert"], rule["expr"]) for group in groups for rule in group["rules"]]


def promtool() -> str:
    found = shutil.which("promtool")
    if found is None:
        pytest.skip("promtool not installed (`make system-deps` installs Debian's prometheus)")
    return found


def test_the_code_declares_the_documented_metrics():
    """Guards `declared_metrics`: if it found nothing, the checks below would pass vacuously."""
    documented = set(re.findall(r"`(tocsin_[a-z_]+)`", (PROJECT_ROOT / "docs" / "operations.md").read_text(encoding="utf-8")))
    assert documented and documented <= set(declared_metrics())


@pytest.mark.parametrize("source", ["dashboard", "rules"])
def test_expressions_use_only_metrics_the_code_exports(source):
    expressions = dashboard_expressions() if source == "dashboard" else rule_expressions()
    exported = set().union(*declared_metrics().values())
    unknown = [(title, name) for title, expr in expressions for name in _TOCSIN_NAME.findall(expr) if name not in exported]
    assert expressions and not unknown, f"metric names no role exports: {unknown}"


def test_dashboard_shows_every_metric_family():
    used = " ".join(expr for _, expr in dashboard_expressions())
    missing = [family for family, series in declared_metrics().items() if not any(name in used for name in series)]
    assert not missing, f"metrics without a dashboard panel: {missing}"


def test_dashboard_panels_are_complete_and_use_the_provisioned_datasource():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    datasources = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "tocsin.yaml").read_text(encoding="utf-8"))
    uid = datasources["datasources"][0]["uid"]
    panels = [panel for panel in dashboard["panels"] if panel["type"] != "row"]
    assert len({panel["id"] for panel in dashboard["panels"]}) == len(dashboard["panels"]), "panel ids must be unique"
    for panel in panels:
        assert panel["datasource"]["uid"] == uid and panel["targets"], panel["title"]
        assert all(target["datasource"]["uid"] == uid for target in panel["targets"]), panel["title"]


def test_dashboard_provider_loads_json_files():
    providers = yaml.safe_load((GRAFANA / "provisioning" / "dashboards" / "tocsin.yaml").read_text(encoding="utf-8"))
    provider = providers["providers"][0]
    assert provider["type"] == "file" and provider["options"]["path"].endswith("/tocsin")


def test_prometheus_config_and_rules_are_valid():
    tool = promtool()
    for command in (
        ["check", "config", "prometheus.yml"],
        ["check", "rules", "rules/tocsin.yml"],
        ["test", "rules", "rules/tocsin_test.yml"],
    ):
        result = subprocess.run([tool, *command], cwd=PROMETHEUS, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"promtool {' '.join(command)}:\n{result.stdout}{result.stderr}"


def test_dashboard_queries_are_valid_promql(tmp_path: Path):
    """promtool parses PromQL only inside rule files: each query becomes a recording rule."""
    tool = promtool()
    rules = []
    for index, (_, expr) in enumerate(dashboard_expressions()):
        for variable, value in _GRAFANA_VARIABLES.items():
            expr = expr.replace(variable, value)
        rules.append({"record": f"dashboard:query_{index}", "expr": expr})
    path = tmp_path / "dashboard.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}), encoding="utf-8")
    result = subprocess.run([tool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"a dashboard query is not valid PromQL:\n{result.stdout}{result.stderr}"
