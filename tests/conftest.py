"""Fixtures shared by unit and integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.http import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 (tests.helpers.http), stopped after the test."""
    local = LocalServer().start()
    yield local
    local.stop()
