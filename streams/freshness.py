"""Whether an article is news now: only live items may fire or update an alert.

Feeds carry their back catalogue: a two-year-old item, or the last days of a feed
just added to the catalog, reaches the pipeline like fresh news. Such items still
join stories and count into baselines (a spike needs to know what normal was),
but an alert built on them would page people for yesterday's events.
"""

from __future__ import annotations

from datetime import timedelta

from tocsin.records import ArticleRef

#: The default of the `max_item_age` setting.
DEFAULT_MAX_AGE = timedelta(hours=48)


def is_live(article: ArticleRef, max_age: timedelta = DEFAULT_MAX_AGE) -> bool:
    """Fetched within `max_age` of its publication, and not part of a new source's back catalogue."""
    return not article.backfill and article.fetched - article.published <= max_age
