"""Connectors: poll sources and produce what they find to `articles.raw`.

`catalog` (which sources), `fetcher` (HTTP), `parser` (bytes to RawArticle),
`seen` (which items were already emitted) and `scheduler` (when to poll next) are
plain code; `poller` is the thin shell that runs them and talks to Kafka.
"""

if __name__ != "tocsin.connectors":  # the checkout's top-level folder, imported by its short name
    raise ImportError("import tocsin.connectors, not connectors: this folder installs as tocsin.connectors (tocsin/connectors links to it)")
