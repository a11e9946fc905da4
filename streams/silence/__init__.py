"""Silences: matchers that mute matching alerts for a while, kept in the compacted `silences` topic."""
