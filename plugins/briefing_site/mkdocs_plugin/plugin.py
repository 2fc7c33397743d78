"""The MkDocs adapter: wires MkDocs' build events to the pure core.

Order of a build (MkDocs 1.6): on_config, on_files, on_nav, then every page's
Markdown is rendered (on_page_markdown, on_page_content), then on_env, then every
page's template is rendered (on_page_context). The core reads sources at
on_files, records mentions while pages render, and builds its index at on_env,
when every mention is known and no template has been rendered yet.

Under ``mkdocs serve --dirty`` a session (``incremental``) tells MkDocs which pages
to render again: only those whose output changes.
"""

from __future__ import annotations

import functools
import html
import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import url_filter

from ..core.diagnostics import emit
from ..core.index import build
from ..core.matcher import autolinker
from ..core.model import PageRecord, Problem
from ..core.registry import Registry
from ..core.sources import SourceCache, load
from ..core.timings import Timings
from ..render import pages, toc
from ..render.context import Context, outputs
from ..render.dependencies import Reads
from ..render.markdown_ext import BriefingExtension
from ..render.messages import Messages
from ..render.paging import Limits
from ..render.theme import (
    CSS_URI,
    JS_PATH,
    JS_URI,
    MARKDOWN_EXTENSIONS,
    MATERIAL_FEATURES,
    MATERIAL_TAGS,
    TEMPLATE_DIR,
    stylesheet,
    template_globals,
)
from ..render.vocabulary import HOME_PAGE
from .collector import Deferral, SessionHeap
from .config import BriefingConfig
from .incremental import Session, digest, merge_search, nav_items, registry_view, rewritten

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
        self.stubs: pages.Stubs = {}
        self.late: list[str] = []  # the pages added at on_env by the last build
        # Only a dirty session skips pages; plain `serve` and `build` render them all.
        self.session = Session() if dirty else None
        self.collector = Deferral()
        self.heap = SessionHeap()
        self.languages: dict[str, Messages] = {}  # kept: their memos and listing stubs stay warm

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # First event of every build: everything that changes MkDocs' own
        # configuration happens here, before MkDocs uses it.
        if not hasattr(self, "cache"):  # a build without on_startup (API use)
            self.on_startup(command="build", dirty=False)
        if self.session is None:  # a whole build; see collector.py
            self.collector.begin()
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.problems: list[Problem] = []
        self.specs: dict[str, pages.PageSpec] = {}
        self.registry = Registry([], [])
        self.timings = Timings()  # read by bench/, per build
        language = self.config.language or _theme_language(config)
        if language not in self.languages:
            self.languages[language] = Messages(language)
        self.messages = self.languages[language]
        if self.messages.note:
            log.info(self.messages.note)
        self.ext = BriefingExtension(
            self.registry, lambda t: self.layout.of(t), timings=self.timings, messages=self.messages
        )
        for name in MARKDOWN_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(self.ext)
        config.theme.dirs.append(str(TEMPLATE_DIR))
        if config.theme.name == "material":
            features = config.theme.get("features") or []
            config.theme["features"] = features + [f for f in MATERIAL_FEATURES if f not in features]
        config.extra_css.append(CSS_URI)
        config.extra_javascript.append(JS_URI)
        config.watch.append(str(self.root / self.config.briefings_dir))
        if self.session:
            source = Path(config.config_file_path) if config.config_file_path else None
            settings = source.read_bytes().decode("utf-8", "replace") if source else ""
            self.session.begin(digest([settings, config.site_url or ""]))
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
            self.limits = Limits.of(self.config.latest, self.config.per_page)
            self.material_tags = any(name in config.plugins for name in MATERIAL_TAGS)
            self.layout = pages.layout(
                self.registry,
                docs,
                config.use_directory_urls,
                stubs=self.stubs,
                messages=self.messages,
                limits=self.limits,
                material_tags=self.material_tags,
            )
            self.stubs = self.layout.stubs  # the stubs of unchanged sources are reused next build
            self.problems += self.layout.problems
        for spec in self.layout.specs:
            self._add_page(files, config, spec)
        css = File.generated(config, CSS_URI, content=stylesheet(tuple(self.config.kinds)))
        if self.session:  # MkDocs writes a generated file at every build, even --dirty
            css.is_modified = functools.partial(rewritten, css.abs_dest_path, css.content_string)
        files.append(css)
        files.append(File.generated(config, JS_URI, abs_src_path=str(JS_PATH)))
        uris = {f.src_uri for f in files}
        self.records = {uri: r for uri, r in self.records.items() if uri in uris}
        if self.session:
            self._markdown_to_render(files)
        return files

    def _add_page(self, files: Files, config: MkDocsConfig, spec: pages.PageSpec) -> File:
        inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, spec.uri, content=spec.content, inclusion=inclusion)
        files.append(file)
        self.specs[spec.uri] = spec
        return file

    def _markdown_to_render(self, files: Files) -> None:
        """Before any Markdown is rendered: which pages need it (their text, or what a
        reference of theirs resolves to, changed). MkDocs asks each page's File."""
        session, view = self.session, registry_view(self.registry, self.layout)
        docs = files.documentation_pages(inclusion=_any)
        session.forget([*(f.src_uri for f in docs), *self.late])
        self.view, self.sources = view, {}
        relink = session.view_now(view) and bool(self.link)  # autolinking reads every name
        for f in docs:
            self._changed(f, relink)

    def _changed(self, f: File, relink: bool = False) -> None:
        """Whether the page of ``f`` needs its Markdown rendered (under --dirty)."""
        session, spec = self.session, self.specs.get(f.src_uri)
        date = self.registry.briefings[spec.key].date if spec and spec.role == "briefing" else None
        self.sources[f.src_uri] = source = (spec.content if spec else f.content_string, date)
        answers = functools.partial(self.ext.looked_up, date=date)
        if session.needs_markdown(f.src_uri, source, answers) or (relink and spec):
            session.changed.add(f.src_uri)
        # An instance attribute: MkDocs calls file.is_modified() under --dirty.
        f.is_modified = functools.partial(session.modified, f.src_uri, f.abs_dest_path)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # A page in the navigation without a title of its own gets one only when its
        # Markdown is read; every page shows it in its menu, so it is always read.
        self.nav = nav
        if self.session:
            self.session.changed |= {p.file.src_uri for p in nav.pages if p.title is None}
        return nav

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
        if self.session:
            uri, lookups = page.file.src_uri, list(self.ext.lookups)
            source = self.sources[uri]
            answers = self.ext.looked_up(lookups, source[1])
            self.session.render_done(uri, source, lookups, answers, page.meta.get("template"))
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
            last = getattr(self, "context", None) if self.session else None
            previous = last.index if last else None
            index = build(self.registry, tuple(self.config.kinds), records, previous)
        self._add_late_pages(index, files, config)
        with self.timings.phase("index"):
            urls = {f.src_uri: f.url for f in files}  # one look-up per link, not a path parse
            reads = Reads(track=bool(self.session))  # a dirty build remakes what changed
            url = reads.watch("urls", urls).__getitem__
            self.context = Context(
                index, self.layout, url, config.site_url or "", self.messages, self.limits, reads
            )
            rendered = [p for r in self.records.values() for p in r.problems]
        emit(self.problems + index.problems + rendered, self.config.validation, log)
        env.filters["briefing_url"] = _briefing_url
        env.globals.update(template_globals(self.messages))
        self.files = files
        self.page_data: dict[str, Any] = {}
        if self.session:
            env.bytecode_cache = self.session.templates
            self._outputs_to_write(files, config)
        return env

    def _add_late_pages(self, index: Any, files: Files, config: MkDocsConfig) -> None:
        """The pages known only once the index is built (an entry's archive, one page per
        year of its mentions): added to the build as MkDocs adds any page, their Markdown
        rendered now, as MkDocs did for the others (or skipped under --dirty, likewise)."""
        late = pages.entity_archives(index, self.layout, self.limits, self.messages)
        self.late = [spec.uri for spec in late]
        for spec in late:
            file = self._add_page(files, config, spec)
            Page(None, file, config)
            if self.session:
                self._changed(file)
            _populate_page(file.page, config, files, dirty=bool(self.session))

    def _outputs_to_write(self, files: Files, config: MkDocsConfig) -> None:
        """Every page's Markdown is rendered and the index built: which pages' output
        changes (Markdown, template data, navigation, address). Those skipped before but
        needed now have their Markdown rendered here, as MkDocs would have."""
        nav = digest(nav_items(self.nav.items))
        now = {}
        session, reads = self.session, self.context.reads
        session.sources_now(reads.sources)
        for f in files.documentation_pages(inclusion=_any):
            template = session.remembered(f.src_uri).template
            make = functools.partial(reads.frame, functools.partial(self._template_data, f.src_uri, template))
            with self.timings.phase("template context"):
                data = session.data(f.src_uri, make)
            self.page_data[f.src_uri] = data
            now[f.src_uri] = ((nav, f.url), data, f.abs_dest_path)
        for uri in sorted(self.session.decide_writes(now)):
            page = files.get_file_from_path(uri).page
            if page is not None:
                _populate_page(page, config, files)  # MkDocs' own: every plugin's events

    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Every page is written: add the files that are not pages (feeds, the
        # graph export) beside them, from the index built at on_env. Before the
        # search plugin's turn, which writes the index a dirty build must complete.
        written = set()
        with self.timings.phase("feeds and export"):
            reads, site = self.context.reads, config.site_dir
            for path, make, write in outputs(self.context, config.site_name):
                written.add(path)
                if self.session is None:
                    data = make()
                elif (
                    data := self.session.file_data(path, functools.partial(reads.frame, make), site)
                ) is None:
                    continue  # a dirty build leaves a file whose data is unchanged
                target = Path(site, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(write(data), encoding="utf-8")
        if self.session:
            written |= {f.dest_uri for f in self.files}
            self.session.finish(config.site_dir, written, self.view)
            self._complete_search_index(config)
            self.heap.settle()
        self.collector.end()

    def _complete_search_index(self, config: MkDocsConfig) -> None:
        """Material's search keeps the last build's index under --dirty and assumes one
        page was rebuilt; give it the index a clean build would write instead."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        prev = getattr(search, "search_index_prev", None)
        if prev is None or not hasattr(search, "search_index"):
            return
        pages = [f.page for f in self.files.documentation_pages(inclusion=_any) if f.page]
        order = {p.url: i for i, p in enumerate(pages)}
        built = {p.url for p in pages if p.file.src_uri in self.session.write}
        search.search_index.entries = merge_search(prev.entries, search.search_index.entries, order, built)
        search.search_index_prev = None

    def on_shutdown(self) -> None:
        self.heap.end()

    def on_build_error(self, *, error: Exception) -> None:
        # A build that stopped half-way leaves no state to trust: the next one starts afresh.
        if self.session:
            self.session = Session()
        self.collector.end()

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        # Templates render next: hand ours the lists for this page.
        uri = page.file.src_uri
        if self.session:
            self.session.written_page(uri)
        if uri in self.page_data:
            data = self.page_data.pop(uri)
        else:
            with self.timings.phase("template context"):
                data = self._template_data(uri, page.meta.get("template"))
        if data is not None:
            context["briefing"] = data
            spec = self.specs.get(uri)
            _extend_toc(page, toc.sections(spec.role if spec else "home", data, self.messages))
        return context

    def _template_data(self, uri: str, template: str | None) -> dict | None:
        """What our template of the page at ``uri`` gets; None for a page of the theme's."""
        spec = self.specs.get(uri)
        if spec is None:
            return self.context.page(HOME_PAGE.name) if template == HOME_PAGE.template else None
        return self.context.page(spec.role, spec.key)


def _theme_language(config: MkDocsConfig) -> str:
    """The theme's language: Material's ``theme.language``, MkDocs' own themes' ``locale``."""
    theme = config.theme
    return str(theme.get("language") or theme.get("locale") or "")


def _extend_toc(page: Page, found: list[tuple[str, str]]) -> None:
    """Add the sections our template adds to the page's table of contents, as Material
    shows it: under the page's title when the Markdown has one (``# Title``), else at the
    top level, after the headings of the Markdown (the sections come after it)."""
    items = page.toc.items
    first = items[0] if items else None
    into = first.children if first is not None and first.level == 1 else items
    into.extend(AnchorLink(html.escape(title), anchor, 2) for anchor, title in found)


def _any(level: InclusionLevel) -> bool:
    return True


@jinja2.pass_context
def _briefing_url(context: Any, url: str) -> str:
    """The ``url`` filter for the site's own URLs in our templates, without its cost."""
    page = context.get("page")
    return pages.relative_url(url, page.url) if page is not None else url_filter(context, url)
