"""Feed dates to aware UTC datetimes: the formats feeds really use, cheapest first.

RFC 822 (with US zone names such as EST/PDT) and ISO 8601 cover nearly every feed
and are parsed by the standard library; anything else goes to feedparser's date
handlers (asctime, W3C-DTF variants, Korean/Greek/Hungarian forms), so the fast path
reads no fewer dates than feedparser. Month and day names in a few more languages
(e.g. Portuguese "Seg, 24 Set 2018") are translated to English and tried again:
feedparser does not read them, and an undated item would be stamped with the fetch time.
A date without a zone is taken as UTC, as feedparser does.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from feedparser.datetimes import _parse_date as feedparser_date  # the compatibility baseline's own handlers

ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
LOCAL_MONTHS = {  # month names and abbreviations (lower case, as printed) -> month number
    # Portuguese, Spanish, Italian
    **dict.fromkeys(("janeiro", "enero", "gennaio", "gen", "ene"), 1),
    **dict.fromkeys(("fevereiro", "fev", "febrero", "febbraio"), 2),
    **dict.fromkeys(("março", "marco", "marzo"), 3),
    **dict.fromkeys(("abril", "abr", "aprile"), 4),
    **dict.fromkeys(("maio", "mai", "mayo", "maggio", "mag"), 5),
    **dict.fromkeys(("junho", "junio", "giugno", "giu"), 6),
    **dict.fromkeys(("julho", "julio", "luglio", "lug"), 7),
    **dict.fromkeys(("agosto", "ago"), 8),
    **dict.fromkeys(("setembro", "set", "septiembre", "settembre"), 9),
    **dict.fromkeys(("outubro", "out", "octubre", "ottobre", "ott"), 10),
    **dict.fromkeys(("novembro", "noviembre", "novembre"), 11),
    **dict.fromkeys(("dezembro", "dez", "diciembre", "dic", "dicembre"), 12),
    # French, German
    **dict.fromkeys(("janvier", "janv", "januar", "jän"), 1),
    **dict.fromkeys(("février", "févr", "fevrier", "februar"), 2),
    **dict.fromkeys(("mars", "märz", "mär", "maerz"), 3),
    **dict.fromkeys(("avril", "avr"), 4),
    **dict.fromkeys(("juin",), 6),
    **dict.fromkeys(("juillet", "juil", "juli"), 7),
    **dict.fromkeys(("août", "aout"), 8),
    **dict.fromkeys(("septembre",), 9),
    **dict.fromkeys(("octobre", "oktober", "okt"), 10),
    **dict.fromkeys(("décembre", "dezember", "déc"), 12),
    # Russian (genitive, as dates print them)
    **dict.fromkeys(("января", "янв"), 1),
    **dict.fromkeys(("февраля", "фев"), 2),
    **dict.fromkeys(("марта", "мар"), 3),
    **dict.fromkeys(("апреля", "апр"), 4),
    **dict.fromkeys(("мая",), 5),
    **dict.fromkeys(("июня", "июн"), 6),
    **dict.fromkeys(("июля", "июл"), 7),
    **dict.fromkeys(("августа", "авг"), 8),
    **dict.fromkeys(("сентября", "сен"), 9),
    **dict.fromkeys(("октября", "окт"), 10),
    **dict.fromkeys(("ноября", "ноя"), 11),
    **dict.fromkeys(("декабря", "дек"), 12),
}
WORD = re.compile(r"[^\W\d_]+\.?")


def parse_date(text: str | None) -> datetime | None:
    """The instant `text` names, in UTC; None when it names none."""
    if not text or not (text := text.strip()):
        return None
    return _standard(text) or _feedparser(text) or _localized(text)


def _standard(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text) if text[:4].isdigit() else parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _utc(when)


def _feedparser(text: str) -> datetime | None:
    parsed = feedparser_date(text)
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6]).replace(tzinfo=UTC)
    except ValueError:
        return None


def _localized(text: str) -> datetime | None:
    """Retry with non-English month names translated; localized day names are dropped."""
    words = WORD.findall(text)
    months = [LOCAL_MONTHS[w.lower().rstrip(".")] for w in words if w.lower().rstrip(".") in LOCAL_MONTHS]
    if not months:
        return None
    translated = WORD.sub(lambda m: _english_month(m.group()), text)
    return _standard(translated.strip(" ,"))


def _english_month(word: str) -> str:
    month = LOCAL_MONTHS.get(word.lower().rstrip("."))
    if month:
        return ENGLISH_MONTHS[month - 1].title()
    if word.upper() in ("GMT", "UTC", "UT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "T"):
        return word
    return ""  # a localized day name: RFC 822 does not need it


def _utc(when: datetime) -> datetime | None:
    try:
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
