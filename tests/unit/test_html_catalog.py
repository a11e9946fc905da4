"""kind: html in the catalog: selectors compiled at load, presets checked, errors with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.config import ConfigError
from tocsin.connectors.catalog import load_catalog
from tocsin.connectors.pages.presets import TELEGRAM


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_catalog(path)
    return [problem.removeprefix(str(path)) for problem in caught.value.problems]


def test_html_source_with_selectors_and_a_telegram_preset_load(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - id: site\n    url: https://news.example/latest\n    kind: html\n"
        "    selectors: {item: article, link: h2 a, title: h2, time: time, summary: p.lead}\n"
        "    extract_text: true\n    min_summary_chars: 120\n"
        "  - id: tg\n    url: https://t.me/s/tocsin_test\n    kind: html\n    preset: telegram\n",
        encoding="utf-8",
    )
    site, tg = load_catalog(path).sources
    assert site.page_selectors().title == "h2" and (site.extract_text, site.min_summary_chars) == (True, 120)
    assert tg.page_selectors() == TELEGRAM.selectors and not tg.extract_text


def test_invalid_css_selector_is_named_with_its_line(tmp_path: Path) -> None:
    found = problems(tmp_path, "sources:\n  - id: site\n    url: https://n.example/\n    kind: html\n    selectors:\n      item: 'div['\n")
    assert found == [":6: sources[0].selectors.item: Value error, invalid CSS selector 'div[': Can't parse CSS selector. (got 'div[')"]


def test_unknown_selector_field_is_refused(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "sources:\n  - id: site\n    url: https://n.example/\n    kind: html\n    selectors:\n      item: li\n      headline: h2\n",
    )
    assert found == [":7: sources[0].selectors.headline: unknown field"]


def test_telegram_preset_needs_a_preview_url(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, "sources:\n  - id: tg\n    url: https://t.me/tocsin_test\n    kind: html\n    preset: telegram\n")
    assert found.startswith(
        ":5: sources[0].preset: Value error, preset telegram needs the channel's web preview URL https://t.me/s/<channel>"
    )
    assert "url is 'https://t.me/tocsin_test'" in found


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    kind: html\n", "kind html needs selectors (item, link, title, time, summary) or a preset (telegram)"),
        ("    kind: html\n    preset: telegram\n    selectors: {item: li}\n", "give selectors or preset, not both"),
        ("    selectors: {item: li}\n", "selectors and preset need kind: html"),
        ("    min_summary_chars: 50\n", "min_summary_chars has effect only with extract_text: true"),
    ],
)
def test_inconsistent_html_settings_name_the_source_line(tmp_path: Path, extra: str, message: str) -> None:
    (found,) = problems(
        tmp_path, "sources:\n  - id: ok\n    url: https://a.example/\n  - id: tg\n    url: https://t.me/s/tocsin_test\n" + extra
    )
    assert found.startswith(":4: sources[1]") and message in found


def test_link_template_needs_an_id_attribute(tmp_path: Path) -> None:
    (found,) = problems(
        tmp_path,
        "sources:\n  - id: x\n    url: https://a.example/\n    kind: html\n    selectors: {item: li, link_template: 'https://t.me/{id}'}\n",
    )
    assert found == ":5: sources[0].selectors: Value error, link_template needs id_attribute (the {id} it is filled with)"


def test_preset_name_must_be_known(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, "sources:\n  - id: x\n    url: https://a.example/\n    kind: html\n    preset: vk\n")
    assert found.startswith(":5: sources[0].preset: Input should be 'telegram'")
