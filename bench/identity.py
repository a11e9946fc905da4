"""The cost of item identity and the seen-set per poll, against parsing the same feed in the same run.

Every poll computes each item's identity keys (`tocsin.connectors.identity`) and looks them
up (`tocsin.connectors.seen`), for the items it already saw as much as for new ones. The
baseline is `parse_feed` on the same bytes, the step before it: identity should
stay a fraction of it. Also printed: the state record of each feed size (bytes a
connector-state record takes; Kafka's default limit is 1 MB).

Target (issue 3): identity and seen-set under half the parse time for a repeat poll.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from tocsin.connectors.identity import key_of
from tocsin.connectors.parser import parse_feed
from tocsin.connectors.seen import SeenItems
from tocsin.records import SourceState

SIZES = (50, 2500, 10000)
ROUNDS = 5
TARGET_RATIO = 0.5


def feed(items: int) -> bytes:
    entries = "".join(
        f"<item><title>Shelling reported near village {n}</title><link>https://news.example/2026/11/village-{n}?utm_source=rss</link>"
        f'<guid isPermaLink="false">post-{n}</guid><pubDate>Fri, 20 Nov 2026 06:00:00 GMT</pubDate>'
        f"<description>Report {n} from the region.</description></item>"
        for n in range(items, 0, -1)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>{entries}</channel></rss>'.encode()


def best(run, rounds: int = ROUNDS) -> float:
    """The fastest of `rounds` runs, in seconds: the least disturbed by the other jobs on the machine."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(items: int) -> dict[str, float]:
    body = feed(items)
    now = datetime.now(UTC)
    articles = parse_feed(body, source_id="bench", url="https://news.example/feed", fetched=now).articles
    parse_seconds = best(lambda: parse_feed(body, source_id="bench", url="https://news.example/feed", fetched=now))
    seen = SeenItems()
    key_of.cache_clear()
    started = time.perf_counter()
    first = seen.fresh("bench", articles)
    first_seconds = time.perf_counter() - started
    for article in first.articles:
        seen.add("bench", first.keys[article.guid])
    repeat_seconds = best(lambda: seen.fresh("bench", articles))
    assert not seen.fresh("bench", articles).articles, "a repeat poll found nothing new"
    record = SourceState(source_id="bench", seen=seen.ids("bench"), at=now).to_bytes()
    return {"parse": parse_seconds, "first": first_seconds, "repeat": repeat_seconds, "record": len(record)}


def main() -> None:
    print("item identity + seen-set per poll (baseline: parse_feed of the same feed, same run)")
    for items in SIZES:
        m = measure(items)
        ratio = m["repeat"] / m["parse"]
        verdict = "ok" if ratio < TARGET_RATIO else "OVER TARGET"
        print(
            f"  {items:>6} items: parse {m['parse'] * 1000:7.1f} ms | identity first poll {m['first'] * 1000:6.1f} ms,"
            f" repeat poll {m['repeat'] * 1000:6.1f} ms = {ratio:.2f}x parse ({verdict} < {TARGET_RATIO}x)"
            f" | state record {m['record'] / 1000:.0f} kB"
        )


if __name__ == "__main__":
    main()
