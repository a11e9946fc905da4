"""Language identification: speed and agreement, next to a baseline measured in the same run.

Two sets: the items of the shared corpus feeds that declare a language (declared
tags are not ground truth — a Spanish outlet's feed may say `en` — so the figure is
agreement, and the disagreements are printed for a look), and sentences written for
this project in the languages Tocsin watches (exact labels). Baseline: Unicode
normalization of the same texts, the least any per-article step does.

Then the array walk (streams/language.py: the walk, the counting and the table reads
in numpy) against py3langid's own byte walk, on the samples `detect` classifies: these two sets and the bench's news-like input
(bench/news.py, normalized as the worker does), µs per text and whether every
decision and confidence is the same.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import UTC, datetime

from py3langid.langid import LanguageIdentifier

from bench.classify import rate
from bench.news import news
from tocsin import PROJECT_ROOT
from tocsin.connectors.parser import parse_feed
from tocsin.streams.language import SAMPLE_CHARS, ArrayWalkIdentifier, detect, load_identifier, primary_subtag
from tocsin.streams.normalizer import normalize

FEEDS = PROJECT_ROOT.parent / "shared" / "corpus" / "feeds"
NOW = datetime(2026, 2, 1, tzinfo=UTC)

#: Headline-and-lead sized texts written for this benchmark, by language.
WRITTEN = {
    "en": [
        "Artillery shelling hit the outskirts of the city overnight, local officials said.",
        "Thousands were evacuated from border villages as troops massed on the other side.",
    ],
    "ru": [
        "Ночью артиллерия обстреляла окраины города, сообщили местные власти.",
        "Тысячи жителей эвакуированы из приграничных сёл после сообщений о переброске войск.",
    ],
    "uk": [
        "Уночі артилерія обстріляла околиці міста, повідомили місцеві посадовці.",
        "Тисячі мешканців евакуювали з прикордонних сіл після повідомлень про перекидання військ.",
    ],
    "hy": [
        "Գիշերը հրետանին գնդակոծել է քաղաքի ծայրամասերը, հայտնել են տեղական իշխանությունները։",
        "Սահմանամերձ գյուղերից հազարավոր մարդիկ են տարհանվել։",
    ],
    "az": [
        "Gecə artilleriya şəhərin kənarlarını atəşə tutub, yerli rəsmilər bildirib.",
        "Sərhəd kəndlərindən minlərlə sakin təxliyə edilib.",
    ],
    "ar": [
        "قصفت المدفعية أطراف المدينة خلال الليل، بحسب مسؤولين محليين.",
        "تم إجلاء الآلاف من القرى الحدودية بعد حشد القوات على الجانب الآخر.",
    ],
    "fr": [
        "L'artillerie a pilonné la périphérie de la ville pendant la nuit, selon les autorités locales.",
        "Des milliers d'habitants ont été évacués des villages frontaliers.",
    ],
}


def feed_items() -> list[tuple[str, str]]:
    """(declared language, title + text) of every corpus feed item whose feed declares a language."""
    items = []
    for path in sorted(FEEDS.glob("*/*")):
        if path.suffix not in {".xml", ".rss", ".atom", ".rdf", ".json"}:
            continue
        for raw in parse_feed(path.read_bytes(), source_id=path.stem, url=f"https://{path.stem}.example/", fetched=NOW).articles:
            declared = primary_subtag(raw.language)
            article = normalize(raw.model_copy(update={"language": None}))
            if declared:
                items.append((declared, f"{article.title}\n{article.text}"))
    return items


def report(name: str, items: list[tuple[str, str]]) -> Counter:
    texts = [text for _, text in items]
    guesses = [detect(text).language for text in texts]
    decided = [(want, got) for (want, _), got in zip(items, guesses, strict=True) if got]
    agree = sum(want == got for want, got in decided)
    baseline = rate(lambda text: unicodedata.normalize("NFC", text).casefold(), texts)
    speed = rate(detect, texts)
    print(
        f"  {name:<10} {len(items):>6} {len(decided) / len(items):>8.1%} {agree / max(len(decided), 1):>8.1%}"
        f" {baseline:>12.0f} {speed:>10.0f} {speed / baseline:>7.4f}"
    )
    return Counter((want, got) for want, got in decided if want != got)


def walk_speed(sets: dict[str, list[str]]) -> None:
    """py3langid's classify against the array walk's, in turn, on what `detect` classifies."""
    stock, array = load_identifier(LanguageIdentifier), load_identifier(ArrayWalkIdentifier)
    print("language identification, py3langid's byte walk against the array walk (classify on detect's samples, one core):")
    print(f"  {'set':<10} {'texts':>6} {'bytes':>6} {'py3langid us':>13} {'array us':>9} {'speed-up':>9} {'same':>5}")
    for name, texts in sets.items():
        samples = [text[:SAMPLE_CHARS] for text in texts]
        size = sum(len(sample.encode()) for sample in samples) / len(samples)
        before, after = 1e6 / rate(stock.classify, samples), 1e6 / rate(array.classify, samples)
        same = all(stock.classify(sample) == array.classify(sample) for sample in samples)
        figures = f"{before:>13.1f} {after:>9.1f} {before / after:>8.2f}x {'yes' if same else 'NO':>5}"
        print(f"  {name:<10} {len(samples):>6} {size:>6.0f} {figures}")


def main() -> None:
    print("language identification, one core (decided = confident guesses; agree = equal to the label among them):")
    print(f"  {'set':<10} {'texts':>6} {'decided':>8} {'agree':>8} {'baseline/s':>12} {'detect/s':>10} {'ratio':>7}")
    written = [(language, text) for language, texts in WRITTEN.items() for text in texts]
    feeds = feed_items()
    report("written", written)
    mismatches = report("feeds", feeds)
    print("  (baseline: NFC normalization + casefold of the same texts)")
    print("  feeds, declared -> detected where they differ:", dict(mismatches.most_common(8)))
    articles = [normalize(raw) for raw in news(2_000)]
    walk_speed(
        {
            "written": [text for _, text in written],
            "feeds": [text for _, text in feeds],
            "news": [f"{article.title}\n{article.text}" for article in articles],
        }
    )


if __name__ == "__main__":
    main()
