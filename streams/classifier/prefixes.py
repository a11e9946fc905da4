"""The literal beginnings of trigger patterns, merged into one fast gate.

Why: the engine used to look for triggers with one alternation of all ~300 of them,
tried at every word start of the text. Python's `re` tries the branches of an
alternation one after another, and most branches begin with a group or a class,
which it cannot reject on the first character, so every word cost hundreds of
failed branch entries (about 1,300 µs for a 2,400-character article). The words
where a trigger can start are few: a trigger begins with one of a small set of
literal beginnings ("shel", "air", "evac", "обст", ...). Arranged as a trie, those
beginnings form a regex whose every branch starts with one literal character, which
`re` rejects without entering the branch; only the word starts it lets through are
tried against the triggers themselves.

Soundness, which the gate must not trade away: every string a pattern can match
begins with one of the prefixes `prefixes` returns. A prefix is cut, never
guessed, wherever the pattern stops being literal (a `\\w`, a negated class, a large
class, after one pass through a repeat), and a shorter prefix only lets more
through. Zero-width items (word boundaries, look-arounds) are skipped, which can
only widen the gate. With `spans` (for a regex, not for the automaton: the gate's
screen at numbers), a repeat of one character or a large class is one fragment,
written back with its own class and bounds, so a prefix reads on past a number.
tests/unit/test_classifier_gate.py checks on every labelled set that the gated
engine finds exactly what the full alternation finds.

`re._parser` is the parser of the `re` module itself (the public name `sre_parse`
is deprecated since Python 3.11); reading the parsed pattern, rather than the
pattern text, is what makes the cut points exact.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typeshed describes them under their deprecated public names, which re-export them
    import sre_constants as sre
    import sre_parse as _parser
else:
    from re import _constants as sre
    from re import _parser

#: Characters of a prefix: deep enough that most words fail it, shallow enough that
#: the trie stays small (about 1,000 branches for the four lexicons).
DEPTH = 8
#: A character class with more members than this ends a prefix instead of forking it.
MAX_CLASS = 12

_DIGIT = r"\d"
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

Prefix = tuple[str, ...]


def prefixes(pattern: str, depth: int = DEPTH, spans: bool = False) -> set[Prefix]:
    """Every literal beginning (up to `depth` characters, each a regex fragment) that
    a match of `pattern` can start with; an empty tuple means "could start anywhere".

    `spans`: a class that is not small (`\\w`, `[\\d,.]`), a repeat of one character
    (`[\\d,.]*`, `\\d+`, `\\w+`) and a look-ahead at one are one fragment each instead
    of where the prefix ends, and a bounded repeat of a group (`(?:\\w+ ){0,3}`) is read
    through pass by pass: `\\d[\\d,.]* killed` begins with `\\d`, `[\\d,\\.]{0,}`, ` `,
    `k`, ... Such prefixes are for a regex (`trie_pattern`), not for the gate's
    automaton, which knows only characters; they reach past a number to the words after it."""
    return _walk(list(_parser.parse(pattern).data), (), depth, spans)


def _walk(items: list, prefix: Prefix, depth: int, spans: bool) -> set[Prefix]:
    """The prefixes of `prefix` followed by the parsed `items`."""
    if len(prefix) >= depth or not items:
        return {prefix}
    (op, av), rest = items[0], items[1:]
    if op is sre.LITERAL:
        return _walk(rest, prefix + (re.escape(chr(av)),), depth, spans)
    if spans and op is sre.ASSERT and av[0] == 1 and (one := _character(av[1])) is not None:
        return _walk(rest, prefix + (f"(?={one})",), depth, spans)
    if op in _ZERO_WIDTH:
        return _walk(rest, prefix, depth, spans)
    if op is sre.SUBPATTERN:
        return _walk(list(av[-1]) + rest, prefix, depth, spans)
    if op is sre.BRANCH:
        return set().union(*(_walk(list(branch) + rest, prefix, depth, spans) for branch in av[1]))
    if op in _REPEATS:
        low, high, body = av
        if spans and (one := _character(body)) is not None:
            return _walk(rest, prefix + (f"{one}{{{low},{'' if high is sre.MAXREPEAT else high}}}",), depth, spans)
        # an optional part is read through, and with `spans` any bounded repeat (one pass,
        # then the repeat of one pass fewer); a longer repeat is cut after one pass
        if high == 1 or (spans and high is not sre.MAXREPEAT):
            after = rest if high == 1 else [(op, (max(low - 1, 0), high - 1, body))] + rest
            once = _walk(list(body) + after, prefix, depth, spans)
        else:
            once = _walk(list(body), prefix, depth, spans)
        return once | _walk(rest, prefix, depth, spans) if low == 0 else once
    if op is sre.IN and (members := _members(av)) is not None:
        return set().union(*(_walk(rest, prefix + (member,), depth, spans) for member in members))
    if spans and (one := _character([(op, av)])) is not None:
        return _walk(rest, prefix + (one,), depth, spans)
    return {prefix}


def _members(items: list) -> list[str] | None:
    """The characters of a small positive class as regex fragments, `\\d` for the digit
    class; None for anything else (negated, word or space classes, large ranges)."""
    if items == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return [_DIGIT]
    members: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            members.append(re.escape(chr(av)))
        elif op is sre.RANGE and av[1] - av[0] < MAX_CLASS:
            members.extend(re.escape(chr(c)) for c in range(av[0], av[1] + 1))
        else:
            return None
    return members if len(members) <= MAX_CLASS else None


def _character(items: list) -> str | None:
    """A single literal or class, as regex text matching the same characters; None for
    anything longer or else (`.`, whose meaning depends on flags, is not written back)."""
    if len(items) != 1:
        return None
    op, av = items[0]
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is not sre.IN:
        return None
    parts = []
    for kind, value in av:
        if kind is sre.NEGATE:
            parts.append("^")
        elif kind is sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif kind is sre.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            return None
    return f"[{''.join(parts)}]"


def trie_pattern(beginnings: set[Prefix]) -> str:
    """One regex that matches where any of `beginnings` does, as a trie: each branch
    starts with one literal character, so `re` rejects it without entering it. A
    prefix that is a beginning of another makes the longer one redundant."""
    if () in beginnings:
        return ""
    trie: dict = {}
    for prefix in sorted(beginnings, key=len):
        node = trie
        for fragment in prefix:
            if node.get(fragment) == {}:
                break  # a shorter prefix already ends here
            node = node.setdefault(fragment, {})
        else:
            node.clear()
    return _emit(trie)


def _emit(node: dict) -> str:
    if not node:
        return ""
    branches = [fragment + _emit(child) for fragment, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def gated(pattern: str) -> re.Pattern[str]:
    """`pattern`, tried only where one of its literal beginnings stands: the
    same matches, as every match begins with one of them.

    Why, for the benign senses: each is an alternation of some hundred cue words, some
    opening with `\\b`, searched through a hit's sentence and the title, and `re`
    entered every branch at every character; the trie of their beginnings rejects most
    characters on sight. Benign searches got about 5x faster, from a third of the cost of an
    article with a detection; the other context patterns are short and got slower."""
    trie = trie_pattern(prefixes(pattern))
    return re.compile(f"(?={trie})(?:{pattern})" if trie else pattern)
