"""The rule types a rule file may name: one `register` line per type, and the file schema built from them.

The loader validates `rules:` against a union of the registered classes told
apart by `type`; the engine and the evaluator only call the hooks of the rule
they hold (tocsin.streams.rules.model.Rule). So this dict is the only list of types:
a new type is its module in streams/rules/types/ and one line below.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from tocsin.streams.rules.model import InhibitRule, Rule
from tocsin.streams.rules.types.corroboration import CorroborationRule
from tocsin.streams.rules.types.escalation import EscalationRule
from tocsin.streams.rules.types.flatline import FlatlineRule
from tocsin.streams.rules.types.frequency import FrequencyRule
from tocsin.streams.rules.types.match import MatchRule
from tocsin.streams.rules.types.new_place import NewPlaceRule
from tocsin.streams.rules.types.sequence import SequenceRule
from tocsin.streams.rules.types.spike import SpikeRule

#: Type name (the `type` of a rule in a file) to its class, in the order the docs list them.
RULE_TYPES: dict[str, type[Rule]] = {}


def register(rule_class: type[Rule]) -> type[Rule]:
    """Make a rule type loadable under the name its `type: Literal["name"]` field declares."""
    annotation = rule_class.model_fields["type"].annotation
    if get_origin(annotation) is not Literal or len(get_args(annotation)) != 1:
        raise TypeError(f"{rule_class.__name__}.type must be a Literal of one name, not {annotation}")
    (name,) = get_args(annotation)
    if name in RULE_TYPES and RULE_TYPES[name] is not rule_class:
        raise ValueError(f"rule type {name!r} is already registered ({RULE_TYPES[name].__name__})")
    RULE_TYPES[name] = rule_class
    return rule_class


register(MatchRule)
register(FrequencyRule)
register(CorroborationRule)
register(SpikeRule)
register(SequenceRule)
register(EscalationRule)
register(FlatlineRule)
register(NewPlaceRule)


class RuleFile(BaseModel):
    """One rule file; `rules` is narrowed to the registered types by `rule_file()`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: list[Rule] = Field(min_length=1)
    inhibit: list[InhibitRule] | None = Field(
        default=None, description="Inhibition rules; when no file has any, critical mutes warning and info of its region."
    )


def _union(classes: tuple[type[Rule], ...]) -> Any:
    return Annotated[Union[classes], Field(discriminator="type")]  # noqa: UP007 - a union built at run time


@lru_cache(maxsize=8)
def _file_schema(classes: tuple[type[Rule], ...]) -> type[RuleFile]:
    rules: Any = (list[_union(classes)], Field(min_length=1))  # type: ignore[misc]  # a type built at run time
    return create_model("RuleFile", __base__=RuleFile, rules=rules)


@lru_cache(maxsize=8)
def _rule_schema(classes: tuple[type[Rule], ...]) -> TypeAdapter[Rule]:
    return TypeAdapter(_union(classes))


def rule_file() -> type[RuleFile]:
    """The schema of a rule file for the types registered now (a type registered later gets a new one)."""
    return _file_schema(tuple(RULE_TYPES.values()))


def parse_rule(data: dict[str, Any]) -> Rule:
    """One rule from a mapping (tests, benchmarks); files go through the loader for file:line errors."""
    return _rule_schema(tuple(RULE_TYPES.values())).validate_python(data)
