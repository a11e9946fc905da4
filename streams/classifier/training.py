"""Train the relevance model (streams/classifier/relevance.py) from the labelled corpora.

Why it is a separate module: inference needs numpy and the committed weights only;
training reads ../shared/corpus, and its comparison of feature sets needs the
`wordllama` package (the `train` extra). Everything here is deterministic: no random
initialisation, full-batch optimisation, folds chosen by a hash of the row id, so `make
train` on the same corpora writes the same weights.

Rows come from `corpora.training_rows`, which refuses the untouched splits; each
leave-one-corpus-out model is trained with the left-out corpus refused as well.
"""

from __future__ import annotations

import argparse
import json
import pathlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tocsin.streams.classifier.corpora import LABELLED, TrainingRow, training_rows
from tocsin.streams.classifier.relevance import WEIGHTS, RelevanceModel, hashed_features, tokens

BUCKETS = 1 << 18
L2 = 1e-4
STEPS = 400
LEARNING_RATE = 0.05
#: The veto threshold is the highest probability that vetoes at most this share of the
#: relevant training rows on which the lexicon raised a signal, each scored by the model
#: trained without its corpus.
RELEVANT_LOST = 0.01


@dataclass(frozen=True)
class Sparse:
    """A row-major sparse matrix in three arrays: what numpy needs for X @ w and X.T @ g."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    shape: tuple[int, int]

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, weights=w[self.cols] * self.values, minlength=self.shape[0])

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, weights=g[self.rows] * self.values, minlength=self.shape[1])


def hashed_matrix(texts: Sequence[str], buckets: int = BUCKETS) -> Sparse:
    """Unit-length binary vectors of hashed words and word pairs, as relevance.py scores them."""
    rows, cols, values = [], [], []
    for i, text in enumerate(texts):
        features = hashed_features(text, buckets)
        rows += [i] * len(features)
        cols += features
        values += [1.0 / np.sqrt(max(len(features), 1))] * len(features)
    return Sparse(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(values), (len(texts), buckets))


class Dense:
    """A dense feature matrix with the same two products as `Sparse`."""

    def __init__(self, matrix: np.ndarray):
        self.matrix = matrix
        self.shape = matrix.shape

    def dot(self, w: np.ndarray) -> np.ndarray:
        return self.matrix @ w

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return self.matrix.T @ g


def balanced_weights(rows: Sequence[TrainingRow]) -> np.ndarray:
    """Each (corpus, label) group weighs the same within its label, and both labels weigh
    the same: otherwise 1,500 riot sentences would teach the model what conflict sounds
    like in one newspaper of 2002."""
    groups = Counter((r.corpus, r.label) for r in rows)
    per_label = Counter(label for _, label in groups)
    return np.array([len(rows) / (2 * per_label[r.label] * groups[(r.corpus, r.label)]) for r in rows])


def fit_logistic(
    x: Sparse | Dense, y: np.ndarray, sample_weight: np.ndarray, l2: float = L2, steps: int = STEPS
) -> tuple[np.ndarray, float]:
    """Weighted L2-regularised logistic regression by full-batch Adam from zeros:
    deterministic, and a few seconds for 5,000 rows and 2^18 buckets."""
    w, b = np.zeros(x.shape[1]), 0.0
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), 0.0, 0.0
    total = sample_weight.sum()
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x.dot(w) + b)))
        g = sample_weight * (p - y) / total
        gw, gb = x.tdot(g) + l2 * w, float(g.sum())
        m, v = 0.9 * m + 0.1 * gw, 0.999 * v + 0.001 * gw * gw
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb * gb
        scale = LEARNING_RATE * np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
        w -= scale * m / (np.sqrt(v) + 1e-8)
        b -= scale * mb / (np.sqrt(vb) + 1e-8)
    return w, b


Features = Callable[[Sequence[str]], "Sparse | Dense"]
Scorer = Callable[[Sequence[str]], np.ndarray]


def fit(rows: Sequence[TrainingRow], features: Features) -> tuple[np.ndarray, float]:
    """A logistic regression on `features` of `rows`, each corpus and label balanced."""
    y = np.array([r.label for r in rows], dtype=float)
    return fit_logistic(features([r.text for r in rows]), y, balanced_weights(rows))


def out_of_corpus(rows: Sequence[TrainingRow], train: Callable[[Sequence[TrainingRow]], Scorer]) -> np.ndarray:
    """Each row's probability from the model trained without its whole corpus. Folds of
    rows would let a SATP report be judged by a model that read 1,000 others in the same
    house style; the next article comes from a house the model has not read."""
    probabilities = np.zeros(len(rows))
    for corpus in dict.fromkeys(r.corpus for r in rows):
        held = [i for i, r in enumerate(rows) if r.corpus == corpus]
        scorer = train([r for r in rows if r.corpus != corpus])
        probabilities[held] = scorer([rows[i].text for i in held])
    return probabilities


def hashed_scorer(rows: Sequence[TrainingRow]) -> Scorer:
    """Train on hashed n-grams; score texts the way relevance.py does."""
    w, b = fit(rows, hashed_matrix)
    return lambda texts: 1.0 / (1.0 + np.exp(-(hashed_matrix(texts).dot(w) + b)))


def embedding_scorer_factory() -> Callable[[Sequence[TrainingRow]], Scorer]:
    """The compared feature set: the mean of wordllama's 256-dimension static vectors of a
    text's words (each word embedded alone, so the model stays linear in words), columns
    standardised on the training rows. Needs the `train` extra."""
    import wordllama  # training-time only

    model = wordllama.WordLlama.load(cache_dir=pathlib.Path(wordllama.__file__).parent, disable_download=True)
    cache: dict[str, np.ndarray] = {}

    def matrix(texts: Sequence[str]) -> np.ndarray:
        words = [tokens(t) for t in texts]
        new = list(dict.fromkeys(w for ws in words for w in ws if w not in cache))
        if new:
            cache.update(zip(new, model.embed(new, batch_size=512)))
        return np.array([np.mean([cache[w] for w in ws], axis=0) if ws else np.zeros(256) for ws in words])

    def train(rows: Sequence[TrainingRow]) -> Scorer:
        x = matrix([r.text for r in rows])
        mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
        w, b = fit(rows, lambda _: Dense((x - mean) / std))
        return lambda texts: 1.0 / (1.0 + np.exp(-(((matrix(texts) - mean) / std) @ w + b)))

    return train


def veto_threshold(probabilities: np.ndarray, relevant: np.ndarray) -> float:
    """The highest threshold that vetoes at most RELEVANT_LOST of the relevant rows."""
    return float(np.quantile(probabilities[relevant], RELEVANT_LOST, method="lower"))


def assess(rows: Sequence[TrainingRow], fired: np.ndarray, train: Callable[[Sequence[TrainingRow]], Scorer]) -> dict[str, float]:
    """Out-of-corpus figures of one feature set on the rows where the lexicon raised a
    signal: the veto threshold the rule picks, and how many off-topic rows it then vetoes."""
    probabilities = out_of_corpus(rows, train)
    labels = np.array([r.label for r in rows])
    threshold = veto_threshold(probabilities[fired], labels[fired] == 1)
    off_topic = fired & (labels == 0)
    return {
        "veto_below": round(threshold, 4),
        "relevant_with_signal": int((fired & (labels == 1)).sum()),
        "off_topic_with_signal": int(off_topic.sum()),
        "off_topic_vetoed": int((probabilities[off_topic] < threshold).sum()),
    }


def train_and_save(labelled: Path = LABELLED, path: Path = WEIGHTS, compare: bool = True) -> dict:
    """Train the hashed n-gram model on every training row, pick its veto threshold out of
    corpus, and write weights, threshold and training figures to one .npz file."""
    from tocsin.streams.classifier import Classifier  # the lexicon, without a relevance model

    rows = training_rows(labelled)
    lexicon = Classifier(relevance=None)
    fired = np.array([bool(lexicon.classify(r.text)) for r in rows])
    figures: dict = {"rows": {f"{c}/{label}": n for (c, label), n in sorted(Counter((r.corpus, r.label) for r in rows).items())}}
    figures["hashed_ngrams"] = assess(rows, fired, hashed_scorer)
    if compare:
        figures["word_embeddings"] = assess(rows, fired, embedding_scorer_factory())
    weights, bias = fit(rows, hashed_matrix)
    threshold = figures["hashed_ngrams"]["veto_below"]
    np.savez_compressed(
        path,
        weights=weights.astype(np.float16),
        scalars=np.array([bias, threshold]),
        figures=np.array(json.dumps(figures, sort_keys=True)),
    )
    RelevanceModel.load(path)  # what was written must load
    return figures


def main(argv: Sequence[str] | None = None) -> None:
    """`make train`: python -m tocsin.streams.classifier.training [--corpus DIR] [--no-compare]."""
    parser = argparse.ArgumentParser(description="train the relevance model from ../shared/corpus/labeled")
    parser.add_argument("--corpus", type=Path, default=LABELLED, help="folder of the labelled JSONL files")
    parser.add_argument("--output", type=Path, default=WEIGHTS, help="where to write the weights (.npz)")
    parser.add_argument("--no-compare", action="store_true", help="skip the word-embedding comparison (needs wordllama)")
    args = parser.parse_args(argv)
    print(json.dumps(train_and_save(args.corpus, args.output, compare=not args.no_compare), indent=2))


if __name__ == "__main__":
    main()
