"""The data each theme template gets: plain dicts of text and site URLs.

Values are raw text; templates escape them (``| e``) and make URLs relative
(``| url``). Built per page from the ``Index``, by dictionary look-ups only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .dates import PartialDate
from .index import Index, PlacedEvent
from .model import Briefing, Entity, Role
from .pages import briefing_uri, entity_uri, kind_labels
from .roles import is_current

Urls = Callable[[str], str]  # src_uri -> site URL


class Context:
    def __init__(self, index: Index, url: Urls) -> None:
        self.index = index
        self.url = url

    # -- small pieces -----------------------------------------------------------

    def entity(self, e: Entity, **extra: Any) -> dict[str, Any]:
        return {
            "id": e.id,
            "name": e.name,
            "label": e.label,
            "summary": e.summary,
            "kind": e.kind,
            "kind_label": kind_labels(e.kind)[0],
            "url": self.url(entity_uri(e.id)),
            "count": self.index.count(e.id),
            **extra,
        }

    def briefing(self, b: Briefing, anchor: str = "", **extra: Any) -> dict[str, Any]:
        url = self.url(briefing_uri(b))
        return {
            "stem": b.stem,
            "title": b.title,
            "url": url,
            "link": f"{url}#{anchor}" if anchor else url,
            "date": _date(b.date),
            "summary": b.summary,
            "tags": list(b.tags),
            **extra,
        }

    def event(self, p: PlacedEvent) -> dict[str, Any]:
        entities = self.index.registry.entities
        b = self.index.registry.briefings[p.event.briefing]
        return {
            "date": _date(p.event.date),
            "month": {"key": p.event.date.month_key, "label": p.event.date.month_label},
            "title": p.event.title,
            "briefing": self.briefing(b),
            "place": self.entity(entities[p.place]) if p.place else _unlinked(p.place_text),
            "actors": [self.entity(entities[a]) for a in p.actors],
        }

    def role(self, e: Entity, i: int, role: Role) -> dict[str, Any]:
        of = self.index.role_of.get((e.id, i))
        return {
            "title": role.title,
            "of": self.entity(self.index.registry.entities[of])
            if of
            else _unlinked(role.of.text if role.of else ""),
            "start": _date(role.start),
            "end": _date(role.end),
            "current": is_current(role),
        }

    # -- pages ------------------------------------------------------------------

    def for_briefing(self, stem: str) -> dict[str, Any]:
        idx = self.index
        return {
            "entities": [
                {"kind": kind, "label": kind_labels(kind)[1], "items": [self.entity(e) for e in items]}
                for kind, items in idx.briefing_entities.get(stem, {}).items()
            ],
            "events": [self.event(p) for p in idx.briefing_events.get(stem, ())],
            "related": [self.briefing(b) for b in idx.related.get(stem, ())],
        }

    def for_entity(self, entity_id: str) -> dict[str, Any]:
        idx = self.index
        e = idx.registry.entities[entity_id]
        return {
            "entity": self.entity(e),
            "roles": [self.role(e, i, r) for i, r in enumerate(e.roles)],
            "links": [{"label": label, "url": url} for label, url in e.links],
            "quotes": [
                {"text": q.text, "briefing": self.briefing(b, q.anchor)}
                for b, q in idx.quotes.get(entity_id, ())
            ],
            "mentioned_in": [
                self.briefing(b, m.anchor, sentence=m.sentence)
                for b, m in idx.mentioned_in.get(entity_id, ())
            ],
            "appears_with": [self.entity(o, shared=n) for o, n in idx.appears_with.get(entity_id, ())],
            "events": [self.event(p) for p in idx.events_of.get(entity_id, ())],
        }

    def for_glossary(self) -> dict[str, Any]:
        return {
            "groups": [
                {"kind": kind, "label": kind_labels(kind)[1], "items": [self.entity(e) for e in items]}
                for kind, items in self.index.entities_by_kind.items()
                if items
            ]
        }

    def for_briefings(self) -> dict[str, Any]:
        return {"briefings": [self.briefing(b) for b in self.index.briefings]}

    def for_timeline(self) -> dict[str, Any]:
        months: list[dict[str, Any]] = []
        for p in self.index.timeline:
            item = self.event(p)
            if not months or months[-1]["key"] != item["month"]["key"]:
                months.append({**item["month"], "events": []})
            months[-1]["events"].append(item)
        return {"months": months}


def _date(d: PartialDate | None) -> dict[str, str] | None:
    return {"iso": d.iso, "label": d.label} if d else None


def _unlinked(text: str) -> dict[str, Any] | None:
    return {"name": text, "url": None} if text else None
