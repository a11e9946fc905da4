"""Where a signal happened: the region of the places its trigger is about, not of every place named.

A report from Stepanakert that mentions Russian peacekeepers and Israeli-made drones
is about the South Caucasus; grouping its alerts under Russia and Israel too would
page the wrong analysts. So each trigger (an evidence span of the classifier) is
located on its own, from the places that can be where an event happened:

1. mentions that are actors are dropped: demonyms ("Russian peacekeepers",
   "Iranian-backed"; but "Armenian villages" is a place), a place followed by a
   hyphenated role ("Israeli-made", "Moscow-brokered") or by a statement verb,
   possibly after its institution ("Turkey urged", "the United States said",
   "Russia's defence ministry said"), and a place that supplies or mediates
   ("drones supplied by Iran", "talks with Russia");
2. historical mentions are dropped: places in a clause that dates itself to an
   earlier year than the article's ("in the 2020 war", "in 1994", "In September
   2020, ..." with the clause after it); "since 2020" is not history, it reaches now;
3. the trigger's region is the most-named region among the places left in its
   sentence (ties: the nearest to the trigger); if its sentence has none, the
   title's; if the title has none, the whole text's.

An article gets several regions only when its triggers do, e.g. two sentences
reporting strikes in two regions. The rules read English; mentions in other
languages are kept as locations (their place names are still matched).
Pure code over text and offsets (`Locator`): no gazetteer, no records.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named at text[start:end], its region (None when it has none), and whether the
    name was a demonym ("Russian") rather than the place's name ("Russia")."""

    place: str
    region: str | None
    start: int
    end: int
    demonym: bool = False


_VERBS = (
    r"said|says|say|urged|urges|warned|warns|accused|accuses|called|calls|demanded|demands|condemned|condemns|"
    r"denied|denies|claimed|claims|announced|announces|threatened|threatens|vowed|vows|pledged|pledges|insisted|"
    r"proposed|offered|offers|supplied|supplies|sent|sends|delivered|sold|mediated|brokered|sanctioned|told|asked|"
    r"criticised|criticized|welcomed|rejected|rejects|stressed|hosted|hosts|expressed|backed|backs|supported|supports"
)
_INSTITUTIONS = (
    r"government|ministry|president|premier|prime\s+minister|foreign\s+minister|army|military|forces|troops|navy|"
    r"air\s+force|officials?|leaders?|leadership|envoys?|ambassador|embassy|spokes(?:man|woman|person)|peacekeepers|"
    r"soldiers|authorities|allies|backing|support"
)
_ROLES = r"made|backed|supplied|led|brokered|mediated|built|funded|sponsored|allied|aligned|based"
#: After a place: it acts, speaks or supplies ("Turkey urged", "Israeli-made", "Russia's defence ministry said").
_ACTOR_AFTER = re.compile(
    rf"-(?:{_ROLES})\b"
    rf"|['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:{_INSTITUTIONS})\b"
    rf"|(?:\s+(?:has|have|had|also|again|repeatedly|on\s+\w+day))*\s+(?:{_VERBS})\b",
    re.IGNORECASE,
)
#: Before a place: it supplies, mediates or negotiates ("drones supplied by Iran", "talks with Russia").
_ACTOR_BEFORE = re.compile(
    r"(?:(?:supplied|made|mediated|brokered|backed|provided|sold|sponsored|funded|delivered|built)\s+by"
    r"|(?:peacekeepers|troops|mediators|envoys?|weapons|arms|drones|missiles)\s+from"
    r"|(?:talks|deal|agreement|meeting|ties)\s+with|made\s+in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A demonym followed by one of these names a place ("Armenian villages", "Russian territory").
_LOCATIVE = re.compile(
    r"\s+(?:border\w*|villages?|towns?|city|cities|territor(?:y|ies)|soil|regions?|provinces?|airspace|capital|settlements?)\b",
    re.IGNORECASE,
)
_LOOKBEHIND = 40
#: A clause dated to a year: "in 1994", "in the 2020 war", "during the 1990s", "in September 2020".
_DATED = re.compile(r"\b(?:in|during)\s+(?:[\w-]+\s+){0,2}?((?:1[89]|20)\d\d)s?(?!\d)", re.IGNORECASE)
#: Sentence ends: a newline (the title's end), or . ! ? then space (a lowercase word after it: an abbreviation).
_SENTENCE_END = re.compile(r"\n|[.!?\u2026]+[\"'\u201d\u2019)]*\s+")
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_WORD = re.compile(r"\w+")
#: A dated clause this short is an introduction ("In 2014, Russia annexed Crimea"): the next clause is dated too.
_INTRO_WORDS = 4


def sentences(text: str) -> list[Span]:
    """(start, end) of each sentence; the first line (the title) is always a sentence of its own."""
    spans, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if end.group() != "\n" and end.end() < len(text) and text[end.end()].islower():
            continue
        spans.append((start, end.end()))
        start = end.end()
    spans.append((start, len(text)))
    return spans


def _clauses(text: str, start: int, end: int) -> list[Span]:
    spans, at = [], start
    for cut in _CLAUSE_END.finditer(text, start, end):
        spans.append((at, cut.start()))
        at = cut.end()
    spans.append((at, end))
    return spans


def dated_spans(text: str, year: int) -> list[Span]:
    """Clauses that date themselves to a year before `year` (the article's)."""
    if not any(int(m.group(1)) < year for m in _DATED.finditer(text)):
        return []  # most texts: no clause splitting at all
    spans = []
    for sentence in sentences(text):
        clauses = _clauses(text, *sentence)
        for index, (start, end) in enumerate(clauses):
            if not any(int(m.group(1)) < year for m in _DATED.finditer(text, start, end)):
                continue
            if len(_WORD.findall(text, start, end)) <= _INTRO_WORDS and index + 1 < len(clauses):
                end = clauses[index + 1][1]
            spans.append((start, end))
    return spans


def is_actor(text: str, mention: Mention) -> bool:
    """The place is named as who acts, speaks, supplies or mediates, not as where."""
    if mention.demonym and not text.startswith("-", mention.end) and _LOCATIVE.match(text, mention.end):
        return False
    return (
        mention.demonym
        or _ACTOR_AFTER.match(text, mention.end) is not None
        or _ACTOR_BEFORE.search(text[max(0, mention.start - _LOOKBEHIND) : mention.start]) is not None
    )


def event_mentions(text: str, mentions: Sequence[Mention], year: int) -> list[Mention]:
    """The mentions that can be where an event happened: with a region, not actors, not history."""
    dated = dated_spans(text, year)
    return [m for m in mentions if m.region is not None and not is_actor(text, m) and not any(s <= m.start < e for s, e in dated)]


def _top(mentions: Sequence[Mention], near: int | None = None) -> str:
    """The most-named region of (non-empty) `mentions`; ties go to the mention nearest `near`, else to the first."""
    counts = Counter(m.region for m in mentions)
    best = min(mentions, key=lambda m: (-counts[m.region], abs(m.start - near) if near is not None else m.start))
    assert best.region is not None, "event mentions all have a region (event_mentions)"
    return best.region


class Locator:
    """Locates the triggers of one text: its event places and sentences are found once,
    however many detections the text has."""

    def __init__(self, text: str, mentions: Sequence[Mention], year: int):
        """`text` is the title, a newline and the body (what the classifier's offsets refer
        to); `year` is the year of publication (clauses dated earlier are history)."""
        self.events = event_mentions(text, mentions, year)
        self.sentences = sentences(text) if self.events else []
        title_end = text.find("\n") if "\n" in text else len(text)  # no newline: the whole text is the title
        self.title = [m for m in self.events if m.start < title_end]

    def regions(self, triggers: Sequence[Span]) -> list[str]:
        """The regions of the triggers' events, each once, in trigger order; [] when no place
        can say. With no triggers, the region the text as a whole is about."""
        if not self.events:
            return []
        whole = _top(self.title or self.events)  # the text's region, for a trigger whose sentence names no place
        starts: list[int | None] = [start for start, _ in triggers] or [None]
        found = []
        for start in starts:
            sentence = next(((s, e) for s, e in self.sentences if start is not None and s <= start < e), None)
            in_sentence = [m for m in self.events if sentence and sentence[0] <= m.start < sentence[1]]
            found.append(_top(in_sentence, start) if in_sentence else whole)
        return list(dict.fromkeys(found))
