"""Is a text about armed conflict or political violence at all? A small linear model that
decides, so that the lexicon's signals in texts that are not are vetoed.

Why a model here and not more benign-sense cues: the lexicon finds evidence spans
well, but a sports report that "attacked", a film review with a "bomb" and a market
"offensive" each need a cue of their own, and unseen news brings new ones. Whether a
whole text is about conflict is a question of its vocabulary as a whole, which a
linear model over word n-grams answers from labelled corpora (streams/classifier/
training.py, `make train`). It never adds a signal and never moves evidence: it only
removes signals from texts it is confident are off topic, so its errors cost recall
only there.

Inference needs numpy alone: the weights are one committed .npz file, loaded once.
Features are the text's lower-cased words and word pairs, hashed (CRC-32, stable across
processes, unlike `hash`) into a fixed number of buckets; a text's score is the sum of
its distinct features' weights over the square root of their number (a unit-length
binary vector), so one conflict word in a headline weighs as much as it can.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS = Path(__file__).with_name("relevance.npz")
#: Words (letters) and numbers; every number is one feature, "0".
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def tokens(text: str) -> list[str]:
    """Lower-cased words, numbers folded to "0" (a casualty count is not a topic)."""
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower())]


def hashed_features(text: str, buckets: int) -> list[int]:
    """The distinct buckets of the text's words and adjacent word pairs."""
    words = tokens(text)
    grams = set(words)
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return sorted({zlib.crc32(g.encode("utf-8")) % buckets for g in grams})


@dataclass(frozen=True)
class RelevanceModel:
    """Weights over hashed n-gram buckets, a bias, and the probability below which a text
    is taken to be off topic (`veto_below`, chosen by training, never by hand)."""

    weights: np.ndarray
    bias: float
    veto_below: float
    figures: dict[str, Any]

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> RelevanceModel:
        """Read the committed weights; a missing or malformed file stops start-up with its name."""
        try:
            with np.load(path, allow_pickle=False) as data:
                weights = data["weights"].astype(np.float32)
                bias, veto_below = (float(v) for v in data["scalars"])
                figures = json.loads(str(data["figures"]))
        except (OSError, KeyError, ValueError) as exc:
            raise RuntimeError(f"{path}: cannot load the relevance model ({exc}); run `make train`") from exc
        return cls(weights, bias, veto_below, figures)

    def score(self, text: str) -> float:
        """The model's log-odds that the text is about armed conflict or political violence."""
        features = hashed_features(text, len(self.weights))
        if not features:
            return self.bias
        return self.bias + float(self.weights[features].sum()) / math.sqrt(len(features))

    def probability(self, text: str) -> float:
        """P(about armed conflict or political violence)."""
        return 1.0 / (1.0 + math.exp(-self.score(text)))

    def off_topic(self, text: str) -> bool:
        """True when the model is confident enough that the text is not about conflict for
        its signals to be vetoed."""
        return self.probability(text) < self.veto_below
