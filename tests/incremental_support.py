"""A `mkdocs serve --dirty` session without the server, and its oracle: a clean build.

MkDocs' serve command rebuilds with ``build(config, dirty=True)`` into one folder, keeping
every plugin that defines ``on_startup`` from one build to the next. ``DirtySession`` does
the same, in this process, so that a test can edit sources between builds; ``clean_build``
builds the same sources afresh (fresh plugins) for comparison, file by file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

# sitemap.xml.gz carries gzip's own time stamp; sitemap.xml beside it is compared.
IGNORED = {"sitemap.xml.gz"}
SEARCH_INDEX = "search/search_index.json"


@contextlib.contextmanager
def _plugins(cache: dict) -> Iterator[None]:
    """MkDocs keeps plugins that define on_startup in a cache on the config class, for
    serve's rebuilds: give each session (and each clean build) a cache of its own."""
    option = dict(MkDocsConfig._schema)["plugins"]
    saved, option.plugin_cache = option.plugin_cache, cache
    try:
        yield
    finally:
        option.plugin_cache = saved


def _build(root: Path, site: Path, cache: dict, dirty: bool, first: bool) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    with _plugins(cache):
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        if first:
            config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        build(config, dirty=dirty)


class DirtySession:
    """Builds of one ``mkdocs serve --dirty`` session, into ``site``."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site, self.cache, self.builds = root, site, {}, 0

    def rebuild(self) -> None:
        _build(self.root, self.site, self.cache, dirty=True, first=not self.builds)
        self.builds += 1

    def plugin(self):
        return self.cache["briefing"]


def clean_build(root: Path, site: Path) -> None:
    _build(root, site, {}, dirty=False, first=True)


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in IGNORED
    }


def folders(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def differences(served: Path, oracle: Path) -> list[str]:
    """What differs between the served tree and a clean build's, one line each."""
    a, b = tree(served), tree(oracle)
    out = [f"only served: {p}" for p in sorted(a.keys() - b.keys())]
    out += [f"only in a clean build: {p}" for p in sorted(b.keys() - a.keys())]
    out += [f"empty folder left: {p}" for p in sorted(folders(served) - folders(oracle))]
    for path in sorted(a.keys() & b.keys()):
        if a[path] == b[path]:
            continue
        if path == SEARCH_INDEX and _search_entries(a[path]) == _search_entries(b[path]):
            continue
        out.append(f"differs: {path}")
    return out


def _search_entries(raw: bytes) -> tuple:
    data = json.loads(raw)
    entries = sorted(json.dumps(e, sort_keys=True) for e in data["docs"])
    return json.dumps(data["config"], sort_keys=True), entries
