"""The HTML parser and the few operations on it that listing and article code share.

selectolax with the Lexbor engine: a C parser that follows the HTML5 parsing rules
(so broken markup is read as a browser reads it) with CSS selectors built in, in one
wheel without dependencies; lxml would need cssselect beside it and parses with
libxml2's older HTML rules.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

BLOCKS = "p, div, li, ul, ol, h1, h2, h3, h4, h5, h6, tr, blockquote, pre, section, article, header, footer, table, dl, dd, dt"
HIDDEN = "script, style, noscript, template"
_PROBE = LexborHTMLParser("<p></p>")


def parse_html(text: str) -> LexborHTMLParser:
    return LexborHTMLParser(text)


def check_selector(selector: str) -> str:
    """`selector` when Lexbor can compile it; a ValueError saying so otherwise (catalog validation at load)."""
    if not selector.strip():
        raise ValueError("empty CSS selector")
    try:
        _PROBE.css(selector)
    except SelectolaxError as exc:
        raise ValueError(f"invalid CSS selector {selector!r}: {exc}") from exc
    return selector


def plain_text(node: LexborNode) -> str:
    """The text of `node` with <br> and block boundaries as line breaks, blank lines and runs of spaces removed.

    Changes the tree (line breaks are inserted as text nodes): call it on a document
    the caller owns and will not serialize again.
    """
    for hidden in node.css(HIDDEN):
        hidden.decompose()
    for br in node.css("br"):
        br.replace_with("\n")
    for block in node.css(BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = (" ".join(line.split()) for line in node.text(deep=True).splitlines())
    return "\n".join(line for line in lines if line)
