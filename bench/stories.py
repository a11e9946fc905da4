"""Story clustering throughput with a large state, next to the cost of signing alone.

The state is filled with `--stories` synthetic stories (random band keys: the index
only sees keys, so they cost what real ones cost). Then the same articles (synthetic
leads, a third of them reworded copies of earlier ones) are timed three ways in the
same run: signing only (`band_keys`, the baseline), assigning precomputed keys
(`StoryIndex.assign`), and both (what a worker does per article).
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import time

from tocsin.streams.stories import BANDS, StoryIndex, band_keys

STEP_SECONDS = 0.5


def synthetic_leads(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """Leads of 40 words from a 5,000-word vocabulary; every third one rewords an earlier lead."""
    rng = random.Random(seed)
    vocabulary = [f"w{index}" for index in range(5000)]
    leads: list[tuple[str, str]] = []
    for index in range(count):
        if index % 3 == 2:
            title, text = leads[rng.randrange(len(leads))]
            words = text.split()
            leads.append((f"Update: {title}", "(Reuters) - " + " ".join(words[: rng.randint(25, 40)])))
        else:
            leads.append((" ".join(rng.choices(vocabulary, k=8)), " ".join(rng.choices(vocabulary, k=40))))
    return leads


def filled_index(stories: int, seed: int = 5) -> StoryIndex:
    """An index holding `stories` stories, half a second apart (all within the TTL), BANDS random keys each.

    The cyclic GC is paused while building and the result frozen: millions of
    long-lived dicts would otherwise be rescanned on every collection.
    """
    rng = random.Random(seed)
    index = StoryIndex(max_stories=stories + 1_000_000)
    gc.disable()
    for number in range(stories):
        keys = [f"{band}:{rng.getrandbits(64):016x}" for band in range(BANDS)]
        index.assign(f"s{number}", f"source-{number % 500}", keys, number * STEP_SECONDS, "synthetic")
    gc.freeze()
    gc.enable()
    return index


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f} articles/s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=1_000_000, help="stories already in state")
    parser.add_argument("--articles", type=int, default=20_000, help="articles timed")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    index = filled_index(args.stories)
    print(f"state: {len(index):,} stories built in {time.perf_counter() - started:.1f} s")
    leads = synthetic_leads(args.articles)
    now = args.stories * STEP_SECONDS

    started = time.perf_counter()
    signatures = [band_keys(title, text) for title, text in leads]
    signing = time.perf_counter() - started

    started = time.perf_counter()
    for number, keys in enumerate(signatures):
        index.assign(f"a{number}", f"source-{number % 50}", keys, now + number, leads[number][0])
    assigning = time.perf_counter() - started

    started = time.perf_counter()
    for number, (title, text) in enumerate(leads):
        index.assign(f"b{number}", f"source-{number % 50}", band_keys(title, text), now + args.articles + number, title)
    both = time.perf_counter() - started

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"baseline  band_keys only           {rate(args.articles, signing)}")
    print(f"clustering assign (keys given)     {rate(args.articles, assigning)}")
    print(f"clustering band_keys + assign      {rate(args.articles, both)}")
    print(f"peak RSS  {peak_mib:,.0f} MiB with {len(index):,} stories")


if __name__ == "__main__":
    main()
