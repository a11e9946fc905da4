"""normalize(): RawArticle to Article — ids, canonical URL, clean text and content fingerprint.

(tests/unit/test_normalizer.py belongs to another change; this file covers the rest.)
"""

from __future__ import annotations

import pytest

from tests.unit.factories import raw_article
from tocsin.streams.normalizer import digest, fingerprint, normalize
from tocsin.text import MAX_TEXT_CHARS


def test_fields_are_cleaned_and_carried_over() -> None:
    raw = raw_article(title="  <b>Shelling</b>&nbsp;reported ", summary="<p>Artillery\n\nfire overnight.</p>")
    article = normalize(raw)
    assert (article.title, article.text) == ("Shelling reported", "Artillery fire overnight.")
    assert article.canonical_url == "https://example.com/news/1"
    assert article.url == raw.url
    assert (article.source_id, article.guid, article.language) == (raw.source_id, raw.guid, raw.language)
    assert (article.published, article.fetched) == (raw.published, raw.fetched)
    assert article.story_id == article.fingerprint
    assert article.story_sources == 1


def test_article_id_depends_on_source_and_guid_only() -> None:
    base = normalize(raw_article())
    assert normalize(raw_article(title="Edited headline")).article_id == base.article_id
    assert normalize(raw_article(guid="guid-2")).article_id != base.article_id
    assert normalize(raw_article(source_id="other-source")).article_id != base.article_id


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("SHELLING REPORTED", "artillery fire overnight"),
        ("Shelling, reported!", "Artillery  fire — overnight..."),
        ("Shelling\treported", "\nArtillery fire overnight\n"),
    ],
)
def test_fingerprint_ignores_case_punctuation_and_spacing(title: str, text: str) -> None:
    assert fingerprint(title, text) == fingerprint("Shelling reported", "Artillery fire overnight.")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Shelling reported", "Artillery fire overnight again"),
        ("Reported shelling", "Artillery fire overnight."),
        ("Shelling denied", "Artillery fire overnight."),
    ],
)
def test_fingerprint_changes_with_words(title: str, text: str) -> None:
    assert fingerprint(title, text) != fingerprint("Shelling reported", "Artillery fire overnight.")


def test_same_story_from_two_sources_shares_story_id() -> None:
    first = normalize(raw_article(source_id="a", guid="x", url="https://a.example/1"))
    second = normalize(raw_article(source_id="b", guid="y", url="https://b.example/2", title="SHELLING REPORTED"))
    assert first.story_id == second.story_id
    assert first.article_id != second.article_id


def test_digest_is_stable_short_hex_and_separates_parts() -> None:
    value = digest("a", "b")
    assert value == digest("a", "b") and len(value) == 20 and int(value, 16) >= 0
    assert digest("ab", "") != digest("a", "b")


def test_digest_survives_lone_surrogates() -> None:
    assert len(digest("\ud800broken")) == 20


def test_huge_summary_is_capped() -> None:
    article = normalize(raw_article(summary="<p>" + "word " * 1_000_000 + "</p>"))
    assert len(article.text) <= MAX_TEXT_CHARS


def test_markup_only_summary_gives_empty_text() -> None:
    assert normalize(raw_article(summary="<script>x()</script><img src=a>")).text == ""
