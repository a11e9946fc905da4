"""The stream stage: normalize -> dedupe -> classify -> evaluate rules -> notify.

Pure code lives in one module per job (`urlcleaner`, `text`, `normalizer`,
`classifier`, `places`, `rules`, `notify`); `app` holds the Faust agents, thin
shells that move records between topics and call it.
"""
