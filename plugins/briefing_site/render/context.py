"""The data each theme template gets: plain dicts of text and site URLs.

Values are raw text; templates escape them (``| e``) and make URLs relative
(``| url``). Built per page from the ``Index``, by dictionary look-ups only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ..core.dates import PartialDate
from ..core.index import Index, PlacedEvent
from ..core.model import Briefing, Entity, Role
from ..core.roles import is_current
from .cards import card, card_path
from .dependencies import Reads, View
from .feeds import SITE_FEED, atom_feed, entity_feed_path, render_atom
from .graph import GRAPH_FILE, graph
from .messages import Messages
from .network import Picture, neighbourhood, whole_story
from .pages import Layout, archive_key, entity_lists, kind_parts, tag_keys, tagged
from .paging import DEFAULT_LIMITS, Limits, by_year, needs_archive
from .structured import entity_item, news_article, script_json
from .vocabulary import (
    BRIEFING_PAGE,
    BRIEFINGS_PAGE,
    BRIEFINGS_YEAR_PAGE,
    ENTITY_PAGE,
    ENTITY_YEAR_PAGE,
    GLOSSARY_KIND_PAGE,
    GLOSSARY_PAGE,
    HOME_PAGE,
    NETWORK_PAGE,
    TAG_PAGE,
    TAG_YEAR_PAGE,
    TAGS_PAGE,
    TIMELINE_PAGE,
    TIMELINE_YEAR_PAGE,
    PageRole,
)

Urls = Callable[[str], str]  # src_uri -> site URL


# How much of each list the home page shows.
HOME_BRIEFINGS, HOME_ACTORS, HOME_EVENTS = 5, 10, 40

# Each page role's template data, by role name (``serves`` fills it).
_BUILDERS: dict[str, Callable[..., dict[str, Any] | None]] = {}


def serves(role: PageRole):
    """Declare the method that gives the template data of ``role``'s pages."""

    def register(method):
        _BUILDERS[role.name] = method
        return method

    return register


class Context:
    def __init__(
        self,
        index: Index,
        layout: Layout,
        url: Urls,
        site_url: str = "",
        messages: Messages | None = None,
        limits: Limits = DEFAULT_LIMITS,
        reads: Reads | None = None,
    ) -> None:
        # With ``reads`` that track (a dirty build), every read of the index, the layout
        # and the tags is noted for the page being made (see dependencies.py).
        self.reads = reads = reads or Reads(track=False)
        self.index: Index = index
        if reads.track:
            registry = View("registry", index.registry, reads, ("entities", "briefings"))
            self.index = View("index", index, reads, registry=registry)  # type: ignore[assignment]
            layout = replace(layout, uris=reads.watch("uris", layout.uris))
        self.say = messages or Messages()
        self.layout = layout
        self.url = url
        self.limits = limits
        found = tagged(index.briefings)
        self._tagged = reads.watch("tagged", found)
        # A tag's chip reads its name only: a briefing added to a tag changes its list, not this.
        self._tag_names = reads.watch("tag names", {key: shown for key, (shown, _) in found.items()})
        # A split list's pages, by (role, base): each of its archive pages needs them all.
        self._parts: dict[tuple[str, str], list] = {}
        # Structured data wants absolute URLs: from site_url, else from the domain root.
        self.base = site_url.rstrip("/") + "/" if site_url else "/"
        # The small pieces below do not depend on the page they appear on (URLs are
        # from the site's root), so each is made once per build, not once per page.
        # Each holds (piece, what it was made from): see Reads.piece.
        self._entities: dict[str, tuple] = {}
        self._briefings: dict[str, tuple] = {}
        self._events: dict[int, tuple] = {}

    def date(self, d: PartialDate | None) -> dict[str, str] | None:
        return {"iso": d.iso, "label": self.say.date(d)} if d else None

    def absolute(self, uri: str) -> str:
        return self.base + self.url(uri)

    def _absolute_of(self, kind: str, key: str) -> str:
        if kind == "briefing":
            return self.absolute(self.layout.briefing(key))
        return self.absolute(self.layout.entity(key))

    # -- small pieces -----------------------------------------------------------

    def entity(self, e: Entity, **extra: Any) -> dict[str, Any]:
        base = self.reads.piece(self._entities, e.id, lambda: self._entity(e))
        return {**base, **extra} if extra else base

    def counted(self, e: Entity) -> dict[str, Any]:
        """An entity with how many briefings mention it: only the lists that show the
        count carry it, so a new mention does not change every page that names it."""
        return self.entity(e, count=self.index.count(e.id))

    def _entity(self, e: Entity) -> dict[str, Any]:
        return {
            "id": e.id,
            "name": e.name,
            "label": e.label,
            "summary": e.summary,
            "kind": e.kind,
            "kind_label": self.say.kind(e.kind),
            "url": self.url(self.layout.entity(e.id)),
            "feed": entity_feed_path(e.id),
        }

    def briefing(self, b: Briefing, anchor: str = "", **extra: Any) -> dict[str, Any]:
        base = self.reads.piece(self._briefings, b.stem, lambda: self._briefing(b))
        if not (anchor or extra):
            return base
        return {**base, "link": f"{base['url']}#{anchor}" if anchor else base["url"], **extra}

    def _briefing(self, b: Briefing) -> dict[str, Any]:
        url = self.url(self.layout.briefing(b.stem))
        return {
            "stem": b.stem,
            "title": b.title,
            "url": url,
            "link": url,
            "date": self.date(b.date),
            "summary": b.summary,
            "tags": self.tags(b),
        }

    def tags(self, b: Briefing) -> list[dict[str, Any]]:
        """A briefing's tags, each linked to its page (when the site has tag pages)."""
        shown = []
        for key in tag_keys(b):
            uri = self.layout.uris.get(("tag", key))
            shown.append({"name": self._tag_names[key], "url": self.url(uri) if uri else None})
        return shown

    def event(self, p: PlacedEvent) -> dict[str, Any]:
        # p is kept with its piece, so its id stays its own
        return self.reads.piece(self._events, id(p), lambda: (p, self._event(p)))[1]

    def _event(self, p: PlacedEvent) -> dict[str, Any]:
        entities = self.index.registry.entities
        b = self.index.registry.briefings[p.event.briefing]
        return {
            "date": self.date(p.event.date),
            "month": {
                "key": p.event.date.month_key,
                "label": _heading(self.say.date(p.event.date.of_month())),
            },
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
            "start": self.date(role.start),
            "end": self.date(role.end),
            "current": is_current(role),
        }

    # -- archives ---------------------------------------------------------------

    def archive(self, role: str, base: str, lists: dict, current: str = "", up: Any = None) -> dict | None:
        """Links to the archive pages of a list (``None`` when it is not split): on the list's
        own page (no ``current``), or on one of its archive pages, with a link ``up``."""
        if not needs_archive([len(items) for items, _ in lists.values()], self.limits):
            return None
        parts = [
            {
                "label": part.label,
                "url": self.url(self.layout.uris[(role, archive_key(part, base))]),
                "current": part.key == current,
            }
            for part, _ in self._split(role, base, lists)
        ]
        return {"parts": parts, "latest": self.limits.latest, "up": up}

    def part(self, role: str, base: str, lists: dict, current: str) -> dict[str, list]:
        """The items of the archive page ``current`` of ``lists``."""
        return next(items for part, items in self._split(role, base, lists) if part.key == current)

    def _split(self, role: str, base: str, lists: dict) -> list:
        """``lists`` by year, once per build: a list of N items has about N / per_page pages."""
        return self.reads.piece(self._parts, (role, base), lambda: by_year(lists, self.limits.per_page))

    # -- pages ------------------------------------------------------------------

    def page(self, role: str, key: str = "") -> dict[str, Any] | None:
        """The template data of the page of ``role`` (and of ``key``, for a keyed role)."""
        build = _BUILDERS[role]
        return build(self, key) if key else build(self)

    @serves(BRIEFING_PAGE)
    def for_briefing(self, stem: str) -> dict[str, Any]:
        idx = self.index
        article = news_article(idx.registry.briefings[stem], idx, self._absolute_of, self.say.tag)
        return {
            "jsonld": script_json(article),
            # Without tag pages (Material's tags plugin shows them instead), none here.
            "tags": self.tags(idx.registry.briefings[stem]) if self._tags_index_url() else [],
            "entities": [
                {
                    "kind": kind,
                    "label": self.say.kind(kind, plural=True),
                    "items": [self.entity(e) for e in items],
                }
                for kind, items in idx.briefing_entities.get(stem, {}).items()
            ],
            "events": [self.event(p) for p in idx.briefing_events.get(stem, ())],
            "related": [self.briefing(b) for b in idx.related.get(stem, ())],
        }

    @serves(ENTITY_PAGE)
    def for_entity(self, entity_id: str) -> dict[str, Any]:
        idx = self.index
        e = idx.registry.entities[entity_id]
        lists = entity_lists(idx, entity_id)
        archive = self.archive("entity-year", entity_id, lists)
        latest = self.limits.latest if archive else None
        quotes, mentions, events = (list(items) for items, _ in lists.values())
        return {
            "jsonld": script_json(entity_item(e, self.absolute(self.layout.entity(e.id)), full=True)),
            "entity": self.entity(e),
            "roles": [self.role(e, i, r) for i, r in enumerate(e.roles)],
            "links": [{"label": label, "url": url} for label, url in e.links],
            **self._entity_lists(quotes[:latest], mentions[:latest], events[-latest if latest else 0 :]),
            "appears_with": [self.entity(o, shared=n) for o, n in idx.appears_with.get(entity_id, ())],
            "picture": self.picture(neighbourhood(idx, entity_id)),
            "archive": archive,
            "counts": {"quotes": len(quotes), "mentioned_in": len(mentions), "events": len(events)},
        }

    def _entity_lists(self, quotes: list, mentions: list, events: list) -> dict[str, Any]:
        return {
            "quotes": [{"text": q.text, "briefing": self.briefing(b, q.anchor)} for b, q in quotes],
            "mentioned_in": [self.briefing(b, m.anchor, sentence=m.sentence) for b, m in mentions],
            "events": [self.event(p) for p in events],
        }

    @serves(ENTITY_YEAR_PAGE)
    def for_entity_year(self, key: str) -> dict[str, Any]:
        """One year of an entry's mentions, quotes and events (key: '<part>/<entity id>')."""
        current, entity_id = key.split("/", 1)
        e = self.index.registry.entities[entity_id]
        lists = entity_lists(self.index, entity_id)
        items = self.part("entity-year", entity_id, lists, current)
        up = {"title": e.name, "url": self.url(self.layout.entity(entity_id))}
        return {
            "entity": self.entity(e),
            "roles": [],
            "links": [],
            "appears_with": [],
            "picture": None,
            **self._entity_lists(items["quotes"], items["mentioned_in"], items["events"]),
            "archive": self.archive("entity-year", entity_id, lists, current, up),
        }

    @serves(GLOSSARY_PAGE)
    def for_glossary(self) -> dict[str, Any]:
        """Every kind, A–Z; a kind too long for one page shows its most-mentioned entries
        here and links to its A–Z pages."""
        groups = []
        for kind, items in self.index.entities_by_kind.items():
            if not items:
                continue
            parts = kind_parts(kind, len(items), self.limits.per_page, self.say)
            if parts:
                top = sorted(items, key=lambda e: -self.index.count(e.id))[: self.limits.latest]
                items = sorted(top, key=items.index)
            groups.append(self._kind(kind, items, parts))
        return {"groups": groups}

    def _kind(self, kind: str, items: list[Entity], parts: list, current: str = "") -> dict[str, Any]:
        links = [
            {
                "label": p.label,
                "url": self.url(self.layout.uris[("glossary-kind", p.key)]),
                "current": p.key == current,
            }
            for p in parts
        ]
        archive = {"parts": links, "latest": self.limits.latest, "up": None} if links else None
        return {
            "kind": kind,
            "label": self.say.kind(kind, plural=True),
            "items": [self.counted(e) for e in items],
            "archive": archive,
        }

    @serves(GLOSSARY_KIND_PAGE)
    def for_glossary_kind(self, key: str) -> dict[str, Any]:
        """One A–Z page of a kind too long for the glossary index."""
        kind = next(k for k in self.index.entities_by_kind if key == k or key.startswith(f"{k}-"))
        items = self.index.entities_by_kind[kind]
        parts = kind_parts(kind, len(items), self.limits.per_page, self.say)
        i = [p.key for p in parts].index(key)
        page = items[i * self.limits.per_page : (i + 1) * self.limits.per_page]
        up = self._up(GLOSSARY_PAGE)
        group = self._kind(kind, page, parts, key)
        group["archive"]["up"] = up
        return {"groups": [group]}

    @serves(HOME_PAGE)
    def for_home(self) -> dict[str, Any]:
        """The story at a glance: latest briefings, the entries most briefings mention,
        and the latest stretch of the timeline (bounded: the site grows every day)."""
        idx = self.index
        actors = sorted(idx.registry.entities.values(), key=lambda e: (-idx.count(e.id), e.name))
        events = idx.timeline[-HOME_EVENTS:]
        return {
            "latest": [self.briefing(b) for b in idx.briefings[:HOME_BRIEFINGS]],
            "actors": [self.counted(e) for e in actors[:HOME_ACTORS] if idx.count(e.id)],
            "events": [self.event(p) for p in events],
            "earlier_events": len(idx.timeline) - len(events),
        }

    @serves(BRIEFINGS_PAGE)
    def for_briefings(self) -> dict[str, Any]:
        return self._briefing_list("briefings-year", "", self.index.briefings)

    @serves(BRIEFINGS_YEAR_PAGE)
    def for_briefings_year(self, key: str) -> dict[str, Any]:
        up = self._up(BRIEFINGS_PAGE)
        return self._briefing_list("briefings-year", "", self.index.briefings, key, up)

    def _briefing_list(
        self, role: str, base: str, briefings: list[Briefing], current: str = "", up: Any = None
    ) -> dict[str, Any]:
        """A list of briefings, newest first: the newest on the list's page, one year on an archive page."""
        lists = {"items": (briefings, lambda b: b.date)}
        archive = self.archive(role, base, lists, current, up)
        if archive and current:
            briefings = self.part(role, base, lists, current)["items"]
        elif archive:
            briefings = briefings[: self.limits.latest]
        return {
            "briefings": [self.briefing(b) for b in briefings],
            "archive": archive,
            "tags_index": self._tags_index_url(),
        }

    def _up(self, role: PageRole) -> dict[str, str]:
        """The link from an archive page up to the index page it continues."""
        return {"title": self.say(role.title), "url": self.url(self.layout.index(role.name))}

    def _tags_index_url(self) -> str | None:
        uri = self.layout.uris.get(("tags", ""))
        return self.url(uri) if uri else None

    @serves(TAGS_PAGE)
    def for_tags(self) -> dict[str, Any]:
        found = self._tagged
        return {
            "tags": [
                {"name": shown, "url": self.url(self.layout.uris[("tag", key)]), "count": len(items)}
                for key, (shown, items) in found.items()
            ]
        }

    @serves(TAG_PAGE)
    def for_tag(self, key: str) -> dict[str, Any]:
        return self._briefing_list("tag-year", key, self._tagged[key][1])

    @serves(TAG_YEAR_PAGE)
    def for_tag_year(self, key: str) -> dict[str, Any]:
        current, tag = key.split("/", 1)
        shown, items = self._tagged[tag]
        up = {"title": shown, "url": self.url(self.layout.uris[("tag", tag)])}
        return self._briefing_list("tag-year", tag, items, current, up)

    def picture(self, picture: Picture | None) -> dict[str, Any] | None:
        if picture is None:
            return None
        strongest = max((e.weight for e in picture.edges), default=1)
        return {
            "size": picture.size,
            "nodes": [
                self.entity(n.entity, x=n.x, y=n.y, r=n.r, label_y=round(n.y + n.r + 13, 1), centre=n.centre)
                for n in picture.nodes
            ],
            "edges": [
                {
                    "x1": e.a.x,
                    "y1": e.a.y,
                    "x2": e.b.x,
                    "y2": e.b.y,
                    "width": round(0.8 + 3.2 * e.weight / strongest, 2),
                    "label": self.say("network.tie", e.weight, a=e.a.entity.name, b=e.b.entity.name),
                }
                for e in picture.edges
            ],
        }

    @serves(NETWORK_PAGE)
    def for_network(self) -> dict[str, Any]:
        return {
            "picture": self.picture(whole_story(self.index)),
            "kinds": [
                {"kind": k, "label": self.say.kind(k, plural=True)} for k in self.index.entities_by_kind
            ],
        }

    @serves(TIMELINE_PAGE)
    def for_timeline(self, current: str = "") -> dict[str, Any]:
        """Every event by month: the latest ones on the timeline, one year on an archive page."""
        lists = {"items": (self.index.timeline, lambda p: p.event.date)}
        up = self._up(TIMELINE_PAGE) if current else None
        archive = self.archive("timeline-year", "", lists, current, up)
        events = self.index.timeline
        if archive:
            events = (
                self.part("timeline-year", "", lists, current)["items"]
                if current
                else events[-self.limits.latest :]
            )
        return {"months": self._months(events), "archive": archive}

    @serves(TIMELINE_YEAR_PAGE)
    def for_timeline_year(self, key: str) -> dict[str, Any]:
        return self.for_timeline(key)

    def _months(self, events: list[PlacedEvent]) -> list[dict[str, Any]]:
        months: list[dict[str, Any]] = []
        for p in events:
            item = self.event(p)
            if not months or months[-1]["key"] != item["month"]["key"]:
                months.append({**item["month"], "events": []})
            months[-1]["events"].append(item)
        return months


Output = tuple[str, Callable[[], Any], Callable[[Any], str]]


def outputs(ctx: Context, site_name: str) -> Iterator[Output]:
    """Every file that is not a page (feeds, graph.json): its path in the site, a function
    that gives what it says as plain data, and the function that writes that data out.
    Equal data make an equal file, so an incremental build writes only the files whose
    data changed, and makes the data only of those whose sources changed."""
    idx, say = ctx.index, ctx.say
    absolute = ctx.base != "/"

    def page_url(b: Briefing) -> str:
        return ctx.absolute(ctx.layout.briefing(b.stem))

    def site_feed() -> dict[str, Any]:
        return atom_feed(
            site_name,
            say("feed.site_subtitle"),
            idx.briefings,
            page_url,
            ctx.base + SITE_FEED,
            ctx.absolute(ctx.layout.index("briefings")),
            site_name,
            absolute,
        )

    def entity_feed(entity_id: str) -> dict[str, Any]:
        e = idx.registry.entities[entity_id]  # read here, where the reads are noted
        return atom_feed(
            say("feed.entity_title", name=e.name, site=site_name),
            say("feed.entity_subtitle", name=e.name),
            [b for b, _ in idx.mentioned_in.get(e.id, ())],
            page_url,
            ctx.base + entity_feed_path(e.id),
            ctx.absolute(ctx.layout.entity(e.id)),
            site_name,
            absolute,
        )

    entities = sorted(ctx.index.registry.entities.values(), key=lambda e: e.id)
    yield SITE_FEED, site_feed, render_atom
    for e in entities:
        yield entity_feed_path(e.id), functools.partial(entity_feed, e.id), render_atom
    yield GRAPH_FILE, lambda: graph(idx, ctx._absolute_of, say.tag), str
    for e in entities:
        yield card_path(e.id), functools.partial(_card, ctx, e.id), script_json


def _card(ctx: Context, entity_id: str) -> dict[str, Any]:
    return card(ctx.index.registry.entities[entity_id], ctx.index.count(entity_id), ctx.say)


def _heading(text: str) -> str:
    """A month as a heading starts with a capital, in languages that write months in
    lower case too ('janvier 2022' heads the timeline as 'Janvier 2022')."""
    return text[:1].upper() + text[1:]


def _unlinked(text: str) -> dict[str, Any] | None:
    return {"name": text, "url": None} if text else None
