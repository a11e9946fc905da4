"""Place lookup with the world's countries and cities, against the hand-made gazetteer alone
(the baseline, measured in the same run), over the shared labelled sentences: speed, and
how many texts with a detection changed region (places do not make signals, but signals
are grouped by region).
"""

from __future__ import annotations

import time

from bench.classify import CORPUS, rate, texts
from streams.classifier import Classifier
from streams.places import DEFAULT_GAZETTEER, Gazetteer, PlaceMatcher
from tocsin.config import load_model


def main() -> None:
    gazetteer = load_model(DEFAULT_GAZETTEER, Gazetteer)
    started = time.perf_counter()
    world = PlaceMatcher(gazetteer)
    loaded = time.perf_counter() - started
    hand_made = PlaceMatcher(gazetteer.model_copy(update={"world": None}))
    classifier = Classifier()
    print(f"place lookup, one core (world gazetteer loaded in {loaded:.2f} s):")
    print(f"  {'set':<24} {'texts':>6} {'signals':>8} {'region changed':>15} {'hand-made/s':>12} {'world/s':>9} {'ratio':>7}")
    for path in sorted(CORPUS.glob("*.jsonl")):
        items = texts(path)
        located = [text for text in items if classifier.classify(text)]
        changed = sum(hand_made.regions(hand_made.places(t)) != world.regions(world.places(t)) for t in located)
        baseline, speed = rate(hand_made.places, items), rate(world.places, items)
        print(f"  {path.stem:<24} {len(items):>6} {len(located):>8} {changed:>15} {baseline:>12.0f} {speed:>9.0f} {speed / baseline:>7.3f}")
    print("  (baseline: the hand-made gazetteer alone; signals = texts with a detection)")


if __name__ == "__main__":
    main()
