"""Tocsin: watch news sources for armed-conflict escalation and alert the people who must act.

This package is the shared kernel: record schemas, topic names, settings, config
loading and the command line. The pipeline lives in `connectors` and `streams`.
"""

from pathlib import Path

__version__ = "0.1.0"

#: Root of the source checkout; default paths (rules, sources, deploy scripts) hang off it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
