"""Label matching, one module for silences, routes and inhibition rules.

Two forms, as operators know them from Alertmanager: a `LabelMatcher` is one
condition with an operator (`region=~"south.*"`, what silences store), and a
`LabelSelector` is the YAML mapping of labels to a value or a list of allowed
values (`{severity: [warning, info]}`, what routes and inhibition rules write).
Both see a missing label as the empty string / absent, and nothing here knows
where the labels come from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, RootModel, model_validator

Labels = Mapping[str, str]


class MatchOp(StrEnum):
    """Alertmanager's matcher operators; regexes match the whole value (anchored)."""

    EQUAL = "="
    NOT_EQUAL = "!="
    REGEX = "=~"
    NOT_REGEX = "!~"


@lru_cache(maxsize=1024)
def _pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


class LabelMatcher(BaseModel):
    """One condition on a label; a missing label matches as the empty string, as in Alertmanager."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    op: MatchOp
    value: str

    @model_validator(mode="after")
    def _regex_compiles(self) -> LabelMatcher:
        if self.op in (MatchOp.REGEX, MatchOp.NOT_REGEX):
            try:
                re.compile(self.value)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {self.value!r}: {exc}") from exc
        return self

    def matches(self, labels: Labels) -> bool:
        """Does the condition hold for these labels? Regexes must match the whole value."""
        value = labels.get(self.name, "")
        match self.op:
            case MatchOp.EQUAL:
                return value == self.value
            case MatchOp.NOT_EQUAL:
                return value != self.value
            case MatchOp.REGEX:
                return _pattern(self.value).fullmatch(value) is not None
            case MatchOp.NOT_REGEX:
                return _pattern(self.value).fullmatch(value) is None
        raise AssertionError(f"unknown operator {self.op!r}")


def _listed(value: Any) -> Any:
    """One allowed value is written bare (`severity: critical`), several as a list."""
    return value if isinstance(value, list) else [value]


AllowedValues = Annotated[list[str], BeforeValidator(_listed)]


class LabelSelector(RootModel[dict[str, AllowedValues]]):
    """Labels that must be present, each with one of its allowed values; an empty selector accepts everything."""

    model_config = ConfigDict(frozen=True)

    root: dict[str, AllowedValues] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _plain_mapping(cls, data: Any) -> Any:
        """`{labels: {...}}`, the long form inhibition rules have always accepted, is the mapping inside it."""
        if isinstance(data, dict) and list(data) == ["labels"] and isinstance(data["labels"], dict):
            return data["labels"]
        return data

    def accepts(self, labels: Labels) -> bool:
        return all(labels.get(name) in allowed for name, allowed in self.root.items())
