"""The polling policy (tocsin.connectors.scheduler) and the catalog bounds it runs within."""

from __future__ import annotations

import pytest

from tocsin.connectors.catalog import Source
from tocsin.connectors.scheduler import JITTER, Bounds, Outcome, Schedule, next_poll, start

BOUNDS = Bounds(minimum=60.0, base=300.0, maximum=1200.0)
OK_NEW, OK_QUIET, FAILED = Outcome(True, 3), Outcome(True, 0), Outcome(False)


def test_starts_at_the_base_interval():
    assert start(BOUNDS) == Schedule(300.0)


def test_busy_feed_is_polled_sooner_down_to_the_minimum():
    schedule, wait = next_poll(start(BOUNDS), OK_NEW, BOUNDS, 1.0)
    assert (schedule.interval, wait) == (150.0, 150.0)
    for _ in range(5):
        schedule, wait = next_poll(schedule, OK_NEW, BOUNDS, 1.0)
    assert (schedule.interval, wait) == (60.0, 60.0)


def test_quiet_feed_is_polled_less_often_up_to_the_maximum():
    schedule, wait = next_poll(start(BOUNDS), OK_QUIET, BOUNDS, 1.0)
    assert (schedule.interval, wait) == (375.0, 375.0)
    for _ in range(20):
        schedule, wait = next_poll(schedule, OK_QUIET, BOUNDS, 1.0)
    assert (schedule.interval, wait) == (1200.0, 1200.0)


def test_failures_back_off_exponentially_within_the_maximum_and_success_resets():
    schedule, waits = start(BOUNDS), []
    for _ in range(5):
        schedule, wait = next_poll(schedule, FAILED, BOUNDS, 1.0)
        waits.append(wait)
    assert waits == [300.0, 600.0, 1200.0, 1200.0, 1200.0]
    assert schedule == Schedule(300.0, failures=5)
    schedule, wait = next_poll(schedule, OK_QUIET, BOUNDS, 1.0)
    assert schedule.failures == 0 and wait == 375.0


def test_many_failures_do_not_overflow():
    _, wait = next_poll(Schedule(300.0, failures=10_000), FAILED, BOUNDS, 1.0)
    assert wait == 1200.0


def test_retry_after_is_a_floor_but_never_beyond_the_maximum():
    _, wait = next_poll(start(BOUNDS), Outcome(False, retry_after=900.0), BOUNDS, 1.0)
    assert wait == 900.0
    _, wait = next_poll(start(BOUNDS), Outcome(False, retry_after=10.0), BOUNDS, 1.0)
    assert wait == 300.0  # a short Retry-After does not hurry us beyond the backoff
    _, wait = next_poll(start(BOUNDS), Outcome(False, retry_after=float("inf")), BOUNDS, 1.0)
    assert wait == 1200.0


@pytest.mark.parametrize("outcome", [OK_NEW, OK_QUIET, FAILED])
@pytest.mark.parametrize("jitter", [1 - JITTER, 1 + JITTER])
def test_jitter_spreads_waits_but_never_leaves_the_bounds(outcome, jitter):
    for schedule in (Schedule(60.0), Schedule(300.0), Schedule(1200.0, failures=3)):
        _, wait = next_poll(schedule, outcome, BOUNDS, jitter)
        assert BOUNDS.minimum <= wait <= BOUNDS.maximum
    _, wait = next_poll(Schedule(300.0), OK_QUIET, BOUNDS, jitter)
    assert wait == pytest.approx(375.0 * jitter)


def test_source_with_only_interval_seconds_gets_derived_bounds():
    assert Source(id="a", url="https://a.example/feed").bounds() == Bounds(150.0, 300.0, 1200.0)
    assert Source(id="a", url="https://a.example/feed", interval_seconds=1).bounds() == Bounds(1.0, 1.0, 4.0)


def test_source_explicit_bounds_are_used_and_must_enclose_the_interval():
    source = Source(id="a", url="https://a.example/feed", interval_seconds=60, min_interval_seconds=30, max_interval_seconds=3600)
    assert source.bounds() == Bounds(30.0, 60.0, 3600.0)
    with pytest.raises(ValueError, match="must not exceed interval_seconds"):
        Source(id="a", url="https://a.example/feed", interval_seconds=60, min_interval_seconds=120)
    with pytest.raises(ValueError, match="must not be below interval_seconds"):
        Source(id="a", url="https://a.example/feed", interval_seconds=60, max_interval_seconds=30)
