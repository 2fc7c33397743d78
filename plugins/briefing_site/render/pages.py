"""Model to generated pages: where each page lives and the Markdown it starts from.

A generated page's Markdown is a small stub: a header (rendered from a Jinja2
template, autoescaped, since front-matter values are plain text) and, for
briefings and entries, the author's body. The stub carries what search must
find (titles, names, aliases, summaries); the lists that depend on every page
are added by the theme templates (see ``context``).
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import jinja2
import yaml

from ..core.index import Index, newest_first
from ..core.model import Briefing, Entity, PageRecord, Problem
from ..core.registry import BRIEFING, Registry, Target
from ..core.text import normalize
from .messages import Messages
from .paging import DEFAULT_LIMITS, Limits, Part, by_year, needs_archive
from .vocabulary import (
    BODY_SENTINEL,
    BRIEFING_PAGE,
    BRIEFINGS_PAGE,
    ENTITY_PAGE,
    GLOSSARY_PAGE,
    INDEX_PAGES,
    ROLES,
    TAGS_PAGE,
    TIMELINE_PAGE,
)


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
    # A page that only lists what other pages hold (tags, archives): not in search,
    # which finds each briefing and entry on its own page.
    listing: bool = False

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


def _stub(
    say: Messages, role_name: str, title: str, body: str = "", meta: dict | None = None, **ctx
) -> tuple[str, str, int, int]:
    """Front matter, Markdown (header and body), and the line and offset where the body starts."""
    # The theme puts page titles into HTML unescaped (header, nav, <title>): escape
    # here, as titles are plain text. Browsers and the search UI show the text as typed.
    role = ROLES[role_name]
    front = yaml.safe_dump(
        {"title": html.escape(title), "template": role.template, **(meta or {})},
        allow_unicode=True,
        sort_keys=True,
    )
    header = _env.get_template(role.stub).render(**say.template_globals(), **ctx).strip("\n")
    return front, f"{header}\n\n{body}", header.count("\n") + 3, len(header) + 2


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
    late: list[PageSpec] = field(default_factory=list)  # added by ``add``

    def briefing(self, stem: str) -> str:
        return self.uris[("briefing", stem)]

    def entity(self, entity_id: str) -> str:
        return self.uris[("entity", entity_id)]

    def index(self, role: str) -> str:
        """Where the generated index page of ``role`` ('briefings', 'glossary'...) went."""
        return self.uris[(role, "")]

    def of(self, target: Target) -> str:
        return self.briefing(target.id) if target.type == BRIEFING else self.entity(target.id)

    def add(self, specs: list[PageSpec]) -> None:
        """Pages known only once the index is built (an entry's archive pages): each at
        its natural address, in its entry's folder, which no other generated page uses."""
        for spec in specs:
            self.uris[(spec.role, spec.key)] = spec.uri
        self.late = specs


def _stub_of(
    source: Briefing | Entity, old: Stubs, new: Stubs, say: Messages, *args: str, **ctx
) -> tuple[str, str, int, int]:
    """``_stub(say, *args, **ctx)`` of a source, made again only for a source read again."""
    key = (id(source), say.tag)
    kept = old.get(key)
    stub = kept[1] if kept is not None and kept[0] is source else _stub(say, *args, **ctx)
    new[key] = (source, stub)
    return stub


def _specs(
    registry: Registry,
    render: bool,
    old: Stubs,
    new: Stubs,
    say: Messages,
    limits: Limits,
    material_tags: bool,
) -> list[PageSpec]:
    """Every generated page at its natural address, in a stable order; without
    ``render``, addresses only (for ``briefing check``)."""
    lists = listings(registry, limits, say, tags=not material_tags)
    if not render:
        return [
            *(PageSpec(role.uri, "", "", role.name) for role in INDEX_PAGES),
            *(PageSpec(briefing_uri(b), "", "", "briefing", b.stem, b.path) for b in _by_stem(registry)),
            *(PageSpec(entity_uri(e.id), "", "", "entity", e.id, e.path) for e in _by_id(registry)),
            *(PageSpec(item.uri, "", "", item.role, item.key) for item in lists),
        ]
    specs = [PageSpec(r.uri, *_stub(say, r.name, say(r.title))[:2], r.name, in_nav=True) for r in INDEX_PAGES]
    for b in _by_stem(registry):
        # With Material's tags plugin, Material shows and lists a briefing's tags.
        meta = {"tags": list(b.tags)} if material_tags and b.tags else None
        stub = _stub_of(b, old, new, say, "briefing", b.title, b.body, meta=meta, item=b)
        specs.append(_source_page(briefing_uri(b), "briefing", b.stem, b.path, b.body_line, stub))
    for e in _by_id(registry):
        stub = _stub_of(e, old, new, say, "entity", e.name, e.body, item=e, kind=say.kind(e.kind))
        specs.append(_source_page(entity_uri(e.id), "entity", e.id, e.path, e.body_line, stub))
    return specs + [listing_spec(item, say) for item in lists]


# -- pages that list what other pages hold: tags and archives --------------------------


@dataclass(frozen=True)
class Listing:
    uri: str
    role: str  # 'tags', 'tag', 'tag-year', 'briefings-year', 'timeline-year', 'glossary-kind', 'entity-year'
    key: str  # the tag; '<part>/<tag>' for a tag's archive; the part's key for the others
    title: str
    intro: str = ""


@functools.lru_cache(maxsize=1 << 15)  # a serve session's rebuilds list the same pages again
def listing_spec(item: Listing, say: Messages) -> PageSpec:
    meta, markdown, _, _ = _stub(
        say, item.role, item.title, "", _UNSEARCHED, heading=item.title, intro=item.intro
    )
    return PageSpec(item.uri, meta, markdown, item.role, item.key, listing=True)


_UNSEARCHED = {"search": {"exclude": True}}


def tag_slug(tag: str) -> str:
    """A tag's page name: 'Arms control' -> 'arms-control' (letters of any script kept)."""
    return re.sub(r"[\W_]+", "-", normalize(tag)).strip("-") or "tag"


def tag_keys(b: Briefing) -> list[str]:
    """A briefing's tags as keys (case-folded), once each, in its order."""
    return list(dict.fromkeys(normalize(t) for t in b.tags if t.strip()))


def tagged(briefings: list[Briefing]) -> dict[str, tuple[str, list[Briefing]]]:
    """Tag key (its case-folded form) -> (the tag as shown, its briefings in the given
    order), A–Z. Tags that differ only in case are one tag."""
    found: dict[str, tuple[str, list[Briefing]]] = {}
    for b in briefings:
        for tag in tag_keys(b):
            found.setdefault(tag, (min(t for t in b.tags if normalize(t) == tag), []))[1].append(b)
    return dict(sorted(found.items()))


def archive_folder(uri: str) -> str:
    """Where the archive pages of the page at ``uri`` go: its own folder."""
    stem = posixpath.splitext(uri)[0]
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem


def _date_of_briefing(b: Briefing):
    return b.date


def _archives(
    folder: str, role: str, base: str, title: str, lists: dict, limits: Limits, say: Messages
) -> list[Listing]:
    if not needs_archive([len(items) for items, _ in lists.values()], limits):
        return []
    return [
        Listing(
            f"{folder}/{part.key}.md",
            role,
            archive_key(part, base),
            say("page.part", title=title, part=part.label),
        )
        for part, _ in by_year(lists, limits.per_page)
    ]


def archive_key(part: Part, base: str = "") -> str:
    return f"{part.key}/{base}" if base else part.key


def kind_parts(kind: str, n: int, per_page: int, say: Messages) -> list[Part]:
    """The A–Z pages of a kind with ``n`` entries, when one page cannot hold them all."""
    if n <= per_page:
        return []
    label = say.kind(kind, plural=True)
    pages = -(-n // per_page)
    return [
        Part(kind if i == 0 else f"{kind}-{i + 1}", label if i == 0 else f"{label} ({i + 1})")
        for i in range(pages)
    ]


def listings(registry: Registry, limits: Limits, say: Messages, tags: bool = True) -> list[Listing]:
    """The tag pages and the archive pages of the indices: what they are depends on the
    sources alone (an entry's archive depends on its mentions: ``entity_archives``)."""
    briefings = newest_first(list(registry.briefings.values()))
    dated = {"items": (briefings, _date_of_briefing)}
    folder = archive_folder(BRIEFINGS_PAGE.uri) + "/archive"
    out = _archives(folder, "briefings-year", "", say(BRIEFINGS_PAGE.title), dated, limits, say)
    events = [e for b in briefings for e in b.events]
    timeline = {"items": (events, lambda e: e.date)}
    folder = archive_folder(TIMELINE_PAGE.uri)
    out += _archives(folder, "timeline-year", "", say(TIMELINE_PAGE.title), timeline, limits, say)
    kinds = sorted({e.kind for e in registry.entities.values()})
    for kind in kinds:
        n = sum(1 for e in registry.entities.values() if e.kind == kind)
        for part in kind_parts(kind, n, limits.per_page, say):
            title = say("page.part", title=say(GLOSSARY_PAGE.title), part=part.label)
            out.append(Listing(f"glossary/kinds/{part.key}.md", "glossary-kind", part.key, title))
    if not tags:
        return out
    found = tagged(briefings)
    if found:
        out.append(Listing(TAGS_PAGE.uri, "tags", "", say(TAGS_PAGE.title), say("tags.intro")))
    for key, (shown, items) in found.items():
        uri, title = f"tags/{tag_slug(key)}.md", say("page.tag", tag=shown)
        out.append(Listing(uri, "tag", key, title))
        by_date = {"items": (items, _date_of_briefing)}
        out += _archives(archive_folder(uri), "tag-year", key, title, by_date, limits, say)
    return out


def entity_lists(index: Index, entity_id: str) -> dict:
    """The lists of an entry's page that grow with the desk, with their items' dates."""
    return {
        "quotes": (index.quotes.get(entity_id, ()), lambda bq: bq[0].date),
        "mentioned_in": (index.mentioned_in.get(entity_id, ()), lambda bm: bm[0].date),
        "events": (index.events_of.get(entity_id, ()), lambda p: p.event.date),
    }


def entity_archives(index: Index, layout: Layout, limits: Limits, say: Messages) -> list[PageSpec]:
    """An entry's archive pages, one per year of its mentions, quotes and events: known
    once every briefing is rendered, so added to the layout then (``Layout.add``)."""
    specs = []
    for e in _by_id(index.registry):
        folder = archive_folder(layout.entity(e.id))
        for item in _archives(folder, "entity-year", e.id, e.name, entity_lists(index, e.id), limits, say):
            specs.append(listing_spec(item, say))
    layout.add(specs)
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
    limits: Limits = DEFAULT_LIMITS,
    material_tags: bool = False,
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
    for spec in _specs(registry, render, stubs or {}, kept, messages or Messages(), limits, material_tags):
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
