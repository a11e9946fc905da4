"""Alert rules: loading and validating `alert_rules/*.yaml`, and evaluating them on signals."""

from streams.rules.engine import advance, expire
from streams.rules.evaluator import Evaluator, RuleSet
from streams.rules.loader import load_rule_set, load_rules
from streams.rules.model import Rule
from streams.rules.state import AlertState

__all__ = ["AlertState", "Evaluator", "Rule", "RuleSet", "advance", "expire", "load_rule_set", "load_rules"]
