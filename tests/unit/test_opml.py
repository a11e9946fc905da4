"""OPML import/export: nested folders, region hints, unique ids, refusals with line numbers, comment-preserving append."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from tocsin.cli import main
from tocsin.config import ConfigError
from tocsin.connectors.catalog import Catalog, Source, load_catalog
from tocsin.connectors.opml import (
    OpmlError,
    append_sources,
    export_opml,
    import_opml,
    known_regions,
    plan_import,
    read_opml,
    slugify,
)

#: Region ids and names as the gazetteer gives them to `tocsin sources import`.
REGIONS = {"south_caucasus": "South Caucasus", "ukraine_russia": "Ukraine and Russia", "middle_east": "Middle East"}

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="South Caucasus">
      <outline text="Armenia">
        <outline type="rss" text="CivilNet" xmlUrl="https://civilnet.example/feed/" htmlUrl="https://civilnet.example/" language="en-US"/>
      </outline>
    </outline>
    <outline text="News">
      <outline type="rss" text="World desk" title="World News" xmlUrl="https://a.example/rss" category="/middle_east,/Sports"/>
      <outline type="rss" text="World News" xmlUrl="https://b.example/rss"/>
      <outline type="rss" text="&#1052;&#1077;&#1076;&#1091;&#1079;&#1072;" xmlUrl="https://www.meduza.example/rss/all" language="ru"/>
    </outline>
  </body>
</opml>
"""


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def opml_error(data: bytes) -> str:
    with pytest.raises(OpmlError) as caught:
        plan_import(read_opml(data, "feeds.opml", known_regions(REGIONS)), Catalog(), "feeds.opml")
    return str(caught.value)


def test_nested_outlines_become_sources_with_known_regions_only(tmp_path: Path) -> None:
    plan = import_opml(write(tmp_path / "feeds.opml", NESTED), tmp_path / "sources.yaml", REGIONS)
    by_url = {source.url: source for source in load_catalog(tmp_path / "sources.yaml").sources}
    assert [source.url for source in plan.added] == list(by_url)
    civilnet = by_url["https://civilnet.example/feed/"]
    assert (civilnet.id, civilnet.title, civilnet.site, civilnet.language, civilnet.regions) == (
        "civilnet",
        "CivilNet",
        "https://civilnet.example/",
        "en",
        ["south_caucasus"],
    )
    world = by_url["https://a.example/rss"]
    assert (world.id, world.title, world.regions) == ("world-news", "World News", ["middle_east"]), "News and Sports are no regions"
    assert by_url["https://b.example/rss"].id == "world-news-2"
    meduza = by_url["https://www.meduza.example/rss/all"]
    assert (meduza.id, meduza.title, meduza.language) == ("meduza-example", "Медуза", "ru"), "no Latin title: the host names it"


def test_feeds_already_in_the_catalog_are_skipped_and_counted(tmp_path: Path) -> None:
    catalog = write(tmp_path / "sources.yaml", "sources:\n  - {id: world-news, url: 'https://a.example/rss'}\n")
    plan = import_opml(write(tmp_path / "feeds.opml", NESTED), catalog, REGIONS)
    assert plan.skipped == 1
    assert [source.id for source in plan.added] == ["civilnet", "world-news-2", "meduza-example"]
    again = import_opml(tmp_path / "feeds.opml", catalog, REGIONS)
    assert (again.added, again.skipped) == ([], 4)


def test_import_appends_and_keeps_comments_and_layout(tmp_path: Path) -> None:
    original = (
        "# my catalog: keep this\nsources:  # the list\n  - id: mine  # hand-written\n    url: https://mine.example/feed\n# trailing note"
    )
    catalog = write(tmp_path / "sources.yaml", original)
    import_opml(write(tmp_path / "feeds.opml", NESTED), catalog, REGIONS)
    text = catalog.read_text(encoding="utf-8")
    assert text.startswith(original + "\n")
    assert "  - {id: civilnet, url: 'https://civilnet.example/feed/', title: CivilNet," in text
    assert [source.id for source in load_catalog(catalog).sources] == ["mine", "civilnet", "world-news", "world-news-2", "meduza-example"]


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "sources: []\n", "sources: []  # none yet\n"])
def test_import_into_an_empty_catalog(tmp_path: Path, text: str) -> None:
    catalog = write(tmp_path / "sources.yaml", text)
    import_opml(write(tmp_path / "feeds.opml", NESTED), catalog, REGIONS)
    assert len(load_catalog(catalog).sources) == 4
    assert catalog.read_text(encoding="utf-8").startswith(text.replace("[]", "").rstrip("\n"))


def test_flow_style_list_with_items_is_refused_not_rewritten(tmp_path: Path) -> None:
    source = Source(id="x", url="https://x.example/")
    with pytest.raises(ConfigError) as caught:
        append_sources("sources: [{id: a, url: 'https://a.example/'}]\n", [source], Path("cat.yaml"))
    assert caught.value.problems == ["cat.yaml:1: sources: write the list one `- ` item per line to import into it"]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    catalog = write(tmp_path / "sources.yaml", "sources: []\n")
    plan = import_opml(write(tmp_path / "feeds.opml", NESTED), catalog, REGIONS, dry_run=True)
    assert len(plan.added) == 4
    assert catalog.read_text(encoding="utf-8") == "sources: []\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"this is not xml", "feeds.opml:1: not well-formed XML: syntax error"),
        (b"<opml version='2.0'>\n<head/>\n<body>\n<outline text='x'\n</body></opml>", "feeds.opml:5: not well-formed XML"),
        (b"<opml version='2.0'>\n  <head><title>t</title></head>\n</opml>", "feeds.opml:3: no <body> in <opml>"),
        (b"<rss version='2.0'><channel/></rss>", "feeds.opml:1: the root element is <rss>, not <opml>"),
        (
            b"<opml><body>\n<outline text='Folder'>\n  <outline text='no url' htmlUrl='https://x.example/'/>\n</outline>\n</body></opml>",
            "feeds.opml:3: <outline> without xmlUrl: neither a feed nor a folder of feeds",
        ),
        (
            b"<opml><body>\n\n<outline text='ftp' xmlUrl='ftp://x.example/feed'/>\n</body></opml>",
            "feeds.opml:3: outline url: Value error, must be an http:// or https:// URL",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
            b"<opml><body><outline text='&b;' xmlUrl='https://x.example/'/></body></opml>",
            "feeds.opml:3: refused: the document declares XML entities",
        ),
    ],
)
def test_bad_opml_is_refused_with_its_line(data: bytes, expected: str) -> None:
    assert opml_error(data).startswith(expected), opml_error(data)


def test_a_refused_import_leaves_the_catalog_alone(tmp_path: Path) -> None:
    catalog = write(tmp_path / "sources.yaml", "sources: []\n")
    with pytest.raises(OpmlError):
        import_opml(write(tmp_path / "bad.opml", b"<opml><body><outline text='x'/></body></opml>"), catalog, REGIONS)
    assert catalog.read_text(encoding="utf-8") == "sources: []\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.opml", "sources.yaml"], "no temporary file left"


def test_slugify_drops_accents_and_falls_back_to_the_host() -> None:
    assert slugify("Armenpress — Ереван", "https://x.example/") == "armenpress"
    assert slugify("Şuşa   Xəbər", "https://x.example/") == "susa-xbr"
    assert slugify("Café  Crème", "https://x.example/") == "cafe-creme"
    assert slugify("Новости", "https://www.news.example/rss") == "news-example"


CATALOG = Catalog(
    sources=[
        Source(id="bbc-world", title="BBC News - World", url="https://feeds.bbci.co.uk/news/world/rss.xml", language="en"),
        Source(
            id="odd",
            title='Quotes "&" <angles> — Ünïcode',
            url="https://x.example/feed?a=1&b=2",
            site="https://x.example/?q=<1>",
            regions=["south_caucasus", "middle_east"],
            trust=0.7,
            interval_seconds=120,
            min_interval_seconds=60,
            max_interval_seconds=3600,
            enabled=False,
        ),
        Source(id="untitled", url="https://y.example/atom.xml", language="hy"),
    ]
)


def test_export_then_import_gives_the_same_sources(tmp_path: Path) -> None:
    text, left_out = export_opml(CATALOG)
    assert left_out == 0
    import_opml(write(tmp_path / "out.opml", text), tmp_path / "sources.yaml", REGIONS)
    assert load_catalog(tmp_path / "sources.yaml") == CATALOG


def test_export_is_well_formed_opml_2_with_escaped_attributes() -> None:
    text, _ = export_opml(CATALOG)
    root = ElementTree.fromstring(text.encode())
    assert (root.tag, root.get("version")) == ("opml", "2.0")
    outlines = root.findall("./body/outline")
    assert outlines[1].get("title") == 'Quotes "&" <angles> — Ünïcode'
    assert outlines[1].get("xmlUrl") == "https://x.example/feed?a=1&b=2"
    assert outlines[1].get("category") == "/south_caucasus,/middle_east"
    assert "&amp;" in text and "<angles>" not in text


def test_export_never_writes_headers(tmp_path: Path) -> None:
    secret = Catalog(sources=[Source(id="a", url="https://a.example/", headers={"Authorization": "Bearer s3cret"})])
    text, _ = export_opml(secret)
    assert "s3cret" not in text and "Authorization" not in text


def test_cli_import_reports_and_refuses_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = write(tmp_path / "sources.yaml", "sources: []\n")
    assert main(["sources", "import", str(write(tmp_path / "feeds.opml", NESTED)), "--catalog", str(catalog), "--dry-run"]) == 0
    assert f"would add 4 source(s) to {catalog}; skipped 0 already in the catalog" in capsys.readouterr().out
    bad = write(tmp_path / "bad.opml", b"<opml><body>\n<outline text='x'/></body></opml>")
    assert main(["sources", "import", str(bad), "--catalog", str(catalog)]) == 2
    assert f"tocsin sources import: {bad}:2: <outline> without xmlUrl" in capsys.readouterr().err


def test_cli_export_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = write(
        tmp_path / "sources.yaml",
        "sources:\n  - {id: a, title: A & B, url: 'https://a.example/', regions: [ukraine_russia]}\n"
        "  - {id: b, url: 'https://b.example/', enabled: false, trust: 0.5}\n",
    )
    assert main(["sources", "export", "--catalog", str(catalog)]) == 0
    assert 'text="A &amp; B"' in capsys.readouterr().out
    assert main(["sources", "list", "--catalog", str(catalog)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "INTERVAL", "LANG", "TRUST", "REGIONS", "ENABLED"]
    assert lines[1].split() == ["a", "feed", "300s", "-", "1", "ukraine_russia", "yes"]
    assert lines[2].split() == ["b", "feed", "300s", "-", "0.5", "-", "no"]
    assert lines[3] == "2 source(s), 1 enabled"
