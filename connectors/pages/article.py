"""The main text of an article page, for items whose listing or feed gives too little text to classify.

A small text-density heuristic on the same parser rather than trafilatura or
readability-lxml: those bring lxml and (trafilatura) half a dozen more packages for
a job where a lead paragraph or two is enough. The container whose paragraphs
hold the most text outside links wins; boilerplate elements are dropped first.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable

from tocsin.connectors.fetcher import Fetched, FetchError
from tocsin.connectors.pages.dom import parse_html, plain_text
from tocsin.connectors.pages.encoding import decode_html
from tocsin.records import MAX_TEXT_CHARS, RawArticle

log = logging.getLogger(__name__)

MAX_FETCHES_PER_POLL = 5  # extra requests one poll may make; the rest keep their short text
MIN_PARAGRAPH_CHARS = 25  # shorter <p>s are captions, bylines, buttons
MAX_LINK_DENSITY = 0.5  # a paragraph mostly made of links is navigation
BOILERPLATE = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, figure"
CONTAINERS = "article, [itemprop=articleBody], main"


def main_text(body: bytes, content_type: str | None = None) -> str:
    """The article's paragraphs as plain text, one per line; '' when the page has no readable body text."""
    text, _ = decode_html(body, content_type)
    document = parse_html(text)
    for node in document.css(BOILERPLATE):
        node.decompose()
    scores: dict[int, float] = {}
    holders = {}
    for paragraph in document.css("p"):
        weight = _weight(paragraph)
        for holder, share in ((paragraph.parent, 1.0), (paragraph.parent.parent if paragraph.parent else None, 0.5)):
            if weight and holder is not None:
                scores[holder.mem_id] = scores.get(holder.mem_id, 0.0) + weight * share
                holders[holder.mem_id] = holder
    if scores:
        best = holders[max(scores, key=scores.__getitem__)]
        paragraphs = [plain_text(p) for p in best.css("p") if _weight(p)]
        return "\n".join(paragraphs)[:MAX_TEXT_CHARS]
    container = document.css_first(CONTAINERS)
    return plain_text(container)[:MAX_TEXT_CHARS] if container is not None else ""


def _weight(paragraph) -> float:
    """The paragraph's characters outside links; 0 for a short or link-heavy one."""
    text = paragraph.text(deep=True).strip()
    if len(text) < MIN_PARAGRAPH_CHARS:
        return 0.0
    linked = sum(len(a.text(deep=True).strip()) for a in paragraph.css("a"))
    return 0.0 if linked / len(text) > MAX_LINK_DENSITY else float(len(text) - linked)


async def extend_short_summaries(
    articles: list[RawArticle],
    min_chars: int,
    fetch_page: Callable[[str], Awaitable[Fetched]],
    *,
    source_id: str,
    budget: int = MAX_FETCHES_PER_POLL,
) -> tuple[list[RawArticle], Counter[str]]:
    """`articles` with the summaries shorter than `min_chars` replaced by their page's main text.

    At most `budget` pages are fetched (concurrently; the caller's fetch applies
    its limits and per-host slots). An item whose page fails or has no text keeps
    its short summary: it is still news. The counter holds one bounded result
    name per item considered: ok, fetch_failed, no_text, over_budget.
    """
    short = [i for i, article in enumerate(articles) if article.has_link and len(article.summary) < min_chars]
    results: Counter[str] = Counter(over_budget=max(0, len(short) - budget))
    texts = await asyncio.gather(*(_page_text(fetch_page, articles[i].url, source_id) for i in short[:budget]))
    extended = list(articles)
    for i, (result, text) in zip(short, texts):
        results[result] += 1
        if len(text) > len(articles[i].summary):
            extended[i] = articles[i].model_copy(update={"summary": text})
    return extended, +results


async def _page_text(fetch_page: Callable[[str], Awaitable[Fetched]], url: str, source_id: str) -> tuple[str, str]:
    try:
        page = await fetch_page(url)
    except FetchError as exc:
        log.warning("source %s: article %s: fetch failed, keeping the short summary: %s", source_id, url, exc.reason)
        return "fetch_failed", ""
    text = main_text(page.body, page.content_type)
    if not text:
        log.info("source %s: article %s: no main text found, keeping the short summary", source_id, url)
        return "no_text", ""
    return "ok", text
