"""The stable JSON contract of `tocsin classify`: one result object per text.

`{"id", "signals": [{"type", "confidence", "evidence"}], "places", "regions"}`;
evidence items are `{"text", "start", "end"}` with offsets into the input text.
A bad input line yields `{"id": null, "line": N, "error": "..."}` and the rest go on.
"""

from __future__ import annotations

import json

from streams.classifier import Classifier
from streams.places import PlaceMatcher


def classify_text(text: str, classifier: Classifier, places: PlaceMatcher, text_id: object = None) -> dict:
    place_ids = places.places(text)
    return {
        "id": text_id,
        "signals": [
            {"type": d.type.value, "confidence": d.confidence, "evidence": [span.model_dump() for span in d.evidence]}
            for d in classifier.classify(text)
        ],
        "places": place_ids,
        "regions": places.regions(place_ids),
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
