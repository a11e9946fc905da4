"""Load every rule file of a folder; all problems of all files are reported at once."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from streams.rules.model import Rule, RuleFile
from tocsin.config import ConfigError, explain, read_yaml


def rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files


def load_rules(*paths: Path) -> list[Rule]:
    """Rules from files and folders; ConfigError lists every problem with file and line."""
    rules: list[Rule] = []
    problems: list[str] = []
    first: dict[str, str] = {}
    for path in rule_files(list(paths)):
        try:
            data, lines = read_yaml(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        try:
            parsed = RuleFile.model_validate(data if data is not None else {})
        except ValidationError as exc:
            problems.extend(explain(exc.errors(include_url=False), path, lines))
            continue
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
    return rules
