"""Notification groups, as Alertmanager's dispatcher makes them: one message per incident, not per rule.

Alerts routed to the same receiver that share the route's `group_by` labels (the
region, by default) form a group. The group's first message waits `group_wait`
to gather the alerts of a flare-up, later changes go out at most once per
`group_interval`, and an unchanged group with firing alerts is repeated every
`repeat_interval`. Every message lists all the group's alerts, marking those new
or changed since the previous one; a resolved alert is listed once more and then
dropped, and a group with nothing left is forgotten. Pure code with the clock
passed in: the notifier and `tocsin replay --messages` run the same groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from streams.normalizer import digest
from tocsin.records import Alert, AlertStatus


class GroupTiming(BaseModel):
    """How a route groups: by which labels, and when a group speaks (Alertmanager's meaning)."""

    group_by: tuple[str, ...] = ("region",)
    group_wait: timedelta = timedelta(seconds=30)
    group_interval: timedelta = timedelta(minutes=5)
    repeat_interval: timedelta = timedelta(hours=4)


class GroupedAlert(BaseModel):
    """An alert as a message lists it: its latest revision, and whether it is news since the group's last message."""

    alert: Alert
    new: bool


class Message(BaseModel):
    """One notification of a group: what a receiver is sent."""

    receiver: str
    group: dict[str, str]
    group_key: str
    revision: int = Field(ge=1, description="The group's message count: message 1 opens the thread, later ones reply to it.")
    alerts: list[GroupedAlert]
    at: datetime

    @property
    def thread(self) -> str | None:
        """The message this one follows up (the group's first), or None for the first."""
        return None if self.revision == 1 else f"{self.group_key}:1"


class Group(BaseModel):
    """What the dispatcher remembers of one group between messages."""

    key: str
    receiver: str
    labels: dict[str, str]
    timing: GroupTiming
    alerts: dict[str, Alert] = Field(default_factory=dict, description="Latest revision of each alert, by fingerprint.")
    sent: dict[str, int] = Field(default_factory=dict, description="Revision of each alert in the last message.")
    opened: datetime
    last_sent: datetime | None = None
    revision: int = 0

    def changed(self) -> bool:
        return any(self.sent.get(fingerprint) != alert.revision for fingerprint, alert in self.alerts.items())

    def due(self, now: datetime) -> bool:
        """Whether the group's next message is due at `now`."""
        if not self.alerts:
            return False
        if self.last_sent is None:
            return now - self.opened >= self.timing.group_wait
        since = now - self.last_sent
        if self.changed():
            return since >= self.timing.group_interval
        firing = any(alert.status == AlertStatus.FIRING for alert in self.alerts.values())
        return firing and since >= self.timing.repeat_interval

    def flush(self, now: datetime) -> Message:
        """The message listing every alert of the group; resolved alerts are dropped once they have been told."""
        self.revision += 1
        self.last_sent = now
        listed = [GroupedAlert(alert=alert, new=self.sent.get(fp) != alert.revision) for fp, alert in self.alerts.items()]
        self.sent = {fp: alert.revision for fp, alert in self.alerts.items()}
        for fp in [fp for fp, alert in self.alerts.items() if alert.status == AlertStatus.RESOLVED]:
            del self.alerts[fp], self.sent[fp]
        return Message(receiver=self.receiver, group=self.labels, group_key=self.key, revision=self.revision, alerts=listed, at=now)


def group_labels(alert: Alert, group_by: Iterable[str]) -> dict[str, str]:
    """The alert's values of the grouping labels (missing ones are empty: they group together)."""
    return {name: alert.labels.get(name, "") for name in group_by}


class Dispatcher:
    """The groups of every receiver; `add` takes routed alerts, `flush` gives the messages due."""

    def __init__(self) -> None:
        self.groups: dict[str, Group] = {}

    def add(self, alert: Alert, receiver: str, timing: GroupTiming, now: datetime) -> None:
        """Put the alert's newest revision into its group; a resolution of an alert the group never told is dropped."""
        labels = group_labels(alert, timing.group_by)
        key = digest(receiver, *(f"{k}={v}" for k, v in sorted(labels.items())))
        group = self.groups.get(key)
        if alert.status == AlertStatus.RESOLVED and (group is None or alert.fingerprint not in group.sent):
            if group is not None:
                group.alerts.pop(alert.fingerprint, None)
            return
        if group is None:
            group = self.groups[key] = Group(key=key, receiver=receiver, labels=labels, timing=timing, opened=now)
        current = group.alerts.get(alert.fingerprint)
        if current is None or alert.revision > current.revision:
            group.alerts[alert.fingerprint] = alert

    def flush(self, now: datetime) -> list[Message]:
        """Every message due at `now`; groups left with no alert are forgotten."""
        messages = [group.flush(now) for group in self.groups.values() if group.due(now)]
        self.groups = {key: group for key, group in self.groups.items() if group.alerts}
        return messages
