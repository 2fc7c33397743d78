"""Check a whole site without building it: the same steps as a build, minus MkDocs.

Sources are read and resolved as the plugin reads them, and every page's Markdown
is rendered with the same extension on a plain ``markdown.Markdown``, so the
``briefing check`` command reports exactly what ``mkdocs build`` reports.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml

from . import index, pages
from .diagnostics import ordered
from .markdown_ext import BriefingExtension
from .matcher import autolinker
from .model import PageRecord, Problem
from .project import MKDOCS_EXTENSIONS, Options
from .registry import Registry
from .sources import SourceCache, load

# MkDocs' own front-matter rule for pages in docs/ (mkdocs.utils.meta.get_data).
_DOCS_META = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
ANNOTATION_EXTENSIONS = ("footnotes", "attr_list")


@dataclass
class Site:
    options: Options
    registry: Registry
    specs: list[pages.PageSpec]
    problems: list[Problem] = field(default_factory=list)


def analyse(options: Options, cache: SourceCache | None = None) -> Site:
    """Read every source and render every page's Markdown; collect all problems."""
    corpus = load(options.root, options.briefings_dir, options.kinds, cache or SourceCache())
    registry = Registry(corpus.entities, corpus.briefings)
    site = Site(options, registry, [], corpus.problems + registry.problems)
    docs = dict(_docs_pages(options.root / options.docs_dir))
    docs_prefix = Path(options.docs_dir).as_posix()
    layout = pages.layout(registry, {uri: f"{docs_prefix}/{uri}" for uri in docs}, options.use_directory_urls)
    site.specs = layout.specs
    site.problems += layout.problems
    link = autolinker(registry, options.autolink)
    sources = _page_sources(site.specs, registry, docs, docs_prefix, link)
    records = render(registry, layout, options, sources)
    briefing_records = {s.key: records[s.uri] for s in site.specs if s.role == "briefing"}
    built = index.build(registry, options.kinds, briefing_records)
    site.problems += built.problems + [p for r in records.values() for p in r.problems]
    return site


def problems_at_levels(site: Site) -> list[tuple[Problem, str]]:
    """Every problem once, in order, with its configured level (ignored ones left out)."""
    levels = ((p, site.options.level(p.code)) for p in ordered(site.problems))
    return [(p, level) for p, level in levels if level != "ignore"]


def render(
    registry: Registry, layout: pages.Layout, options: Options, sources: Iterable[tuple[str, PageRecord, str]]
):
    """Render each (uri, record, Markdown) with the annotation extension; records by uri."""
    ext = BriefingExtension(registry, layout.of)
    md = _markdown(options, ext)
    records: dict[str, PageRecord] = {}
    for uri, record, text in sources:
        ext.begin(record, uri)
        md.reset().convert(text)
        records[uri] = ext.end()
    return records


def _markdown(options: Options, ext: BriefingExtension) -> markdown.Markdown:
    names: list[str] = list(MKDOCS_EXTENSIONS)
    configs: dict[str, Any] = {}
    for item in options.markdown_extensions:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if config:
            configs[name] = config
    names += ANNOTATION_EXTENSIONS
    unique = list(dict.fromkeys(names))
    try:
        return markdown.Markdown(extensions=[*unique, ext], extension_configs=configs)
    except Exception:  # an extension that is not installed here: check with the defaults
        return markdown.Markdown(extensions=[*MKDOCS_EXTENSIONS, *ANNOTATION_EXTENSIONS, ext])


def _docs_pages(docs: Path) -> Iterator[tuple[str, Path]]:
    if not docs.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".md") and not name.startswith("."):
                path = Path(dirpath, name)
                yield path.relative_to(docs).as_posix(), path


def _page_sources(specs, registry: Registry, docs: dict[str, Path], docs_prefix: str, link):
    for spec in specs:
        record = pages.record_for(spec, registry)
        yield spec.uri, record, pages.autolinked(spec, link) if link else spec.markdown
    for uri, path in docs.items():
        text = path.read_text(encoding="utf-8", errors="replace")
        body = _strip_docs_meta(text)
        offset = text.count("\n") - body.count("\n")
        yield uri, PageRecord(f"{docs_prefix}/{uri}", offset, counts=False), body


def _strip_docs_meta(text: str) -> str:
    m = _DOCS_META.match(text)
    if not m:
        return text
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return text
    return text[m.end() :].lstrip("\n") if isinstance(data, dict) else text
