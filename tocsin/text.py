"""HTML to plain text and Unicode/whitespace normalization, robust to any input."""

from __future__ import annotations

import html
import re
import unicodedata

# Texts are cut at MAX_TEXT_CHARS before classification: news leads carry the
# signal, and a 10 MB "summary" must not stall a worker (docs/classification.md).
from tocsin.records import MAX_TEXT_CHARS

__all__ = ["MAX_TEXT_CHARS", "REASON_CHARS", "clean", "html_to_text", "normalize_text", "one_line"]

#: Length of a reason (an error from a server, library or parser) kept in logs and records.
REASON_CHARS = 200

_TAG = re.compile(r"<[^>]*>")
_DROP_BLOCKS = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6])\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_NEWLINES = re.compile(r"\s*[\r\n]\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: The characters on which `_SPACE` and `_NEWLINES` differ from `str.split` once control
#: characters are gone: a zero-width space (a space to `_SPACE`, none to `str.split`)
#: and separators that `str.split` splits at but that are kept unless a line break is
#: in their run.
_NOT_AS_SPLIT = re.compile("[\x85\u1680\u2028\u2029\u200b]")


def html_to_text(markup: str) -> str:
    """Strip tags (and script/style content), decode entities, keep paragraph breaks as spaces."""
    if "<" in markup:
        markup = _DROP_BLOCKS.sub(" ", markup)
        markup = _BREAKS.sub("\n", markup)
        markup = _TAG.sub(" ", markup)
    return html.unescape(markup)


def normalize_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """NFC, no control characters, single spaces, trimmed, at most `limit` characters."""
    text = unicodedata.normalize("NFC", text[: limit * 2])
    return _single_spaced(_CONTROL.sub(" ", text))[:limit]


def _single_spaced(text: str) -> str:
    """Runs of spaces, and runs of whitespace that hold a line break, as one space; trimmed.

    Why two ways: `str.split` does this in one pass in C, several times faster than
    the two substitutions, on every text without a character of `_NOT_AS_SPLIT`;
    there the substitutions, which define the result, run."""
    if _NOT_AS_SPLIT.search(text) is None:
        return " ".join(text.split())
    return _NEWLINES.sub(" ", _SPACE.sub(" ", text)).strip()


def clean(markup: str, limit: int = MAX_TEXT_CHARS) -> str:
    return normalize_text(html_to_text(markup), limit)


def one_line(text: str, limit: int = REASON_CHARS) -> str:
    """Collapse whitespace and cut, so a reason from a server, library or parser fits one log line."""
    return " ".join(text.split())[:limit]
