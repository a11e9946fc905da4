"""HTML pages as sources: listing pages read with CSS selectors, presets such as Telegram, article text extraction.

Pure code: bytes in, RawArticles or text out; fetching stays in `tocsin.connectors.poller`.
"""
