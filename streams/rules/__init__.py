"""Alert rules: loading and validating `alert_rules/*.yaml`, and evaluating them on signals."""

from streams.rules.engine import AlertState, advance, expire
from streams.rules.loader import load_rules
from streams.rules.model import Rule

__all__ = ["AlertState", "Rule", "advance", "expire", "load_rules"]
