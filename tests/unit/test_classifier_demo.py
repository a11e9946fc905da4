"""The demo timeline is the classifier's acceptance test: alerts fire, look-alikes stay quiet."""

from __future__ import annotations

import pytest

from tocsin.demo.feeds import Timeline
from tocsin.streams.classifier import Classifier

ITEMS = Timeline().items
CLASSIFIER = Classifier()


def _text(item: dict) -> str:
    """What the detector classifies: title, newline, summary."""
    return f"{item['title']}\n{item['summary']}"


@pytest.mark.parametrize("item", [i for i in ITEMS if i["expect"] == "alert"], ids=lambda i: i["guid"])
def test_alert_items_carry_a_signal_they_are_meant_to(item: dict) -> None:
    found = {d.type.value for d in CLASSIFIER.classify(_text(item))}
    assert set(item["signals"]) & found


@pytest.mark.parametrize("item", [i for i in ITEMS if i["expect"] == "none"], ids=lambda i: i["guid"])
def test_look_alikes_carry_no_signal(item: dict) -> None:
    assert CLASSIFIER.classify(_text(item)) == []
