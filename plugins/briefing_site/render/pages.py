"""Model to generated pages: where each page lives and the Markdown it starts from.

A generated page's Markdown is a small stub: a header (rendered from a Jinja2
template, autoescaped, since front-matter values are plain text) and, for
briefings and entries, the author's body. The stub carries what search must
find (titles, names, aliases, summaries); the lists that depend on every page
are added by the theme templates (see ``context``).
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import jinja2
import yaml

from ..core.model import Briefing, Entity, PageRecord, Problem
from ..core.registry import BRIEFING, Registry, Target
from .messages import Messages
from .vocabulary import BODY_SENTINEL, BRIEFING_PAGE, ENTITY_PAGE, INDEX_PAGES, ROLES


@dataclass(frozen=True)
class PageSpec:
    uri: str  # src_uri of the generated page
    meta: str  # its YAML front matter (title and template), for MkDocs
    markdown: str  # its Markdown, as MkDocs hands it to the renderer
    role: str  # 'briefing', 'entity', 'glossary', 'briefings' or 'timeline'
    key: str = ""  # briefing stem or entity id
    path: str = ""  # the source file, for messages
    line_offset: int = 0  # source line = Markdown line + line_offset
    in_nav: bool = False
    body_start: int = 0  # where the author's body starts in ``markdown``

    @property
    def content(self) -> str:
        """The whole virtual file: front matter, then Markdown."""
        return f"---\n{self.meta}---\n{self.markdown}"


def briefing_uri(b: Briefing) -> str:
    """Where a briefing's page belongs (``Layout`` may move it if that is taken)."""
    return BRIEFING_PAGE.uri_of(b.slug)


def entity_uri(entity_id: str) -> str:
    return ENTITY_PAGE.uri_of(entity_id)


def dest_path(uri: str, use_directory_urls: bool = True) -> str:
    """The output file MkDocs writes for the page at ``uri`` (its File.dest_uri rule):
    two pages with the same dest path would overwrite each other."""
    stem = posixpath.splitext(uri)[0]
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return posixpath.join(folder, "index.html")
    return f"{stem}/index.html" if use_directory_urls else f"{stem}.html"


def relative_url(url: str, page_url: str) -> str:
    """``url`` (from the site's root) as a link from the page at ``page_url``: what MkDocs'
    ``url`` template filter gives. That filter re-normalises both paths on every call, and
    a large site's lists hold a hundred thousand links."""
    if url.startswith(("/", "#")) or ":" in url.split("/", 1)[0]:
        return url  # absolute, a fragment, or with a scheme: as it is
    folder, last = posixpath.split(page_url)
    start = [p for p in (folder if "." in last else page_url).split("/") if p]
    target = [p for p in url.split("/") if p]
    common = 0
    for a, b in zip(start, target, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing_site.render", "page_templates/stubs"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_env.globals["briefing_body"] = BODY_SENTINEL


def _stub(say: Messages, role_name: str, title: str, body: str = "", **ctx) -> tuple[str, str, int, int]:
    """Front matter, Markdown (header and body), and the line and offset where the body starts."""
    # The theme puts page titles into HTML unescaped (header, nav, <title>): escape
    # here, as titles are plain text. Browsers and the search UI show the text as typed.
    role = ROLES[role_name]
    meta = yaml.safe_dump(
        {"title": html.escape(title), "template": role.template},
        allow_unicode=True,
        sort_keys=True,
    )
    header = _env.get_template(role.stub).render(**say.template_globals(), **ctx).strip("\n")
    return meta, f"{header}\n\n{body}", header.count("\n") + 3, len(header) + 2


def _source_page(uri: str, role: str, key: str, path: str, body_line: int, stub) -> PageSpec:
    meta, markdown, line, start = stub
    return PageSpec(uri, meta, markdown, role, key, path, body_line - line, body_start=start)


# A source's stub, by the source object it was made from and the language: a source read
# again only when its file changed (``SourceCache``) keeps its stub from one build to the next.
Stubs = dict[tuple[int, str], tuple[Briefing | Entity, tuple[str, str, int, int]]]


@dataclass
class Layout:
    """Every generated page and the address it finally got."""

    specs: list[PageSpec]
    problems: list[Problem]
    uris: dict[tuple[str, str], str]  # (role, key) -> src_uri; index pages have key ""
    stubs: Stubs = field(default_factory=dict)  # what the next layout may reuse

    def briefing(self, stem: str) -> str:
        return self.uris[("briefing", stem)]

    def entity(self, entity_id: str) -> str:
        return self.uris[("entity", entity_id)]

    def index(self, role: str) -> str:
        """Where the generated index page of ``role`` ('briefings', 'glossary'...) went."""
        return self.uris[(role, "")]

    def of(self, target: Target) -> str:
        return self.briefing(target.id) if target.type == BRIEFING else self.entity(target.id)


def _stub_of(
    source: Briefing | Entity, old: Stubs, new: Stubs, say: Messages, *args: str, **ctx
) -> tuple[str, str, int, int]:
    """``_stub(say, *args, **ctx)`` of a source, made again only for a source read again."""
    key = (id(source), say.tag)
    kept = old.get(key)
    stub = kept[1] if kept is not None and kept[0] is source else _stub(say, *args, **ctx)
    new[key] = (source, stub)
    return stub


def _specs(registry: Registry, render: bool, old: Stubs, new: Stubs, say: Messages) -> list[PageSpec]:
    """Every generated page at its natural address, in a stable order; without
    ``render``, addresses only (for ``briefing check``)."""
    if not render:
        return [
            *(PageSpec(role.uri, "", "", role.name) for role in INDEX_PAGES),
            *(PageSpec(briefing_uri(b), "", "", "briefing", b.stem, b.path) for b in _by_stem(registry)),
            *(PageSpec(entity_uri(e.id), "", "", "entity", e.id, e.path) for e in _by_id(registry)),
        ]
    specs = [PageSpec(r.uri, *_stub(say, r.name, say(r.title))[:2], r.name, in_nav=True) for r in INDEX_PAGES]
    for b in _by_stem(registry):
        stub = _stub_of(b, old, new, say, "briefing", b.title, b.body, item=b)
        specs.append(_source_page(briefing_uri(b), "briefing", b.stem, b.path, b.body_line, stub))
    for e in _by_id(registry):
        stub = _stub_of(e, old, new, say, "entity", e.name, e.body, item=e, kind=say.kind(e.kind))
        specs.append(_source_page(entity_uri(e.id), "entity", e.id, e.path, e.body_line, stub))
    return specs


def _by_stem(registry: Registry) -> list[Briefing]:
    return sorted(registry.briefings.values(), key=lambda b: b.stem)


def _by_id(registry: Registry) -> list[Entity]:
    return sorted(registry.entities.values(), key=lambda e: e.id)


def layout(
    registry: Registry,
    docs: dict[str, str],
    use_directory_urls: bool = True,
    render: bool = True,
    stubs: Stubs | None = None,
    messages: Messages | None = None,
) -> Layout:
    """Give every generated page an address of its own.

    ``docs`` maps each hand-written page's src_uri to its path. A hand-written page
    keeps its address; a generated page whose output would overwrite another page
    moves to the first free ``<name>-2``, ``<name>-3``... and the move is reported,
    so that no text is lost while the problem is fixed.
    """
    taken: dict[str, tuple[str, PageSpec | None]] = {
        dest_path(uri, use_directory_urls): (path, None) for uri, path in docs.items()
    }
    placed, problems, uris, kept = [], [], {}, {}
    for spec in _specs(registry, render, stubs or {}, kept, messages or Messages()):
        uri, n = spec.uri, 1
        while dest_path(uri, use_directory_urls) in taken:
            n += 1
            uri = _numbered(spec, n)
        if uri != spec.uri:
            owner = taken[dest_path(spec.uri, use_directory_urls)]
            problems.append(_moved(spec, owner, dest_path(uri, use_directory_urls)))
            spec = replace(spec, uri=uri)
        taken[dest_path(uri, use_directory_urls)] = (_name(spec), spec)
        placed.append(spec)
        uris[(spec.role, spec.key)] = uri
    return Layout(placed, problems, uris, kept)


def _numbered(spec: PageSpec, n: int) -> str:
    """``briefings/x.md`` -> ``briefings/x-2.md``; index page ``timeline/index.md`` -> ``timeline-2.md``."""
    stem = posixpath.splitext(spec.uri)[0]
    if not spec.key and posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}-{n}.md"


def _name(spec: PageSpec) -> str:
    return spec.path or f"the generated {spec.role} page"


def _moved(spec: PageSpec, owner: tuple[str, PageSpec | None], dest: str) -> Problem:
    """The problem that made a page move, said where the author can fix it."""
    name, other = owner
    moved = f"its page is published at {dest.removesuffix('index.html')} instead"
    natural = posixpath.splitext(posixpath.basename(spec.uri))[0]
    if other is None:  # a hand-written page in docs/: reported there
        message = f"{name} is at the URL of {_name(spec)}; the hand-written page is kept and {moved}"
        return Problem(name, 1, message, "duplicate")
    if spec.key and not other.key:  # a slug or id that names a generated index page
        what = "slug" if spec.role == "briefing" else "id"
        message = f"{what} '{natural}' is the name of a generated page ({name}); {moved}"
        return Problem(spec.path, 1, message, "reserved_name")
    message = f"slug '{natural}' is used by {name} and {spec.path}; {moved}"
    return Problem(spec.path, 1, message, "duplicate")


def record_for(spec: PageSpec, registry: Registry) -> PageRecord:
    """An empty record for rendering a generated page."""
    is_briefing = spec.role == "briefing"
    date = registry.briefings[spec.key].date if is_briefing else None
    return PageRecord(spec.path, spec.line_offset, date=date)


def autolinked(spec: PageSpec, link: Callable[[str], str]) -> str:
    """A briefing's Markdown with ``link`` applied to the author's body only."""
    if spec.role != "briefing":
        return spec.markdown
    return spec.markdown[: spec.body_start] + link(spec.markdown[spec.body_start :])
