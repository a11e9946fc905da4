"""Receivers: one module per kind (its config, sender and payload), the contract they share, and their registry."""
