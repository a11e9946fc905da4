"""HTML to plain text and normalization: tags, entities, Unicode, whitespace, length."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from tocsin.text import MAX_TEXT_CHARS, REASON_CHARS, clean, html_to_text, normalize_text, one_line


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("<p>First</p><p>second</p>", "First second"),
        ("line<br>break<br/>again", "line break again"),
        ("<script>alert('x')</script>News<style>p { color: red }</style>", "News"),
        ("<SCRIPT type='text/javascript'>var a = '<p>';</SCRIPT>Body", "Body"),
        ("Tom &amp; Jerry &lt;3 &quot;quoted&quot; &#8212; &eacute;", 'Tom & Jerry <3 "quoted" — é'),
        ("A&nbsp;B", "A B"),
        ('<img src="x.jpg" onerror="alert(1)">Caption', "Caption"),
        ("<a href='https://example.com'>link text</a> after", "link text after"),
        ("plain text without markup", "plain text without markup"),
        ("", ""),
    ],
)
def test_clean_markup(markup: str, expected: str) -> None:
    assert clean(markup) == expected


def test_escaped_markup_stays_text() -> None:
    """Entities decode after tag stripping, so an escaped tag is shown, not interpreted."""
    assert html_to_text("&lt;b&gt;not bold&lt;/b&gt;") == "<b>not bold</b>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a \n\n  b\t\tc  ", "a b c"),
        ("a\x00b\x07c\x7fd", "a b c d"),
        ("a\u00a0b\u2009c\u3000d", "a b c d"),
        ("e\u0301te\u0301", "été"),  # NFC: combining accents compose
        ("\r\n\r\nword\r\n", "word"),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_output_is_nfc() -> None:
    text = normalize_text("Cafe\u0301 in Sko\u0308vde")
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize("limit", [1, 10, MAX_TEXT_CHARS])
def test_length_is_capped(limit: int) -> None:
    assert len(clean("word " * (MAX_TEXT_CHARS * 3), limit=limit)) <= limit


def test_default_cap_on_huge_input() -> None:
    assert len(clean("<p>" + "x" * 5_000_000 + "</p>")) == MAX_TEXT_CHARS


@pytest.mark.parametrize(
    "junk",
    [
        "".join(map(chr, random.Random(7).choices(range(0x110000 - 0x800), k=5000)))
        .encode("utf-8", "surrogatepass")
        .decode("utf-8", "replace"),
        bytes(random.Random(8).randbytes(5000)).decode("latin-1"),
        "<" * 1000 + ">" * 1000,
        "<p" * 2000,
        "&#99999999999; &#x110000; &bogus;",
        "שלום עולם \u202e reversed \u202c مرحبا",
    ],
    ids=["unicode-soup", "latin1-bytes", "angle-brackets", "unclosed-tags", "bad-entities", "rtl"],
)
def test_any_input_gives_single_line_text(junk: str) -> None:
    text = clean(junk)
    assert "\n" not in text and "\x00" not in text
    assert text == text.strip()


def test_one_line_folds_whitespace_and_cuts_at_the_limit() -> None:
    assert one_line("HTTP 500\n  Internal\tServer   Error ") == "HTTP 500 Internal Server Error"
    assert len(one_line("x" * 500)) == REASON_CHARS
    assert one_line("a b c", limit=3) == "a b"


def _by_substitution(text: str) -> str:
    """What normalize_text is defined to do with spaces, written as the substitutions."""
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", unicodedata.normalize("NFC", text))
    text = re.sub(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", text)
    return re.sub(r"\s*[\r\n]\s*", " ", text).strip()


def test_spaces_fold_the_same_on_the_fast_path_as_by_substitution() -> None:
    """Texts without a zero-width space or a line/paragraph separator are folded by
    `str.split`; every kind of space, line break and control character gives what the
    substitutions give, with and without those characters."""
    alphabet = "ab \t\n\r\x0b\x0c\x1c\x1f\x00\x7f\x85\xa0\u1680\u2000\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000"
    rng = random.Random(3)
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 24))) for _ in range(5000)]
    assert [normalize_text(text) for text in texts] == [_by_substitution(text) for text in texts]
