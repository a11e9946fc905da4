"""Where a trigger matches in a text: one Aho–Corasick pass finds every word start
with a trigger's literal beginning, and only that beginning's triggers are tried there.

Why: news is mostly not about war, and finding the few offsets where a trigger
matches was most of the classifier's time (two thirds of 300 µs a text). The regex
gate it replaces, a trie of all literal beginnings (prefixes.py) tried at each of a
text's ~175 word starts, spent 0.5 µs a word start walking the trie's alternations
branch by branch; the screen behind it then tried every trigger that could begin with
the next three characters (~18) at each of the ~12 offsets it let through. The
automaton walks the text once in C and, at each word start, names the longest literal
beginning found there; the triggers behind that beginning (a few, not 18) are tried.

Numbers: a trigger's literal beginning stops at its first repeat, so `\\d[\\d,.]* killed`
begins with a digit and nothing more, and some 27 triggers (casualty counts and the
displaced, in every language) stood behind every number of a text: 15 of an item's
24 tried word starts, at 3.7 µs each as one alternation, though one number in two
thousand begins a match (years, times, sizes, HTML). The triggers behind a beginning
that starts with a digit now have a screen (`Gate.screen`): one regex, the trie of
their beginnings read through numbers and repeated classes (`[\\d,.]{0,}`, `\\w{1,}`;
`prefixes(spans=True)`), which rejects a year followed by a colon or a bracket in
0.6 µs and lets through about 2 numbers an item, mostly ones followed by words.

Soundness, which this must not trade away: every string a trigger can match begins
with one of its prefixes (prefixes.py), so at an offset where it matches, one of its
prefixes is found there, and the triggers behind the longest beginning found include
those of every shorter one. Decimal digits are one character to the automaton
(`\\d` in a trigger matches any of them), in the text and in the beginnings alike.
A screen is built the same way: each fragment of a spanned prefix matches exactly
what its part of the trigger does (a repeat keeps its bounds and its class, a
lookahead its class; other zero-width parts are dropped, which only widens it), so
where a trigger matches, the screen does; a space or separator inside a number is
read by the trigger's own class, and a word start inside a number ("000" in
"1 000") is a word start like any other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import ahocorasick

from tocsin.streams.classifier.prefixes import Prefix, prefixes, trie_pattern

#: What every decimal digit of the text and of the beginnings becomes for the automaton.
DIGIT = "\x00"
_DECIMALS = re.compile(r"\d")


class Candidates:
    """The triggers behind one literal beginning, tried one by one until they were asked
    `compile_after` times, then as one alternation.

    Why both: `re` tries an alternation's branches in turn as it would the patterns,
    but one call instead of one per trigger; compiling costs milliseconds, which only
    a beginning met often (numbers, "about ") pays back.
    """

    __slots__ = ("indices", "patterns", "_screen", "_calls", "_alternation")

    def __init__(self, indices: tuple[int, ...], patterns: tuple[re.Pattern[str], ...], screen: re.Pattern[str] | None = None) -> None:
        self.indices, self.patterns = indices, patterns  # the triggers' places in the Gate's list, in its order
        self._screen = screen  # matches wherever one of the triggers does (`Gate.screen`), or None
        self._calls = 0
        self._alternation: re.Pattern[str] | None = None

    def match(self, text: str, offset: int, compile_after: int) -> bool:
        """Whether one of the triggers matches at `offset`."""
        if self._screen is not None and self._screen.match(text, offset) is None:
            return False
        if self._alternation is not None:
            return self._alternation.match(text, offset) is not None
        self._calls += 1
        if self._calls >= compile_after:
            self._alternation = re.compile("|".join(pattern.pattern for pattern in self.patterns))
        return any(pattern.match(text, offset) for pattern in self.patterns)


class Gate:
    """Finds, in a folded text, the word starts where some trigger matches."""

    #: Calls of one beginning's triggers after which they are compiled into one alternation.
    COMPILE_AFTER = 2_000
    #: How far (in characters, a number or a repeated class counting as one) a screen reads.
    SCREEN_DEPTH = 6

    def __init__(self, triggers: Sequence[re.Pattern[str]], compile_after: int = COMPILE_AFTER) -> None:
        """Raises ValueError for a trigger that can begin with any character: it would
        have to be tried at every word start (one such pattern cut throughput tenfold)."""
        self._compile_after = compile_after
        own: dict[str, list[int]] = {}
        for index, trigger in enumerate(triggers):
            for prefix in prefixes(trigger.pattern):
                if not prefix:
                    raise ValueError(f"trigger {trigger.pattern[:80]!r} can begin with any character: begin it with a word")
                own.setdefault(beginning(prefix), []).append(index)
        self._automaton = ahocorasick.Automaton()
        shared: dict[tuple[int, ...], Candidates] = {}
        # in sorted order, a node's next characters are kept (and searched, one by one) digits, spaces and Latin letters first
        for begins in sorted(own):
            behind = tuple(sorted({index for end in range(1, len(begins) + 1) for index in own.get(begins[:end], ())}))
            if behind not in shared:
                patterns = tuple(triggers[index] for index in behind)
                shared[behind] = Candidates(behind, patterns, self.screen(patterns) if begins.startswith(DIGIT) else None)
            self._automaton.add_word(begins, (len(begins), shared[behind]))
        self._automaton.make_automaton()

    @classmethod
    def screen(cls, triggers: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
        """One regex that matches wherever one of `triggers` does: the trie of their
        beginnings read through numbers and repeated classes (`prefixes(spans=True)`).

        Why, for numbers only: there `prefixes` cuts at the first repeat (`\\d[\\d,.]*`), so
        every number of a text (years, times, sizes, most not followed by a space) met
        the 27 triggers behind the beginning DIGIT, 3.7 µs as one alternation; the
        screen rejects most of them in 0.6 µs. Behind a literal beginning of several
        characters the triggers are few, and a screen there cost what it saved."""
        spanned = set().union(*(prefixes(trigger.pattern, cls.SCREEN_DEPTH, spans=True) for trigger in triggers))
        return re.compile(trie_pattern(spanned))

    def offsets(self, folded: str) -> Iterator[tuple[int, tuple[int, ...]]]:
        """Every word start of `folded` where a trigger matches, in order, with the
        places (in the list the Gate was built from) of the triggers that may match
        there: every one that does is among them."""
        found: dict[int, Candidates] = {}
        # matches come by their end: at one start, the longest comes last
        for end, (length, candidates) in self._automaton.iter(_DECIMALS.sub(DIGIT, folded)):
            found[end - length + 1] = candidates
        for start in sorted(found):
            candidates = found[start]
            if _word_start(folded, start) and candidates.match(folded, start, self._compile_after):
                yield start, candidates.indices


def character(char: str) -> str:
    """A character of a text as the automaton, and the triggers' beginnings, see it: a decimal digit is DIGIT."""
    return DIGIT if char.isdecimal() else char


def beginning(prefix: Prefix) -> str:
    """A prefix's fragments (a character, escaped or not, or `\\d`) as the automaton's
    characters: every decimal digit, and `\\d`, is DIGIT."""
    return "".join(DIGIT if fragment == r"\d" else character(fragment[-1]) for fragment in prefix)


def first_characters(pattern: str) -> frozenset[str] | None:
    """The first characters (as `character` gives them) a match of `pattern` can begin
    with, read from its literal prefixes; None when it can begin with any."""
    firsts = {beginning(prefix) for prefix in prefixes(pattern, depth=1)}
    return None if "" in firsts else frozenset(firsts)


def _word_start(text: str, offset: int) -> bool:
    """`re`'s `\\b(?=\\w)` at `offset`: a word character not preceded by one."""
    return _is_word(text[offset]) and (offset == 0 or not _is_word(text[offset - 1]))


def _is_word(char: str) -> bool:
    """`re`'s `\\w` on str patterns."""
    return char.isalnum() or char == "_"
