"""Alert rules: loading and validating `alert_rules/*.yaml`, and evaluating them on signals."""

from tocsin.streams.rules.engine import advance, expire
from tocsin.streams.rules.evaluator import Evaluator, RuleSet
from tocsin.streams.rules.loader import load_rule_set, load_rules
from tocsin.streams.rules.model import Rule
from tocsin.streams.rules.state import AlertState

__all__ = ["AlertState", "Evaluator", "Rule", "RuleSet", "advance", "expire", "load_rule_set", "load_rules"]
