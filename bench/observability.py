"""The cost of observability: worker throughput with metrics on against metrics off, in the same run.

Target: under 5% overhead. "On" is what production runs: every metric updated,
/metrics served, and the leader measuring consumer lag every 15 s; "off" is
`TOCSIN_METRICS_ENABLED=false` (tocsin/metrics.py defines every metric as a no-op).
Each round runs both on fresh topics (bench/pipeline.py `run_worker`), alternating
which goes first so a broker warming up or a busy neighbour does not favour one
side; the overhead compares the medians.
"""

from __future__ import annotations

import statistics
import timeit

from prometheus_client import CollectorRegistry

from bench.pipeline import WorkerSpec, articles, parse_records, run_worker
from tests.helpers.http import free_port
from tocsin.metrics import RoleMetrics
from tocsin.streams.metrics import WorkerMetrics

TARGET_OVERHEAD = 0.05


def modes() -> dict[str, dict[str, str]]:
    return {
        "on": {"TOCSIN_METRICS_ENABLED": "true", "TOCSIN_METRICS_PORT": str(free_port())},
        "off": {"TOCSIN_METRICS_ENABLED": "false"},
    }


def overhead(on_seconds: float, off_seconds: float) -> float:
    """Throughput lost to metrics, as a share of the throughput without them."""
    return 1 - off_seconds / on_seconds


def metric_calls_per_article(metrics: WorkerMetrics) -> None:
    """The updates the worker makes for one article that yields a signal (normalize, story, classify)."""
    metrics.articles_in.inc()
    metrics.articles_out.inc()
    metrics.signals.labels("shelling", "south_caucasus").inc()


def seconds_per_call(on: bool, number: int = 200_000) -> float:
    metrics = WorkerMetrics(RoleMetrics(CollectorRegistry() if on else None))
    return min(timeit.repeat(lambda: metric_calls_per_article(metrics), number=number, repeat=5)) / number


def main(rounds: int = 3) -> None:
    count = parse_records(__doc__, 2_000)
    records = articles(count)
    seconds: dict[str, list[float]] = {"on": [], "off": []}
    for round_number in range(rounds):
        order = ["on", "off"] if round_number % 2 == 0 else ["off", "on"]
        for mode in order:
            seconds[mode].append(run_worker(records, f"obs-{mode}", WorkerSpec(env=tuple(modes()[mode].items()))).seconds)
    on, off = statistics.median(seconds["on"]), statistics.median(seconds["off"])
    print(f"observability cost, {count} articles, one worker process, {rounds} alternating rounds (median):")
    for mode, median in (("off", off), ("on", on)):
        runs = " ".join(f"{count / s:.0f}" for s in seconds[mode])
        print(f"  metrics {mode:<3} {count / median:10.0f} articles/s ({median:.2f} s)   runs: {runs}")
    share = overhead(on, off)
    verdict = "within" if share < TARGET_OVERHEAD else "OVER"
    print(f"  overhead of metrics:  {share:10.1%}  ({verdict} the {TARGET_OVERHEAD:.0%} target; end to end, as noisy as the machine)")
    calls_on, calls_off = seconds_per_call(True), seconds_per_call(False)
    per_article = off / count
    print(
        f"  metric updates per article, in process: {calls_on * 1e6:.2f} us on, {calls_off * 1e6:.2f} us no-op; "
        f"{(calls_on - calls_off) / per_article:.3%} of the {per_article * 1e3:.1f} ms an article takes"
    )


if __name__ == "__main__":
    main()
