"""Model to generated pages: where each page lives and the Markdown it starts from.

A generated page's Markdown is a small stub: a header (rendered from a Jinja2
template, autoescaped, since front-matter values are plain text) and, for
briefings and entries, the author's body. The stub carries what search must
find (titles, names, aliases, summaries); the lists that depend on every page
are added by the theme templates (see ``context``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
import yaml

from .model import Briefing, PageRecord, Problem
from .registry import BRIEFING, Registry, Target
from .text import language

BRIEFINGS_INDEX = "briefings/index.md"
GLOSSARY_INDEX = "glossary/index.md"
TIMELINE = "timeline/index.md"
NETWORK = "network/index.md"
BODY_SENTINEL = "<!--briefing-body-->"

KIND_LABELS = {
    "people": ("Person", "People"),
    "organizations": ("Organization", "Organizations"),
    "countries": ("Country", "Countries"),
    "places": ("Place", "Places"),
    "concepts": ("Concept", "Concepts"),
}


def kind_labels(kind: str) -> tuple[str, str]:
    """(singular, plural) label of a kind folder; unknown kinds are title-cased."""
    plain = kind.replace("-", " ").replace("_", " ")
    return KIND_LABELS.get(kind, (plain.capitalize(), plain.capitalize()))


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


def uri_of(target: Target, registry: Registry) -> str:
    if target.type == BRIEFING:
        return briefing_uri(registry.briefings[target.id])
    return entity_uri(target.id)


def briefing_uri(b: Briefing) -> str:
    return f"briefings/{b.slug}.md"


def entity_uri(entity_id: str) -> str:
    return f"glossary/{entity_id}.md"


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing_site", "templates/briefing/stubs"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["language"] = language


def _stub(template: str, title: str, body: str = "", **ctx) -> tuple[str, str, int, int]:
    """Front matter, Markdown (header and body), and the line and offset where the body starts."""
    # The theme puts page titles into HTML unescaped (header, nav, <title>): escape
    # here, as titles are plain text. Browsers and the search UI show the text as typed.
    meta = yaml.safe_dump(
        {"title": html.escape(title), "template": f"briefing/{template}.html"},
        allow_unicode=True,
        sort_keys=True,
    )
    header = _env.get_template(f"{template}.md").render(**ctx).strip("\n")
    return meta, f"{header}\n\n{body}", header.count("\n") + 3, len(header) + 2


def _source_page(uri: str, role: str, key: str, path: str, body_line: int, stub) -> PageSpec:
    meta, markdown, line, start = stub
    return PageSpec(uri, meta, markdown, role, key, path, body_line - line, body_start=start)


def generate(registry: Registry) -> list[PageSpec]:
    """Every generated page, in a stable order: indexes, briefings, entries."""
    specs = [
        PageSpec(uri, *_stub(role, title)[:2], role, in_nav=True)
        for uri, role, title in (
            (BRIEFINGS_INDEX, "briefings", "Briefings"),
            (GLOSSARY_INDEX, "glossary", "Glossary"),
            (TIMELINE, "timeline", "Timeline"),
            (NETWORK, "network", "The story's network"),
        )
    ]
    for b in sorted(registry.briefings.values(), key=lambda b: b.stem):
        stub = _stub("briefing", b.title, b.body, item=b)
        specs.append(_source_page(briefing_uri(b), "briefing", b.stem, b.path, b.body_line, stub))
    for e in sorted(registry.entities.values(), key=lambda e: e.id):
        kind = kind_labels(e.kind)[0]
        stub = _stub("entity", e.name, e.body, item=e, kind=kind, sentinel=BODY_SENTINEL)
        specs.append(_source_page(entity_uri(e.id), "entity", e.id, e.path, e.body_line, stub))
    return specs


def record_for(spec: PageSpec, registry: Registry) -> PageRecord:
    """An empty record for rendering a generated page."""
    is_briefing = spec.role == "briefing"
    date = registry.briefings[spec.key].date if is_briefing else None
    return PageRecord(spec.path, spec.line_offset, counts=is_briefing, date=date)


def autolinked(spec: PageSpec, link: Callable[[str], str]) -> str:
    """A briefing's Markdown with ``link`` applied to the author's body only."""
    if spec.role != "briefing":
        return spec.markdown
    return spec.markdown[: spec.body_start] + link(spec.markdown[spec.body_start :])


def conflict(docs_path: str, spec: PageSpec) -> Problem:
    """A hand-written page at a generated page's address: the hand-written one is kept."""
    theirs = spec.path or f"the generated {spec.role} page ({spec.uri})"
    message = f"{docs_path} is at the URL of {theirs}; the hand-written page is kept"
    return Problem(docs_path, 1, message, "duplicate")
