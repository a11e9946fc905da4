"""The stream stage: normalize -> dedupe -> classify -> evaluate rules -> notify.

Pure code lives in one module per job (`urlcleaner`, `text`, `normalizer`,
`classifier`, `places`, `rules`, `notify`); `app` holds the Faust agents, thin
shells that move records between topics and call it.
"""

if __name__ != "tocsin.streams":  # the checkout's top-level folder, imported by its short name
    raise ImportError("import tocsin.streams, not streams: this folder installs as tocsin.streams (tocsin/streams links to it)")
