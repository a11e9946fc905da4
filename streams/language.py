"""Language identification: which language an article is written in.

Feeds often say nothing about their language, and many multilingual outlets
declare one language for every item (a Russian service's feed tagged `en`). The
classifier does not need the language (its lexicons are matched together), but
people filtering alerts and per-language quality figures do, so the normalizer
decides with `choose`:

- the detector is py3langid (a naive-Bayes byte n-gram model shipped inside the
  wheel: offline, no download, ~20,000 short texts/s, ~7,000 news items/s with its
  byte walk done by numpy, `ArrayWalkIdentifier`: the same answers, 1.5x faster)
  restricted to `LANGUAGES`, the languages news about the watched regions comes in;
  a smaller candidate set makes short texts far more reliable;
- the text is judged on its first `SAMPLE_CHARS` characters (a 10 MB summary
  costs the same as a lead), and not at all below `MIN_LETTERS` letters: a
  headline such as "Kyiv" carries no evidence;
- a guess counts only at probability >= `CONFIDENT`; otherwise the declared
  language stands (or None when none was declared);
- a confident guess replaces a declared language it contradicts, and agrees with
  it otherwise. Declared tags are reduced to their primary subtag (`en-GB` -> `en`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

#: ISO 639-1 codes the detector chooses among: the regions' own languages, their
#: neighbours', and the languages of the international press.
LANGUAGES = (
    "en",
    "ru",
    "uk",
    "be",
    "hy",
    "az",
    "ka",
    "tr",
    "ar",
    "fa",
    "he",
    "ur",
    "kk",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "ro",
    "bg",
    "sr",
    "cs",
    "el",
    "sv",
    "zh",
    "ja",
    "ko",
    "hi",
)
#: Characters judged: a lead decides the language as well as the whole text does.
SAMPLE_CHARS = 2_000
#: Below this many letters the text is too short to tell languages apart.
MIN_LETTERS = 12
#: Probability (normalized over LANGUAGES) from which a guess is trusted.
CONFIDENT = 0.9


@dataclass(frozen=True, slots=True)
class Guess:
    """The detector's best language, or None when the text gives too little evidence."""

    language: str | None
    confidence: float


class ArrayWalkIdentifier(LanguageIdentifier):
    """py3langid's identifier with its byte walk done by numpy; the same scores, bit for bit.

    py3langid finds a text's features by walking its UTF-8 bytes one at a time through
    a DFA in a Python loop: about half its time, the rest its counting and scoring. That DFA is an Aho-Corasick automaton
    over the model's byte n-grams, at most `_window` (6) bytes long: after any input it
    is in the state of the longest suffix of the input that begins a model n-gram. So
    the state after byte i depends on bytes i - _window + 1 .. i only, and walking those
    few bytes from state 0 gives it: for all positions at once, `_window` numpy gathers
    (`_features`). The first `_window - 1` bytes are walked by py3langid itself, and the
    features are counted in the order py3langid counts them (first occurrence), so its
    own scoring (`_sparse_score`, a float32 sum in that order, then `_decide`'s softmax)
    sees the same input and gives the same probabilities.
    tests/unit/test_language_walk.py proves the window property for the shipped model
    and compares every score with py3langid's.
    """

    __slots__ = ("_moves", "_outputs", "_rows", "_window")

    #: Below this many bytes py3langid's own walk is as fast or faster: numpy's cost per
    #: call outweighs the loop (20 against 31 us a text under 64 bytes, equal at 64-128).
    #: Also what keeps the array walk's texts longer than `_window`.
    SHORT = 128

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._moves = np.asarray(self.tk_nextmove)  # a view of py3langid's array, not a copy
        self._rows = np.asarray(self._rowbase, dtype=np.intp)
        self._outputs = np.asarray(self.tk_output, dtype=np.intp)
        self._window = _ngram_window(self._moves, self._rows)

    def _raw_score(self, text: bytes) -> np.ndarray:
        """py3langid's `_raw_score` with the walk replaced: its scoring, its answer for a
        text without features (`b""`), and its walk for short texts."""
        if len(text) < self.SHORT:
            return super()._raw_score(text)
        visits = self._visits(text)
        return self._sparse_score(visits, self.nb_ptc) if visits else super()._raw_score(b"")

    def _visits(self, text: bytes) -> Counter[int] | None:
        """What py3langid's `visit_counts` returns for `text`: its features counted in order of first occurrence."""
        visits = visit_counts(self.tk_nextmove, self._rowbase, self.tk_output, text[: self._window - 1]) or Counter()
        visits.update(self._features(text))
        return visits or None

    def _features(self, text: bytes) -> list[int]:
        """The features emitted at bytes `_window - 1` onwards, in text order: every
        position's state walked from state 0 over its last `_window` bytes, all at once."""
        letters = np.frombuffer(text, dtype=np.uint8)
        count = len(letters) - self._window + 1
        states = np.zeros(count, dtype=np.intp)
        for offset in range(self._window):
            states = self._moves[self._rows[states] + letters[offset : offset + count]]
        features = self._outputs[states]
        return features[features >= 0].tolist()


def _ngram_window(moves: np.ndarray, rows: np.ndarray) -> int:
    """The longest n-gram, in bytes, a py3langid DFA tracks: the depth of its deepest
    state (breadth-first from state 0). `moves[rows[state] + byte]` is the next state;
    states sharing a row of moves are expanded once, one byte value at a time, so no
    (states x 256) array is ever built."""
    reached = np.zeros(len(rows), dtype=bool)
    reached[0] = True
    frontier, depth = np.zeros(1, dtype=np.intp), 0
    while True:
        bases = np.unique(rows[frontier])
        following = np.zeros_like(reached)
        for letter in range(256):
            following[moves[bases + letter]] = True
        following &= ~reached
        if not following.any():
            return depth
        reached |= following
        frontier, depth = np.flatnonzero(following), depth + 1


def load_identifier(kind: type[LanguageIdentifier]) -> LanguageIdentifier:
    """A `kind` identifier (py3langid's own, or `ArrayWalkIdentifier`) choosing among LANGUAGES:
    tests and bench/language.py compare the two."""
    identifier = kind.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


@cache
def _identifier() -> LanguageIdentifier:
    """Loaded once per process (~1 s): the model is a compressed array in the wheel."""
    return load_identifier(ArrayWalkIdentifier)


def detect(text: str) -> Guess:
    """The most probable language of `text`; never raises, whatever the input."""
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample):
        return Guess(None, 0.0)
    language, confidence = _identifier().classify(sample)
    return Guess(language if confidence >= CONFIDENT else None, confidence)


def _has_letters(sample: str) -> bool:
    """At least MIN_LETTERS letters. Counting stops there, in a lead's first words:
    counting all letters of a 2,000-character sample cost a fifth of the detection."""
    return next(islice(filter(str.isalpha, sample), MIN_LETTERS - 1, None), None) is not None


def primary_subtag(declared: str | None) -> str | None:
    """`en-GB`, `EN_us` -> `en`; None for anything that is not a language tag."""
    code = (declared or "").strip().lower().replace("_", "-").split("-")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def choose(declared: str | None, text: str) -> str | None:
    """The article's language: a confident detection wins, else the declared language (policy above)."""
    return detect(text).language or primary_subtag(declared)
