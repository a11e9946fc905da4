"""Load every rule file of a folder; all problems of all files are reported at once."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from streams.rules.evaluator import RuleSet
from streams.rules.model import DEFAULT_INHIBIT, InhibitRule, Rule
from streams.rules.registry import RULE_TYPES, rule_file
from tocsin.config import ConfigError, explain, read_yaml, untagged


def rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files


def load_rule_set(*paths: Path) -> RuleSet:
    """Rules and inhibition rules from files and folders; ConfigError lists every problem with file and line."""
    rules: list[Rule] = []
    inhibit: list[InhibitRule] | None = None
    problems: list[str] = []
    first: dict[str, str] = {}
    for path in rule_files(list(paths)):
        try:
            data, lines = read_yaml(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        try:
            parsed = rule_file().model_validate(data if data is not None else {})
        except ValidationError as exc:
            problems.extend(explain(untagged(exc.errors(include_url=False), "rules", RULE_TYPES, "type"), path, lines))
            continue
        if parsed.inhibit is not None:
            inhibit = [*(inhibit or []), *parsed.inhibit]
        for index, rule in enumerate(parsed.rules):
            where = f"{path}:{lines.get(('rules', index, 'id'), 0)}"
            if rule.id in first:
                problems.append(f"{where}: rules[{index}].id: duplicate rule id {rule.id!r} (first at {first[rule.id]})")
                continue
            first[rule.id] = where
            rules.append(rule)
    if not rules and not problems:
        problems.append(f"no rule files found in {', '.join(map(str, paths))}")
    if problems:
        raise ConfigError(problems)
    return RuleSet(rules, DEFAULT_INHIBIT if inhibit is None else inhibit)


def load_rules(*paths: Path) -> list[Rule]:
    """The rules alone (see load_rule_set)."""
    return load_rule_set(*paths).rules
