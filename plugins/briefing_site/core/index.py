"""Mentions, quotes and events per entity and per briefing, with every ordering
the site shows defined here, once.

Built once per build, after every page has been rendered, in time linear in
the number of mentions (co-occurrence counts grow with the square of the
entities per briefing, which is small).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .dates import PartialDate
from .model import Briefing, Entity, Event, Mention, PageRecord, Problem, Quote, Ref
from .registry import BRIEFING, ENTITY, Registry
from .text import normalize

if TYPE_CHECKING:
    from .cooccurrence import Cooccurrence

RELATED_MAX = 5
APPEARS_WITH_MAX = 10
_NO_DATE = PartialDate(0)
AppearsWith = dict[str, list[tuple[Entity, int]]]  # entity id -> (companion, briefings shared)


@dataclass(frozen=True)
class PlacedEvent:
    """An event with its references resolved (None/omitted where they do not resolve)."""

    event: Event
    place: str | None
    actors: tuple[str, ...]
    place_text: str = ""
    actor_texts: tuple[str, ...] = ()


@dataclass
class Index:
    registry: Registry
    briefings: list[Briefing]  # newest first
    entities_by_kind: dict[str, list[Entity]]  # kinds in configured order, A–Z
    timeline: list[PlacedEvent]  # date order
    mentioned_in: dict[str, list[tuple[Briefing, Mention]]]  # newest first
    quotes: dict[str, list[tuple[Briefing, Quote]]]  # newest first
    appears_with: AppearsWith
    together: Cooccurrence  # briefings shared by two entities
    events_of: dict[str, list[PlacedEvent]]  # entity id -> its events, date order
    briefing_events: dict[str, list[PlacedEvent]]  # stem -> its events, date order
    briefing_entities: dict[str, dict[str, list[Entity]]]  # stem -> kind -> A–Z
    related: dict[str, list[Briefing]]
    role_of: dict[tuple[str, int], str]  # (entity id, role index) -> the role's 'of' entity
    about: dict[str, tuple[str, ...]]  # stem -> the entities it is chiefly about, as listed
    records: dict[str, PageRecord]  # stem -> every mention and quote rendering found
    problems: list[Problem] = field(default_factory=list)
    # Briefings that mention each entity: what a page that shows only the number reads,
    # so that a serve session does not remake it when the list changes but not its length.
    counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.counts = {e: len(found) for e, found in self.mentioned_in.items()}

    def count(self, entity_id: str) -> int:
        return self.counts.get(entity_id, 0)

    def record(self, stem: str) -> PageRecord:
        """What rendering a briefing found (empty if it was not rendered)."""
        return self.records.get(stem) or PageRecord(self.registry.briefings[stem].path)


# -- orderings ------------------------------------------------------------------


def newest_first(briefings: list[Briefing]) -> list[Briefing]:
    """By date, then time of update, newest first; equal ones by file stem."""
    by_stem = sorted(briefings, key=lambda b: b.stem)
    # ISO text orders timestamps and stays comparable when one briefing has none.
    return sorted(
        by_stem, key=lambda b: (b.date or _NO_DATE, b.updated.iso if b.updated else ""), reverse=True
    )


def a_to_z(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (normalize(e.name), e.id))


def chronological(events: list[PlacedEvent], dates: dict[str, PartialDate]) -> list[PlacedEvent]:
    """Date order (a month before its days); ties by briefing date, title, source line."""
    return sorted(
        events,
        key=lambda p: (
            p.event.date,
            dates.get(p.event.briefing, _NO_DATE),
            normalize(p.event.title),
            p.event.briefing,
            p.event.line,
        ),
    )


# -- building -------------------------------------------------------------------


@dataclass
class References:
    """Front-matter references resolved: events' places and actors, roles' 'of',
    'related' and 'about'. Shared by the index and by ``briefing check``."""

    events: list[PlacedEvent]
    role_of: dict[tuple[str, int], str]
    related: dict[str, list[str]]  # stem -> stems listed in 'related', resolved
    about: dict[str, tuple[str, ...]]
    problems: list[Problem]


def resolve_references(registry: Registry) -> References:
    problems: list[Problem] = []

    def resolve(ref: Ref, want: str, field_name: str) -> str | None:
        found = registry.resolve(ref, want, field_name)
        if isinstance(found, Problem):
            problems.append(found)
            return None
        return found.id

    def many(refs: tuple[Ref, ...], want: str, field_name: str) -> list[str]:
        return list(dict.fromkeys(t for t in (resolve(r, want, field_name) for r in refs) if t))

    events, related, about = [], {}, {}
    for b in sorted(registry.briefings.values(), key=lambda b: b.stem):
        for e in b.events:
            place = resolve(e.place, ENTITY, "place") if e.place else None
            actors = tuple(many(e.actors, ENTITY, "actors"))
            texts = tuple(r.text for r in e.actors)
            events.append(PlacedEvent(e, place, actors, e.place.text if e.place else "", texts))
        related[b.stem] = [s for s in many(b.related, BRIEFING, "related") if s != b.stem]
        about[b.stem] = tuple(many(b.about, ENTITY, "about"))
    role_of = {}
    for e in sorted(registry.entities.values(), key=lambda e: e.id):
        for i, role in enumerate(e.roles):
            if role.of and (target := resolve(role.of, ENTITY, "of")):
                role_of[(e.id, i)] = target
    return References(events, role_of, related, about, problems)


def build(
    registry: Registry,
    kinds: tuple[str, ...],
    records: dict[str, PageRecord],
    previous: Index | None = None,
) -> Index:
    """``records`` maps each briefing's stem to what rendering it found. A ``previous``
    index (``mkdocs serve``'s last build) lends the parts whose inputs are unchanged."""
    refs = resolve_references(registry)
    briefings = newest_first(list(registry.briefings.values()))
    entities = registry.entities

    # Entities each briefing mentions, in order of first mention.
    firsts: dict[str, dict[str, Mention]] = {}
    for b in briefings:
        first: dict[str, Mention] = {}
        for m in records.get(b.stem, PageRecord(b.path)).mentions:
            first.setdefault(m.target, m)
        firsts[b.stem] = first

    mentioned_in: dict[str, list[tuple[Briefing, Mention]]] = defaultdict(list)
    quotes: dict[str, list[tuple[Briefing, Quote]]] = defaultdict(list)
    for b in briefings:  # newest first, so every list below is too
        for target, m in firsts[b.stem].items():
            mentioned_in[target].append((b, m))
        for q in records.get(b.stem, PageRecord(b.path)).quotes:
            quotes[q.speaker].append((b, q))

    timeline = chronological(refs.events, {b.stem: b.date or _NO_DATE for b in briefings})
    events_of: dict[str, list[PlacedEvent]] = defaultdict(list)
    briefing_events: dict[str, list[PlacedEvent]] = defaultdict(list)
    for p in timeline:
        briefing_events[p.event.briefing].append(p)
        for who in dict.fromkeys(([p.place] if p.place else []) + list(p.actors)):
            events_of[who].append(p)

    # Imported here: numpy's import is a sixth of a second that `briefing check`,
    # which needs no co-occurrence, should not pay.
    from .cooccurrence import Cooccurrence, key

    ids, stems = sorted(entities), [b.stem for b in briefings]
    moved: frozenset[str] | None = None  # entities whose companions may have changed
    if previous is not None and previous.together.key == key(stems, ids, firsts):
        together, moved = previous.together, frozenset()  # who is mentioned where is unchanged
    else:
        together = Cooccurrence(stems, ids, firsts, previous.together if previous is not None else None)
        moved = together.moved

    return Index(
        registry=registry,
        briefings=briefings,
        entities_by_kind={k: a_to_z([e for e in entities.values() if e.kind == k]) for k in kinds},
        timeline=timeline,
        mentioned_in=dict(mentioned_in),
        quotes=dict(quotes),
        appears_with=_appears_with(registry, together, previous, moved),
        together=together,
        events_of=dict(events_of),
        briefing_events=dict(briefing_events),
        briefing_entities={
            stem: _group(kinds, [entities[t] for t in first]) for stem, first in firsts.items()
        },
        related=_related(briefings, refs.related, together.closest_briefings(RELATED_MAX * 2)),
        role_of=refs.role_of,
        about=refs.about,
        records=records,
        problems=refs.problems,
    )


def _appears_with(
    registry: Registry, together: Cooccurrence, previous: Index | None, moved: frozenset[str] | None
) -> AppearsWith:
    """Each entity's most frequent companions. Those of ``previous`` (with today's entries
    in them) for the entities whose counts with others did not change (not in ``moved``;
    None: all may have), when every name is the same (ties are broken by name)."""
    entities = registry.entities
    if not (
        previous is not None
        and moved is not None
        and all(previous.registry.entities[e].name == entities[e].name for e in together.ids)
    ):
        moved = frozenset(together.ids)
    # Each name normalized once, not once per companion compared (a quarter of a million).
    by_name = {e: (normalize(entities[e].name), e) for e in together.ids} if moved else {}
    out: AppearsWith = {}
    for e in together.ids:
        if e in moved:
            ranked = together.appears_with(e, APPEARS_WITH_MAX, by_name.__getitem__)
            out[e] = [(entities[o], n) for o, n in ranked]
        else:
            out[e] = [(entities[o.id], n) for o, n in previous.appears_with[e]]  # type: ignore[union-attr]
    return out


def _group(kinds: tuple[str, ...], entities: list[Entity]) -> dict[str, list[Entity]]:
    groups = {k: a_to_z([e for e in entities if e.kind == k]) for k in kinds}
    return {k: v for k, v in groups.items() if v}


def _related(
    briefings: list[Briefing], listed: dict[str, list[str]], closest: dict[str, list[str]]
) -> dict[str, list[Briefing]]:
    """The ``related`` list first, then most entities shared, then the newest."""
    by_stem = {b.stem: b for b in briefings}
    out: dict[str, list[Briefing]] = {}
    for b in briefings:
        chosen = dict.fromkeys(listed.get(b.stem, ()))
        for stem in closest.get(b.stem, ()):
            chosen.setdefault(stem)
        for other in briefings:  # newest first
            if len(chosen) >= RELATED_MAX:
                break
            if other.stem != b.stem:
                chosen.setdefault(other.stem)
        out[b.stem] = [by_stem[s] for s in list(chosen)[:RELATED_MAX]]
    return out
