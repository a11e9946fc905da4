"""Language identification and the declared-versus-detected policy (streams/language.py)."""

from __future__ import annotations

import pytest

from tests.unit.factories import raw_article
from tocsin.streams.language import MIN_LETTERS, SAMPLE_CHARS, choose, detect, primary_subtag
from tocsin.streams.normalizer import normalize

#: Sentences written for these tests: a headline-and-lead's worth in each language.
SENTENCES = {
    "en": "Artillery shelling hit the outskirts of the city overnight, local officials said.",
    "ru": "Ночью артиллерия обстреляла окраины города, сообщили местные власти.",
    "uk": "Уночі артилерія обстріляла околиці міста, повідомили місцеві посадовці.",
    "hy": "Գիշերը հրետանին գնդակոծել է քաղաքի ծայրամասերը, հայտնել են տեղական իշխանությունները։",
    "az": "Gecə artilleriya şəhərin kənarlarını atəşə tutub, yerli rəsmilər bildirib.",
    "ar": "قصفت المدفعية أطراف المدينة خلال الليل، بحسب مسؤولين محليين.",
    "fr": "L'artillerie a pilonné la périphérie de la ville pendant la nuit, selon les autorités locales.",
}


@pytest.mark.parametrize(("language", "text"), SENTENCES.items())
def test_each_watched_language_is_detected(language: str, text: str) -> None:
    guess = detect(text)
    assert guess.language == language and guess.confidence >= 0.9


@pytest.mark.parametrize("text", ["", "Kyiv", "12:45 — 3/4", "!!! ??? ...", "\x00\x01\x02"])
def test_too_little_text_gives_no_guess(text: str) -> None:
    assert detect(text).language is None


def test_the_letter_threshold_counts_letters_only() -> None:
    """Judged from MIN_LETTERS letters on, however many digits, spaces and marks come between."""
    letters = "1, 2: " + "a " * (MIN_LETTERS - 1)
    assert detect(letters + "9 ... 0").confidence == 0.0
    assert detect(letters + "b").confidence > 0.0


def test_confident_detection_replaces_a_contradicting_declared_language() -> None:
    assert choose("en", SENTENCES["ru"]) == "ru"


def test_declared_language_stands_when_detection_agrees_or_has_no_evidence() -> None:
    assert choose("en-GB", SENTENCES["en"]) == "en"
    assert choose("hy", "Ստեփանակերտ") == "hy"  # one word: no evidence, the feed is believed
    assert choose(None, "Kyiv") is None


def test_declared_tags_reduce_to_their_primary_subtag() -> None:
    assert [primary_subtag(tag) for tag in ("en-GB", "RU_ru", " fr ", "x", "", None, "en-1")] == ["en", "ru", "fr", None, None, None, "en"]


def test_long_text_is_judged_on_its_start() -> None:
    """A 10 MB text costs what its first SAMPLE_CHARS characters cost, and is judged by them."""
    huge = SENTENCES["fr"] * (SAMPLE_CHARS // len(SENTENCES["fr"]) + 1) + SENTENCES["ru"] * 100_000
    assert len(huge) > 6_000_000
    assert detect(huge).language == "fr"


def test_mixed_scripts_give_the_dominant_language() -> None:
    assert detect(SENTENCES["uk"] + " Kyiv, Kharkiv.").language == "uk"


def test_normalizer_sets_the_detected_language() -> None:
    article = normalize(raw_article(title="Обстрел Степанакерта", summary=f"<p>{SENTENCES['ru']}</p>", language="en"))
    assert article.language == "ru"
    assert normalize(raw_article(title="Update", summary="", language="de")).language == "de"
