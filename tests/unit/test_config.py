"""Config loading: file:line messages from tocsin.config, and settings from file and environment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from tocsin.config import ConfigError, FirstSeen, format_loc, line_of, load_model, located, read_model, read_yaml, untagged
from tocsin.settings import Settings, SettingsError, load_settings


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")

    size: int = Field(ge=1)


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    items: list[Inner] = Field(default_factory=list)


def write(tmp_path: Path, text: str, name: str = "config.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def settings_error(tmp_path: Path | None = None, text: str | None = None, **environ: str) -> str:
    config = write(tmp_path, text) if tmp_path is not None and text is not None else None
    with pytest.raises(SettingsError) as caught:
        load_settings(config, environ=environ)
    return str(caught.value)


# --- tocsin.config ------------------------------------------------------------


def test_read_yaml_maps_locations_to_lines(tmp_path: Path) -> None:
    data, lines = read_yaml(write(tmp_path, "name: x\nitems:\n  - size: 1\n  - size: 2\n"))
    assert data == {"name": "x", "items": [{"size": 1}, {"size": 2}]}
    assert lines[("name",)] == 1
    assert lines[("items", 1, "size")] == 4


@pytest.mark.parametrize(
    ("loc", "expected"),
    [(("items", 1, "size"), 4), (("items", 1, "missing"), 4), (("items", 7), 2), (("nothing",), 1)],
)
def test_line_of_falls_back_to_the_deepest_known_part(tmp_path: Path, loc: tuple, expected: int) -> None:
    _, lines = read_yaml(write(tmp_path, "name: x\nitems:\n  - size: 1\n  - size: 2\n"))
    assert line_of(lines, loc) == expected


@pytest.mark.parametrize(
    ("loc", "text"),
    [((), "(top level)"), (("name",), "name"), (("rules", 0, "match", "types", 1), "rules[0].match.types[1]")],
)
def test_format_loc(loc: tuple, text: str) -> None:
    assert format_loc(loc) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: x\nitems:\n  - size: 1\n  - size: 0\n", ":4: items[1].size: Input should be greater than or equal to 1 (got 0)"),
        ("name: x\ncolour: red\n", ":2: colour: unknown field"),
        ("items: []\n", ":1: name: Field required"),
        ("name: x\nitems:\n  - size: big\n", ":3: items[0].size: Input should be a valid integer"),
    ],
)
def test_load_model_names_file_line_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_model(path, Outer)
    assert any(problem.startswith(f"{path}{expected}") for problem in caught.value.problems), caught.value.problems


def test_all_problems_are_reported_one_per_line(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\nitems:\n  - size: 0\n  - size: -1\nextra: 1\n")
    with pytest.raises(ConfigError) as caught:
        load_model(path, Outer)
    assert len(caught.value.problems) == 3
    assert str(caught.value).splitlines() == caught.value.problems


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name: [1,\n", ":2: invalid YAML"),
        (b"name: x\n  bad indent: y\n", ":2: invalid YAML"),
        (b"\xff\xfe\x00garbage", ": not UTF-8 text"),
    ],
)
def test_unreadable_files_are_config_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=f"^{path}{expected}"):
        read_yaml(path)


BILLION_LAUGHS = "".join(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}' if level else 'lol'] * 9)}]\n" for level in range(9))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: x\n? [a, b]\n: 1\n", ":2: (top level): a key must be a plain name or number"),
        ("items:\n  - {size: 1}: x\n", ":2: items[0]: a key must be a plain name or number"),
        ("name: &n\n  self: *n\n", ":2: name.self: an alias refers to a value that contains it (anchor at line 1)"),
        ("items: &i [*i]\n", ":1: items[0]: an alias refers to a value that contains it"),
        (BILLION_LAUGHS, ":5: l4[0][2][0][6][7]: aliases expand to more than 10,000 values"),
        ("name: " + "[" * 5000 + "]" * 5000 + "\n", ":1: nested deeper than 64 levels"),
        ("name:\n" + "".join(f"{' ' * level}k{level}:\n" for level in range(1, 80)), ":66: nested deeper than 64 levels"),
        ("name: x\nname: y\n", ":2: name: key given twice (first at line 1)"),
        ("name: x\n\tsize: 1\n", ":2: invalid YAML"),
        ("name: x\n---\nname: y\n", ":2: invalid YAML"),
        ("name: \x00\n", ":1: invalid YAML: character U+0000 is not allowed"),
        ("name: x\nsize: " + "9" * 5000 + "\n", ":2: invalid value: Exceeds the limit"),
        ("name: !!python/object:os.system x\n", ":1: invalid value: could not determine a constructor"),
        ("name: !!bool maybe\n", ":1: invalid value"),
        ("name: !!timestamp 2024-13-45\n", ":1: invalid value: month must be in 1..12"),
    ],
)
def test_hostile_yaml_is_a_config_error_with_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    """Anything else would escape a hot reload and stop the worker (TypeError, RecursionError, a memory blow-up)."""
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        read_yaml(path)
    assert str(caught.value).startswith(f"{path}{expected}")


def test_aliases_within_the_bound_are_read(tmp_path: Path) -> None:
    data, _ = read_yaml(write(tmp_path, "base: &b {size: 2}\nitems: [*b, *b]\n"))
    assert data == {"base": {"size": 2}, "items": [{"size": 2}, {"size": 2}]}


def test_a_list_where_a_mapping_belongs_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "- name: x\n")
    with pytest.raises(ConfigError, match=f"^{path}:1: \\(top level\\): Input should be"):
        load_model(path, Outer)


def every_yaml_loader() -> dict[str, Callable[[Path], object]]:
    """Each kind of YAML file Tocsin reads, by the function that loads it."""
    from tocsin.connectors.catalog import load_catalog
    from tocsin.streams.notify.routing import load_routing
    from tocsin.streams.places import load_gazetteer
    from tocsin.streams.rules import load_rule_set

    return {
        "rules": load_rule_set,
        "receivers": lambda path: load_routing(load_settings(environ={"TOCSIN_RECEIVERS_FILE": str(path)}), {}),
        "catalog": load_catalog,
        "gazetteer": load_gazetteer,
        "settings": lambda path: load_settings(path, environ={}),
    }


@pytest.mark.parametrize("kind", sorted(every_yaml_loader()))
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("? {a: 1}\n: x\n", ":1: (top level): a key must be a plain name or number"),
        ("x: &x\n  - *x\n", ":1: x[0]: an alias refers to a value that contains it"),
        (BILLION_LAUGHS, ":5: l4[0][2][0][6][7]: aliases expand"),
        ("- just\n- a list\n", ":1"),
    ],
)
def test_every_yaml_file_refuses_hostile_yaml_with_file_and_line(tmp_path: Path, kind: str, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises((ConfigError, SettingsError)) as caught:
        every_yaml_loader()[kind](path)
    assert str(caught.value).startswith(f"{path}{expected}")


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        read_yaml(tmp_path / "absent.yaml")


def test_empty_file_is_no_data(tmp_path: Path) -> None:
    assert read_yaml(write(tmp_path, "# only a comment\n")) == (None, {})


# --- tocsin.settings ----------------------------------------------------------


def test_defaults_without_file_or_environment() -> None:
    settings = load_settings(None, environ={})
    assert settings == Settings()
    assert settings.kafka_bootstrap_servers == "127.0.0.1:9092"
    assert settings.topics.raw == "tocsin.articles.raw"


def test_environment_overrides_file(tmp_path: Path) -> None:
    path = write(tmp_path, "partitions: 2\nlog_level: debug\ntopic_prefix: file.\n")
    settings = load_settings(path, environ={"TOCSIN_PARTITIONS": "8", "TOCSIN_CONSOLE_ALERTS": "false"})
    assert (settings.partitions, settings.log_level, settings.console_alerts) == (8, "debug", False)
    assert settings.topics.alerts == "file.alerts"


def test_config_file_from_tocsin_config(tmp_path: Path) -> None:
    path = write(tmp_path, "partitions: 3\n")
    assert load_settings(None, environ={"TOCSIN_CONFIG": str(path)}).partitions == 3


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"KAFKA_BOOTSTRAP_SERVERS": "a:1,b:2"}, "a:1,b:2"),
        ({"TOCSIN_KAFKA_BOOTSTRAP_SERVERS": "c:3"}, "c:3"),
        ({"KAFKA_BOOTSTRAP_SERVERS": "a:1", "TOCSIN_KAFKA_BOOTSTRAP_SERVERS": "c:3"}, "c:3"),
    ],
)
def test_bootstrap_servers_from_either_variable(environ: dict[str, str], expected: str) -> None:
    assert load_settings(None, environ=environ).kafka_bootstrap_servers == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TOCSIN_PARTITIONS": "zero"}, "setting TOCSIN_PARTITIONS='zero': Input should be a valid integer"),
        ({"TOCSIN_LOG_LEVEL": "loud"}, "setting TOCSIN_LOG_LEVEL='loud': Input should be"),
        ({"KAFKA_BOOTSTRAP_SERVERS": "localhost"}, "setting KAFKA_BOOTSTRAP_SERVERS='localhost': Value error, expected host:port"),
        ({"TOCSIN_KAFKA_BOOTSTRAP_SERVERS": "a:1,b"}, "setting TOCSIN_KAFKA_BOOTSTRAP_SERVERS='a:1,b': Value error"),
        ({"TOCSIN_TOPIC_PREFIX": "bad prefix!"}, "setting TOCSIN_TOPIC_PREFIX='bad prefix!': String should match pattern"),
    ],
)
def test_environment_errors_name_the_variable_and_value(environ: dict[str, str], expected: str) -> None:
    assert settings_error(**environ).startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("partitions: 2\nreplication_factor: 0\n", ":2: replication_factor: Input should be greater than or equal to 1 (got 0)"),
        ("log_level: info\nbogus: 1\n", ":2: bogus: unknown field"),
        ("metrics_port: 70000\n", ":1: metrics_port: Input should be less than or equal to 65535 (got 70000)"),
        ("- partitions: 2\n", ":1: settings must be a mapping"),
        ("partitions: [2,\n", ":2: invalid YAML"),
    ],
)
def test_file_errors_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    assert settings_error(tmp_path, text).startswith(f"{tmp_path / 'config.yaml'}{expected}")


def test_file_and_environment_errors_reported_together(tmp_path: Path) -> None:
    message = settings_error(tmp_path, "partitions: 0\n", TOCSIN_LOG_LEVEL="loud")
    assert len(message.splitlines()) == 2
    assert "config.yaml:1: partitions" in message and "TOCSIN_LOG_LEVEL='loud'" in message


def test_missing_settings_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(tmp_path / "absent.yaml", environ={})


def test_untagged_locates_errors_at_the_fields_the_file_has() -> None:
    errors = [
        {"type": "missing", "loc": ("rules", 0, "frequency", "window"), "msg": "Field required"},
        {"type": "union_tag_invalid", "loc": ("rules", 1), "msg": "Input tag 'x' found using 'type'"},
        {"type": "missing", "loc": ("inhibit", 0, "frequency"), "msg": "Field required"},
    ]
    assert [error["loc"] for error in untagged(errors, "rules", {"frequency"}, "type")] == [
        ("rules", 0, "window"),
        ("rules", 1, "type"),
        ("inhibit", 0, "frequency"),
    ]


def test_read_model_gives_the_lines_and_lets_the_caller_relocate_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\nitems:\n  - size: 2\n")
    model, lines = read_model(path, Outer)
    assert model.items[0].size == 2 and located(path, lines, ("items", 0, "size")) == f"{path}:3: items[0].size"
    bad = write(tmp_path, "name: x\nitems:\n  - size: 0\n", "bad.yaml")
    with pytest.raises(ConfigError) as caught:
        read_model(bad, Outer, locate=lambda errors: [{**error, "loc": ("name",)} for error in errors])
    assert caught.value.problems[0].startswith(f"{bad}:1: name: ")


def test_located_without_a_line_names_the_file_and_field() -> None:
    assert located("receivers.yaml", {}, ("default", "receivers")) == "receivers.yaml: default.receivers"


def test_first_seen_names_the_first_place_in_the_same_file_and_in_another() -> None:
    ids = FirstSeen("rule id")
    one = {("rules", 0, "id"): 2, ("rules", 1, "id"): 5}
    assert ids.duplicate("a", "one.yaml", one, ("rules", 0, "id")) is None
    assert ids.duplicate("a", "one.yaml", one, ("rules", 1, "id")) == "one.yaml:5: rules[1].id: duplicate rule id 'a' (first at line 2)"
    assert ids.duplicate("a", "two.yaml", {("rules", 0, "id"): 3}, ("rules", 0, "id")) == (
        "two.yaml:3: rules[0].id: duplicate rule id 'a' (first at one.yaml:2)"
    )
    assert ids.duplicate("b", "two.yaml", {}, ("rules", 1, "id")) is None
