"""The worker's Faust agents, one module per stretch of the pipeline.

`wiring` holds what they share (topics, tables, the dead-letter shell around each
step); `dedupe` normalizes and drops repeats, `stories` clusters articles into
stories, `alerting` classifies, scores and evaluates rules, and `upkeep` runs the
timers (ticks, table cleanup, consumer lag). `tocsin.streams.app.create_app` puts them
together. The logic itself lives in the pure modules of `streams/`.
"""
