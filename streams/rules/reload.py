"""Hot reload: notice changed rule files and load them, keeping the old rules on any error.

The loader raises only ConfigError for anything a file can hold (tocsin.config);
anything else is a bug, logged with its traceback, and the old rules stay too.

The worker polls (a Faust timer) rather than using inotify: it works the same in
containers and on mounted volumes, and a few seconds of delay is fine for rules.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from tocsin.config import ConfigError
from tocsin.streams.rules.evaluator import RuleSet
from tocsin.streams.rules.loader import load_rule_set, rule_files

log = logging.getLogger(__name__)

Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(paths: list[Path]) -> Snapshot:
    """Name, mtime and size of every rule file: a change to any (or a file added or removed) changes it."""
    entries = []
    for path in rule_files(paths):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class RuleReloader:
    """Remembers what was loaded; `poll` returns new rules when the files changed and load cleanly."""

    def __init__(self, *paths: Path, load: Callable[..., RuleSet] = load_rule_set):
        self.paths = list(paths)
        self._load = load
        self.seen = snapshot(self.paths)
        self.problems: list[str] = []

    def poll(self) -> RuleSet | None:
        """None when nothing changed or the new files have errors (logged, each with file:line; old rules stay)."""
        current = snapshot(self.paths)
        if current == self.seen:
            return None
        self.seen = current
        try:
            rules = self._load(*self.paths)
        except ConfigError as exc:
            self.problems = exc.problems
            for problem in exc.problems:
                log.error("rules not reloaded, keeping the previous ones: %s", problem)
            return None
        except Exception as exc:  # a loader bug must not stop a worker whose current rules are fine
            self.problems = [f"unexpected error: {type(exc).__name__}: {exc}"]
            log.exception("rules not reloaded, keeping the previous ones: unexpected error")
            return None
        self.problems = []
        log.info("rules reloaded: %d rule(s): %s", len(rules.rules), ", ".join(rule.id for rule in rules.rules))
        return rules
