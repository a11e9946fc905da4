"""The prefix gate loses no signal: the gated classifier says exactly what the full
trigger alternation says, on every labelled set (read in place from ../shared/corpus,
never copied) and on the project's unseen-news fixture; and the prefix extraction
cuts where a pattern stops being literal instead of guessing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tocsin.streams.classifier import Classifier, Detection
from tocsin.streams.classifier.engine import _WORD_START, LEXICONS, fold
from tocsin.streams.classifier.gate import Gate, beginning, first_characters
from tocsin.streams.classifier.prefixes import gated, prefixes, trie_pattern

ROOT = Path(__file__).resolve().parents[2]
SETS = sorted((ROOT.parent / "shared" / "corpus" / "labeled").glob("*.jsonl")) + [ROOT / "tests" / "fixtures" / "unseen_news.jsonl"]
# The lexicon alone: the relevance model sits after the pass this file checks, and it
# vetoes every signal of bbc_dev, which would leave nothing to compare there.
GATED, UNGATED = Classifier(relevance=None), Classifier(gated=False, relevance=None)


def _outcome(detections: list[Detection]) -> list[tuple[str, float, list[tuple[int, int, str]]]]:
    return [(d.type.value, d.confidence, [(e.start, e.end, e.text) for e in d.evidence]) for d in detections]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_the_gate_changes_no_output(path: Path) -> None:
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 200
    differing = [text[:80] for text in texts if _outcome(GATED.classify(text)) != _outcome(UNGATED.classify(text))]
    assert differing == []
    assert sum(bool(GATED.classify(text)) for text in texts) > 0


def test_mixed_language_text_is_the_same_through_the_gate() -> None:
    text = "Ночью ОБСТРЕЛЯЛИ окраины. Հակառակորդը հրետակոծել է գյուղը։ İşğalçılar kəndi atəşə tutub. 12 people were killed."
    assert _outcome(GATED.classify(text)) == _outcome(UNGATED.classify(text))
    assert {d.type.value for d in GATED.classify(text)} >= {"shelling", "casualties"}


def test_prefixes_are_literal_beginnings_cut_at_the_depth() -> None:
    assert prefixes(r"shell(?:ing|ed)", depth=4) == {("s", "h", "e", "l")}
    assert prefixes(r"air[- ]?strikes?", depth=5) == {("a", "i", "r", r"\-", "s"), ("a", "i", "r", r"\ ", "s"), ("a", "i", "r", "s", "t")}


def test_optional_words_are_read_through_and_open_classes_cut() -> None:
    # an optional leading word gives both beginnings; `\w` ends the literal part
    assert prefixes(r"(?:were )?displaced", depth=6) == {("w", "e", "r", "e", r"\ ", "d"), ("d", "i", "s", "p", "l", "a")}
    assert prefixes(r"обстрел\w*", depth=10) == {tuple("обстрел")}
    # a repeat that may be absent is skipped, or cut after one pass through it
    assert prefixes(r"\d[\d,.]* killed", depth=4) == {(r"\d",), (r"\d", r"\ ", "k", "i")}
    assert prefixes(r"(?<!suicide )car bomb", depth=3) == {("c", "a", "r")}


def test_a_pattern_that_can_start_anywhere_opens_the_gate_everywhere() -> None:
    assert prefixes(r"\w+ing") == {()}
    assert trie_pattern({(), ("a", "b")}) == ""


def test_the_trie_matches_exactly_the_beginnings() -> None:
    gate = re.compile(trie_pattern({("s", "h", "e"), ("s", "h"), ("a", "i", "r"), (r"\d",)}))
    assert [bool(gate.match(word)) for word in ["shelled", "ship", "airstrike", "7", "arm", "s"]] == [True, True, True, True, False, False]


def test_every_trigger_begins_with_a_literal_character() -> None:
    """A trigger that can begin with any character (`\\w+dan geri çəkil...`) opens the gate
    at every word start and is tried there: one such pattern cut BBC throughput tenfold."""
    open_ended = [
        f"{lexicon.__name__}: {pattern[:60]}"
        for lexicon in LEXICONS
        for patterns in lexicon.TRIGGERS.values()
        for pattern, _ in patterns
        if first_characters(rf"(?:{pattern})\b") is None
    ]
    assert open_ended == []


@pytest.mark.parametrize("path", SETS[:3], ids=lambda p: p.stem)
def test_benign_senses_behind_their_gate_match_where_they_did(path: Path) -> None:
    """Each lexicon's benign patterns, searched behind the trie of their beginnings, find
    the same first match in every text (folded, as the classifier searches it)."""
    texts = [fold(json.loads(line)["text"]) for line in path.read_text(encoding="utf-8").splitlines()[:150] if line.strip()]
    patterns = [pattern for lexicon in LEXICONS for pattern in lexicon.BENIGN.values()]

    def spans(compiled: list[re.Pattern[str]]) -> list[tuple[int, int] | None]:
        return [(m.span() if (m := p.search(text)) else None) for p in compiled for text in texts]

    plain = spans([re.compile(p) for p in patterns])
    assert any(plain)
    assert spans([gated(p) for p in patterns]) == plain


#: Numbers as news writes them, in the triggers' languages: separators, spaces and
#: no-break spaces inside numbers (a word start inside one: "000 killed"), numbers
#: glued to letters or followed by punctuation, Arabic-Indic and Persian digits.
NUMBERS = [
    "1,200 people were killed and 1.500 wounded; 1 000 killed in the attack, 12 000 civils tués, 12\u00a0000 personnes tuées",
    '2024, 12 people killed at 05:00. 3 killed in 2023" 5km 10th brigade f-16s 2x 400" 4.7} 1,000, 20%',
    'fired 3 rounds; fired 1,000 shots at them; 5 dead in the blast; 30 have fled; 2 accent 1"/> 6 colorful accent',
    "12 человек погибли; 12 людей загинули; 3 զինծառայող զոհվել; 5 nəfər həlak olub",
    "12 kişi öldü; 1.200 menschen flohen; 12 menschen wurden getötet; 5-ზე მეტი ადამიანი დაიღუპა",
    "12 הרוגים; ١٢ قتيلا; ۱۲ نفر کشته شدند; ٣ مدنيين قتلوا; 12 morti; 12 mortos; 3 feriti; 12 muertos; 1 200 ont fui",
    "30 of them fled; 30 more civilians have fled; 12 personnes civiles ont fui; 4 young palestinians killed; 2 سرباز ارتش کشته شدند",
    "12 muertos y 1.200 desplazados; 12 persone uccise; 1.234.567 fled; 1 234 567 personnes ont fui; 7\u00a0000 habitants tués",
]


@pytest.mark.parametrize("compile_after", [1, 10**9], ids=["alternations", "one-by-one"])
def test_the_gate_stops_exactly_where_some_trigger_matches_at_a_word_start(compile_after: int) -> None:
    """Its candidates tried one by one (a beginning met rarely) or as a compiled
    alternation (a hot one), the gate says what trying every trigger at every word
    start says, and names every trigger that matches among the candidates."""
    patterns = [t.pattern for t in GATED._triggers]
    gate = Gate(patterns, compile_after)
    texts = [fold(json.loads(line)["text"]) for line in SETS[-1].read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["casualties: 12 killed, ١٢ قتيلا, ۱۲ کشته; f-16s struck at 05:00", "2", ""] + [fold(text) for text in NUMBERS]
    numbered = 0
    for text in texts:
        matching = {m.start(): {i for i, p in enumerate(patterns) if p.match(text, m.start())} for m in re.finditer(_WORD_START, text)}
        found = list(gate.offsets(text))
        assert [offset for offset, _ in found] == [offset for offset, indices in matching.items() if indices], text[:80]
        assert all(matching[offset] <= set(candidates) for offset, candidates in found), "a trigger that matches is not a candidate"
        numbered += sum(text[offset].isdecimal() for offset, _ in found)
    assert sum(bool(list(gate.offsets(text))) for text in texts) > len(texts) // 3
    assert numbered > 25  # the number cases above do reach the digit triggers, in every language


def test_prefixes_read_through_numbers_and_repeated_classes_for_a_screen() -> None:
    """With `spans`, a repeat of one character and a large class are one fragment each
    (written back as regex), a lookahead of one class is kept, and a bounded repeat of
    a group is read through pass by pass: the screen reaches the word after a number."""
    assert prefixes(r"\d[\d,.]* killed", depth=4, spans=True) == {(r"\d", r"[\d,\.]{0,}", r"\ ", "k")}
    assert prefixes(r"(?=[\u0600-\u06ff])\d+ x", depth=3, spans=True) == {("(?=[\u0600-\u06ff])", r"[\d]{1,}", r"\ ")}
    assert prefixes(r"\d{1,3}(?:\.\d{3})+ [^ ]+", depth=6, spans=True) == {(r"[\d]{1,3}", r"\.", r"[\d]{3,3}")}
    assert prefixes(r"\d+ (?:\w+ ){0,2}?dead", depth=6, spans=True) == {
        (r"[\d]{1,}", r"\ ", "d", "e", "a", "d"),
        (r"[\d]{1,}", r"\ ", r"[\w]{1,}", r"\ ", "d", "e"),
        (r"[\d]{1,}", r"\ ", r"[\w]{1,}", r"\ ", r"[\w]{1,}", r"\ "),
    }
    assert prefixes(r"\d [^ ]", depth=4, spans=True) == {(r"\d", r"\ ", r"[^\ ]")}


def test_the_screen_at_a_number_rejects_what_no_trigger_can_match() -> None:
    """Every number of a text begins the triggers behind DIGIT; the screen lets through
    the numbers a trigger matches at and rejects years, times and sizes, which is the
    point of it (tried there, they cost news-like texts a third of the gate's time)."""
    behind = [t.pattern for t in GATED._triggers if "\x00" in {beginning(p)[:1] for p in prefixes(t.pattern.pattern)}]
    screen = Gate.screen(behind)
    assert len(behind) > 20
    reported = [
        "12 people were killed",
        "1 234 567 personnes ont fui",
        "1.200 menschen flohen",
        "٣ مدنيين قتلوا",
        "5-ზე მეტი ადამიანი დაიღუპა",
    ]
    for text in map(fold, reported):
        assert any(p.match(text) for p in behind) and screen.match(text), text
    assert [number for number in ["(2024)", "2024: the year", "05:00 gmt", '400" src', "5km", "20%", "4.7}"] if screen.match(number)] == []
    gate = Gate(behind, compile_after=10**9)
    assert list(gate.offsets('in 2024: the year, at 05:00, (2024), 400" src')) == []
    assert gate._automaton.get("\x00")[1]._calls == 0  # the triggers behind DIGIT were not tried at all


def test_digits_are_one_character_to_the_gate_in_text_and_triggers_alike() -> None:
    """`\\d` and a literal digit in a trigger both match any decimal digit of the text:
    Arabic-Indic ones too, as `re` does."""
    gate = Gate([re.compile(r"(?:\d+ killed)\b"), re.compile(r"(?:f-16 jets)\b"), re.compile(r"(?:[0-9]{2}th brigade)\b")])
    text = "f-16 jets, ٣ killed, the 25th brigade, f-17 jets"
    assert [(offset, candidates) for offset, candidates in gate.offsets(text)] == [(0, (1,)), (11, (0, 2)), (25, (0, 2))]


def test_a_trigger_that_can_begin_anywhere_is_refused_when_the_gate_is_built() -> None:
    with pytest.raises(ValueError, match="can begin with any character"):
        Gate([re.compile(r"(?:\w+ing)\b")])
