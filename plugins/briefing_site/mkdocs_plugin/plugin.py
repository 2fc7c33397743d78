"""The MkDocs adapter: wires MkDocs' build events to the pure core.

Order of a build (MkDocs 1.6): on_config, on_files, on_nav, then every page's
Markdown is rendered (on_page_markdown, on_page_content), then on_env, then every
page's template is rendered (on_page_context). The core reads sources at
on_files, records mentions while pages render, and builds its index at on_env,
when every mention is known and no template has been rendered yet.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter

from ..core.diagnostics import emit
from ..core.index import build
from ..core.matcher import autolinker
from ..core.model import PageRecord, Problem
from ..core.registry import Registry
from ..core.sources import SourceCache, load
from ..core.timings import Timings
from ..render import pages
from ..render.context import HOME_TEMPLATE, Context, outputs
from ..render.markdown_ext import BriefingExtension
from ..render.theme import CSS_PATH, CSS_URI, MARKDOWN_EXTENSIONS, MATERIAL_FEATURES, TEMPLATE_DIR
from .config import BriefingConfig

# Not get_plugin_logger: its "briefing_site: " prefix would stand before the
# "path:line: message" that editors and CI problem matchers look for.
log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup makes MkDocs keep this object across `mkdocs serve`
        # rebuilds: parsed sources and page records survive, per-build state is
        # reset in on_config.
        self.cache = SourceCache()
        self.records: dict[str, PageRecord] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # First event of every build: everything that changes MkDocs' own
        # configuration happens here, before MkDocs uses it.
        if not hasattr(self, "cache"):  # a build without on_startup (API use)
            self.on_startup(command="build", dirty=False)
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.problems: list[Problem] = []
        self.specs: dict[str, pages.PageSpec] = {}
        self.registry = Registry([], [])
        self.timings = Timings()  # read by bench/, per build
        self.ext = BriefingExtension(self.registry, lambda t: self.layout.of(t), timings=self.timings)
        for name in MARKDOWN_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(self.ext)
        config.theme.dirs.append(str(TEMPLATE_DIR))
        if config.theme.name == "material":
            features = config.theme.get("features") or []
            config.theme["features"] = features + [f for f in MATERIAL_FEATURES if f not in features]
        config.extra_css.append(CSS_URI)
        config.watch.append(str(self.root / self.config.briefings_dir))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Sources are read here, once per build: generated pages must join the
        # file collection before MkDocs builds the navigation from it.
        with self.timings.phase("load sources"):
            corpus = load(self.root, self.config.briefings_dir, tuple(self.config.kinds), self.cache)
        with self.timings.phase("resolve and generate pages"):
            self.registry = self.ext.registry = Registry(corpus.entities, corpus.briefings)
            self.link = autolinker(self.registry, self.config.autolink)
            self.problems = corpus.problems + self.registry.problems
            docs = {f.src_uri: self._rel(Path(f.abs_src_path)) for f in files.documentation_pages()}
            self.layout = pages.layout(self.registry, docs, config.use_directory_urls)
            self.problems += self.layout.problems
        for spec in self.layout.specs:
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.uri, content=spec.content, inclusion=inclusion))
            self.specs[spec.uri] = spec
        files.append(File.generated(config, CSS_URI, abs_src_path=str(CSS_PATH)))
        uris = {f.src_uri for f in files}
        self.records = {uri: r for uri, r in self.records.items() if uri in uris}
        return files

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Just before the page's Markdown is rendered: tell the extension which
        # page it renders (for links, messages and the record of mentions).
        spec = self.specs.get(page.file.src_uri)
        if spec:
            record = pages.record_for(spec, self.registry)
            if self.link and markdown == spec.markdown:
                markdown = pages.autolinked(spec, self.link)
        else:
            source = page.file.content_string
            offset = source.count("\n") - markdown.count("\n")  # lines of front matter
            path = self._rel(Path(page.file.abs_src_path or page.file.src_uri))
            record = PageRecord(path, offset)
        self.ext.begin(record, page.file.src_uri)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Right after rendering: keep what the page recorded and clear the
        # current page, so no later page is attributed to this one.
        self.records[page.file.src_uri] = self.ext.end()
        return html

    @event_priority(50)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every page is rendered and no template yet: build the index once,
        # and report every problem of the build, sorted, once.
        with self.timings.phase("index"):
            records = {
                spec.key: self.records[uri]
                for uri, spec in self.specs.items()
                if spec.role == "briefing" and uri in self.records
            }
            index = build(self.registry, tuple(self.config.kinds), records)
            urls = {f.src_uri: f.url for f in files}  # one look-up per link, not a path parse
            self.context = Context(index, self.layout, urls.__getitem__, config.site_url or "")
            rendered = [p for r in self.records.values() for p in r.problems]
        emit(self.problems + index.problems + rendered, self.config.validation, log)
        env.filters["briefing_url"] = _briefing_url
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Every page is written: add the files that are not pages (feeds, the
        # graph export) beside them, from the index built at on_env.
        with self.timings.phase("feeds and export"):
            for path, text in outputs(self.context, config.site_name):
                target = Path(config.site_dir, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        # Templates render next: hand ours the lists for this page.
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            if page.meta.get("template") == HOME_TEMPLATE:
                context["briefing"] = self.context.for_home()
            return context
        with self.timings.phase("template context"):
            if spec.role == "briefing":
                context["briefing"] = self.context.for_briefing(spec.key)
            elif spec.role == "entity":
                context["briefing"] = self.context.for_entity(spec.key)
            else:
                context["briefing"] = getattr(self.context, f"for_{spec.role}")()
        return context


@jinja2.pass_context
def _briefing_url(context: Any, url: str) -> str:
    """The ``url`` filter for the site's own URLs in our templates, without its cost."""
    page = context.get("page")
    return pages.relative_url(url, page.url) if page is not None else url_filter(context, url)
