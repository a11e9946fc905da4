"""Language identification: which language an article is written in.

Feeds often say nothing about their language, and many multilingual outlets
declare one language for every item (a Russian service's feed tagged `en`). The
classifier does not need the language (its lexicons are matched together), but
people filtering alerts and per-language quality figures do, so the normalizer
decides with `choose`:

- the detector is py3langid (a naive-Bayes byte n-gram model shipped inside the
  wheel: offline, no download, ~20,000 short texts/s, ~13,000 news items/s with its
  byte walk, counting and table reads done by numpy, `ArrayWalkIdentifier`: the same
  answers bit for bit, 2-2.5x faster)
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
    """py3langid's identifier with its walk, counting and table reads done by numpy; the same scores, bit for bit.

    py3langid walks a text's UTF-8 bytes one at a time through a DFA in a Python loop,
    counts the features it meets in a Counter, and scores them: log1p(counts) times the
    model's rows, a float32 product summed in the Counter's order (first occurrence),
    then `_decide`'s softmax. Here, from `SHORT` bytes on:

    - The walk: the DFA is an Aho-Corasick automaton over the model's byte n-grams, at
      most `_window` (6) bytes long; after any input it is in the state of the longest
      suffix of the input that begins a model n-gram. So the state after byte i depends
      on bytes i - _window + 1 .. i only, and walking those few bytes from state 0 gives
      it: for all positions at once, a few numpy gathers (`_features`). The text is led
      by `_window - 1` bytes that keep state 0 where it is, so its first bytes get a
      full window too.
    - The counting: one sort (`_counted`) gives the Counter's keys and counts, in its order.
    - The score: py3langid's own expression on the same float32 operands, its rows read
      from a float32 row-major copy of the table (`_float32_rows`), so the product runs
      the same BLAS call on the same arrays.

    tests/unit/test_language_walk.py proves the window property for the shipped model
    and compares the counting with a Counter's and every score with py3langid's.
    """

    __slots__ = ("_lead", "_moves", "_outputs", "_pair_states", "_rows", "_table", "_window")

    #: Below this many bytes py3langid's own walk and Counter are faster: numpy's cost
    #: per call outweighs the loop (12 against 29 us a text of 32-64 bytes, 22 against
    #: 30 at 96-128, even near 190).
    SHORT = 192

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._moves = np.asarray(self.tk_nextmove)  # a view of py3langid's array, not a copy
        self._rows = np.asarray(self._rowbase, dtype=np.intp)
        self._outputs = np.asarray(self.tk_output, dtype=np.intp)
        self._window = _ngram_window(self._moves, self._rows)
        self._lead = bytes([_resting_byte(self._moves, self._rows)]) * (self._window - 1)
        self._pair_states = _pair_states(self._moves, self._rows)
        self._table: np.ndarray | None = None  # made on first use: a copy of all 142 languages is 57 MB, and set_languages follows

    def set_languages(self, langs: list[str] | None = None) -> None:
        """py3langid's restriction; the table's float32 copy follows it (12 MB for LANGUAGES)."""
        super().set_languages(langs)
        self._table = None

    def _raw_score(self, text: bytes) -> np.ndarray:
        """py3langid's `_raw_score`: its answer for a text without features (`b""`), else its score of the counted features."""
        keys, counts = self._visits(text)
        return self._score(keys, counts) if len(keys) else super()._raw_score(b"")

    def _score(self, keys: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """py3langid's `_sparse_score`, log1p(counts) @ rows + priors, on the same float32 operands."""
        if self._table is None:
            self._table = _float32_rows(self.nb_ptc)
        return np.log1p(counts.astype(np.float32)) @ self._table.take(keys, axis=0) + self.nb_pc

    def _visits(self, text: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The keys and counts of py3langid's `visit_counts` for `text`, in its order: by
        py3langid's own walk below `SHORT` bytes, by the array walk and one sort above."""
        if len(text) < self.SHORT:
            visits = visit_counts(self.tk_nextmove, self._rowbase, self.tk_output, text) or Counter()
            return np.fromiter(visits, dtype=np.intp, count=len(visits)), np.fromiter(visits.values(), dtype=np.intp, count=len(visits))
        return _counted(self._features(text))

    def _features(self, text: bytes) -> np.ndarray:
        """The features emitted at every byte of `text`, in text order: every position's
        state walked from state 0 over its last `_window` bytes, all at once, the first
        two of them in one read of `_pair_states` (the bytes seen as overlapping
        big-endian 16-bit numbers, one starting at each byte)."""
        led = self._lead + text
        count = len(text)
        states = self._pair_states[np.ndarray((count,), dtype=">u2", buffer=led, strides=(1,))]
        letters = np.frombuffer(led, dtype=np.uint8)
        for offset in range(2, self._window):
            states = self._moves[self._rows[states] + letters[offset : offset + count]]
        features = self._outputs[states]
        return features[features >= 0]


def _counted(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct `features` in order of first occurrence and how often each occurs:
    a Counter's keys and values, whose order py3langid's float32 sum follows. One sort
    of feature and position packed into one integer (numpy sorts plain integers with
    SIMD; a stable argsort of the features cost three times as much), then each count
    is put at its feature's first position and read back in text order."""
    size = len(features)
    if not size:  # a long text can have none: a run of NUL bytes
        return features, features
    shift = size.bit_length()
    ranked = np.sort(features << shift | np.arange(size))  # by feature, then by position
    ranked_features = ranked >> shift
    ends = np.flatnonzero(ranked_features[:-1] != ranked_features[1:])
    bounds = np.empty(len(ends) + 2, dtype=np.intp)  # a feature's entries in `ranked`: bounds[i] + 1 .. bounds[i + 1]
    bounds[0], bounds[1:-1], bounds[-1] = -1, ends, size - 1
    counts = np.zeros(size, dtype=np.intp)
    counts[ranked[bounds[:-1] + 1] & ((1 << shift) - 1)] = np.diff(bounds)
    first = counts > 0
    return features[first], counts[first]


def _pair_states(moves: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The state each two bytes lead to from state 0, at first byte * 256 + second: two
    steps of the array walk in one read (a 256 KB table; 6 of a news text's 35 us walk)."""
    pairs = np.arange(1 << 16)
    return moves[rows[moves[rows[0] + (pairs >> 8)]] + (pairs & 0xFF)]


def _float32_rows(table: np.ndarray) -> np.ndarray:
    """py3langid's float16 table as the float32 rows its matmul reads: numpy converts the rows it is
    given to float32 before the product, in a slow loop (15 us for a news text's 300 rows), and the
    restricted table is column-major (a row read touched 31 cache lines). Converted once, row-major."""
    return np.ascontiguousarray(table, dtype=np.float32)


def _resting_byte(moves: np.ndarray, rows: np.ndarray) -> int:
    """A byte that leaves state 0 in state 0 (for the shipped model, NUL): a text led by
    such bytes is walked as the text alone is."""
    resting = np.flatnonzero(moves[rows[0] + np.arange(256)] == 0)
    if not len(resting):
        raise ValueError("py3langid model without a byte that keeps its DFA in state 0: the array walk cannot lead texts in")
    return int(resting[0])


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
