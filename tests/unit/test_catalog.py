"""The source catalog: validation with file:line messages, duplicates, enabled sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocsin import PROJECT_ROOT
from tocsin.config import ConfigError, load_model
from tocsin.connectors.catalog import Catalog, Source, load_catalog
from tocsin.streams.places import DEFAULT_GAZETTEER, Gazetteer, load_gazetteer


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_catalog(path)
    return [problem.removeprefix(str(path)) for problem in caught.value.problems]


def test_shipped_catalog_is_valid_and_unique() -> None:
    catalog = load_catalog(PROJECT_ROOT / "connectors" / "sources.yaml")
    ids = [source.id for source in catalog.sources]
    urls = [source.url for source in catalog.sources]
    assert len(ids) >= 40 and len(ids) == len(set(ids))
    assert len(urls) == len(set(urls)), "two entries poll the same feed"
    assert all(source.url.startswith(("http://", "https://")) for source in catalog.sources)


def test_shipped_catalog_hints_only_known_regions_and_languages() -> None:
    catalog = load_catalog(PROJECT_ROOT / "connectors" / "sources.yaml")
    regions = set(load_gazetteer().region_names)
    unknown = {(source.id, region) for source in catalog.sources for region in source.regions if region not in regions}
    assert not unknown
    assert all(source.language for source in catalog.sources), "every shipped feed declares its language"
    assert {"en", "ru", "hy", "az", "uk", "ar"} <= {source.language for source in catalog.sources}
    watched = set(load_model(DEFAULT_GAZETTEER, Gazetteer).regions)
    assert watched <= {region for source in catalog.sources for region in source.regions}, "every watched region has sources"


def test_shipped_catalog_keeps_its_original_ids() -> None:
    ids = {source.id for source in load_catalog(PROJECT_ROOT / "connectors" / "sources.yaml").sources}
    original = {
        "bbc-world",
        "aljazeera",
        "dw-world",
        "guardian-world",
        "oc-media",
        "civilnet",
        "armenpress",
        "apa-az",
        "kyiv-independent",
        "meduza-en",
        "times-of-israel",
    }
    assert original <= ids


def test_minimal_source_gets_defaults(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, "sources:\n  - id: bbc\n    url: https://example.com/rss\n"))
    (source,) = catalog.sources
    assert (source.kind, source.interval_seconds, source.enabled, source.language, source.regions) == ("feed", 300.0, True, None, [])
    assert (source.trust, source.headers, source.site) == (1.0, {}, None)


def test_enabled_filters_disabled_sources(tmp_path: Path) -> None:
    text = "sources:\n  - {id: a, url: 'https://a.example/'}\n  - {id: b, url: 'https://b.example/', enabled: false}\n"
    assert [source.id for source in load_catalog(write(tmp_path, text)).enabled()] == ["a"]


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "sources: []\n"])
def test_empty_catalog_has_no_sources(tmp_path: Path, text: str) -> None:
    assert load_catalog(write(tmp_path, text)) == Catalog(sources=[])


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("id: Bad Id", ":3: sources[1].id: String should match pattern"),
        (
            "url: ftp://example.com/feed",
            ":3: sources[1].url: Value error, must be an http:// or https:// URL (got 'ftp://example.com/feed')",
        ),
        ("interval_seconds: 0", ":3: sources[1].interval_seconds: Input should be greater than or equal to 1 (got 0)"),
        ("language: English", ":3: sources[1].language: String should match pattern"),
        ("kind: scraper", ":3: sources[1].kind: Input should be 'feed' or 'html' (got 'scraper')"),
        ("colour: red", ":3: sources[1].colour: unknown field"),
        ("trust: 1.5", ":3: sources[1].trust: Input should be less than or equal to 1 (got 1.5)"),
        ("trust: -0.1", ":3: sources[1].trust: Input should be greater than or equal to 0 (got -0.1)"),
        ("site: www.example.com", ":3: sources[1].site: Value error, must be an http:// or https:// URL"),
    ],
)
def test_invalid_field_names_file_line_and_field(tmp_path: Path, field: str, expected: str) -> None:
    base = {"id": "ok", "url": "https://example.com/feed"}
    key = field.split(":")[0]
    body = "\n".join(f"    {k}: {v}" for k, v in base.items() if k != key)
    text = f"sources:\n  - {{id: first, url: 'https://example.com/1'}}\n  - {field}\n{body}\n"
    assert any(p.startswith(expected) for p in problems(tmp_path, text)), problems(tmp_path, text)


def test_missing_url_is_reported(tmp_path: Path) -> None:
    assert problems(tmp_path, "sources:\n  - id: a\n") == [":2: sources[0].url: Field required"]


def test_duplicate_ids_name_both_lines(tmp_path: Path) -> None:
    text = (
        "sources:\n"
        "  - id: bbc\n    url: https://a.example/\n"
        "  - id: other\n    url: https://b.example/\n"
        "  - id: bbc\n    url: https://c.example/\n"
    )
    assert problems(tmp_path, text) == [":6: sources[2].id: duplicate id 'bbc' (first at line 2)"]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, "- id: a\n")[0].startswith(":1: ")


def headers_problem(tmp_path: Path, headers: str, environ: dict[str, str] | None = None) -> str:
    path = write(tmp_path, f"sources:\n  - id: a\n    url: https://a.example/\n    headers: {headers}\n")
    with pytest.raises(ConfigError) as caught:
        load_catalog(path, environ or {})
    (problem,) = caught.value.problems
    return problem.removeprefix(str(path))


def test_headers_resolve_environment_references(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sources:\n  - id: a\n    url: https://a.example/\n    headers: {Authorization: 'Bearer ${FEED_TOKEN}', X-Client: tocsin}\n",
    )
    (source,) = load_catalog(path, {"FEED_TOKEN": "s3cret"}).sources
    assert source.headers == {"Authorization": "Bearer s3cret", "X-Client": "tocsin"}
    assert "s3cret" not in repr(source), "a resolved secret must not reach logs through repr"
    (unresolved,) = load_catalog(path, resolve=False).sources
    assert unresolved.headers["Authorization"] == "Bearer ${FEED_TOKEN}"


def test_unset_header_variable_names_variable_not_value(tmp_path: Path) -> None:
    problem = headers_problem(tmp_path, "{Authorization: 'Bearer ${FEED_TOKEN}'}", {"OTHER": "x"})
    assert problem == ":4: sources[0].headers: Value error, header 'Authorization': environment variable FEED_TOKEN is not set"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ("{Host: evil.example}", "header 'Host' is set by the HTTP client"),
        ("{Content-Length: '5'}", "header 'Content-Length' is set by the HTTP client"),
        ("{Connection: close}", "header 'Connection' is hop-by-hop"),
        ("{Transfer-Encoding: chunked}", "header 'Transfer-Encoding' is hop-by-hop"),
        ("{accept-encoding: br}", "header 'accept-encoding' is set by the fetcher"),
        ("{'Bad Name': x}", "header name 'Bad Name' is not a valid HTTP field name"),
        ('{X-Token: "a\\r\\nX-Injected: 1"}', "header 'X-Token': the value must be one line"),
    ],
)
def test_refused_headers_are_named(tmp_path: Path, headers: str, expected: str) -> None:
    problem = headers_problem(tmp_path, headers)
    assert problem.startswith(":4: sources[0].headers: Value error, " + expected), problem


def test_variable_with_a_newline_is_refused(tmp_path: Path) -> None:
    problem = headers_problem(tmp_path, "{X-Token: '${TOKEN}'}", {"TOKEN": "a\nX-Injected: 1"})
    assert "header 'X-Token': the value from the environment must be one line" in problem
    assert "X-Injected" not in problem


def test_source_built_in_code_resolves_from_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOCSIN_TEST_TOKEN", "abc")
    source = Source(id="a", url="https://a.example/", headers={"X-Token": "${TOCSIN_TEST_TOKEN}"})
    assert source.headers == {"X-Token": "abc"}
