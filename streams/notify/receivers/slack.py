"""`kind: slack`: Block Kit messages through an incoming webhook, or through a bot token whose messages thread.

Titles come from the open web. Slack treats `<!channel>`, `<@U123>` and
`<url|text>` as markup, so `&`, `<` and `>` are escaped as Slack documents. At
most one message a second goes to one webhook or channel (Slack's limit): the
receivers posting there share a rate limiter.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import httpx
from pydantic import Field, model_validator

from tocsin.records import Alert, AlertStatus
from tocsin.streams.notify.dispatch import GroupedAlert, Message
from tocsin.streams.notify.receivers.http import post_json
from tocsin.streams.notify.receivers.kind import DeliveryError, EnvName, HttpUrl, Kind, RateLimiter, ReceiverConfig, Resources, as_message
from tocsin.streams.notify.render import change, group_title, headline, incident_subject, one_line

SLACK_INTERVAL_SECONDS = 1.0
SEVERITY_MARK = {"critical": "🔴", "warning": "🟠", "info": "🔵"}
#: Slack accepts 50 blocks a message: the header and this many alerts (the rest are counted).
SLACK_MAX_ALERTS = 48

#: Slack Web API errors that no retry fixes.
SLACK_PERMANENT = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "missing_scope",
        "invalid_blocks",
        "msg_too_long",
    }
)


class SlackConfig(ReceiverConfig):
    """An incoming webhook (`url_env`), or a bot token (`token_env` and `channel`): only a bot can reply in a thread."""

    kind: Literal["slack"]
    url_env: EnvName | None = Field(default=None, description="Variable holding the incoming-webhook URL (the URL is the credential).")
    token_env: EnvName | None = Field(default=None, description="Variable holding a bot token (xoxb-...) allowed chat:write.")
    channel: str | None = Field(default=None, min_length=1, description="Channel id (or name) a bot token posts to.")
    api_url: HttpUrl = Field(default="https://slack.com/api", description="Slack's Web API base URL.")

    @model_validator(mode="after")
    def _webhook_or_bot(self) -> SlackConfig:
        if (self.url_env is None) == (self.token_env is None):
            raise ValueError("give url_env (incoming webhook) or token_env and channel (bot token), not both")
        if (self.token_env is None) != (self.channel is None):
            raise ValueError("token_env and channel go together")
        return self


def slack_escape(text: str) -> str:
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_alert(item: GroupedAlert) -> dict[str, Any]:
    """A Block Kit section of one alert of a message: its change, headline, facts, summary and linked evidence."""
    alert = item.alert
    mark = "✅" if alert.status == AlertStatus.RESOLVED else SEVERITY_MARK.get(alert.severity.value, "")
    lines = [
        f"{mark} *{change(item)}* {slack_escape(headline(alert))}",
        f"{alert.severity.value} · {slack_escape(alert.labels.get('region', '-'))} · {alert.counts.sources} source(s) · "
        f"{alert.status.value} (rev {alert.revision})",
        slack_escape(alert.summary),
    ]
    lines += [
        f"• <{slack_escape(evidence.url)}|{slack_escape(evidence.title)[:150]}> — {slack_escape(evidence.source_id)}, "
        f"{evidence.published:%H:%M}Z, _{slack_escape(evidence.excerpt)[:100]}_"
        for evidence in alert.evidence
    ]
    return {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:2900]}}


def slack_message_payload(message: Message) -> dict[str, Any]:
    """Slack JSON of a grouped message: the first lists every alert; an update is compact, naming the first and
    listing only what changed (it stands in the thread, or after the first in a channel without threads)."""
    update = message.thread is not None
    header = (
        f"Update {message.revision - message.first} of {incident_subject(message)} (first message {message.first})"
        if update
        else group_title(message)
    )
    listed = [item for item in message.alerts if item.new or not update]
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": one_line(header, 150)}}]
    blocks += [_slack_alert(item) for item in listed[:SLACK_MAX_ALERTS]]
    if len(listed) > SLACK_MAX_ALERTS:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"and {len(listed) - SLACK_MAX_ALERTS} more alert(s)"}})
    return {"text": slack_escape(header), "blocks": blocks}


class SlackWebhookReceiver:
    """Posts Block Kit JSON to a Slack (or Slack-compatible) incoming webhook, rate limited.

    An incoming webhook cannot reply in a thread: a group's later messages are
    compact updates that name the first one.
    """

    def __init__(self, name: str, url: str, client: httpx.AsyncClient, limiter: RateLimiter):
        self.name = name
        self.url = url
        self.client = client
        self.limiter = limiter

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        payload = slack_message_payload(as_message(notice, self.name))
        await self.limiter.wait()
        await post_json(self.client, self.url, json.dumps(payload).encode(), {"Idempotency-Key": idempotency_key})


class SlackBotReceiver:
    """Posts with a bot token through Slack's Web API (`chat.postMessage`): a group's later messages reply in the
    thread of its first, whose `ts` this returns (the notifier keeps it in the delivery record)."""

    def __init__(self, name: str, api_url: str, token: str, channel: str, client: httpx.AsyncClient, limiter: RateLimiter):
        self.name = name
        self.url = api_url.rstrip("/") + "/chat.postMessage"
        self.token = token
        self.channel = channel
        self.client = client
        self.limiter = limiter

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> str:
        payload = {"channel": self.channel, **slack_message_payload(as_message(notice, self.name))}
        if thread:
            payload["thread_ts"] = thread
        await self.limiter.wait()
        response = await post_json(self.client, self.url, json.dumps(payload).encode(), {"Authorization": f"Bearer {self.token}"})
        try:
            answer = response.json()
        except ValueError as exc:
            raise DeliveryError("Slack API: the answer is not JSON") from exc
        if not answer.get("ok"):
            error = str(answer.get("error", "unknown error"))
            raise DeliveryError(f"Slack API: {error}", permanent=error in SLACK_PERMANENT)
        return str(answer["ts"])


def build(config: SlackConfig, resources: Resources) -> SlackWebhookReceiver | SlackBotReceiver:
    """A bot when the config has a token, else an incoming webhook; one rate limiter per webhook URL or channel."""
    if config.token_env is not None and config.channel is not None:
        limiter = resources.limiter(f"{config.api_url} {config.channel}", SLACK_INTERVAL_SECONDS)
        token = resources.secrets[config.token_env]
        return SlackBotReceiver(config.name, config.api_url, token, config.channel, resources.client, limiter)
    assert config.url_env is not None  # the config's validator: one or the other
    url = resources.secrets[config.url_env]
    return SlackWebhookReceiver(config.name, url, resources.client, resources.limiter(url, SLACK_INTERVAL_SECONDS))


KIND = Kind(SlackConfig, build)
