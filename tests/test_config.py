"""The plugin's configuration, and rebuilds as ``mkdocs serve`` does them."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError
from sitebuild import SMALL_SITE, mkdocs_build, project, text_of, write

from briefing_site.command.project import ProjectError, read_options
from briefing_site.core.diagnostics import CODES
from briefing_site.mkdocs_plugin.config import BriefingConfig
from briefing_site.render.vocabulary import PluginOptions


def configured(root: Path, plugin_options: str = ""):
    options = f":\n{plugin_options}" if plugin_options else ""
    (root / "mkdocs.yml").write_text(
        f"site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - briefing{options}\n"
    )
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    return config


def test_the_plugin_sets_up_what_annotations_need(tmp_path):
    write(tmp_path, SMALL_SITE)
    config = configured(tmp_path)
    config = config.plugins.on_config(config)
    names = [e for e in config.markdown_extensions if isinstance(e, str)]
    assert "footnotes" in names and "attr_list" in names
    assert names.count("footnotes") == 1
    assert {"content.tooltips", "content.footnote.tooltips"} <= set(config.theme["features"])
    assert str(tmp_path / "briefings") in config.watch  # serve reloads on edits


def test_a_bad_validation_level_is_a_configuration_error(tmp_path):
    write(tmp_path, SMALL_SITE)
    with pytest.raises((ConfigurationError, Abort)):
        configured(tmp_path, "      validation:\n        unknown_reference: loud\n")


def test_the_plugin_and_the_command_know_the_same_options():
    plugin = {name for name, _ in BriefingConfig._schema}
    assert plugin == {f.name for f in fields(PluginOptions)}


@pytest.mark.parametrize(
    "plugin_options",
    [
        "",
        "      briefings_dir: sources\n      kinds: [people, ideas]\n      autolink: first\n"
        "      language: fr\n      latest: 3\n      per_page: 7\n"
        "      validation:\n        date: info\n        url: ignore\n",
        "      autolink: all\n      kinds: []\n",
    ],
)
def test_the_plugin_and_the_command_read_options_alike(tmp_path, plugin_options):
    write(tmp_path, SMALL_SITE)
    plugin = configured(tmp_path, plugin_options).plugins["briefing"].config
    command = read_options(tmp_path)
    for f in fields(PluginOptions):
        if f.name == "validation":
            assert {code: plugin.validation[code] for code in CODES} == {c: command.level(c) for c in CODES}
        elif f.name == "kinds" and not plugin.kinds:
            assert command.kinds == PluginOptions().kinds  # an empty list means the defaults
        else:
            value = plugin[f.name]
            assert (tuple(value) if isinstance(value, list) else value) == getattr(command, f.name), f.name


def test_the_plugin_and_the_command_refuse_the_same_choice(tmp_path, caplog):
    write(tmp_path, SMALL_SITE)
    with pytest.raises((ConfigurationError, Abort)):
        configured(tmp_path, "      autolink: sometimes\n")
    assert "Config value 'plugins'" in caplog.text and "'sometimes'" in caplog.text
    with pytest.raises(ProjectError, match="autolink: 'sometimes' is not one of off, first, all"):
        read_options(tmp_path)


def test_kinds_and_the_sources_folder_are_options(tmp_path):
    files = {k.replace("briefings/", "sources/"): v for k, v in SMALL_SITE.items()}
    files = {k.replace("/concepts/", "/ideas/"): v for k, v in files.items()}
    files["mkdocs.yml"] = (
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - briefing:\n"
        "      briefings_dir: sources\n"
        "      kinds: [people, organizations, countries, places, ideas]\n"
    )
    root = project(tmp_path, {})
    write(root, files)
    for old in (root / "briefings").rglob("*.md"):
        old.unlink()
    result = mkdocs_build(root, strict=True)
    assert result.code == 0, result.output
    assert "Ideas security guarantees" in text_of(result.article("glossary"))


def test_a_serve_style_rebuild_never_shows_less_than_a_full_build(tmp_path):
    write(tmp_path, SMALL_SITE)
    config = configured(tmp_path)
    build(config)
    page = tmp_path / "site/glossary/nato/index.html"
    full = page.read_text()
    # Edit one briefing and rebuild dirty, as `mkdocs serve --dirty` does.
    edited = tmp_path / "briefings/2022-01-13-osce.md"
    edited.write_text(edited.read_text() + "\nAnd [[NATO]] too.\n")
    build(config, dirty=True)
    rebuilt = page.read_text()
    assert "The OSCE talks end" in rebuilt  # the edit shows
    for row in ("The NATO–Russia Council meets", "Talks in Geneva"):
        assert row in full and row in rebuilt
