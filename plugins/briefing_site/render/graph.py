"""The knowledge graph, ``graph.json``: one JSON file with every entity, briefing, mention,
quote and event. Its schema is versioned and documented in docs/data.md."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..core.dates import PartialDate
from ..core.index import Index, PlacedEvent
from ..core.model import Briefing, Entity, Mention, Quote
from .structured import same_as, script_json

GRAPH_FILE = "graph.json"
VERSION = "1.1"


def _iso(d: PartialDate | None) -> str | None:
    return d.iso if d else None


def graph(index: Index, url: Callable[[str, str], str], language: str = "en") -> str:
    """The text of graph.json. ``url(kind, key)`` is the URL of a 'briefing' (stem) or
    'entity' (id); ``language`` is the site's (a BCP 47 tag), in which the graph's own
    words would be. Each row of a list is on a line of its own: readable, and a diff
    shows the rows that changed. A row is made (and encoded) once per content, so a
    serve session's rebuild encodes only the rows an edit changed."""
    reg = index.registry
    entities = sorted(reg.entities.values(), key=lambda e: e.id)
    briefings = sorted(reg.briefings.values(), key=lambda b: b.stem)
    fields: dict[str, Any] = {
        "version": VERSION,
        "language": language,
        "entities": [
            _entity_row(
                e, url("entity", e.id), tuple(index.role_of.get((e.id, i)) for i in range(len(e.roles)))
            )
            for e in entities
        ],
        "briefings": [
            _briefing_row(
                b,
                url("briefing", b.stem),
                tuple(index.about.get(b.stem, ())),
                tuple(r.stem for r in index.related.get(b.stem, ())),
            )
            for b in briefings
        ],
        "mentions": [
            row for b in briefings for row in _mention_rows(b.stem, tuple(index.record(b.stem).mentions))
        ],
        "quotes": [row for b in briefings for row in _quote_rows(b.stem, tuple(index.record(b.stem).quotes))],
        "events": [_event_row(p) for p in index.timeline],
    }
    return _layout(fields)


def _layout(fields: dict[str, Any]) -> str:
    out = []
    for name, value in sorted(fields.items()):
        if isinstance(value, list) and value:
            value = "[\n  " + ",\n  ".join(value) + "\n ]"
        else:
            value = script_json(value)
        out.append(f"{script_json(name)}: {value}")
    return "{\n " + ",\n ".join(out) + "\n}"


# Rows, encoded, by what they are made of (every argument is frozen, so hashable): the
# same entity, briefing or mention gives the same line without being encoded again.
_rows = functools.lru_cache(maxsize=1 << 17)


@_rows
def _entity_row(e: Entity, url: str, role_of: tuple[str | None, ...]) -> str:
    return script_json(
        {
            "id": e.id,
            "kind": e.kind,
            "name": e.name,
            "short": e.short or None,
            "aliases": list(e.aliases),
            "summary": e.summary,
            "wikidata": e.wikidata or None,
            "url": url,
            "sameAs": same_as(e),
            "roles": [
                {"title": r.title, "of": of, "from": _iso(r.start), "to": _iso(r.end)}
                for r, of in zip(e.roles, role_of, strict=True)
            ],
        }
    )


@_rows
def _briefing_row(b: Briefing, url: str, about: tuple[str, ...], related: tuple[str, ...]) -> str:
    return script_json(
        {
            "id": b.stem,
            "title": b.title,
            "date": _iso(b.date),
            "updated": b.updated.iso if b.updated else None,
            "summary": b.summary,
            "tags": list(b.tags),
            "url": url,
            "source": {k: v for k, v in vars(b.source).items() if v},
            "about": list(about),
            "related": list(related),
        }
    )


@_rows
def _mention_rows(stem: str, mentions: tuple[Mention, ...]) -> tuple[str, ...]:
    return tuple(
        script_json({"briefing": stem, "entity": m.target, "anchor": m.anchor, "sentence": m.sentence})
        for m in mentions
    )


@_rows
def _quote_rows(stem: str, quotes: tuple[Quote, ...]) -> tuple[str, ...]:
    return tuple(
        script_json({"briefing": stem, "speaker": q.speaker, "text": q.text, "anchor": q.anchor})
        for q in quotes
    )


@_rows
def _event_row(p: PlacedEvent) -> str:
    return script_json(
        {
            "date": p.event.date.iso,
            "title": p.event.title,
            "briefing": p.event.briefing,
            "place": p.place,
            "actors": list(p.actors),
        }
    )
