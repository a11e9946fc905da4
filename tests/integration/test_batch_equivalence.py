"""The worker, with its batches, envelopes and write-behind tables, gives the answers of the steps run one record at a time.

A few thousand varied articles (syndicated copies, near-duplicates, a source repeating
itself, one URL from two outlets, conflict reports in several regions, benign news
with war-like words) go through one worker on the real broker, four partitions, and
through `tocsin replay`'s in-process run of the same step functions (streams/replay.py),
one record at a time. Both must publish the same articles, find the same signals,
end with the same stories (their sources and article counts, after merges) and fire
the same alerts. What depends on the broker's timing rather than on the worker is
left out: counts stamped on single articles (with four partitions and stages running
side by side, which copy of a story comes second is the broker's choice), and one URL
from two outlets (which outlet's copy passes the URL dedupe first, likewise).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

from tests.helpers.http import wait_for
from tests.helpers.kafka import produce, read_topic
from tests.integration.conftest import BOOTSTRAP, start_role
from tocsin import PROJECT_ROOT
from tocsin.records import Alert, AlertStatus, Article, Signal
from tocsin.streams.replay import Replay, ReplayItem, SourceHints
from tocsin.streams.rules import load_rule_set
from tocsin.streams.stories import article_count

ITEMS = 2_000
SOURCES = {f"outlet-{n}": round(0.4 + 0.05 * n, 2) for n in range(12)}  # source id: trust
PLACES = {
    "south_caucasus": ["Stepanakert", "Shusha", "Martakert", "Goris"],
    "ukraine_russia": ["Kharkiv", "Kherson", "Zaporizhzhia", "Bakhmut"],
    "middle_east": ["Gaza City", "Khan Younis", "Rafah", "Nabatieh"],
    "elsewhere": ["Goma", "Khartoum", "Mogadishu"],
}
CONFLICT = [
    "Artillery shelled {place} overnight, killing {n} civilians and wounding {m} more, the regional governor said on {day}, "
    "as residents sheltered in basements across the city.",
    "Air-raid sirens sounded across {place} on {day} morning and residents ran to shelters, officials said, while air "
    "defence units were reported active over the {n} districts of the region.",
    "Authorities ordered the evacuation of {n} villages near {place} on {day} as fighting moved closer, and buses carried "
    "{m} families away from the front line, the emergency ministry said.",
    "Troops launched a ground offensive towards {place} on {day}, the defence ministry said, after {n} days of heavy "
    "fighting along the front, with armoured columns seen moving at dawn.",
    "The government announced a partial mobilization on {day}, calling up {n} thousand reservists, and convoys of troops "
    "were seen heading towards {place}, witnesses said.",
]
BENIGN = [
    "The city council of {place} approved its budget on {day} after a long debate, raising spending on schools by {n} "
    "percent and on roads by {m} percent, the mayor said.",
    "The sequel bombed at the box office on its opening weekend in {place}, earning {n} million against a budget of {m} "
    "million, the studio said on {day}.",
    "The home side attacked from the first whistle and won {n} to {m} in {place} on {day}, their coach said, calling the "
    "striker's shot a missile nobody could stop.",
]
#: Words that open each original lead in a different order, so that two originals rarely share a word shingle.
OPENINGS = (
    "local reporters described morning traffic near the old market while shop owners counted their losses and neighbours "
    "talked about prices rents schools water power bread fuel buses trains bridges roads hospitals clinics doctors nurses "
    "teachers students farmers drivers workers families children elders visitors tourists officials police firefighters "
    "volunteers priests musicians painters writers singers bakers butchers tailors builders plumbers miners fishermen"
).split()
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
#: How outlets rework a lead: as is, a wire prefix, trimmed, extended.
EDITS = [
    lambda text: text,
    lambda text: "(Wire) - " + text,
    lambda text: " ".join(text.split()[:-4]),
    lambda text: text + " More details were expected later in the day.",
]


def varied_items(count: int, seed: int = 14) -> list[ReplayItem]:
    """`count` feed items: originals, copies, near-duplicates and repeats, in fetch order."""
    rng, start = random.Random(seed), datetime.now(UTC) - timedelta(minutes=20)
    originals: list[tuple[str, str]] = []
    items = []
    for index in range(count):
        source, draw = rng.choice(sorted(SOURCES)), rng.random()
        url = f"https://{source}.example/{index}"
        if originals and draw < 0.25:  # syndication: an earlier lead, reworked by another outlet
            title, lead = rng.choice(originals)
            lead = rng.choice(EDITS)(lead)
        elif originals and draw < 0.30:  # a source repeating its own content under a new URL
            previous = rng.choice(items)
            source, title, lead = previous.source, previous.title, previous.summary
        elif originals and draw < 0.33:  # an article updated at its URL: its source and URL again, the lead edited
            previous = rng.choice(items)
            source, url, title, lead = previous.source, previous.url, previous.title, previous.summary + " (updated)"
        else:
            region = rng.choice(sorted(PLACES))
            template = rng.choice(CONFLICT if rng.random() < 0.6 else BENIGN)
            fill = {"place": rng.choice(PLACES[region]), "n": rng.randint(2, 90), "m": rng.randint(2, 90), "day": rng.choice(DAYS)}
            opening = " ".join(rng.sample(OPENINGS, 12)).capitalize()
            title, lead = f"{fill['place']}: report {index}", f"{opening}. {template.format(**fill)}"
            originals.append((title, lead))
        fetched = start + timedelta(seconds=index // 3)  # a third of the items share their fetch time with a neighbour
        item = ReplayItem(source=source, url=url, guid=f"g{index}", title=title, summary=lead, published=fetched, fetched=fetched)
        items.append(item)
    return items


class RecordingReplay(Replay):
    """Replay that also keeps what it published on `articles`, `signals` and `alerts` (before the notifier's inhibition)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.published: list[Article] = []
        self.signals: list[Signal] = []
        self.alerts: list[Alert] = []

    def _delivered(self, alerts, at):  # noqa: ANN001, ANN202 - the parent's signature
        self.alerts += alerts
        return super()._delivered(alerts, at)

    def _step(self, out, now):  # noqa: ANN001, ANN202 - the parent's signature
        if out.topic == "articles":
            self.published.append(out.record)
        elif out.topic == "signals":
            self.signals.append(out.record)
        return super()._step(out, now)


def stories(articles: list[Article], table: dict[str, dict | None]) -> dict[frozenset[str], tuple[tuple[str, ...], int]]:
    """The stories the articles end in (following merges): their articles, to the story's sources and article count.

    Story ids are left out: an article that founded a story an instant before an older
    variant reached its bands gives its id to a story that is then merged away.
    """
    members: dict[str, set[str]] = {}
    for article in articles:
        story = article.story_id
        while (table.get(story) or {}).get("alias"):
            story = table[story]["alias"]["story"]
        members.setdefault(story, set()).add(article.article_id)
    return {frozenset(ids): (tuple(sorted(table[story]["sources"])), article_count(table[story])) for story, ids in members.items()}


def changelog(env: dict[str, str], table: str) -> dict[str, dict | None]:
    """A table as its changelog ends (Faust writes keys and values as JSON)."""
    values: dict[str, dict | None] = {}
    for _, _, key, value in read_topic(BOOTSTRAP, f"{env['TOCSIN_APP_ID']}-{table}-changelog"):
        values[json.loads(key)] = json.loads(value) if value is not None else None
    return values


def signal_keys(signals: list[Signal]) -> Counter:
    return Counter((signal.article.article_id, signal.type.value, signal.region) for signal in signals)


def fired(alerts: list[Alert]) -> set[tuple[str, str]]:
    return {(alert.rule_id, alert.labels.get("region", "")) for alert in alerts if alert.status is AlertStatus.FIRING}


def test_the_batched_worker_gives_the_answers_of_one_record_at_a_time(pipeline_env, roles, tmp_path):
    env, prefix = pipeline_env, pipeline_env["TOCSIN_TOPIC_PREFIX"]
    items = varied_items(ITEMS)
    reference = RecordingReplay(load_rule_set(PROJECT_ROOT / "alert_rules"), hints={s: SourceHints(trust=t) for s, t in SOURCES.items()})
    notes = list(reference.run(items))
    expected_articles = {article.article_id for article in reference.published}
    expected_stories = stories(reference.published, reference.tables.stories)
    shared = [sources for sources, _ in expected_stories.values() if len(sources) > 1]
    assert len(expected_articles) < ITEMS * 0.95 and len(shared) > 100, "the input has repeats and stories of several outlets"
    assert len(reference.signals) > 100 and notes, "and signals and alerts"

    start_role(roles, "worker", env, tmp_path)
    raw_items = [reference._raw(item) for item in items]  # what replay's steps were given, trust included
    produce(BOOTSTRAP, prefix + "articles.raw", [(raw.source_id.encode(), raw.to_bytes()) for raw in raw_items])

    def published() -> set[str]:
        return {Article.from_bytes(value).article_id for *_, value in read_topic(BOOTSTRAP, prefix + "articles")}

    wait_for(lambda: len(published()) >= len(expected_articles), 240, "every article published", interval=2, running=roles)
    articles = [Article.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, prefix + "articles")]
    assert Counter(article.article_id for article in articles) == Counter(expected_articles), "the same articles, each once"

    expected_signals = signal_keys(reference.signals)
    signals = lambda: signal_keys([Signal.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, prefix + "signals")])  # noqa: E731
    wait_for(lambda: signals() == expected_signals, 60, "the same signals", interval=2, running=roles)

    stories_end = lambda: stories(articles, changelog(env, "stories"))  # noqa: E731
    wait_for(lambda: stories_end() == expected_stories, 60, "the same stories", interval=2, running=roles)

    expected_alerts = fired(reference.alerts)
    alerts = lambda: fired([Alert.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, prefix + "alerts")])  # noqa: E731
    wait_for(lambda: alerts() == expected_alerts, 60, "the same alerts", interval=2, running=roles)
