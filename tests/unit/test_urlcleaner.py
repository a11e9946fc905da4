"""canonical_url: one article reached by several links gets one canonical URL."""

from __future__ import annotations

import pytest

from tocsin.urlcleaner import canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://WWW.Example.COM/News/Story", "https://example.com/News/Story"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&fbclid=x&gclid=y", "https://example.com/a"),
        ("https://example.com/a?REF=rss&Utm_Campaign=z", "https://example.com/a"),
        ("https://example.com/a?id=5&utm_source=rss", "https://example.com/a?id=5"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("https://m.example.com/a", "https://example.com/a"),
        ("https://mobile.example.com/a", "https://example.com/a"),
        ("https://amp.example.com/a", "https://example.com/a"),
        ("https://example.com/a/amp/", "https://example.com/a"),
        ("https://example.com/amp/a", "https://example.com/a"),
        ("https://example.com/a.amp", "https://example.com/a"),
        ("https://example.com/a?amp=1&id=2", "https://example.com/a?id=2"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a/", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com./a", "https://example.com/a"),
        ("  https://example.com/a \n", "https://example.com/a"),
    ],
)
def test_canonical_form(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://m.co/a",  # a two-label host is not a mobile variant
        "https://example.com/Case/Sensitive/Path",
        "https://example.com/amp",  # a path that is only "amp" is kept
        "https://example.com/?id=42",
    ],
)
def test_meaningful_parts_are_kept(url: str) -> None:
    assert canonical_url(url) == url


def test_variants_of_one_article_agree() -> None:
    variants = [
        "https://www.example.com/world/story-1",
        "http://example.com/world/story-1/?utm_source=twitter#top",
        "https://m.example.com/world/story-1/amp",
        "https://EXAMPLE.com/amp/world/story-1",
    ]
    assert len({canonical_url(url) for url in variants}) == 1


def test_idempotent() -> None:
    url = "HTTP://m.Example.com:80/a/amp/?utm_source=x&b=2&a=1#f"
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize("url", ["", "not a url", "https://", "mailto:someone@example.com", "https://[::1]/x", "https://example.com:/x"])
def test_odd_input_does_not_raise(url: str) -> None:
    try:
        canonical_url(url)
    except ValueError:
        pytest.fail(f"canonical_url raised on {url!r}")
