"""Connectors: poll sources and produce what they find to `articles.raw`.

`catalog` (which sources), `fetcher` (HTTP), `parser` (bytes to RawArticle) and
`seen` (which items were already emitted) are plain code; `poller` is the thin
shell that schedules them and talks to Kafka.
"""
