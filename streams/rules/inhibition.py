"""Inhibition, as in Alertmanager: a firing alert mutes others that are less urgent.

Pure: given the labels of an alert about to be emitted and the firing alerts of
its region, say which one mutes it. The alert still goes out, marked
`inhibited_by`, so the notifier can record why it did not deliver it and the
live page can show it. Matchers see an alert's labels plus `severity`.
"""

from __future__ import annotations

from collections.abc import Iterable

from tocsin.streams.rules.model import InhibitRule


def inhibited_by(target: dict[str, str], firing: Iterable[tuple[str, dict[str, str]]], rules: Iterable[InhibitRule]) -> str | None:
    """The fingerprint of a firing alert (fingerprint, labels) that mutes an alert with labels `target`, or None."""
    candidates = list(firing)
    for rule in rules:
        if not rule.target_matchers.accepts(target):
            continue
        for source, labels in candidates:
            if rule.source_matchers.accepts(labels) and all(labels.get(name) == target.get(name) for name in rule.equal):
                return source
    return None
