"""The source catalog: validation with file:line messages, duplicates, enabled sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.catalog import Catalog, load_catalog
from tocsin import PROJECT_ROOT
from tocsin.config import ConfigError


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
    assert ids and len(ids) == len(set(ids))
    assert all(source.url.startswith(("http://", "https://")) for source in catalog.sources)


def test_minimal_source_gets_defaults(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, "sources:\n  - id: bbc\n    url: https://example.com/rss\n"))
    (source,) = catalog.sources
    assert (source.kind, source.interval_seconds, source.enabled, source.language, source.regions) == ("feed", 300.0, True, None, [])


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
        ("url: ftp://example.com/feed", ":3: sources[1].url: Value error, must be an http:// or https:// URL (got 'ftp://example.com/feed')"),
        ("interval_seconds: 0", ":3: sources[1].interval_seconds: Input should be greater than or equal to 1 (got 0)"),
        ("language: English", ":3: sources[1].language: String should match pattern"),
        ("kind: scraper", ":3: sources[1].kind: Input should be 'feed' (got 'scraper')"),
        ("colour: red", ":3: sources[1].colour: unknown field"),
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
