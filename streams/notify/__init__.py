"""Notifications: rendering alerts, receivers that deliver them, and the delivery service."""
