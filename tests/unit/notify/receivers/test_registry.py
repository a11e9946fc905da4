"""The registry of kinds and the contract they share: names, secrets from EnvName fields, grouping, building."""

from __future__ import annotations

import httpx
import pytest

from tocsin.streams.notify.receivers.email import EmailConfig
from tocsin.streams.notify.receivers.kind import Kind, ReceiverConfig, Resources
from tocsin.streams.notify.receivers.registry import KINDS, Registry
from tocsin.streams.notify.receivers.slack import SlackBotReceiver, SlackConfig, SlackWebhookReceiver
from tocsin.streams.notify.receivers.webhook import WebhookConfig


def test_the_built_in_kinds_and_which_group_themselves() -> None:
    assert KINDS.names() == {"console", "slack", "webhook", "email", "alertmanager"}
    assert [kind.name for kind in KINDS if not kind.grouped] == ["alertmanager"]


def test_a_kind_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="'slack' is registered twice"):
        Registry(*KINDS, KINDS["slack"])


def test_secrets_are_the_fields_typed_env_name_that_are_set() -> None:
    webhook = WebhookConfig(kind="webhook", name="ops", url="https://ops.example/hook", secret_env="OPS_KEY")
    bot = SlackConfig(kind="slack", name="chat", token_env="BOT_TOKEN", channel="C01")
    mail = EmailConfig.model_validate({"kind": "email", "name": "m", "host": "h", "from": "t@example.org", "to": ["d@example.org"]})
    assert (webhook.variables(), bot.variables(), mail.variables()) == ({"secret_env": "OPS_KEY"}, {"token_env": "BOT_TOKEN"}, {})


async def test_slack_receivers_posting_to_one_place_share_a_rate_limiter() -> None:
    async with httpx.AsyncClient() as client:
        resources = Resources(client, 5.0, {"URL": "https://hooks.example/x", "BOT": "xoxb-1"}, {})
        first, second = (KINDS.build(SlackConfig(kind="slack", name=name, url_env="URL"), resources) for name in ("a", "b"))
        bot = KINDS.build(SlackConfig(kind="slack", name="c", token_env="BOT", channel="C01"), resources)
    assert isinstance(first, SlackWebhookReceiver) and isinstance(second, SlackWebhookReceiver) and isinstance(bot, SlackBotReceiver)
    assert first.limiter is second.limiter and bot.limiter is not first.limiter


def test_a_config_without_its_kind_literal_is_refused_when_registered() -> None:
    class Loose(ReceiverConfig):
        pass

    with pytest.raises(TypeError, match="Loose.kind must be one Literal value"):
        Registry(Kind(Loose, KINDS["console"].build))
