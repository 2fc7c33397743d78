"""The whole site as a standalone project of standard Markdown.

The same steps as a build with the plugin, from the same code: sources are read
and resolved by the core, pages get their addresses from ``render.pages``, every
page's Markdown is rendered with the plugin's own extension to record its
mentions and quotes, the core builds the index from those records, and
``render.context`` gives each page its lists. What differs is only the output:

* a page's annotations are rewritten as standard Markdown (``render.portable``);
* what the theme templates add after a page's text is rendered here, by those
  very templates, into the page's Markdown (as HTML blocks with links relative to
  the page), and structured data goes into the page as a ``<script>`` block;
* feeds, ``graph.json`` and the stylesheet are files in ``docs/``.

Nothing is written until everything is made (``write``).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import markdown
import yaml

from ..core.diagnostics import ordered
from ..core.index import build
from ..core.matcher import autolinker
from ..core.model import PageRecord, Problem
from ..core.registry import Registry
from ..core.sources import SourceCache, load
from ..render import pages
from ..render.context import Context, outputs
from ..render.markdown_ext import BriefingExtension
from ..render.messages import Messages
from ..render.paging import Limits
from ..render.portable import portable, relinked
from ..render.theme import CSS_URI, TEMPLATE_DIR, stylesheet, template_globals
from ..render.vocabulary import BODY_SENTINEL, ENTITY_PAGE, HOME_PAGE, ROLES
from . import config as settings

MARKER = ".briefing-export"
# MkDocs' rule for front matter in docs/ (mkdocs.utils.meta.get_data).
_DOCS_META = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# Where the theme template puts the page's own Markdown; replaced after rendering.
_HEAD, _BODY = "\x00briefing-export-head\x00", "\x00briefing-export-body\x00"


@dataclass(frozen=True)
class Options:
    """The plugin's options and the settings of mkdocs.yml that place pages, as the
    ``briefing`` command reads them (its defaults are the plugin's)."""

    briefings_dir: str
    kinds: tuple[str, ...]
    docs_dir: str
    autolink: str
    use_directory_urls: bool
    limits: Limits = Limits()
    material_tags: bool = False
    language: str = ""  # the plugin's option, else theme.language; '' for English


@dataclass
class Export:
    files: dict[str, bytes] = field(default_factory=dict)  # path in OUT -> content
    problems: list[Problem] = field(default_factory=list)


class ExportError(Exception):
    """Nothing can be exported or written; the message says why."""


def page_url(uri: str, use_directory_urls: bool) -> str:
    """The URL of the page at ``uri`` from the site's root, as MkDocs gives it (File.url)."""
    dest = pages.dest_path(uri, use_directory_urls)
    folder, name = posixpath.split(dest)
    url = (folder or ".") + "/" if use_directory_urls and name == "index.html" else dest
    return quote(url)


def _page_env(messages: Messages) -> jinja2.Environment:
    """The plugin's theme templates, with a ``main.html`` that is only the content block:
    what they add after a page's text, as HTML. (Like the theme's environment, no
    autoescape: the templates escape every value themselves.)"""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader({"main.html": "{% block content %}{% endblock %}"}),
            jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
            jinja2.PackageLoader("briefing_site.export", "templates"),
        ]
    )
    env = jinja2.Environment(loader=loader, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["briefing_url"] = _briefing_url
    env.globals.update(template_globals(messages))
    return env


@jinja2.pass_context
def _briefing_url(context: Any, url: str) -> str:
    return pages.relative_url(url, context["page"]["url"])


class _Writer:
    def __init__(self, root: Path, config: dict[str, Any], options: Options) -> None:
        self.root, self.config, self.options = root, config, options
        self.result = Export()
        names, configs = settings.extensions(config)
        corpus = load(root, options.briefings_dir, options.kinds, SourceCache())
        self.registry = Registry(corpus.entities, corpus.briefings)
        self.result.problems += corpus.problems + self.registry.problems
        self.docs = dict(_docs_files(root / options.docs_dir))
        docs_pages = {uri: f"{options.docs_dir}/{uri}" for uri in self.docs if uri.endswith(".md")}
        self.messages = Messages(options.language)
        self.layout = pages.layout(
            self.registry,
            docs_pages,
            options.use_directory_urls,
            messages=self.messages,
            limits=options.limits,
            material_tags=options.material_tags,
        )
        self.result.problems += self.layout.problems
        self.ext = BriefingExtension(self.registry, self.layout.of, messages=self.messages)
        # Where each generated page's file goes in the export (``placed``), and an
        # extension that links to those files, for the rewritten Markdown.
        self.place = {s.uri: placed(s.uri, options.use_directory_urls) for s in self.layout.specs}
        self.moved = {old: new for old, new in self.place.items() if old != new}
        self.ext_out = BriefingExtension(
            self.registry, lambda t: self.place[self.layout.of(t)], messages=self.messages
        )
        try:
            self.md = markdown.Markdown(extensions=[*names, self.ext], extension_configs=configs)
        except Exception as exc:  # a third-party extension's own error: say which setting
            raise ExportError(f"mkdocs.yml: markdown_extensions cannot be loaded: {exc}") from None
        self.link = autolinker(self.registry, options.autolink)
        self.env = _page_env(self.messages)

    def url(self, uri: str) -> str:
        return page_url(uri, self.options.use_directory_urls)

    def render(self, markdown_: str, record: PageRecord, uri: str) -> PageRecord:
        """Render as the plugin's build does, for what the page records."""
        self.ext.begin(record, uri)
        self.md.reset().convert(markdown_)
        return self.ext.end()

    def footnotes_here(self) -> str:
        """After the page just rendered has editor's notes: the footnotes extension's
        marker, which puts the notes where the plugin's page shows them (after the
        text, before the sections that the templates add), not at the page's end."""
        notes = next(
            (e for e in self.md.registeredExtensions if type(e).__name__ == "FootnoteExtension"), None
        )
        if notes is None or not getattr(notes, "footnotes", None):
            return ""
        return f"\n\n{notes.getConfig('PLACE_MARKER')}\n"

    def rewrite(self, body: str, record: PageRecord, rendered: PageRecord, uri: str, first_line: int) -> str:
        """The page's Markdown at its place in the export: links made right from there,
        annotations written as standard Markdown."""
        new_uri = self.place.get(uri, uri)
        body = relinked(body, uri, new_uri, self.moved)
        self.ext_out.begin(PageRecord(record.path, record.line_offset, date=record.date), new_uri)
        try:
            return portable(body, self.ext_out, rendered, first_line)
        finally:
            self.ext_out.end()

    def run(self) -> Export:
        records: dict[str, PageRecord] = {}
        texts: dict[str, str] = {}
        for spec in self.layout.specs:
            markdown_ = pages.autolinked(spec, self.link) if self.link else spec.markdown
            record = pages.record_for(spec, self.registry)
            records[spec.uri] = self.render(markdown_, record, spec.uri)
            notes = self.footnotes_here()
            body_line = spec.markdown.count("\n", 0, spec.body_start) + 1 + spec.line_offset
            texts[spec.uri] = (
                self.rewrite(markdown_[spec.body_start :], record, records[spec.uri], spec.uri, body_line)
                + notes
            )
        docs: dict[str, tuple[str, str, str]] = {}
        for uri in sorted(u for u in self.docs if u.endswith(".md")):
            docs[uri] = self._docs_page(uri)
        briefings = {s.key: records[s.uri] for s in self.layout.specs if s.role == "briefing"}
        index = build(self.registry, self.options.kinds, briefings)
        self.result.problems += index.problems
        self.result.problems += [p for r in records.values() for p in r.problems]
        for spec in pages.entity_archives(index, self.layout, self.options.limits, self.messages):
            self.place[spec.uri] = placed(spec.uri, self.options.use_directory_urls)
            texts[spec.uri] = ""
        ctx = Context(
            index,
            self.layout,
            self.url,
            str(self.config.get("site_url") or ""),
            self.messages,
            self.options.limits,
        )
        for spec in self.layout.specs + self.layout.late:
            self._generated(spec, texts[spec.uri], ctx)
        for uri, (meta, body, template) in docs.items():
            self._write_docs_page(uri, meta, body, template, ctx)
        for uri, path in self.docs.items():
            if not uri.endswith(".md"):
                self.result.files[f"docs/{uri}"] = path.read_bytes()
        for path, make, write in outputs(ctx, str(self.config.get("site_name") or "")):
            self.result.files[f"docs/{path}"] = write(make()).encode("utf-8")
        self.result.files[f"docs/{CSS_URI}"] = stylesheet(self.options.kinds).encode("utf-8")
        for rel, path in _beside_config(self.root, self.config):
            self.result.files[rel] = path.read_bytes()
        hidden = _not_in_nav(self.layout, self.place, self.docs)
        self.result.files["mkdocs.yml"] = settings.exported(self.config, hidden, self.moved).encode("utf-8")
        self.result.problems = ordered(self.result.problems)
        return self.result

    # -- pages ----------------------------------------------------------------------

    def _generated(self, spec: pages.PageSpec, body: str, ctx: Context) -> None:
        header = spec.markdown[: spec.body_start].replace(BODY_SENTINEL, "").strip("\n")
        data = ctx.page(spec.role, spec.key)
        meta = yaml.safe_load(spec.meta)
        meta.pop("template", None)
        content = f"{_HEAD}{BODY_SENTINEL}{_BODY}" if spec.role == ENTITY_PAGE.name else f"{_HEAD}\n\n{_BODY}"
        template = ROLES[spec.role].template
        self._page(spec.uri, meta, template, content, data, header, body, self.place[spec.uri])

    def _docs_page(self, uri: str) -> tuple[str, str, str]:
        """(front matter, rewritten body, theme template) of a hand-written page."""
        text = self.docs[uri].read_text(encoding="utf-8", errors="replace")
        meta_text, body, data = "", text, {}
        m = _DOCS_META.match(text)
        if m:
            try:
                loaded = yaml.safe_load(m.group(1))
            except yaml.YAMLError:
                loaded = None
            if isinstance(loaded, dict):
                meta_text, body, data = text[: m.end()], text[m.end() :], loaded
        offset = text.count("\n") - body.count("\n")
        path = f"{self.options.docs_dir}/{uri}"
        record = PageRecord(path, offset)
        rendered = self.render(body, record, uri)
        notes = self.footnotes_here()
        self.result.problems += rendered.problems
        rewritten = self.rewrite(body, record, rendered, uri, offset + 1)
        template = str(data.get("template") or "")
        if template == HOME_PAGE.template:
            rewritten += notes
            data.pop("template")
            meta_text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"
        return meta_text, rewritten, template

    def _write_docs_page(self, uri: str, meta: str, body: str, template: str, ctx: Context) -> None:
        if template != HOME_PAGE.template:
            original = self.docs[uri].read_bytes()
            text = meta + body
            # A page with nothing to rewrite is copied as it is, byte for byte.
            unchanged = text == original.decode("utf-8", errors="replace")
            self.result.files[f"docs/{uri}"] = original if unchanged else text.encode("utf-8")
            return
        self._page(uri, None, template, f"{_HEAD}\n\n{_BODY}", ctx.page(HOME_PAGE.name), "", body, uri, meta)

    def _page(
        self,
        uri: str,
        meta: dict[str, Any] | None,
        template: str,
        content: str,
        data: dict[str, Any],
        header: str,
        body: str,
        path: str = "",
        meta_text: str = "",
    ) -> None:
        page = {"content": content, "url": _page_url_of(self.url(uri))}
        html = self.env.get_template(template).render(page=page, briefing=data, config=self.config)
        html = html.replace(_HEAD, f"\n\n{header}\n\n").replace(_BODY, f"\n\n{body.strip(chr(10))}\n\n")
        text = self.env.get_template("page.md").render(
            meta=meta_text or (yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) if meta else ""),
            framed=meta is not None,
            content=_tidy(html),
            jsonld=data.get("jsonld", ""),
        )
        self.result.files[f"docs/{path}"] = text.encode("utf-8")


def placed(uri: str, use_directory_urls: bool) -> str:
    """Where a generated page's file goes in the export. With directory URLs, the page
    of ``glossary/nato.md`` is ``glossary/nato/``: written as ``glossary/nato/index.md``,
    its file is in the folder of its URL, so a relative link in its HTML blocks means
    the same to every engine (MkDocs leaves links in HTML as they are; Zensical reads
    them from the file's folder, as it reads Markdown links)."""
    stem = posixpath.splitext(uri)[0]
    if not use_directory_urls or posixpath.basename(stem) in ("index", "README"):
        return uri
    return f"{stem}/index.md"


def _page_url_of(url: str) -> str:
    """Page.url: the home page's URL is empty."""
    return "" if url in (".", "./") else url


_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")


def _tidy(text: str) -> str:
    """Runs of blank lines (left by template tags) as one: the same Markdown, readable."""
    return _BLANK_RUN.sub("\n\n", text).strip("\n") + "\n"


def _not_in_nav(layout: pages.Layout, place: dict[str, str], docs: dict[str, Path]) -> list[str]:
    """Patterns that keep generated briefing and entry pages out of an automatic nav, as
    the plugin does; index pages and hand-written pages in those folders stay in."""
    folders = sorted({posixpath.dirname(s.uri) for s in layout.specs if not s.in_nav})
    lines = [p for folder in folders for p in (f"/{folder}/*.md", f"/{folder}/*/index.md")]
    keep = [place[s.uri] for s in layout.specs if s.in_nav] + [u for u in docs if u.endswith(".md")]
    lines += [f"!/{uri}" for uri in sorted(keep) if any(uri.startswith(f"{f}/") for f in folders)]
    return lines


def _beside_config(root: Path, config: dict[str, Any]) -> Iterator[tuple[str, Path]]:
    """Files that mkdocs.yml names by a path relative to itself (the theme's
    ``custom_dir``, ``hooks``): copied to the same place beside the export's."""
    theme = config.get("theme")
    names = [theme.get("custom_dir")] if isinstance(theme, dict) else []
    names += config.get("hooks") or [] if isinstance(config.get("hooks"), list) else []
    base = root.resolve()
    for name in names:
        if not isinstance(name, str) or Path(name).is_absolute():
            continue
        path = (root / name).resolve()
        if base not in path.parents:
            continue
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for item in found:
            if not any(part.startswith(".") for part in item.relative_to(base).parts):
                yield item.relative_to(base).as_posix(), item


def _docs_files(docs: Path) -> Iterator[tuple[str, Path]]:
    """Every file MkDocs would publish from docs/: not hidden, not in docs/templates/."""
    if not docs.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(docs):
        rel = Path(dirpath).relative_to(docs).as_posix()
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (rel == "." and d == "templates")
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                path = Path(dirpath, name)
                yield path.relative_to(docs).as_posix(), path


def export(root: Path, config: dict[str, Any], options: Options) -> Export:
    """Everything the export writes, in memory, and the problems found on the way."""
    return _Writer(root, config, options).run()


def write(result: Export, out: Path) -> None:
    """Write ``result`` into ``out``: an empty or missing folder, or a previous export,
    whose files are replaced (files that the export did not write, such as a built
    ``site/``, are left alone)."""
    marker = out / MARKER
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out.as_posix()} is a file, not a folder; nothing was written")
    if out.is_dir() and any(out.iterdir()):
        if not marker.is_file():
            raise ExportError(
                f"{out.as_posix()} is not empty and is not a previous export "
                f"(it has no {MARKER}); nothing was written"
            )
        _remove_previous(out, marker)
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in sorted(result.files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    listing = "".join(f"{rel}\n" for rel in sorted(result.files))
    head = "# Written by `briefing export`; the next export replaces the files listed below.\n"
    marker.write_text(head + listing, encoding="utf-8")


def _remove_previous(out: Path, marker: Path) -> None:
    root = out.resolve()
    folders = set()
    for line in marker.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line.startswith("#"):
            continue
        path = (out / line).resolve()
        if root not in path.parents:  # a hand-edited listing must not reach outside
            continue
        if path.is_file():
            path.unlink()
        folders.update(p for p in path.parents if root in p.parents)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
