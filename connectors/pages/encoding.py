"""Bytes of an HTML page to text, with the charset a browser would pick.

Order of authority as in the HTML standard's sniffing: a byte-order mark, then the
HTTP `charset`, then a `<meta charset>` in the first 1024 bytes, then UTF-8.
Invalid byte sequences are replaced, never fatal: one bad byte must not cost a
page of news, but the caller is told so the source can be fixed.
"""

from __future__ import annotations

import codecs
import re

PRESCAN_BYTES = 1024
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str | None]:
    """The page as text and a one-line problem (invalid bytes replaced), or None when it decoded cleanly."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return _decode(body[len(bom) :], encoding)
    declared = _http_charset(content_type) or _meta_charset(body[:PRESCAN_BYTES])
    return _decode(body, declared or "utf-8")


def _decode(body: bytes, encoding: str) -> tuple[str, str | None]:
    try:
        return body.decode(encoding), None
    except UnicodeDecodeError as exc:
        return body.decode(encoding, errors="replace"), f"invalid bytes for {encoding} (first at byte {exc.start}) replaced"


def _http_charset(content_type: str | None) -> str | None:
    match = HTTP_CHARSET.search(content_type or "")
    return _known(match.group(1)) if match else None


def _meta_charset(head: bytes) -> str | None:
    """The meta tag's charset; one claiming UTF-16 cannot be true (the tag was readable as ASCII): UTF-8, as browsers do."""
    match = META_CHARSET.search(head)
    name = _known(match.group(1).decode("ascii", "replace")) if match else None
    return "utf-8" if name and name.startswith("utf-16") else name


def _known(label: str) -> str | None:
    """Python's name for a charset label; None for one it does not know, so the next source of truth decides."""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
