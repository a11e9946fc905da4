"""The pattern classifier: one compiled pass over the text, then context rules per match.

Why patterns and not a model first: every signal must show the words that
triggered it, run at thousands of texts a second on one core, and be fixable by
editing a lexicon. Context rules (negation, hedging, history, benign senses) are
what keep "threatened to shell" and the box-office "bomb" out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from streams.classifier import lexicon_en
from tocsin.records import EvidenceSpan, SignalType

THRESHOLD = 0.5
NEGATED = 0.25
HEDGED = 0.4
HISTORICAL = 0.3
WINDOW_WORDS = 5
MAX_SPANS = 5

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")


@dataclass
class Detection:
    """One signal type found in a text, with its evidence and combined confidence."""

    type: SignalType
    confidence: float
    evidence: list[EvidenceSpan] = field(default_factory=list)


class Classifier:
    """Compiled once, then `classify(text)` is a pure function of the text."""

    def __init__(self, lexicon=lexicon_en):
        self._strength: dict[str, tuple[SignalType, float]] = {}
        groups = []
        for signal_type, triggers in lexicon.TRIGGERS.items():
            for index, (pattern, strength) in enumerate(triggers):
                name = f"{signal_type.value}__{index}"
                self._strength[name] = (signal_type, strength)
                groups.append(f"(?P<{name}>{pattern})")
        self._triggers = re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE)
        self._benign = {t: re.compile(p, re.IGNORECASE) for t, p in lexicon.BENIGN.items()}
        self._negation = re.compile(lexicon.NEGATION, re.IGNORECASE)
        self._hedge = re.compile(lexicon.HEDGE, re.IGNORECASE)
        self._historical = re.compile(lexicon.HISTORICAL, re.IGNORECASE)

    def classify(self, text: str) -> list[Detection]:
        """All signal types at or above the threshold, strongest first."""
        if not text:
            return []
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        title_end = text.find("\n")
        title = text[: title_end if title_end >= 0 else len(text)]
        found: dict[SignalType, Detection] = {}
        for match in self._triggers.finditer(text):
            signal_type, strength = self._strength[match.lastgroup]
            sentence_index = bisect.bisect_right(starts, match.start()) - 1
            sentence_start = starts[sentence_index]
            sentence_end = starts[sentence_index + 1] if sentence_index + 1 < len(starts) else len(text)
            sentence = text[sentence_start:sentence_end]
            benign = self._benign.get(signal_type)
            if benign and (benign.search(sentence) or benign.search(title)):
                continue
            confidence = strength * self._context(text[sentence_start : match.start()], sentence)
            detection = found.setdefault(signal_type, Detection(signal_type, 0.0))
            detection.confidence = 1.0 - (1.0 - detection.confidence) * (1.0 - confidence)
            if len(detection.evidence) < MAX_SPANS:
                detection.evidence.append(EvidenceSpan(text=match.group(), start=match.start(), end=match.end()))
        kept = [d for d in found.values() if d.confidence >= THRESHOLD]
        for detection in kept:
            detection.confidence = round(min(detection.confidence, 0.99), 3)
        return sorted(kept, key=lambda d: -d.confidence)

    def _context(self, before: str, sentence: str) -> float:
        """A multiplier for what surrounds a match: 1.0 when it reports a current event."""
        window = " ".join(before.split()[-WINDOW_WORDS:])
        factor = 1.0
        if self._negation.search(window):
            factor *= NEGATED
        if self._hedge.search(window):
            factor *= HEDGED
        if self._historical.search(sentence):
            factor *= HISTORICAL
        return factor
