"""The worked example of docs/alerting.md, "Adding a rule type": its module and one `register` line make a working type.

The module (tests/unit/variety_rule.py) is the one the docs show, word for word;
it is registered here only, so Tocsin does not ship it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.unit.factories import T0, signal
from tests.unit.variety_rule import VarietyRule
from tocsin.config import ConfigError
from tocsin.records import AlertStatus, SignalType
from tocsin.streams.rules import Evaluator, load_rule_set
from tocsin.streams.rules.registry import RULE_TYPES, register

ROOT = Path(__file__).resolve().parents[2]
RULES = """rules:
  - id: mixed-violence
    type: variety
    match: {types: [shelling, air_strike, armed_clash, explosion]}
    window: 1h
    min_types: MIN_TYPES
    resolve_after: 30m
    title: "{{ kinds }} kinds of violence in {{ region }}"
"""


@pytest.fixture
def registered() -> Iterator[None]:
    register(VarietyRule)  # the one registration line (in streams/rules/registry.py for a shipped type)
    yield
    del RULE_TYPES["variety"]


def write_rules(tmp_path: Path, min_types: int) -> Path:
    path = tmp_path / "variety.yaml"
    path.write_text(RULES.replace("MIN_TYPES", str(min_types)), encoding="utf-8")
    return path


def test_the_docs_show_the_example_module_word_for_word() -> None:
    docs = (ROOT / "docs" / "alerting.md").read_text(encoding="utf-8")
    section = docs.split("## Adding a rule type", 1)[1]
    shown = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert shown is not None, "docs/alerting.md lost the example module"
    assert shown.group(1) == (ROOT / "tests" / "unit" / "variety_rule.py").read_text(encoding="utf-8")


def test_an_unregistered_type_is_a_config_error_at_its_type_field(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_rule_set(write_rules(tmp_path, 3))
    (problem,) = caught.value.problems
    assert problem.startswith(f"{tmp_path / 'variety.yaml'}:3: rules[0].type:") and "variety" not in RULE_TYPES


def test_a_registered_type_fires_and_resolves_through_the_evaluator(tmp_path: Path, registered: None) -> None:
    evaluator = Evaluator(load_rule_set(write_rules(tmp_path, 3)))
    kinds = [SignalType.SHELLING, SignalType.SHELLING, SignalType.AIR_STRIKE, SignalType.ARMED_CLASH]
    alerts = [evaluator.on_signal(signal(f"s{i}", type=kind), T0 + timedelta(minutes=i)) for i, kind in enumerate(kinds)]
    assert alerts[:3] == [[], [], []]
    (fired,) = alerts[3]
    assert (fired.title, fired.status, fired.counts.signals) == ("3 kinds of violence in south_caucasus", AlertStatus.FIRING, 4)
    assert evaluator.on_tick(T0 + timedelta(minutes=40)) == []
    (resolved,) = evaluator.on_tick(T0 + timedelta(minutes=64))
    assert resolved.status == AlertStatus.RESOLVED


def test_a_registered_type_reports_its_own_field_errors_with_file_and_line(tmp_path: Path, registered: None) -> None:
    with pytest.raises(ConfigError) as caught:
        load_rule_set(write_rules(tmp_path, 1))
    (problem,) = caught.value.problems
    assert problem.startswith(f"{tmp_path / 'variety.yaml'}:6: rules[0].min_types:")
