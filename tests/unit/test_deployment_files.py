"""Dockerfile, deploy/compose.yaml and deploy/k8s: consistent with the code, without Docker or a cluster.

Checks what a typo would silently break: setting names (an unknown TOCSIN_* variable
is ignored by tocsin.settings), metrics ports against probes and scrape targets,
container commands against the CLI, and mount paths against Grafana's provider.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tocsin import PROJECT_ROOT
from tocsin.cli import build_parser
from tocsin.roles import ROLES
from tocsin.settings import Settings, load_settings
from tocsin.streams.notify.routing import load_routing

DOCKERFILE = PROJECT_ROOT / "Dockerfile"
DOCKERIGNORE = PROJECT_ROOT / ".dockerignore"
DEPLOY = PROJECT_ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
K8S = DEPLOY / "k8s"
PROMETHEUS_COMPOSE = DEPLOY / "prometheus" / "prometheus-compose.yml"
GRAFANA = DEPLOY / "grafana"
YAML_FILES = [COMPOSE, PROMETHEUS_COMPOSE, *sorted(K8S.glob("*.yaml"))]
# Read by load_settings, though not a field: the optional settings file.
EXTRA_VARIABLES = {"KAFKA_BOOTSTRAP_SERVERS", "TOCSIN_CONFIG"}
_INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}")


# ---------------------------------------------------------------- readers


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    lines = [line for line in DOCKERFILE.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    text = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in text.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def runtime_stage() -> list[tuple[str, str]]:
    """Instructions of the last stage (the image that runs)."""
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def dockerfile_env() -> dict[str, str]:
    env = {}
    for keyword, rest in runtime_stage():
        if keyword == "ENV":
            for item in shlex.split(rest):
                name, sep, value = item.partition("=")
                assert sep, f"use ENV NAME=value, not {item!r}"
                env[name] = value
    return env


def dockerfile_exec_form(keyword: str) -> list[str]:
    values = [rest for kw, rest in runtime_stage() if kw == keyword]
    assert len(values) == 1, f"one {keyword} in the runtime stage"
    parsed = json.loads(values[0])
    assert isinstance(parsed, list), f"{keyword} must use the exec (JSON) form"
    return parsed


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def interpolate(value: str) -> str:
    """Compose's ${VAR:-default} with nothing set in the environment."""
    return _INTERPOLATION.sub(lambda match: match.group(2) or "", str(value))


def compose_tocsin_services() -> dict[str, dict]:
    return {name: service for name, service in compose()["services"].items() if service.get("image", "").startswith("tocsin:")}


def compose_environment(service: dict) -> dict[str, str]:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return {name: interpolate(value) for name, value in environment.items()}


def k8s_documents() -> list[dict]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def k8s_deployments() -> dict[str, dict]:
    """Component name -> Deployment."""
    return {
        doc["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]: doc
        for doc in k8s_documents()
        if doc["kind"] == "Deployment"
    }


def k8s_container(deployment: dict) -> dict:
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return containers[0]


def k8s_configmaps() -> dict[str, dict[str, str]]:
    return {doc["metadata"]["name"]: doc.get("data", {}) for doc in k8s_documents() if doc["kind"] == "ConfigMap"}


def k8s_environment(deployment: dict) -> dict[str, str]:
    """The variables a container gets from its ConfigMaps and literal env (secrets as a placeholder)."""
    container, maps = k8s_container(deployment), k8s_configmaps()
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        env.update(maps[source["configMapRef"]["name"]])
    for item in container.get("env", []):
        env[item["name"]] = item["value"] if "value" in item else "https://secret.invalid/from-a-secret"
    return env


def role_of(command: list[str]) -> str:
    args = build_parser().parse_args(command)
    assert args.command == "run"
    return args.role


def port_of(url: str) -> int:
    return urlsplit(url).port


# ---------------------------------------------------------------- files


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_every_file_parses(path: Path):
    documents = [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]
    assert documents and all(isinstance(doc, dict) for doc in documents)


def test_inline_compose_configs_parse():
    for name, config in compose()["configs"].items():
        assert isinstance(yaml.safe_load(config["content"]), dict), name


def test_k8s_has_the_roles_a_configmap_and_a_webhook_secret_reference():
    deployments = k8s_deployments()
    assert set(deployments) == {"connectors", "worker", "notifier"}
    assert deployments["worker"]["spec"]["replicas"] == 2
    assert "tocsin-settings" in k8s_configmaps()
    secret_refs = [
        item["valueFrom"]["secretKeyRef"] for item in k8s_container(deployments["notifier"]).get("env", []) if "valueFrom" in item
    ]
    assert any(ref.get("optional") for ref in secret_refs)
    for component, deployment in deployments.items():
        selector = deployment["spec"]["selector"]["matchLabels"]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), component


def test_kustomization_lists_every_manifest():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    manifests = {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == manifests


# ---------------------------------------------------------------- settings


def all_tocsin_environments() -> dict[str, dict[str, str]]:
    """Where -> variables, for the image and for every Tocsin container (with the image's ENV under it)."""
    image = dockerfile_env()
    found = {"Dockerfile": image}
    for name, service in compose_tocsin_services().items():
        found[f"compose:{name}"] = {**image, **compose_environment(service)}
    for component, deployment in k8s_deployments().items():
        found[f"k8s:{component}"] = {**image, **k8s_environment(deployment)}
    for name, data in k8s_configmaps().items():
        found[f"k8s configmap {name}"] = data
    return found


def test_every_setting_variable_is_a_real_setting():
    fields = set(Settings.model_fields)
    for where, env in all_tocsin_environments().items():
        for name in env:
            if name.startswith("TOCSIN_") or name.startswith("KAFKA_"):
                assert name in EXTRA_VARIABLES or name.removeprefix("TOCSIN_").lower() in fields, f"{where}: {name} is not a setting"


def test_every_tocsin_container_has_valid_settings():
    """The values too: load_settings stops a process on a bad one."""
    for where, env in all_tocsin_environments().items():
        if where.startswith(("compose:", "k8s:")):
            settings = load_settings(environ=env)
            assert settings.metrics_host == "0.0.0.0", where
            assert settings.metrics_port, f"{where}: metrics off, the probes would fail"


def test_image_paths_point_at_files_the_image_contains():
    copies = [shlex.split(rest) for keyword, rest in runtime_stage() if keyword == "COPY" and not rest.startswith("--from")]
    env = dockerfile_env()
    for name in ("TOCSIN_RULES_DIR", "TOCSIN_RECEIVERS_FILE", "TOCSIN_SOURCES_FILE"):
        target = env[name]
        matches = [(source, dest) for source, dest in copies if target.startswith(dest.rstrip("/"))]
        assert matches, f"{name}={target} is not copied into the image"
        source, dest = matches[0]
        assert (PROJECT_ROOT / source.rstrip("/") / target[len(dest.rstrip("/")) :].lstrip("/")).exists(), name


# ---------------------------------------------------------------- commands


def test_dockerfile_entrypoint_is_the_console_script_and_cmd_parses():
    scripts = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert dockerfile_exec_form("ENTRYPOINT") == ["tocsin"] and scripts["tocsin"] == "tocsin.cli:main"
    assert role_of(dockerfile_exec_form("CMD")) == "all"


def test_dockerfile_is_multi_stage_slim_and_non_root():
    froms = [rest for keyword, rest in dockerfile_instructions() if keyword == "FROM"]
    assert len(froms) >= 2
    assert re.search(r"ARG PYTHON_IMAGE=python:3\.11-slim\b", DOCKERFILE.read_text(encoding="utf-8"))
    assert any("pip install -c constraints.txt ." in rest for keyword, rest in dockerfile_instructions() if keyword == "RUN")
    users = [rest for keyword, rest in runtime_stage() if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")


def test_dockerignore_lets_through_everything_the_dockerfile_copies():
    patterns = [line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*", "allow-list style expected"
    allowed = {pattern[1:].rstrip("/") for pattern in patterns if pattern.startswith("!")}
    for keyword, rest in dockerfile_instructions():
        if keyword == "COPY" and not rest.startswith("--from"):
            *sources, _ = shlex.split(rest)
            for source in sources:
                assert (PROJECT_ROOT / source).exists(), source
                top = source.rstrip("/").split("/")[0]
                assert top in allowed or source.rstrip("/") in allowed, f".dockerignore excludes {source}"


def test_every_tocsin_container_command_parses_and_matches_its_role():
    services = compose_tocsin_services()
    assert {name: role_of(service["command"]) for name, service in services.items()} == {
        "connectors": "connectors",
        "worker": "worker",
        "notifier": "notifier",
    }
    assert services["worker"]["deploy"]["replicas"] == 2
    for component, deployment in k8s_deployments().items():
        container = k8s_container(deployment)
        assert "command" not in container, "keep the image's ENTRYPOINT"
        assert role_of(container["args"]) == component in ROLES


# ---------------------------------------------------------------- metrics ports


def documented_ports() -> dict[str, int]:
    """Role -> port in deploy/prometheus/prometheus.yml (and docs/operations.md)."""
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text(encoding="utf-8"))
    return {
        group["labels"]["role"]: port_of("//" + group["targets"][0]) for job in config["scrape_configs"] for group in job["static_configs"]
    }


def test_compose_metrics_ports_match_healthchecks_and_scrape_targets():
    scrape = yaml.safe_load(PROMETHEUS_COMPOSE.read_text(encoding="utf-8"))
    discovered = {name: sd["port"] for job in scrape["scrape_configs"] for sd in job["dns_sd_configs"] for name in sd["names"]}
    for name, service in compose_tocsin_services().items():
        role = role_of(service["command"])
        port = int(compose_environment(service)["TOCSIN_METRICS_PORT"])
        assert port == documented_ports()[role] == discovered[name], name
        urls = re.findall(r"http://[^'\"\s]+", " ".join(service["healthcheck"]["test"]))
        assert urls and all(port_of(url) == port and url.endswith("/metrics") for url in urls), name
    assert set(discovered) == set(compose_tocsin_services())


def test_k8s_metrics_ports_match_probes_and_scrape_annotations():
    for component, deployment in k8s_deployments().items():
        container = k8s_container(deployment)
        port = int(k8s_environment(deployment)["TOCSIN_METRICS_PORT"])
        assert port == documented_ports()[component], component
        assert [p["containerPort"] for p in container["ports"]] == [port], component
        for probe in ("readinessProbe", "livenessProbe"):
            http = container[probe]["httpGet"]
            assert http["path"] == "/metrics" and http["port"] in (port, container["ports"][0]["name"]), (component, probe)
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert int(annotations["prometheus.io/port"]) == port and annotations["prometheus.io/path"] == "/metrics"


def test_compose_prometheus_reads_the_mounted_config():
    prometheus = compose()["services"]["prometheus"]
    config = next(arg.split("=", 1)[1] for arg in prometheus["command"] if arg.startswith("--config.file="))
    mounts = dict(volume.split(":")[:2][::-1] for volume in prometheus["volumes"] if volume.startswith("./"))
    source = mounts[str(Path(config).parent)]
    assert (DEPLOY / source / Path(config).name).resolve() == PROMETHEUS_COMPOSE.resolve()


def test_compose_prometheus_config_is_valid():
    tool = shutil.which("promtool")
    if tool is None:
        pytest.skip("promtool not installed (`make system-deps`)")
    result = subprocess.run(
        [tool, "check", "config", PROMETHEUS_COMPOSE.name], cwd=PROMETHEUS_COMPOSE.parent, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- grafana, receivers


def test_grafana_dashboard_mount_matches_the_provider_path():
    grafana = compose()["services"]["grafana"]
    mounts = {target: source for source, target, *_ in (volume.split(":") for volume in grafana["volumes"])}
    provider = yaml.safe_load((GRAFANA / "provisioning" / "dashboards" / "tocsin.yaml").read_text(encoding="utf-8"))["providers"][0]
    path = provider["options"]["path"]
    assert path in mounts and (DEPLOY / mounts[path]).resolve() == (GRAFANA / "dashboards").resolve()
    assert (DEPLOY / mounts["/etc/grafana/provisioning/dashboards"]).resolve() == (GRAFANA / "provisioning" / "dashboards").resolve()


def test_grafana_datasource_keeps_the_dashboards_uid_and_points_at_compose_prometheus():
    repo = yaml.safe_load((GRAFANA / "provisioning" / "datasources" / "tocsin.yaml").read_text(encoding="utf-8"))["datasources"][0]
    inline = yaml.safe_load(compose()["configs"]["grafana-datasource"]["content"])["datasources"][0]
    assert inline["uid"] == repo["uid"]
    assert urlsplit(inline["url"]).hostname == "prometheus"


def test_compose_receivers_load(tmp_path: Path):
    path = tmp_path / "receivers.yaml"
    path.write_text(compose()["configs"]["tocsin-receivers"]["content"], encoding="utf-8")
    environment = compose_environment(compose_tocsin_services()["notifier"])
    routing = load_routing(load_settings(environ={**environment, "TOCSIN_RECEIVERS_FILE": str(path)}), {})
    assert "alertmanager" in routing.receivers
    alertmanager_url = urlsplit(routing.receivers["alertmanager"].url)
    assert alertmanager_url.hostname in compose()["services"]


def test_stop_grace_periods_cover_the_stop_deadline_with_a_margin() -> None:
    """SIGKILL must not come before a role's own deadline (tocsin.shutdown) has run out."""
    from tocsin.shutdown import STOP_SECONDS

    for name, service in compose_tocsin_services().items():
        assert float(service["stop_grace_period"].removesuffix("s")) >= STOP_SECONDS + 5, name
    for name, deployment in k8s_deployments().items():
        assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= STOP_SECONDS + 5, name
