"""Load YAML config files and validate them with messages that name file, line and field.

Sources, rules and the settings file all go through `load_model`: a person who
made a mistake reads `rules/x.yaml:12: rules[0].window: ...` and knows where to look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

Location = tuple[str | int, ...]


class ConfigError(Exception):
    """A config file that cannot be used; `str()` is one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _to_python(node: yaml.Node, path: Location, lines: dict[Location, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value
            result[key] = _to_python(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path + (index,), lines) for index, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def read_yaml(path: Path) -> tuple[Any, dict[Location, int]]:
    """Parse a YAML file into Python data and a map from each location to its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read: {exc.strerror}"]) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError([f"{path}{line}: invalid YAML: {exc.problem}"]) from exc
    lines: dict[Location, int] = {}
    try:
        data = _to_python(node, (), lines) if node is not None else None
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError([f"{path}{line}: invalid value: {getattr(exc, 'problem', None) or exc}"]) from exc
    return data, lines


def line_of(lines: dict[Location, int], loc: Location) -> int | None:
    """The line of the deepest part of `loc` that exists in the file."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def format_loc(loc: Location) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def explain(errors: list[Any], path: Path | str, lines: dict[Location, int], base: Location = ()) -> list[str]:
    """One line per pydantic error (`ValidationError.errors()`): file, line, field, message, value."""
    problems = []
    for item in errors:
        loc = base + tuple(part for part in item["loc"] if not isinstance(part, str) or not part.startswith("function-"))
        line = line_of(lines, loc)
        where = f"{path}:{line}" if line else str(path)
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        value = item.get("input")
        shown = "" if item["type"] in ("missing", "extra_forbidden") or isinstance(value, (dict, list)) else f" (got {value!r})"
        problems.append(f"{where}: {format_loc(loc)}: {message}{shown}")
    return problems


def load_model(path: Path, model: type[M]) -> M:
    """Read `path` and validate it as `model`, or raise ConfigError naming file and line."""
    data, lines = read_yaml(path)
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise ConfigError(explain(exc.errors(include_url=False), path, lines)) from exc
