"""The array walk of streams/language.py scores exactly as py3langid does.

py3langid walks a text's bytes through its DFA one at a time; the array walk
computes every position's state at once from the position's last `window` bytes.
That is right only if the DFA forgets everything older, which is proved here for
the shipped model over all states and byte strings. Its features are then counted by
one sort and scored from a float32 copy of the table, which must give py3langid's
Counter order and its float32 sums: the identifier must give py3langid's own
probabilities, bit for bit (a float's last digit can move a guess across the
normalizer's 0.9), on every captured feed item, on generated texts that need no
corpus, and on feature counts far larger than a sample's.
"""

from __future__ import annotations

import random
from collections import Counter
from functools import cache
from typing import Any

import numpy as np
import pytest
from py3langid.langid import LanguageIdentifier

from tests.helpers.captures import CAPTURES, capture_entries
from tocsin.streams.language import SAMPLE_CHARS, _counted, _identifier, load_identifier

#: Letters to draw generated texts from: the scripts of the watched languages, Japanese and
#: Korean (the model's longest n-grams, six bytes, are pairs of CJK, kana and hangul
#: characters: without them a walk one byte too short would pass).
SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéèçàüößñăşğıł",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґў",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
    "armenian": "".join(map(chr, range(0x561, 0x587))),
    "georgian": "".join(map(chr, range(0x10D0, 0x10F1))),
    "arabic": "".join(map(chr, range(0x621, 0x64B))) + "پچژگی",
    "hebrew": "".join(map(chr, range(0x5D0, 0x5EB))),
    "devanagari": "".join(map(chr, range(0x905, 0x94D))),
    "hiragana": "".join(map(chr, range(0x3041, 0x3094))) + "。、",
    "han": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可",
    "hangul": "".join(map(chr, range(0xAC00, 0xAC80))),
}
PUNCTUATION = " \n\t.,;:!?-–—«»\"'()0123456789"


@cache
def py3langid() -> LanguageIdentifier:
    """py3langid's own identifier, restricted to the same languages."""
    return load_identifier(LanguageIdentifier)


def differing(texts: list[str] | list[bytes]) -> list[str | bytes]:
    """The texts whose decision or whole distribution differs in any bit from py3langid's."""
    ours, theirs = _identifier(), py3langid()
    return [text for text in texts if ours.classify(text) != theirs.classify(text) or ours.rank(text) != theirs.rank(text)]


def drawn(rng: random.Random, letters: str, longest: int) -> str:
    """Words of `letters` between spaces and marks, up to `longest` characters."""
    return "".join(rng.choice(letters) if rng.random() < 0.8 else rng.choice(PUNCTUATION) for _ in range(rng.randint(1, longest)))


def generated_texts() -> list[str]:
    """Texts of every script, mixed scripts, all capitals (py3langid lowercases those),
    any code point (controls, emoji, lone surrogates), and the empty and tiny texts
    (shorter than the window, and than `SHORT`: py3langid's walk answers them)."""
    rng = random.Random(14)
    texts = ["", " ", "a", "ab", "abc", "é", "ж", "日", "あ", "ある", "🙂", "\x00", "A.", "ÉTÉ", "東京で地震があり、多くの人が避難した。"]
    for letters in SCRIPTS.values():
        texts += [drawn(rng, letters, rng.choice((3, 40, 400))) for _ in range(40)]
    texts += [drawn(rng, rng.choice(list(SCRIPTS.values())), 400).upper() for _ in range(60)]
    texts += ["".join(drawn(rng, rng.choice(list(SCRIPTS.values())), 60) for _ in range(rng.randint(2, 6))) for _ in range(100)]
    texts += ["".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 200))) for _ in range(100)]
    return texts


def test_the_dfa_forgets_all_but_its_last_window_bytes() -> None:
    """Proof for the shipped model: after any `window` bytes, the DFA is in the state
    those bytes lead to from state 0, whatever state it started in; after `window - 1`
    bytes it is not always. Followed over every pair (state from state q, state from
    state 0) that some byte string reaches, for every q, until none differ."""
    identifier = _identifier()
    count = len(identifier._rows)
    pairs = np.arange(count, dtype=np.int64) * count  # (q, 0) for every state q, encoded q * count + 0
    length = 0
    while len(pairs := pairs[pairs // count != pairs % count]):
        chunks = np.array_split(pairs, len(pairs) // 4096 + 1)  # 4,096 pairs x 256 bytes at a time
        pairs = np.unique(np.concatenate([one_byte_on(chunk, identifier) for chunk in chunks]))
        length += 1
    assert length == identifier._window == 6


def one_byte_on(pairs: np.ndarray, identifier: Any) -> np.ndarray:
    """The distinct pairs that each of the 256 byte values leads `pairs` to."""
    count = len(identifier._rows)

    def following(states: np.ndarray) -> np.ndarray:
        return identifier._moves[identifier._rows[states][:, None] + np.arange(256)].astype(np.int64)

    return np.unique(following(pairs // count) * count + following(pairs % count))


def test_features_are_counted_as_a_counter_counts_them() -> None:
    """Keys and counts in a Counter's order, first occurrence first: py3langid's float32 sum follows it.
    Few distinct features repeated many times, and many seen once or twice."""
    rng = np.random.default_rng(16)
    for size in (0, 1, 2, 3, 7, 100, 1_000, 20_000):
        for distinct in (1, 5, 300, 100_053):
            features = rng.integers(0, distinct, size)
            keys, counts = _counted(features)
            counter = Counter(features.tolist())
            assert keys.tolist() == list(counter) and counts.tolist() == list(counter.values())


def test_feature_counts_score_as_py3langid_scores_them() -> None:
    """The score alone, on up to 20,000 distinct features in any order and counts up to 1,000:
    the same float32 sum as py3langid's from its Counter, in every bit."""
    ours, theirs = _identifier(), py3langid()
    rng = np.random.default_rng(17)
    for size in (1, 2, 31, 300, 3_000, 20_000):
        for most in (1, 3, 1_000):
            visits = Counter({key: int(rng.integers(1, most + 1)) for key in rng.integers(0, len(ours.nb_ptc), size).tolist()})
            keys, counts = np.array(list(visits)), np.array(list(visits.values()))
            assert ours._score(keys, counts).tobytes() == theirs._sparse_score(visits, theirs.nb_ptc).tobytes()


def test_generated_texts_score_as_py3langid_scores_them() -> None:
    texts = generated_texts()
    assert not differing(texts)
    sizes = [len(text.encode("utf-8", "surrogatepass")) for text in texts]
    assert min(sizes) < _identifier()._window and max(sizes) > 1_000  # both walks answered some


def test_random_bytes_score_as_py3langid_scores_them() -> None:
    """Bytes too (py3langid takes them; undecodable ones are walked as they are), of every
    length up to 300: either side of `SHORT`, where the array walk takes over; and runs
    of NUL, which has no feature."""
    rng = random.Random(15)
    assert not differing([rng.randbytes(length) for length in range(301)] + [bytes(length) for length in range(0, 301, 50)])


@pytest.mark.skipif(not CAPTURES.is_dir(), reason=f"real feed captures not found at {CAPTURES}")
def test_every_captured_feed_item_scores_as_py3langid_scores_it() -> None:
    """As `detect` judges them: their first SAMPLE_CHARS characters."""
    texts = [f"{entry.title}\n{entry.summary}"[:SAMPLE_CHARS] for _, entries in capture_entries() for entry in entries]
    assert len(texts) > 4_000
    assert not differing(texts)
