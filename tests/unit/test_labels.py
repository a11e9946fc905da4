"""Label matching shared by silences (LabelMatcher), routes and inhibition rules (LabelSelector)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tocsin.labels import LabelMatcher, LabelSelector, MatchOp

LABELS = {"region": "levant", "severity": "critical", "rule": "violent-escalation"}


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        (MatchOp.EQUAL, "levant", True),
        (MatchOp.NOT_EQUAL, "levant", False),
        (MatchOp.REGEX, "lev.*", True),
        (MatchOp.REGEX, "lev", False),  # anchored: a prefix is not a match
        (MatchOp.NOT_REGEX, "lev", True),
    ],
)
def test_a_label_matcher_applies_its_operator_to_the_whole_value(op: MatchOp, value: str, expected: bool) -> None:
    assert LabelMatcher(name="region", op=op, value=value).matches(LABELS) is expected


def test_a_missing_label_matches_as_the_empty_string() -> None:
    assert LabelMatcher(name="team", op=MatchOp.EQUAL, value="").matches(LABELS)
    assert not LabelMatcher(name="team", op=MatchOp.REGEX, value=".+").matches(LABELS)


def test_a_label_matcher_refuses_a_regex_that_does_not_compile() -> None:
    with pytest.raises(ValidationError, match="invalid regular expression"):
        LabelMatcher(name="rule", op=MatchOp.REGEX, value="(")


def test_a_label_matcher_keeps_its_record_format() -> None:
    matcher = LabelMatcher(name="rule", op=MatchOp.NOT_REGEX, value="x.*")
    assert matcher.model_dump(mode="json") == {"name": "rule", "op": "!~", "value": "x.*"}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ({}, True),
        ({"severity": "critical"}, True),
        ({"severity": ["warning", "info"]}, False),
        ({"severity": ["warning", "critical"], "region": "levant"}, True),
        ({"severity": "critical", "region": "sahel"}, False),
        ({"team": "duty"}, False),  # a selector's label must be present
        ({"labels": {"severity": "critical"}}, True),  # the long form of inhibition rules
    ],
)
def test_a_label_selector_accepts_labels_with_one_allowed_value_each(written: dict[str, object], expected: bool) -> None:
    assert LabelSelector.model_validate(written).accepts(LABELS) is expected


def test_a_label_selector_refuses_values_that_are_not_text() -> None:
    with pytest.raises(ValidationError) as caught:
        LabelSelector.model_validate({"severity": {"nested": 1}})
    assert caught.value.errors()[0]["loc"] == ("severity", 0)
