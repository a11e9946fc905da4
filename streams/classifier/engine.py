"""The pattern classifier: one compiled pass over the text, then context rules per match.

Why patterns and not a model first: every signal must show the words that
triggered it, run at thousands of texts a second on one core, and be fixable by
editing a lexicon. Context rules (negation, hedging, history, benign senses) are
what keep "threatened to shell" and the box-office "bomb" out.

Why one pass over all languages: the triggers of every lexicon in `LEXICONS` are read
together, so a text needs no language tag and a mixed text is read in full. The pass runs on a length-preserving lower-case copy
of the text with no IGNORECASE flag and no capture groups. A gate (gate.py) finds the
word starts where some trigger matches: an Aho–Corasick automaton of the literal
beginnings of all triggers (prefixes.py) walks the text once, and only the triggers
behind a beginning found at a word start are tried there; the full alternation of
~1,000 triggers tried at every word start cost twenty times more on article-length
texts. Which triggers match at such an offset, and so their types, strengths and
languages, is found afterwards by matching there (the first trigger of each type),
and every word start is looked at, so that overlapping phrases of different types
are all seen.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Literal

from tocsin.records import EvidenceSpan, SignalType
from tocsin.streams.classifier import (
    lexicon_ar,
    lexicon_az,
    lexicon_de,
    lexicon_en,
    lexicon_es,
    lexicon_fa,
    lexicon_fr,
    lexicon_he,
    lexicon_hy,
    lexicon_it,
    lexicon_ka,
    lexicon_pt,
    lexicon_ru,
    lexicon_tr,
    lexicon_uk,
)
from tocsin.streams.classifier.arbitration import Hit, arbitrate, rereads
from tocsin.streams.classifier.gate import Gate, character, first_characters
from tocsin.streams.classifier.prefixes import gated
from tocsin.streams.classifier.relevance import RelevanceModel

THRESHOLD = 0.5
NEGATED = 0.25
HEDGED = 0.4
HISTORICAL = 0.3
WINDOW_WORDS = 5
AFTER_WORDS = 6
MAX_SPANS = 5
LEXICONS: tuple[ModuleType, ...] = (
    lexicon_en,
    lexicon_ru,
    lexicon_uk,
    lexicon_hy,
    lexicon_az,
    lexicon_fr,
    lexicon_es,
    lexicon_it,
    lexicon_pt,
    lexicon_tr,
    lexicon_de,
    lexicon_ka,
    lexicon_he,
    lexicon_ar,
    lexicon_fa,
)

#: Sentence ends, with the Armenian full stop (verjaket, U+0589) and the Arabic
#: question mark and semicolon (U+061F, U+061B), which Arabic and Persian use.
_SENTENCE_END = re.compile(r"(?<=[.!?;\u0589\u061b\u061f])\s+|\n")
_WORD_START = r"\b(?=\w)"
#: Where a negation or hedge stops reaching forward: "the ceasefire did not hold:
#: fighting resumed", "no one was hurt, but the town was shelled".
_CLAUSE_BREAK = re.compile(r"[,:;\u2014\u060c\u061b]| but ")
#: Where a denial earlier in the sentence stops reaching: not at a comma ("denied, in
#: a statement, that the village had been shelled").
_DENIAL_BREAK = re.compile(r"[:;\u2014\u061b]| but ")
#: An introductory phrase before the match's clause, as in "In the 2020 war, troops
#: shelled the town" or "Decades ago, ...": its time cue covers the clause after it.
INTRO_WORDS = 8
#: Types that SIGNALS.md defines to include orders and appeals ("orders to shelter",
#: evacuation orders, "calls for intervention"): a demand is the signal, not a hedge.
ORDERS = frozenset({SignalType.AIR_RAID_ALERT, SignalType.EVACUATION, SignalType.THREAT})


def _history_scope(segments: list[str], match: str, after: str) -> str:
    """The text whose time cue dates a match: its own clause (a year elsewhere in the
    sentence dates another event) and a short introductory phrase opening the sentence."""
    scope = f"{segments[-1]}{match}{_CLAUSE_BREAK.split(after, maxsplit=1)[0]}"
    if len(segments) > 1 and len(segments[0].split()) <= INTRO_WORDS:
        scope = f"{segments[0]} {scope}"
    return scope


def fold(text: str) -> str:
    """Lower-case without changing any offset: U+0130 (Azerbaijani/Turkish İ) is the one
    character whose lower-case form is two code points, so it is folded to a plain i."""
    return text.replace("İ", "I").lower()


@dataclass
class Detection:
    """One signal type found in a text, with its evidence and combined confidence.

    `lede_confidence` is what the text's opening (`classify`'s `lede`) says of this
    type on its own: a report that only mentions the event further down, as
    background or beside its own story, is weaker evidence than one that leads with it.
    """

    type: SignalType
    confidence: float
    evidence: list[EvidenceSpan] = field(default_factory=list)
    lede_confidence: float = 0.0


@dataclass(frozen=True, eq=False)
class _Context:
    """One language's context rules, compiled; patterns match folded text. Compared by
    identity: it keys the per-text cache of benign verdicts."""

    benign: dict[SignalType, re.Pattern[str]]
    negation: re.Pattern[str]
    negation_after: re.Pattern[str] | None
    negation_inside: re.Pattern[str] | None
    denial: re.Pattern[str] | None
    hedge: re.Pattern[str]
    hedge_after: re.Pattern[str] | None
    demand: re.Pattern[str] | None
    historical: re.Pattern[str]
    dated: re.Pattern[str] | None
    opener: re.Pattern[str] | None

    @classmethod
    def of(cls, lexicon: ModuleType) -> _Context:
        optional = ("NEGATION_AFTER", "NEGATION_INSIDE", "DENIAL", "HEDGE_AFTER", "DEMAND", "DATED", "CLAUSE_OPENER")
        after, inside, denial, hedge_after, demand, dated, opener = (
            re.compile(p) if (p := getattr(lexicon, name, "")) else None for name in optional
        )
        return cls(
            benign={t: gated(p) for t, p in lexicon.BENIGN.items()},
            negation=re.compile(lexicon.NEGATION),
            negation_after=after,
            negation_inside=inside,
            denial=denial,
            hedge=re.compile(lexicon.HEDGE),
            hedge_after=hedge_after,
            demand=demand,
            historical=re.compile(lexicon.HISTORICAL),
            dated=dated,
            opener=opener,
        )

    def factor(self, before: str, match: str, after: str, asked_is_news: bool = False) -> float:
        """A multiplier for what surrounds a match: 1.0 when it reports a current event.
        `before` and `after` are the sentence's text on either side of the match. Cues
        are bound to the match's own clause (split at `_CLAUSE_BREAK`); the negation and
        hedge windows also stop at a word that opens a new clause (`CLAUSE_OPENER`: "the
        mayor did not comment as shells hit the town"). `asked_is_news`: the type is an
        order or appeal itself, so neither a demand (`DEMAND`) nor a modal after it
        (`HEDGE_AFTER`: "تهدید کرد ... خواهد داد", "will be evacuated") hedges it."""
        segments = _CLAUSE_BREAK.split(before)
        own = self._since_opener(segments[-1])
        window = " ".join(own.split()[-WINDOW_WORDS:])
        factor = 1.0
        if self._negated(window, before, match, after):
            factor *= NEGATED
        if self._hedged(window, "" if asked_is_news else after) or (
            not asked_is_news and self.demand is not None and self.demand.search(own)
        ):
            factor *= HEDGED
        if self._historical(before, segments, match, after):
            factor *= HISTORICAL
        return factor

    def _hedged(self, window: str, after: str) -> bool:
        """A hedge in the window before the match or, in verb-final languages whose
        modal follows the noun ("hücuma hazırlaşır", "հարձակում սկսել կարող է"), in
        the words after it within its clause (`HEDGE_AFTER`)."""
        following = " ".join(_CLAUSE_BREAK.split(after, maxsplit=1)[0].split()[:AFTER_WORDS])
        return bool(self.hedge.search(window) or (self.hedge_after is not None and self.hedge_after.search(following)))

    def _historical(self, before: str, segments: list[str], match: str, after: str) -> bool:
        """A history cue anywhere in the sentence, or a date in the match's clause."""
        return bool(
            self.historical.search(f"{before}{match}{after}")
            or (self.dated is not None and self.dated.search(_history_scope(segments, match, after)))
        )

    def _since_opener(self, clause: str) -> str:
        """The part of a clause after its last clause-opening word."""
        return self.opener.split(clause)[-1] if self.opener is not None else clause

    def _negated(self, window: str, before: str, match: str, after: str) -> bool:
        """A negation just before, a denial after or inside the match, or a denial
        earlier in the sentence that no semicolon, colon, dash or "but" closes."""
        following = " ".join(after.split()[:AFTER_WORDS])
        denied = _DENIAL_BREAK.split(before)[-1]
        checks = ((self.negation, window), (self.negation_after, following), (self.negation_inside, match), (self.denial, denied))
        return any(pattern is not None and pattern.search(text) for pattern, text in checks)

    def is_benign(self, signal_type: SignalType, sentence: str, title: str) -> bool:
        """A benign sense named in the sentence or the title vetoes the trigger."""
        benign = self.benign.get(signal_type)
        return bool(benign and (benign.search(sentence) or (title != sentence and benign.search(title))))


def _noisy_or(combined: float, more: float) -> float:
    """The confidence of independent pieces of evidence together."""
    return 1.0 - (1.0 - combined) * (1.0 - more)


@dataclass(frozen=True)
class _Trigger:
    pattern: re.Pattern[str]
    type: SignalType
    strength: float
    context: _Context


#: Where triggers may match in a folded text: each offset, with the places of the triggers that may match there.
Offsets = Callable[[str], Iterator[tuple[int, tuple[int, ...]]]]


@functools.cache
def _compile(lexicons: tuple[ModuleType, ...], gated: bool) -> tuple[list[_Trigger], Offsets, dict[str, dict[SignalType, int]]]:
    """The triggers, where they match, and the order of types per first character, compiled once per process.

    Compiling fifteen lexicons takes seconds; every Classifier of a process (the worker's,
    `tocsin replay`'s, each test module's) shares them, as they are never changed after.
    """
    triggers: list[_Trigger] = []
    for lexicon in lexicons:
        context = _Context.of(lexicon)
        for signal_type, patterns in lexicon.TRIGGERS.items():
            for pattern, strength in patterns:
                triggers.append(_Trigger(re.compile(rf"(?:{pattern})\b"), signal_type, strength, context))
    by_first: dict[str, list[int]] = {}
    for index, trigger in enumerate(triggers):
        for key in first_characters(trigger.pattern.pattern) or ():
            by_first.setdefault(key, []).append(index)
    type_order = {
        key: {t: rank for rank, t in enumerate(dict.fromkeys(triggers[i].type for i in indices))} for key, indices in by_first.items()
    }
    if gated:
        return triggers, Gate([t.pattern for t in triggers]).offsets, type_order
    alternation = re.compile(rf"{_WORD_START}(?:{'|'.join(t.pattern.pattern for t in triggers)})")
    return triggers, functools.partial(_matches, alternation, {key: tuple(indices) for key, indices in by_first.items()}), type_order


def _matches(alternation: re.Pattern[str], by_first: dict[str, tuple[int, ...]], folded: str) -> Iterator[tuple[int, tuple[int, ...]]]:
    """Every offset where `alternation` matches, with the triggers that can begin with
    its character, resuming one character after each (not after the match), so that
    overlapping phrases are all found."""
    match = alternation.search(folded)
    while match:
        yield match.start(), by_first[character(folded[match.start()])]
        match = alternation.search(folded, match.start() + 1)


class Classifier:
    """Compiled once, then `classify(text)` is a pure function of the text."""

    def __init__(
        self,
        lexicons: tuple[ModuleType, ...] = LEXICONS,
        gated: bool = True,
        relevance: RelevanceModel | Literal["committed"] | None = "committed",
    ):
        """`gated=False` finds trigger offsets with the full alternation at every word
        start: the slow reference that the gate is tested and benchmarked against.
        `relevance` vetoes every signal of a text it finds off topic (relevance.py):
        the committed model by default, None for the lexicon alone."""
        self._relevance = RelevanceModel.load() if isinstance(relevance, str) else relevance
        self._triggers, self._offsets, self._type_order = _compile(lexicons, gated)

    def classify(self, text: str, lede: int | None = None) -> list[Detection]:
        """All signal types at or above the threshold, strongest first.

        `lede`: the offset where the text's headline and lede end; each detection's
        `lede_confidence` then combines only the evidence before it (without it, the
        whole text is the lede)."""
        folded = fold(text)
        matches = list(self._hits(folded))
        if not matches:  # most news: no sentence splitting at all
            return []
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(folded)]
        title = folded[: starts[1] if len(starts) > 1 else len(folded)]
        benign: dict[tuple[_Context, SignalType, int], bool] = {}
        hits: list[Hit] = []
        for trigger, match, contexts in matches:
            confidence = self._confidence(trigger, contexts, match, folded, starts, title, benign)
            if confidence is not None:
                hits.append(Hit(trigger.type, confidence, match.start(), match.end()))
        found: dict[SignalType, Detection] = {}
        for hit in arbitrate(hits, folded):
            self._add(found, hit, text, lede is None or hit.start < lede)
        kept = [d for d in found.values() if d.confidence >= THRESHOLD]
        if kept and self._relevance is not None and self._relevance.off_topic(text):
            return []
        for detection in kept:
            detection.confidence = round(min(detection.confidence, 0.99), 3)
            detection.lede_confidence = round(min(detection.lede_confidence, 0.99), 3)
        return sorted(kept, key=lambda d: -d.confidence)

    def _hits(self, folded: str) -> Iterator[tuple[_Trigger, re.Match[str], tuple[_Context, ...]]]:
        """Every trigger match, overlapping ones included: "army tanks shelled positions"
        is shelling and an attack on armed positions at once, and a non-overlapping scan
        would keep only the first phrase (arbitration.py then says which codes the
        event). Two kinds of overlap are dropped: a match that overlaps an earlier one
        of its own type (one phrase is one piece of evidence), and one that ends inside
        a phrase found at an earlier offset whose type re-reads those words in another
        sense (`arbitration.REREADS`: "siege" in "state of siege", "blockade" in "lifted
        the blockade"). A nested match of another pair ("bomb attack" in "carried out
        the bomb attack") and one that reaches beyond the earlier phrase are kept."""
        reach: dict[SignalType, int] = {}
        outer: dict[SignalType, int] = {}
        for offset, candidates in self._offsets(folded):
            hits = self._triggers_at(folded, offset, candidates)
            for trigger, hit, contexts in hits:
                nested = any(end >= hit.end() and rereads(kind, trigger.type) for kind, end in outer.items())
                if not nested and reach.get(trigger.type, -1) <= offset and outer.get(trigger.type, -1) < hit.end():
                    reach[trigger.type] = hit.end()
                    yield trigger, hit, contexts
            for trigger, hit, _ in hits:
                outer[trigger.type] = max(outer.get(trigger.type, -1), hit.end())

    @staticmethod
    def _confidence(
        trigger: _Trigger,
        contexts: tuple[_Context, ...],
        hit: re.Match[str],
        folded: str,
        starts: list[int],
        title: str,
        benign: dict[tuple[_Context, SignalType, int], bool],
    ) -> float | None:
        """The trigger's strength times what its sentence says around it, read by every
        language whose trigger of this type matches here (`contexts`): the most cautious
        reading counts. None when a benign sense in the sentence or the title vetoes it.
        `benign` keeps that verdict per language, type and sentence: long unpunctuated
        reports carry many hits in one sentence, and searching it again for each cost
        more than finding them."""
        index = bisect.bisect_right(starts, hit.start()) - 1
        sentence_start, sentence_end = starts[index], starts[index + 1] if index + 1 < len(starts) else len(folded)
        sentence = folded[sentence_start:sentence_end]
        for context in contexts:
            key = (context, trigger.type, sentence_start)
            if key not in benign:
                benign[key] = context.is_benign(trigger.type, sentence, title)
            if benign[key]:
                return None
        before, after = folded[sentence_start : hit.start()], folded[hit.end() : sentence_end]
        return trigger.strength * min(context.factor(before, hit.group(), after, trigger.type in ORDERS) for context in contexts)

    def _triggers_at(
        self, folded: str, offset: int, candidates: tuple[int, ...]
    ) -> list[tuple[_Trigger, re.Match[str], tuple[_Context, ...]]]:
        """The first trigger of each type that matches at `offset`, in lexicon order,
        with the contexts of every language whose trigger of that type matches there;
        types in the order their first triggers that can begin with this character
        come in the lexicons.

        Why every language's context: related languages share spellings ("bombardeado"
        is Spanish and Portuguese, "mobilisation" English and French), and the first
        lexicon's trigger would otherwise judge the word by its own language's negation
        and benign cues alone: a Portuguese denial or a French labour cue went unread."""
        found: dict[SignalType, tuple[_Trigger, re.Match[str], list[_Context]]] = {}
        for index in candidates:
            trigger = self._triggers[index]
            contexts = found[trigger.type][2] if trigger.type in found else None
            if contexts is not None and trigger.context in contexts:
                continue
            hit = trigger.pattern.match(folded, offset)
            if hit is None:
                continue
            if contexts is None:
                found[trigger.type] = (trigger, hit, [trigger.context])
            else:
                contexts.append(trigger.context)
        rank = self._type_order[character(folded[offset])]
        return [(first, hit, tuple(contexts)) for first, hit, contexts in sorted(found.values(), key=lambda f: rank[f[0].type])]

    @staticmethod
    def _add(found: dict[SignalType, Detection], hit: Hit, text: str, in_lede: bool) -> None:
        """Combine one more piece of evidence into its type's detection (noisy-or), and into its lede's when it lies there."""
        detection = found.setdefault(hit.type, Detection(hit.type, 0.0))
        detection.confidence = _noisy_or(detection.confidence, hit.confidence)
        if in_lede:
            detection.lede_confidence = _noisy_or(detection.lede_confidence, hit.confidence)
        if len(detection.evidence) < MAX_SPANS:
            detection.evidence.append(EvidenceSpan(text=text[hit.start : hit.end], start=hit.start, end=hit.end))
