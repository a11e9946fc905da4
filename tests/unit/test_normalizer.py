def test_items_without_links_keep_distinct_canonical_urls() -> None:
    from datetime import UTC, datetime

    from tocsin.records import RawArticle
    from tocsin.streams.normalizer import normalize

    now = datetime.now(UTC)
    first, second = (
        normalize(
            RawArticle(
                source_id="s",
                url="https://feed.example/rss",
                has_link=False,
                guid=f"sha1:{n}",
                title=f"Item {n}",
                published=now,
                fetched=now,
            )
        )
        for n in (1, 2)
    )
    assert first.canonical_url != second.canonical_url
    assert first.canonical_url.startswith("https://feed.example/rss#item-")
