"""The telegram preset on a page in the shape of t.me/s/<channel> (tests/fixtures/telegram_channel.html)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tocsin.connectors.pages.listing import parse_listing
from tocsin.connectors.pages.presets import TELEGRAM, telegram_preview_url

PAGE = (Path(__file__).resolve().parents[1] / "fixtures" / "telegram_channel.html").read_bytes()
FETCHED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def articles():
    parsed = parse_listing(
        PAGE, TELEGRAM.selectors, source_id="tg", url="https://t.me/s/tocsin_test", fetched=FETCHED, content_type="text/html; charset=utf-8"
    )
    assert parsed.error is None
    return parsed.articles


def test_posts_become_items_with_post_identity_and_permalink() -> None:
    items = articles()
    assert [a.guid for a in items] == ["tocsin_test/1201", "tocsin_test/1202", "tocsin_test/1204"], "the photo-only post is skipped"
    assert [a.url for a in items] == [f"https://t.me/tocsin_test/{n}" for n in (1201, 1202, 1204)]
    assert all(a.has_link and not a.published_missing for a in items)
    assert items[0].published == datetime(2026, 11, 20, 4, 15, 42, tzinfo=UTC), "+04:00 normalized to UTC"


def test_title_is_the_first_line_and_summary_the_whole_text_with_line_breaks() -> None:
    russian, armenian, _ = articles()
    assert russian.title == "🚨 Обстрел в районе Тавуша"
    assert russian.summary == "🚨 Обстрел в районе Тавуша\nЖители сообщают о взрывах у границы. Подробнее"
    assert armenian.title == "Տավուշի մարզի սահմանամերձ գյուղերը գիշերը գնդակոծվել են։ Զոհեր չկան։"
    assert armenian.summary.endswith("\nShelling of border villages in Tavush overnight, no casualties. 🇦🇲")


def test_a_reply_uses_its_own_text_not_the_quoted_post_and_long_titles_are_cut() -> None:
    reply = articles()[2]
    assert reply.summary.startswith("UPDATE: the regional governor ordered the evacuation") and "Обстрел" not in reply.summary
    assert reply.title.endswith("…") and len(reply.title) <= 161 and reply.summary.startswith(reply.title[:-1])


@pytest.mark.parametrize("url", ["https://t.me/s/tocsin_test", "https://t.me/s/Tocsin_Test2/", "http://127.0.0.1:8080/s/tocsin_test"])
def test_preview_urls_accepted(url: str) -> None:
    assert telegram_preview_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "https://t.me/tocsin_test",
        "http://t.me/s/tocsin_test",
        "https://t.me/s/abc",
        "https://evil.example/s/tocsin_test",
        "https://t.me/s/tocsin_test?before=10",
        "https://t.me/s/tocsin_test/1201",
    ],
)
def test_other_urls_refused_with_what_is_needed(url: str) -> None:
    with pytest.raises(ValueError, match=r"needs the channel's web preview URL https://t.me/s/<channel>"):
        telegram_preview_url(url)
