"""Load every rule file of a folder; all problems of all files are reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tocsin.config import ConfigError, FirstSeen, read_model, untagged
from tocsin.streams.rules.evaluator import RuleSet
from tocsin.streams.rules.model import DEFAULT_INHIBIT, InhibitRule, Rule
from tocsin.streams.rules.registry import RULE_TYPES, rule_file


def rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files


def _untagged(errors: list[Any]) -> list[Any]:
    return untagged(errors, "rules", RULE_TYPES, "type")


def load_rule_set(*paths: Path) -> RuleSet:
    """Rules and inhibition rules from files and folders; ConfigError lists every problem with file and line."""
    rules: list[Rule] = []
    inhibit: list[InhibitRule] | None = None
    problems: list[str] = []
    ids = FirstSeen("rule id")
    for path in rule_files(list(paths)):
        try:
            parsed, lines = read_model(path, rule_file(), locate=_untagged)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        if parsed.inhibit is not None:
            inhibit = [*(inhibit or []), *parsed.inhibit]
        for index, rule in enumerate(parsed.rules):
            duplicate = ids.duplicate(rule.id, path, lines, ("rules", index, "id"))
            if duplicate:
                problems.append(duplicate)
            else:
                rules.append(rule)
    if not rules and not problems:
        problems.append(f"no rule files found in {', '.join(map(str, paths))}")
    if problems:
        raise ConfigError(problems)
    return RuleSet(rules, DEFAULT_INHIBIT if inhibit is None else inhibit)


def load_rules(*paths: Path) -> list[Rule]:
    """The rules alone (see load_rule_set)."""
    return load_rule_set(*paths).rules
