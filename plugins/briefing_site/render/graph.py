"""The knowledge graph, ``graph.json``: one JSON file with every entity, briefing, mention,
quote and event. Its schema is versioned and documented in docs/data.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.dates import PartialDate
from ..core.index import Index
from .structured import same_as

GRAPH_FILE = "graph.json"
VERSION = "1.1"


def _iso(d: PartialDate | None) -> str | None:
    return d.iso if d else None


def graph(index: Index, url: Callable[[str, str], str], language: str = "en") -> dict[str, Any]:
    """``url(kind, key)`` is the URL of a 'briefing' (stem) or 'entity' (id); ``language``
    is the site's (a BCP 47 tag), in which the graph's own words would be."""
    reg = index.registry
    entities = sorted(reg.entities.values(), key=lambda e: e.id)
    briefings = sorted(reg.briefings.values(), key=lambda b: b.stem)
    return {
        "version": VERSION,
        "language": language,
        "entities": [
            {
                "id": e.id,
                "kind": e.kind,
                "name": e.name,
                "short": e.short or None,
                "aliases": list(e.aliases),
                "summary": e.summary,
                "wikidata": e.wikidata or None,
                "url": url("entity", e.id),
                "sameAs": same_as(e),
                "roles": [
                    {
                        "title": r.title,
                        "of": index.role_of.get((e.id, i)),
                        "from": _iso(r.start),
                        "to": _iso(r.end),
                    }
                    for i, r in enumerate(e.roles)
                ],
            }
            for e in entities
        ],
        "briefings": [
            {
                "id": b.stem,
                "title": b.title,
                "date": _iso(b.date),
                "updated": b.updated.iso if b.updated else None,
                "summary": b.summary,
                "tags": list(b.tags),
                "url": url("briefing", b.stem),
                "source": {k: v for k, v in vars(b.source).items() if v},
                "about": list(index.about.get(b.stem, ())),
                "related": [r.stem for r in index.related.get(b.stem, ())],
            }
            for b in briefings
        ],
        "mentions": [
            {"briefing": b.stem, "entity": m.target, "anchor": m.anchor, "sentence": m.sentence}
            for b in briefings
            for m in index.record(b.stem).mentions
        ],
        "quotes": [
            {"briefing": b.stem, "speaker": q.speaker, "text": q.text, "anchor": q.anchor}
            for b in briefings
            for q in index.record(b.stem).quotes
        ],
        "events": [
            {
                "date": p.event.date.iso,
                "title": p.event.title,
                "briefing": p.event.briefing,
                "place": p.place,
                "actors": list(p.actors),
            }
            for p in index.timeline
        ],
    }
