"""What the live page shows, kept in memory: pure code, no I/O, no clock of its own.

The page wants "the incidents as they are now" — the alerts of each region
together, as the notifier groups them by default — and "each region's escalation
index over the last 24 hours". The `alerts` topic carries every revision of every
alert, so the state keeps only the newest revision per fingerprint; a resolved
alert stays visible (marked resolved) for `resolved_keep` so that people see it
ended rather than see it vanish. Everything is bounded, because the process
follows the topics for days: points older than `window` are dropped, each
region keeps at most `max_points`, and at most `max_alerts` / `max_regions`
are held (the least recently seen go first).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tocsin.records import Alert, AlertStatus, Escalation

#: Which escalation window the chart plots: the 1-hour score, as the Grafana gauge does.
CHART_WINDOW = "1h"
_SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Point:
    """One escalation reading of a region."""

    at: datetime
    score: float
    zscore: float


@dataclass
class LiveState:
    """Newest alert revisions by fingerprint and recent escalation points by region."""

    window: timedelta = timedelta(hours=24)
    resolved_keep: timedelta = timedelta(hours=1)
    max_points: int = 2000
    max_alerts: int = 500
    max_regions: int = 200
    version: int = 0
    alerts: dict[str, Alert] = field(default_factory=dict)
    points: dict[str, deque[Point]] = field(default_factory=dict)

    def add_alert(self, alert: Alert) -> bool:
        """Keep `alert` if it is newer than what we hold; True when the state changed.

        Revisions can arrive out of order across a replay, so an older revision never
        overwrites a newer one.
        """
        held = self.alerts.get(alert.fingerprint)
        if held is not None and held.revision >= alert.revision:
            return False
        self.alerts[alert.fingerprint] = alert
        if len(self.alerts) > self.max_alerts:
            self._evict_alerts()
        self.version += 1
        return True

    def add_escalation(self, record: Escalation) -> bool:
        """Append a reading to its region's series (kept in time order); True when kept."""
        series = self.points.get(record.region)
        if series is None:
            if len(self.points) >= self.max_regions:
                self._evict_region()
            series = self.points[record.region] = deque(maxlen=self.max_points)
        point = Point(record.at, float(record.windows.get(CHART_WINDOW, 0.0)), float(record.zscore))
        if series and series[-1].at > point.at:
            ordered = sorted([*series, point], key=lambda p: p.at)
            series.clear()
            series.extend(ordered[-self.max_points :])
        else:
            series.append(point)
        self.version += 1
        return True

    def prune(self, now: datetime) -> bool:
        """Drop points older than the window and resolved alerts past `resolved_keep`; True when anything went."""
        changed = False
        oldest = now - self.window
        for region in list(self.points):
            series = self.points[region]
            while series and series[0].at < oldest:
                series.popleft()
                changed = True
            if not series:
                del self.points[region]
                changed = True
        for fingerprint, alert in list(self.alerts.items()):
            if alert.status == AlertStatus.RESOLVED and alert.last_seen < now - self.resolved_keep:
                del self.alerts[fingerprint]
                changed = True
        if changed:
            self.version += 1
        return changed

    def snapshot(self, now: datetime) -> dict[str, Any]:
        """The JSON the page renders: alerts (firing first, most severe, newest), the incidents they make, chart series."""
        self.prune(now)
        ordered = sorted(self.alerts.values(), key=_alert_order)
        return {
            "version": self.version,
            "now": now.isoformat(),
            "window_seconds": int(self.window.total_seconds()),
            "chart_window": CHART_WINDOW,
            "alerts": [_alert_json(alert) for alert in ordered],
            "incidents": incidents(ordered),
            "escalation": {
                region: [[p.at.isoformat(), p.score, p.zscore] for p in series] for region, series in sorted(self.points.items())
            },
        }

    def _evict_alerts(self) -> None:
        """Drop resolved alerts first, then the least recently seen, down to `max_alerts`."""
        victims = sorted(self.alerts.values(), key=lambda a: (a.status != AlertStatus.RESOLVED, a.last_seen))
        for alert in victims[: len(self.alerts) - self.max_alerts]:
            del self.alerts[alert.fingerprint]

    def _evict_region(self) -> None:
        """Drop the region whose newest reading is the oldest."""
        stale = min(self.points, key=lambda region: self.points[region][-1].at)
        del self.points[stale]


def incidents(ordered: list[Alert]) -> list[dict[str, Any]]:
    """The alerts of each region together (in the order of their first alert): its worst firing severity, its span, its alerts' fingerprints."""
    regions: dict[str, list[Alert]] = {}
    for alert in ordered:
        regions.setdefault(alert.labels.get("region", ""), []).append(alert)
    shown = []
    for region, alerts in regions.items():
        firing = [alert for alert in alerts if alert.status == AlertStatus.FIRING]
        shown.append(
            {
                "region": region,
                "status": "firing" if firing else "resolved",
                "severity": min((alert.severity.value for alert in firing), key=lambda s: _SEVERITY_ORDER.get(s, 9), default=None),
                "firing": len(firing),
                "first_seen": min(alert.first_seen for alert in alerts).isoformat(),
                "last_seen": max(alert.last_seen for alert in alerts).isoformat(),
                "alerts": [alert.fingerprint for alert in alerts],
            }
        )
    return shown


def _alert_order(alert: Alert) -> tuple:
    return (alert.status == AlertStatus.RESOLVED, _SEVERITY_ORDER.get(alert.severity.value, 9), -alert.last_seen.timestamp())


def _alert_json(alert: Alert) -> dict[str, Any]:
    """The fields the page shows; URLs are passed as given, the page decides what becomes a link."""
    return {
        "fingerprint": alert.fingerprint,
        "rule_id": alert.rule_id,
        "severity": alert.severity.value,
        "status": alert.status.value,
        "revision": alert.revision,
        "labels": dict(alert.labels),
        "title": alert.title,
        "summary": alert.summary,
        "counts": alert.counts.model_dump(),
        "first_seen": alert.first_seen.isoformat(),
        "last_seen": alert.last_seen.isoformat(),
        "evidence": [
            {
                "signal_type": item.signal_type.value,
                "title": item.title,
                "source_id": item.source_id,
                "url": item.url,
                "link": safe_link(item.url),
                "published": item.published.isoformat(),
                "excerpt": item.excerpt,
            }
            for item in alert.evidence
        ],
    }


def safe_link(url: str) -> str | None:
    """`url` when it is an absolute http(s) URL, else None: only those may become links.

    The snapshot carries the result as `link`, and the page checks the scheme
    again before it makes an <a href>: a `javascript:` URL from a feed must never
    become clickable.
    """
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) and len(lowered) > 8 else None
