"""`tocsin sources check` and catalog headers against real local HTTP servers (and the real broker for the poller)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.http import LocalServer, Response, rss, wait_for
from tests.integration.conftest import start_role, write_yaml
from tocsin.cli import main
from tocsin.connectors.check import ERROR_COLUMN, Probe, format_table

ITEMS = [
    {"title": "Shelling reported near Askeran", "link": "https://good.example/a", "summary": "Shelling."},
    {"title": "Talks resume", "link": "https://good.example/b", "summary": "Talks."},
]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections (the kernel's backlog) but never answers: a hung server."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def table(output: str) -> dict[str, list[str]]:
    """Rows of the check table by source id, columns split on runs of two or more spaces."""
    rows = [re.split(r"\s{2,}", line.strip()) for line in output.splitlines()[1:-1]]
    return {row[0]: row[1:] for row in rows}


def test_check_prints_status_latency_items_and_error_and_exits_1(
    server: LocalServer, silent_port: int, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_FEED_KEY", "k-123")
    server.routes["/good.xml"] = rss(ITEMS)
    server.routes["/broken.xml"] = Response(500, b"oops")
    server.routes["/page.html"] = Response(200, b"<html><body><p>Not a feed</p></body></html>", {"Content-Type": "text/html"})
    catalog = write_yaml(
        tmp_path / "sources.yaml",
        {
            "sources": [
                {"id": "good", "url": server.url("/good.xml"), "headers": {"X-Api-Key": "${TEST_FEED_KEY}"}},
                {"id": "broken", "url": server.url("/broken.xml")},
                {"id": "html-page", "url": server.url("/page.html")},
                {"id": "hung", "url": f"http://127.0.0.1:{silent_port}/feed.xml"},
                {"id": "off", "url": server.url("/off.xml"), "enabled": False},
            ]
        },
    )

    code = main(["sources", "check", "--catalog", str(catalog), "--timeout", "0.5"])
    output = capsys.readouterr().out
    rows = table(output)

    assert code == 1
    assert list(rows) == ["good", "broken", "html-page", "hung"], "catalog order, enabled sources only"
    assert rows["good"][0] == "ok" and rows["good"][2] == "2" and len(rows["good"]) == 3, rows["good"]
    assert float(rows["good"][1]) >= 0
    assert rows["broken"][0] == "500" and rows["broken"][3] == "HTTP 500 Internal Server Error"
    assert rows["html-page"][0] == "parse_error" and rows["html-page"][2] == "0"
    assert "not" in rows["html-page"][3]
    assert rows["hung"][0] == "timeout" and rows["hung"][2] == "-" and "timed out" in rows["hung"][3]
    assert output.splitlines()[-1] == "4 source(s): 1 ok, 3 failed: broken, html-page, hung"
    (request,) = server.received("/good.xml", "GET")
    assert request.headers["X-Api-Key"] == "k-123", "the source's header, resolved from the environment"
    assert request.headers["User-Agent"].startswith("Tocsin/")
    assert not server.received("/off.xml", "GET")


def test_check_only_selects_sources_and_exits_0_when_they_work(server: LocalServer, tmp_path: Path, capsys) -> None:
    server.routes["/good.xml"] = rss(ITEMS)
    catalog = write_yaml(
        tmp_path / "sources.yaml",
        {
            "sources": [
                {"id": "good", "url": server.url("/good.xml"), "enabled": False},
                {"id": "broken", "url": server.url("/missing.xml")},
            ]
        },
    )
    assert main(["sources", "check", "--catalog", str(catalog), "--only", "good"]) == 0
    output = capsys.readouterr().out
    assert list(table(output)) == ["good"] and output.endswith("1 source(s): 1 ok, 0 failed\n")
    assert not server.received("/missing.xml", "GET")

    assert main(["sources", "check", "--catalog", str(catalog), "--only", "good", "nope"]) == 2
    assert "tocsin sources check: not in the catalog: nope" in capsys.readouterr().err
    assert main(["sources", "check", "--catalog", str(catalog), "--concurrency", "0"]) == 2
    assert "--concurrency must be at least 1" in capsys.readouterr().err


def test_check_of_a_bad_catalog_exits_2_naming_file_and_line(tmp_path: Path, capsys) -> None:
    catalog = tmp_path / "sources.yaml"
    catalog.write_text("sources:\n  - id: a\n    url: https://a.example/\n    headers: {Authorization: 'Bearer ${UNSET_TOCSIN_TOKEN}'}\n")
    assert main(["sources", "check", "--catalog", str(catalog)]) == 2
    assert f"{catalog}:4: sources[0].headers: Value error, header 'Authorization': environment variable UNSET_TOCSIN_TOKEN is not set" in (
        capsys.readouterr().err
    )


def test_connector_sends_the_sources_headers(pipeline_env, server: LocalServer, roles, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = rss(ITEMS)
    catalog = write_yaml(
        tmp_path / "sources.yaml",
        {
            "sources": [
                {
                    "id": "tokened",
                    "url": server.url("/feed.xml"),
                    "interval_seconds": 1,
                    "headers": {"Authorization": "Bearer ${TEST_FEED_TOKEN}", "X-Client": "tocsin-test"},
                },
            ]
        },
    )
    connector = start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog), TEST_FEED_TOKEN="t-456")
    requests = wait_for(lambda: server.received("/feed.xml", "GET"), 60, "the connector's first poll", running=roles)
    assert requests[0].headers["Authorization"] == "Bearer t-456"
    assert requests[0].headers["X-Client"] == "tocsin-test"
    assert "t-456" not in connector.output(), "the token is never logged"


def test_summary_names_at_most_ten_failed_ids_and_errors_stay_one_short_line() -> None:
    probes = [Probe(f"s{n}", "timeout", 5.0, None, "timed out") for n in range(12)] + [Probe("fine", "ok", 3.0, 4)]
    probes[0] = Probe("s0", "parse_error", 5.0, 0, "x" * 300 + "\nsecond line")
    lines = format_table(probes).splitlines()
    assert len(lines) == 1 + 13 + 1
    assert lines[1].endswith("x" * (ERROR_COLUMN - 1) + "…")
    assert lines[-1] == "13 source(s): 1 ok, 12 failed: s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 (+2 more)"
