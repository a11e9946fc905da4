"""Selectors for page shapes many sources share, so a catalog entry needs only `preset:` and a URL.

telegram: a public channel's web preview, https://t.me/s/<channel>, the newest ~20
posts as `.tgme_widget_message` blocks. Identity is the post's `data-post`
("channel/123"), which Telegram never reuses; the link is the post's permalink
https://t.me/channel/123; the title is the first line or sentence of the text, and
a post without text (a photo or video alone) is skipped: there is nothing to classify.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from tocsin.connectors.pages.listing import Selectors

TELEGRAM_CHANNEL = re.compile(r"^/s/([A-Za-z][A-Za-z0-9_]{3,31})/?$")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Preset:
    selectors: Selectors
    check_url: Callable[[str], str]  # raises ValueError saying what URL the preset needs


def telegram_preview_url(url: str) -> str:
    """`url` when it is a channel's web preview page, https://t.me/s/<channel>.

    A loopback host (http or https) is accepted too, for local mirrors and tests;
    the post links stay https://t.me/... whatever served the page.
    """
    parts = urlsplit(url)
    host_ok = (parts.scheme == "https" and parts.hostname == "t.me") or parts.hostname in LOOPBACK
    if not (host_ok and TELEGRAM_CHANNEL.match(parts.path) and not parts.query):
        raise ValueError(
            "preset telegram needs the channel's web preview URL https://t.me/s/<channel> "
            f"(channel: 4-32 letters, digits or underscores, starting with a letter); url is {url!r}"
        )
    return url


TELEGRAM = Preset(
    Selectors(
        item=".tgme_widget_message[data-post]",
        time=".tgme_widget_message_date time[datetime]",
        summary=".tgme_widget_message_bubble > .tgme_widget_message_text",  # not a replied-to post's quoted text
        id_attribute="data-post",
        link_template="https://t.me/{id}",
    ),
    telegram_preview_url,
)

PRESETS: dict[str, Preset] = {"telegram": TELEGRAM}
