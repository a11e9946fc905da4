"""Rule evaluation: 100 rules of every type over 100,000 synthetic signals, through the
same Evaluator the worker runs, each alert handed to the notifier's routing and Slack
rendering (no network). Printed: signals/s, and the latency from a signal's arrival to
the notifier call for the signals that raised an alert (p50, p99).

Baselines measured in the same run: the same signals through one match rule (what a
rule engine costs at least per signal), and JSON deserialization of the same signals
(what the worker pays per signal before any rule). Event time advances 20 s per signal,
with a tick for every partition each simulated 5 minutes, as the worker's ticks.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from tocsin.records import Alert, ArticleRef, EvidenceSpan, Signal, SignalType
from tocsin.settings import Settings
from tocsin.streams.notify.receivers.kind import as_message
from tocsin.streams.notify.receivers.slack import slack_message_payload
from tocsin.streams.notify.routing import load_routing
from tocsin.streams.rules import Evaluator, RuleSet
from tocsin.streams.rules.registry import parse_rule

T0 = datetime(2026, 1, 1, tzinfo=UTC)
REGIONS = [f"region-{n}" for n in range(24)]
SOURCES = [f"source-{n}" for n in range(40)]
PLACES = {region: [f"{region}-place-{n}" for n in range(20)] for region in REGIONS}
TYPES = list(SignalType)
#: News is skewed: a few regions and signal types carry most signals (Zipf-like weights).
REGION_WEIGHTS = [1 / (rank + 1) for rank in range(len(REGIONS))]
TYPE_WEIGHTS = [1 / (rank + 1) for rank in range(len(TYPES))]
PARTITIONS = 4
#: Seconds of event time between signals: 100,000 signals are about three weeks of news.
SPACING = 20
TICK = timedelta(minutes=5)


def make_rules(seed: int = 7) -> list:
    """100 rules: 40 match, 15 frequency, 10 corroboration, 10 spike, 10 sequence, 5 flatline, 10 new_place.

    As a team's rule set would be, most rules watch a few regions of interest, so a
    signal matches a handful of them and alerts stay the exception, not the rule.
    """
    rng = random.Random(seed)
    rules = []

    def types(k: int) -> list[str]:
        return [t.value for t in rng.sample(TYPES, k)]

    def regions(k: int) -> list[str]:
        return rng.sample(REGIONS, k)

    def add(kind: str, n: int, **fields) -> None:
        for i in range(n):
            values = {key: (value() if callable(value) else value) for key, value in fields.items()}
            severity = rng.choice(["info", "warning", "critical"])
            rules.append(
                parse_rule(
                    {
                        "id": f"{kind}-{i}",
                        "type": kind,
                        "severity": severity,
                        "group_interval": "30m",
                        "resolve_after": "2h",
                        "title": "{{ severity }} {{ types }} in {{ region }} ({{ counts.sources }} sources)",
                        **values,
                    }
                )
            )

    add("match", 40, match=lambda: {"types": types(3), "regions": regions(2), "min_confidence": rng.choice([0.5, 0.6, 0.7])})
    add(
        "frequency",
        15,
        match=lambda: {"types": types(4), "regions": regions(6)},
        window="30m",
        threshold=lambda: rng.randint(3, 8),
        count=lambda: rng.choice(["signals", "stories", "sources"]),
    )
    add(
        "corroboration",
        10,
        match=lambda: {"types": types(4), "regions": regions(6)},
        window="1h",
        min_sources=lambda: rng.randint(2, 3),
        per=lambda: rng.choice(["story", "type"]),
    )
    add("spike", 10, match=lambda: {"types": types(2), "regions": regions(6)}, window="1h", baseline="1d", factor=3, min_count=4)
    add("sequence", 10, window="30m", match=lambda: {"regions": regions(6)}, steps=lambda: [{"types": types(1)}, {"types": types(1)}])
    add("flatline", 5, of="region", silent_for="2h", match=lambda: {"types": types(3)})
    add("new_place", 10, match=lambda: {"types": types(3), "regions": regions(6)}, period="7d")
    return rules


def make_signals(n: int, seed: int = 11) -> list[Signal]:
    """Signals SPACING seconds apart, skewed towards a few regions and types; stories are shared by a few sources."""
    rng = random.Random(seed)
    signals = []
    for i in range(n):
        at = T0 + timedelta(seconds=SPACING * i)
        story = f"story-{i // 3}"
        source = rng.choice(SOURCES)
        region = rng.choices(REGIONS, REGION_WEIGHTS)[0]
        ref = ArticleRef(
            article_id=f"a-{i}",
            story_id=story,
            source_id=source,
            url=f"https://example.com/{i}",
            title=f"Report {i} from {source}",
            published=at,
            fetched=at,
            story_sources=rng.randint(1, 3),
        )
        signals.append(
            Signal(
                signal_id=f"s-{i}",
                type=rng.choices(TYPES, TYPE_WEIGHTS)[0],
                confidence=rng.choice([0.55, 0.65, 0.8, 0.95]),
                evidence=[EvidenceSpan(text="shelled", start=0, end=7)],
                region=region,
                places=rng.sample(PLACES[region], rng.randint(0, 2)),
                article=ref,
            )
        )
    return signals


def run(rules: list, signals: list[Signal], notify) -> tuple[float, list[float], int]:
    """(seconds, per-alerting-signal latencies in ms, alerts) for the signals through an Evaluator."""
    evaluator = Evaluator(RuleSet(rules))
    latencies: list[float] = []
    alerts = 0
    next_tick = signals[0].article.fetched + TICK
    started = time.perf_counter()
    for signal in signals:
        now = signal.article.fetched
        if now >= next_tick:
            for partition in range(PARTITIONS):
                for alert in evaluator.on_tick(now, partition):
                    notify(alert)
                    alerts += 1
            next_tick = now + TICK
        arrived = time.perf_counter()
        emitted = evaluator.on_signal(signal, now, hash(signal.region) % PARTITIONS)
        evaluator.take_dirty()
        for alert in emitted:
            notify(alert)
        if emitted:
            latencies.append((time.perf_counter() - arrived) * 1000)
            alerts += len(emitted)
    return time.perf_counter() - started, latencies, alerts


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else (values[0] if values else 0.0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rules")
    parser.add_argument("--signals", type=int, default=100_000)
    args = parser.parse_args(argv or [])
    routing = load_routing(Settings(), {})

    def notify(alert: Alert) -> None:
        """What the notifier does per alert before any network: choose receivers, render."""
        if alert.inhibited_by is None and routing.receivers_for(alert):
            slack_message_payload(as_message(alert, "slack"))

    rules, signals = make_rules(), make_signals(args.signals)
    payloads = [signal.to_bytes() for signal in signals]
    started = time.perf_counter()
    for payload in payloads:
        Signal.from_bytes(payload)
    decode = time.perf_counter() - started
    one_rule, _, one_alerts = run(
        [parse_rule({"id": "one", "type": "match", "group_interval": "5m", "resolve_after": "1h"})], signals, notify
    )
    seconds, latencies, alerts = run(rules, signals, notify)
    kinds = sorted({rule.type for rule in rules})
    n = len(signals)
    print(f"rule evaluation, one core: {len(rules)} rules ({', '.join(kinds)}) over {n:,} signals, {len(REGIONS)} regions:")
    print(f"  {'run':<34} {'signals/s':>10} {'alerts':>8} {'ratio':>7}")
    print(f"  {'reference: JSON decode only':<34} {n / decode:>10,.0f} {'-':>8} {one_rule / decode:>7.2f}")
    print(f"  {'baseline: 1 match rule':<34} {n / one_rule:>10,.0f} {one_alerts:>8,} {1:>7.2f}")
    print(f"  {f'tocsin: {len(rules)} rules':<34} {n / seconds:>10,.0f} {alerts:>8,} {one_rule / seconds:>7.2f}")
    print(
        f"  signal -> notifier call, {len(latencies):,} alerting signals: p50 {percentile(latencies, 50):.3f} ms, p99 {percentile(latencies, 99):.3f} ms"
    )
    print("  (ratio: signals/s against the 1-rule baseline; ticks included; the notifier call is routing + Slack rendering, no network)")


if __name__ == "__main__":
    main()
