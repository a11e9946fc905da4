"""The stable JSON contract of `tocsin classify`: one result object per text.

`{"id", "signals": [{"type", "confidence", "evidence"}], "places", "regions"}`;
evidence items are `{"text", "start", "end"}` with offsets into the input text.
`places` are every place id named; `regions` the regions the signals are attributed
to (tocsin.streams.places.locate: where the events happened; the first line counts as the
title), or for a text without signals the region it is about.
A bad input line yields `{"id": null, "line": N, "error": "..."}` and the rest go on.
"""

from __future__ import annotations

import json
from datetime import date

from tocsin.streams.classifier import Classifier
from tocsin.streams.places import PlaceMatcher
from tocsin.streams.places.locate import Locator


def classify_text(text: str, classifier: Classifier, places: PlaceMatcher, text_id: object = None, year: int | None = None) -> dict:
    """`year`: when the text was written (clauses dated earlier are history); default this year."""
    detections = classifier.classify(text)
    mentions = places.mentions(text)
    locator = Locator(text, mentions, date.today().year if year is None else year)
    triggers = [[(span.start, span.end) for span in d.evidence] for d in detections] or [[]]
    return {
        "id": text_id,
        "signals": [
            {"type": d.type.value, "confidence": d.confidence, "evidence": [span.model_dump() for span in d.evidence]} for d in detections
        ],
        "places": list(dict.fromkeys(mention.place for mention in mentions)),
        "regions": list(dict.fromkeys(region for spans in triggers for region in locator.regions(spans))),
    }


def classify_line(line: str, number: int, classifier: Classifier, places: PlaceMatcher) -> dict:
    try:
        item = json.loads(line)
        text = item["text"]
        if not isinstance(text, str):
            raise TypeError("'text' must be a string")
    except (ValueError, KeyError, TypeError) as exc:
        return {"id": None, "line": number, "error": f"{type(exc).__name__}: {exc}"}
    return classify_text(text, classifier, places, item.get("id"))
