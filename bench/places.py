"""Place lookup and attribution over the shared labelled sentences, one core.

1. Lookup: the world's countries and cities against the hand-made gazetteer alone
   (the baseline, measured in the same run), and how many texts with a detection
   changed region.
2. Attribution (tocsin.streams.places.locate): on the texts with a detection, what locating
   each detection's triggers costs next to naming every region of every place (what
   the detector did before), and how many regions a text's signals went to, both ways
   (copies of a signal = regions; unlocated counts as one).
"""

from __future__ import annotations

import time

from bench.classify import CORPUS, rate, texts
from tocsin.config import load_model
from tocsin.streams.classifier import Classifier
from tocsin.streams.places import DEFAULT_GAZETTEER, Gazetteer, PlaceMatcher, load_gazetteer
from tocsin.streams.places.locate import Locator

YEAR = 2026


def main() -> None:
    started = time.perf_counter()
    world = load_gazetteer()
    loaded = time.perf_counter() - started
    hand_made = PlaceMatcher(load_model(DEFAULT_GAZETTEER, Gazetteer).model_copy(update={"world": None}))
    classifier = Classifier()
    print(f"place lookup and attribution, one core (world gazetteer loaded in {loaded:.2f} s):")
    print(
        f"  {'set':<22} {'texts':>6} {'signals':>8} {'changed':>8} {'hand-made/s':>12} {'world/s':>8}"
        f" {'named/s':>8} {'located/s':>10} {'classify/s':>11} {'regions named':>14} {'located':>8}"
    )
    for path in sorted(CORPUS.glob("*.jsonl")):
        items = texts(path)
        detected = [
            (text, [[(s.start, s.end) for s in d.evidence] for d in found]) for text in items if (found := classifier.classify(text))
        ]
        located = [text for text, _ in detected]
        changed = sum(hand_made.regions(hand_made.places(t)) != world.regions(world.places(t)) for t in located)

        def named(text: str) -> list[str]:
            return world.regions(world.places(text))

        def attributed(item: tuple[str, list[list[tuple[int, int]]]]) -> list[str]:
            text, detections = item
            locator = Locator(text, world.mentions(text), YEAR)
            return list(dict.fromkeys(r for triggers in detections for r in locator.regions(triggers)))

        baseline, speed = rate(hand_made.places, items), rate(world.places, items)
        named_rate, located_rate, classify_rate = rate(named, located), rate(attributed, detected), rate(classifier.classify, located)
        before = sum(max(1, len(named(text))) for text in located) / max(1, len(located))
        after = sum(max(1, len(attributed(item))) for item in detected) / max(1, len(detected))
        print(
            f"  {path.stem:<22} {len(items):>6} {len(located):>8} {changed:>8} {baseline:>12.0f} {speed:>8.0f}"
            f" {named_rate:>8.0f} {located_rate:>10.0f} {classify_rate:>11.0f} {before:>14.2f} {after:>8.2f}"
        )
    print(
        "  (signals = texts with a detection; changed = of those, region changed by the world places;"
        " named/located/classify: per second over those texts; regions: mean per text, named = every place's, located = attributed)"
    )


if __name__ == "__main__":
    main()
