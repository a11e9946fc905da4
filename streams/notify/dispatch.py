"""Notification groups, as Alertmanager's dispatcher makes them: one message per incident, not per rule.

Alerts routed to the same receiver that share the route's `group_by` labels (the
region, by default) form a group. The group's first message waits `group_wait`
to gather the alerts of a flare-up, later changes go out at most once per
`group_interval`, and an unchanged group with firing alerts is repeated every
`repeat_interval`. Every message lists all the group's alerts, marking those new
or changed since the previous one; a resolved alert is listed once more and then
dropped. A group with nothing left is closed but kept (a few bytes per receiver
and region): its next alert opens a new thread, and its message revisions go on
counting, so `group key:revision` names one message for ever (the idempotency
key of its delivery). Pure code with the clock passed in: the notifier and
`tocsin replay --messages` run the same groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from tocsin.records import Alert, AlertStatus
from tocsin.streams.normalizer import digest


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
    revision: int = Field(ge=1, description="The group's message count: message `first` opens the thread, later ones reply to it.")
    first: int = Field(default=1, ge=1, description="Revision of the message that opened this thread of the group.")
    alerts: list[GroupedAlert]
    at: datetime

    @property
    def thread(self) -> str | None:
        """The message this one follows up (the thread's first), or None for the first."""
        return None if self.revision == self.first else f"{self.group_key}:{self.first}"


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
    first: int = Field(default=1, description="Revision of the first message of the group's current thread.")

    def reopen(self, now: datetime) -> None:
        """A closed group gets an alert again: a new incident, a new thread (revisions go on counting)."""
        self.opened, self.last_sent, self.first, self.sent = now, None, self.revision + 1, {}

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
        return Message(
            receiver=self.receiver, group=self.labels, group_key=self.key, revision=self.revision, first=self.first, alerts=listed, at=now
        )


def group_labels(alert: Alert, group_by: Iterable[str]) -> dict[str, str]:
    """The alert's values of the grouping labels (missing ones are empty: they group together)."""
    return {name: alert.labels.get(name, "") for name in group_by}


class Dispatcher:
    """The groups of every receiver; `add` takes routed alerts, `flush` gives the messages due."""

    def __init__(self) -> None:
        self.groups: dict[str, Group] = {}

    def add(self, alert: Alert, receiver: str, timing: GroupTiming, now: datetime) -> Group | None:
        """Put the alert's newest revision into its group, and return the group (None: there is none).

        A resolution of an alert the group never told is dropped.
        """
        labels = group_labels(alert, timing.group_by)
        key = group_key(receiver, labels)
        group = self.groups.get(key)
        if alert.status == AlertStatus.RESOLVED and (group is None or alert.fingerprint not in group.sent):
            if group is not None:
                group.alerts.pop(alert.fingerprint, None)
            return group
        if group is None:
            group = self.groups[key] = Group(key=key, receiver=receiver, labels=labels, timing=timing, opened=now)
        elif not group.alerts and group.revision:
            group.reopen(now)
        current = group.alerts.get(alert.fingerprint)
        if current is None or alert.revision > current.revision:
            group.alerts[alert.fingerprint] = alert
        return group

    def flush(self, now: datetime) -> list[Message]:
        """Every message due at `now` (groups left with no alert stay, closed)."""
        return [group.flush(now) for group in self.groups.values() if group.due(now)]

    def open(self) -> bool:
        """Whether any group has alerts (a message may still come)."""
        return any(group.alerts for group in self.groups.values())


def group_key(receiver: str, labels: dict[str, str]) -> str:
    """The stable id of a receiver's group with these grouping labels."""
    return digest(receiver, *(f"{k}={v}" for k, v in sorted(labels.items())))
