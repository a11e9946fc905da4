"""Item identity and the seen-set: the pure rules behind 'no duplicates, no misses' (docs/item-identity.md)."""

from __future__ import annotations

from datetime import UTC, datetime

from tocsin.connectors.identity import identity_keys, item_identity, key_of, text_identity
from tocsin.connectors.seen import SeenItems, digest
from tocsin.records import RawArticle

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FEED = "https://news.example/feed.xml"


def article(guid: str | None = None, link: str = "", title: str = "Title", summary: str = "Summary") -> RawArticle:
    """A RawArticle as the parsers make one (entries.to_articles)."""
    return RawArticle(
        source_id="s",
        url=link or FEED,
        has_link=bool(link),
        guid=item_identity(guid, link, title, summary),
        title=title,
        summary=summary,
        published=T0,
        fetched=T0,
    )


def test_text_identity_ignores_markup_case_whitespace_and_punctuation_but_not_words() -> None:
    base = text_identity("Sirens in Kharkiv", "<p>Air raid alert.</p>")
    assert text_identity("sirens in  KHARKIV!", "Air raid alert") == base
    assert text_identity("Sirens in Kharkiv", "Air raid alert, again.") != base
    assert text_identity("Sirens in Kharkov", "Air raid alert.") != base, "a changed word is a new item (policy)"
    assert base.startswith("sha1:")


def test_keys_of_urls_are_canonical_and_other_guids_are_kept_as_given() -> None:
    assert key_of("http://www.news.example/a/?utm_source=rss") == key_of("https://news.example/a") == "https://news.example/a"
    assert key_of(" tag:news.example,2024:123 ") == "tag:news.example,2024:123"
    assert key_of("https://news.example/?p=5") != key_of("https://news.example/?p=6"), "identifying queries stay"


def test_an_item_is_known_by_its_guid_and_its_canonical_link() -> None:
    keys = identity_keys([article("urn:1", "https://news.example/a?utm_medium=feed"), article(None, "http://news.example/b")])
    assert keys == [("urn:1", "https://news.example/a"), ("https://news.example/b",)]


def test_a_guid_shared_by_several_items_or_naming_the_home_page_identifies_nothing() -> None:
    items = [
        article("1", "https://news.example/a"),
        article("1", "https://news.example/b"),
        article("https://news.example/", "https://news.example/c"),
    ]
    assert identity_keys(items) == [("https://news.example/a",), ("https://news.example/b",), ("https://news.example/c",)]


def test_items_sharing_both_guid_and_link_are_known_by_their_text() -> None:
    items = [article("1", "https://news.example/", "Shelling", "A"), article("1", "https://news.example/", "Sirens", "B")]
    assert identity_keys(items) == [(text_identity("Shelling", "A"),), (text_identity("Sirens", "B"),)]


def test_a_changed_guid_with_the_same_link_is_not_new_and_links_the_new_guid() -> None:
    seen = SeenItems()
    first = seen.fresh("s", [article("post-1", "https://news.example/a")])
    seen.add("s", first.keys["post-1"])
    seen.saved("s")
    migrated = seen.fresh("s", [article("cms2:post-1", "https://www.news.example/a/?utm_source=x")])
    assert migrated.articles == [] and seen.unsaved("s"), "the new GUID is learnt, and worth saving"
    # the new GUID is now known too: a later link change alone is still the same item
    assert seen.fresh("s", [article("cms2:post-1", "https://news.example/2024/a")]).articles == []


def test_a_changed_link_with_the_same_guid_is_not_new() -> None:
    seen = SeenItems()
    seen.add("s", seen.fresh("s", [article("g-1", "https://news.example/old-slug")]).keys["g-1"])
    assert seen.fresh("s", [article("g-1", "https://news.example/new-slug")]).articles == []


def test_fresh_items_with_a_dropped_guid_take_their_primary_key_as_guid() -> None:
    fresh = SeenItems().fresh("s", [article("1", "https://news.example/a"), article("1", "https://news.example/b")])
    assert [a.guid for a in fresh.articles] == ["https://news.example/a", "https://news.example/b"]
    assert fresh.keys == {"https://news.example/a": ("https://news.example/a",), "https://news.example/b": ("https://news.example/b",)}


def test_fresh_items_keep_the_publishers_id_when_it_identifies_them() -> None:
    fresh = SeenItems().fresh("s", [article("urn:a", "http://news.example/a"), article(None, "http://www.news.example/b?utm_source=x")])
    assert [a.guid for a in fresh.articles] == ["urn:a", "http://www.news.example/b?utm_source=x"]
    assert fresh.keys["http://www.news.example/b?utm_source=x"] == ("https://news.example/b",)


def test_the_same_linkless_text_twice_in_one_document_is_one_item() -> None:
    assert len(SeenItems().fresh("s", [article(title="Sirens"), article(title="Sirens"), article(title="Shelling")]).articles) == 2


def test_the_bound_grows_with_the_feed_so_no_item_still_in_it_is_forgotten() -> None:
    seen = SeenItems(capacity=10)
    feed = [article(f"g-{n}", f"https://news.example/{n}") for n in range(500)]
    for item in seen.fresh("s", feed).articles:
        seen.add("s", (item.guid, key_of(item.url)))
    assert seen.bound("s") == 2 * 1000
    assert seen.fresh("s", feed).articles == []
    assert len(seen.ids("s")) == 1000


def test_keys_least_recently_fetched_are_forgotten_first() -> None:
    seen = SeenItems(capacity=4)
    old, kept = article("old"), article("kept")
    for item in (old, kept):
        seen.add("s", (item.guid,))
    for n in range(3):  # 'kept' is in every fetch, 'old' is not
        fetch = [kept, article(f"new-{n}")]
        for item in seen.fresh("s", fetch).articles:
            seen.add("s", (item.guid,))
    assert digest("kept") in seen.ids("s") and digest("old") not in seen.ids("s")


def test_membership_is_decided_before_refreshing_so_a_refresh_cannot_evict_a_later_item() -> None:
    seen = SeenItems(capacity=6)
    for key in ("back", "o1", "o2", "o3", "o4", "https://news.example/a"):  # full; 'back' is the least recent
        seen.add("s", (key,))
    # 'a' is seen by its link and brings a new GUID, whose insertion pushes out the least recent key
    fetch = [article("a-new-guid", "https://news.example/a"), article("back")]
    assert seen.fresh("s", fetch).articles == []
    assert digest("back") in seen.ids("s") and digest("o1") not in seen.ids("s")


def test_state_round_trip_keeps_every_key_beyond_the_capacity() -> None:
    writer = SeenItems(capacity=10)
    feed = [article(f"g-{n}") for n in range(30)]
    for item in writer.fresh("s", feed).articles:
        writer.add("s", (item.guid,))
    reader = SeenItems(capacity=10)
    reader.load("s", writer.ids("s"))
    assert reader.ids("s") == writer.ids("s")
    assert reader.fresh("s", feed).articles == []


def test_only_learnt_keys_make_a_source_unsaved() -> None:
    seen = SeenItems()
    seen.load("s", [digest("g-1")])
    assert not seen.unsaved("s"), "what a state record holds is saved"
    assert seen.fresh("s", [article("g-1")]).articles == [] and not seen.unsaved("s"), "a refresh learns nothing"
    seen.add("s", ("g-2",))
    assert seen.unsaved("s")
    seen.saved("s")
    assert not seen.unsaved("s")


def test_state_written_before_digests_still_counts_its_raw_ids_as_seen() -> None:
    seen = SeenItems()
    seen.load("s", ["urn:legacy-1", "http://www.news.example/legacy-2"])
    assert seen.fresh("s", [article("urn:legacy-1"), article(None, "https://news.example/legacy-2")]).articles == []


def test_an_item_repeated_in_its_feed_keeps_its_keys_when_a_copy_slides_off() -> None:
    """[B, A, A] then [B, A]: A's keys must not switch from text to GUID and link (that re-emitted A)."""
    a, b = article("a", "https://news.example/a", "A"), article("b", "https://news.example/b", "B")
    assert identity_keys([b, a, a])[1:] == identity_keys([b, a])[1:] * 2 == [("a", "https://news.example/a")] * 2
    seen = SeenItems()
    first = seen.fresh("s", [b, a, a])
    assert [x.guid for x in first.articles] == ["b", "a"], "the repeat is one item"
    for fresh in first.articles:
        seen.add("s", first.keys[fresh.guid])
    assert seen.fresh("s", [b, a]).articles == []
    assert seen.fresh("s", [a]).articles == []


def test_items_anchored_in_one_page_stay_apart_and_lose_the_shared_link() -> None:
    """page#item-1, page#item-2 with their own GUIDs: known by GUID; the link is not theirs, so the worker keys them by id."""
    anchors = [article(f"g-{n}", f"https://news.example/live#item-{n}", f"Update {n}") for n in range(1, 4)]
    assert identity_keys(anchors) == [("g-1",), ("g-2",), ("g-3",)]
    fresh = SeenItems().fresh("s", anchors)
    assert [(x.guid, x.has_link, x.url) for x in fresh.articles] == [
        (f"g-{n}", False, f"https://news.example/live#item-{n}") for n in range(1, 4)
    ]
    own = SeenItems().fresh("s", [article("g-1", "https://news.example/a?utm_source=rss")]).articles
    assert own[0].has_link, "a link only this item has stays its own (and the worker merges its tracking variants)"
