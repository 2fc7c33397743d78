"""Model to generated pages: where each page lives and the Markdown it starts from.

A generated page's Markdown is a small stub: a header (rendered from a Jinja2
template, autoescaped, since front-matter values are plain text) and, for
briefings and entries, the author's body. The stub carries what search must
find (titles, names, aliases, summaries); the lists that depend on every page
are added by the theme templates (see ``context``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import jinja2
import yaml

from .model import Briefing
from .registry import BRIEFING, Registry, Target
from .text import language

BRIEFINGS_INDEX = "briefings/index.md"
GLOSSARY_INDEX = "glossary/index.md"
TIMELINE = "timeline/index.md"
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
    content: str  # its Markdown, with front matter
    role: str  # 'briefing', 'entity', 'glossary', 'briefings' or 'timeline'
    key: str = ""  # briefing stem or entity id
    path: str = ""  # the source file, for messages
    line_offset: int = 0  # source line = Markdown line + line_offset
    in_nav: bool = False


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


def _stub(template: str, title: str, body: str = "", **ctx) -> tuple[str, int]:
    """Front matter, header and body; and the Markdown line on which the body starts."""
    # The theme puts page titles into HTML unescaped (header, nav, <title>): escape
    # here, as titles are plain text. Browsers and the search UI show the text as typed.
    meta = yaml.safe_dump(
        {"title": html.escape(title), "template": f"briefing/{template}.html"},
        allow_unicode=True,
        sort_keys=True,
    )
    header = _env.get_template(f"{template}.md").render(**ctx).strip("\n")
    # MkDocs strips the front matter; the body follows the header and a blank line.
    return f"---\n{meta}---\n{header}\n\n{body}", header.count("\n") + 3


def generate(registry: Registry) -> list[PageSpec]:
    """Every generated page, in a stable order: indexes, briefings, entries."""
    specs = [
        PageSpec(uri, _stub(role, title)[0], role, in_nav=True)
        for uri, role, title in (
            (BRIEFINGS_INDEX, "briefings", "Briefings"),
            (GLOSSARY_INDEX, "glossary", "Glossary"),
            (TIMELINE, "timeline", "Timeline"),
        )
    ]
    for b in sorted(registry.briefings.values(), key=lambda b: b.stem):
        content, line = _stub("briefing", b.title, b.body, item=b)
        specs.append(PageSpec(briefing_uri(b), content, "briefing", b.stem, b.path, b.body_line - line))
    for e in sorted(registry.entities.values(), key=lambda e: e.id):
        content, line = _stub(
            "entity", e.name, e.body, item=e, kind=kind_labels(e.kind)[0], sentinel=BODY_SENTINEL
        )
        specs.append(PageSpec(entity_uri(e.id), content, "entity", e.id, e.path, e.body_line - line))
    return specs
