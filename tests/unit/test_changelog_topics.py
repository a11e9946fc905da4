"""The worker creates its tables' changelog topics before it starts (streams/app.py, `changelog_topics`)."""

from __future__ import annotations

from tocsin.metrics import RoleMetrics
from tocsin.settings import load_settings
from tocsin.streams.app import changelog_topics, create_app


def test_every_table_has_its_compacted_changelog_listed() -> None:
    app = create_app(load_settings(environ={"TOCSIN_STORE": "memory", "TOCSIN_APP_ID": "unit-app"}), RoleMetrics(None))
    topics = changelog_topics(app)
    assert set(topics) == {f"unit-app-{name}-changelog" for name in app.tables}
    assert {"unit-app-alert-states-changelog", "unit-app-stories-changelog"} <= set(topics)
    assert all(config == {"cleanup.policy": "compact"} for config in topics.values())
