"""The index: every ordering the site shows, resolved front-matter references, and what
each page lists (mentions, quotes, events, "appears with", related briefings).

Model objects are built here directly, and every Registry and Index inside a test, so
that a mutant of ``index.py`` is seen (mutmut activates mutants only at call time).
"""

from __future__ import annotations

from briefing_site.core import index
from briefing_site.core.dates import PartialDate, parse_partial, parse_timestamp
from briefing_site.core.model import Briefing, Entity, Event, Mention, PageRecord, Problem, Quote, Ref, Role
from briefing_site.core.registry import Registry

KINDS = ("people", "organizations", "countries", "places", "concepts")

# -- helpers ----------------------------------------------------------------------


def entity(eid: str, name: str, kind: str = "people", roles: tuple[Role, ...] = ()) -> Entity:
    path = f"briefings/glossary/{kind}/{eid}.md"
    return Entity(eid, kind, name, "s", path, roles=roles, key_lines=((eid, 1), (name, 2)))


def briefing(
    stem: str,
    title: str = "",
    *,
    updated: str = "",
    events: tuple[Event, ...] = (),
    related: tuple[str, ...] = (),
    about: tuple[str, ...] = (),
) -> Briefing:
    """A briefing dated by its stem (a stem without a date gives an undated briefing)."""
    path = f"briefings/{stem}.md"
    return Briefing(
        stem,
        stem[11:],
        title or stem,
        path,
        date=parse_partial(stem[:10]),
        updated=parse_timestamp(updated) if updated else None,
        events=events,
        related=tuple(Ref(r, path, 5) for r in related),
        about=tuple(Ref(a, path, 6) for a in about),
        key_lines=((stem, 1), (title or stem, 2)),
    )


def event(day: str, title: str, stem: str, line: int = 8, place: str = "", actors: tuple[str, ...] = ()):
    path = f"briefings/{stem}.md"
    return Event(
        parse_partial(day),
        title,
        stem,
        line,
        Ref(place, path, line + 1) if place else None,
        tuple(Ref(a, path, line + 2) for a in actors),
    )


def mentions(path: str, *targets: str) -> PageRecord:
    """A rendered page mentioning ``targets`` in order; each sentence names its position."""
    return PageRecord(path, mentions=[Mention(t, f"m{i}", f"{t} {i}.") for i, t in enumerate(targets)])


def build(entities: list[Entity], briefings: list[Briefing], records: dict[str, PageRecord] | None = None):
    return index.build(Registry(entities, briefings), KINDS, records or {})


def stems(briefings) -> list[str]:
    return [b.stem for b in briefings]


def ids(entities) -> list[str]:
    return [e.id for e in entities]


# -- orderings: briefings, entities, events --------------------------------------------


def test_briefings_are_newest_first_by_date_then_update_time_then_stem():
    given = [
        briefing("notes"),  # undated: last
        briefing("2022-01-13-c"),
        briefing("2022-01-12-b"),
        briefing("2022-01-13-z", updated="2022-01-13"),
        briefing("2022-01-13-y", updated="2022-01-13T08:00"),
        briefing("2022-01-13-a"),
        briefing("2022-01-13-x", updated="2022-01-13T19:16"),
        briefing("2022-01-xx-m"),
    ]
    given[-1] = Briefing("2022-01-xx-m", "m", "M", "m.md", date=PartialDate(2022, 1))  # dated to the month
    assert stems(index.newest_first(given)) == [
        "2022-01-13-x",
        "2022-01-13-y",
        "2022-01-13-z",  # a day without a time is before every time of that day
        "2022-01-13-a",  # no update time: after those with one; then by stem
        "2022-01-13-c",
        "2022-01-12-b",
        "2022-01-xx-m",  # a month sorts before its days
        "notes",
    ]


def test_briefings_of_the_same_day_and_time_order_by_stem_whatever_order_they_came_in():
    given = [briefing(f"2022-01-13-{s}") for s in "dbca"]
    assert stems(index.newest_first(given)) == [
        "2022-01-13-a",
        "2022-01-13-b",
        "2022-01-13-c",
        "2022-01-13-d",
    ]


def test_entities_are_a_to_z_by_folded_name_then_id():
    given = [
        entity("gamma", "  Gamma"),
        entity("z", "Alpha"),
        entity("b", "Beta"),
        entity("a", "alpha"),
        entity("ab", "ALPHA   BETA"),
    ]
    assert ids(index.a_to_z(given)) == ["a", "z", "ab", "b", "gamma"]


def placed(day: str, title: str, stem: str, line: int = 8) -> index.PlacedEvent:
    return index.PlacedEvent(event(day, title, stem, line), None, ())


def test_events_are_in_date_order_with_a_month_before_its_days():
    events = [
        placed("2022-01-10", "day", "b"),
        placed("2022", "year", "b"),
        placed("2021-12-31", "eve", "b"),
        placed("2022-01", "month", "b"),
    ]
    result = index.chronological(events, {"b": PartialDate(2022, 2, 1)})
    assert [p.event.title for p in result] == ["eve", "year", "month", "day"]


def test_events_on_the_same_date_order_by_briefing_date_title_stem_then_line():
    dates = {
        "new": PartialDate(2022, 1, 20),
        "old": PartialDate(2022, 1, 11),
        "old2": PartialDate(2022, 1, 11),
    }
    events = [
        placed("2022-01-10", "Alpha", "new"),  # the briefing is newer: after all the others
        placed("2022-01-10", "beta", "old", 3),
        placed("2022-01-10", "Beta", "old", 2),  # same folded title and briefing: by line
        placed("2022-01-10", "alpha", "old2"),
        placed("2022-01-10", "Alpha", "old"),  # same folded title: by briefing stem
    ]
    result = index.chronological(events, dates)
    assert [(p.event.title, p.event.briefing, p.event.line) for p in result] == [
        ("Alpha", "old", 8),
        ("alpha", "old2", 8),
        ("Beta", "old", 2),
        ("beta", "old", 3),
        ("Alpha", "new", 8),
    ]


def test_events_of_a_briefing_without_a_date_come_first_on_their_day():
    events = [placed("2022-01-10", "a", "dated"), placed("2022-01-10", "b", "undated")]
    result = index.chronological(events, {"dated": PartialDate(2022, 1, 12)})
    assert [p.event.title for p in result] == ["b", "a"]


# -- front-matter references -------------------------------------------------------------


def people() -> list[Entity]:
    return [
        entity("wendy-sherman", "Wendy Sherman"),
        entity("sergei-ryabkov", "Sergei Ryabkov"),
        entity("geneva", "Geneva", "places"),
        entity("nato", "NATO", "organizations"),
    ]


def test_an_event_resolves_its_place_and_actors_and_keeps_them_as_written():
    talks = event(
        "2022-01-10",
        "Strategic stability dialogue",
        "2022-01-10-a",
        place="geneva",
        actors=("Wendy Sherman", "Nobody", "Sergei Ryabkov", "wendy  sherman"),
    )
    refs = index.resolve_references(Registry(people(), [briefing("2022-01-10-a", events=(talks,))]))
    assert refs.events == [
        index.PlacedEvent(
            talks,
            "geneva",
            ("wendy-sherman", "sergei-ryabkov"),  # unresolved dropped, repeats once
            "geneva",
            ("Wendy Sherman", "Nobody", "Sergei Ryabkov", "wendy  sherman"),
        )
    ]
    assert refs.problems == [
        Problem("briefings/2022-01-10-a.md", 10, "unknown reference 'Nobody'", "unknown_reference")
    ]


def test_an_event_without_a_place_has_none_and_no_place_text():
    e = event("2022-01-10", "Call", "2022-01-10-a", actors=("NATO",))
    refs = index.resolve_references(Registry(people(), [briefing("2022-01-10-a", events=(e,))]))
    assert refs.events == [index.PlacedEvent(e, None, ("nato",), "", ("NATO",))]
    assert refs.problems == []


def test_references_of_the_wrong_type_or_unknown_are_reported_field_by_field_in_source_order():
    a = "briefings/2022-01-10-a.md"
    b = "briefings/2022-01-12-b.md"
    bad = event("2022-01-11", "E", "2022-01-12-b", line=20, place="Talks A", actors=("Talks A", "Nobdy"))
    entities = [
        entity("sergei-ryabkov", "Sergei Ryabkov", roles=(Role("Deputy", of=Ref("Nowhere", "r.md", 9)),)),
        entity("geneva", "Geneva", "places", roles=(Role("Seat", of=Ref("Talks A", "g.md", 4)),)),
    ]
    briefings = [
        briefing("2022-01-12-b", events=(bad,), related=("Geneva", "Zzz"), about=("Talks A",)),
        briefing("2022-01-10-a", "Talks A", related=("Qqq",)),
    ]
    wrong, unknown = "wrong_reference_type", "unknown_reference"
    expected = [
        Problem(a, 5, "unknown reference 'Qqq'", unknown),
        Problem(b, 21, "'place' must name an entity; 'Talks A' is a briefing", wrong),
        Problem(b, 22, "'actors' must name an entity; 'Talks A' is a briefing", wrong),
        Problem(b, 22, "unknown reference 'Nobdy'", unknown),
        Problem(b, 5, "'related' must name a briefing; 'Geneva' is an entity", wrong),
        Problem(b, 5, "unknown reference 'Zzz'", unknown),
        Problem(b, 6, "'about' must name an entity; 'Talks A' is a briefing", wrong),
        Problem("g.md", 4, "'of' must name an entity; 'Talks A' is a briefing", wrong),
        Problem("r.md", 9, "unknown reference 'Nowhere'", unknown),
    ]
    assert index.resolve_references(Registry(entities, briefings)).problems == expected
    idx = build(entities, briefings)
    assert idx.problems == expected
    assert idx.timeline == [index.PlacedEvent(bad, None, (), "Talks A", ("Talks A", "Nobdy"))]


def test_related_lists_resolve_once_each_in_order_and_never_name_the_briefing_itself():
    briefings = [
        briefing("2022-01-10-a", "Talks A"),
        briefing("2022-01-11-b", "Talks B"),
        briefing(
            "2022-01-12-c",
            "Talks C",
            related=("talks b", "2022-01-12-c", "Talks C", "Nothing", "2022-01-10-a", "2022-01-11-b"),
        ),
    ]
    refs = index.resolve_references(Registry([], briefings))
    assert refs.related == {
        "2022-01-10-a": [],
        "2022-01-11-b": [],
        "2022-01-12-c": ["2022-01-11-b", "2022-01-10-a"],
    }
    assert [p.message for p in refs.problems] == ["unknown reference 'Nothing'"]


def test_about_lists_the_entities_once_each_as_listed():
    b = briefing("2022-01-10-a", about=("NATO", "Wendy Sherman", "nato", "Nobody", "geneva"))
    idx = build(people(), [b, briefing("2022-01-11-b")])
    assert idx.about == {"2022-01-10-a": ("nato", "wendy-sherman", "geneva"), "2022-01-11-b": ()}
    assert [p.message for p in idx.problems] == ["unknown reference 'Nobody'"]


def test_roles_of_an_entity_resolve_by_their_position_in_the_list():
    roles = (
        Role("Secretary General", of=Ref("NATO", "j.md", 5)),
        Role("Prime Minister"),  # no 'of'
        Role("Adviser", of=Ref("Nobody", "j.md", 9)),
        Role("Envoy", of=Ref("geneva", "j.md", 11)),
    )
    entities = [*people(), entity("jens", "Jens", roles=roles)]
    expected = {("jens", 0): "nato", ("jens", 3): "geneva"}
    assert index.resolve_references(Registry(entities, [])).role_of == expected
    assert build(entities, []).role_of == expected


# -- mentions, quotes and records ------------------------------------------------------------


def test_mentioned_in_lists_each_briefing_once_newest_first_with_its_first_mention():
    briefings = [briefing("2022-01-10-a"), briefing("2022-01-12-c"), briefing("2022-01-11-b")]
    records = {
        "2022-01-10-a": mentions("a.md", "nato", "geneva", "nato"),
        "2022-01-12-c": mentions("c.md", "geneva", "nato"),
        # 2022-01-11-b was not rendered
    }
    idx = build(people(), briefings, records)
    assert {k: [(b.stem, m) for b, m in v] for k, v in idx.mentioned_in.items()} == {
        "geneva": [
            ("2022-01-12-c", Mention("geneva", "m0", "geneva 0.")),
            ("2022-01-10-a", Mention("geneva", "m1", "geneva 1.")),
        ],
        "nato": [
            ("2022-01-12-c", Mention("nato", "m1", "nato 1.")),
            ("2022-01-10-a", Mention("nato", "m0", "nato 0.")),
        ],
    }
    assert [idx.count(e) for e in ("nato", "geneva", "wendy-sherman")] == [2, 2, 0]


def test_quotes_are_all_kept_newest_first_and_in_page_order_within_a_briefing():
    q1, q2, q3 = Quote("nato", "One", "q1"), Quote("nato", "Two", "q2"), Quote("geneva", "Three", "q3")
    records = {
        "2022-01-10-a": PageRecord("a.md", quotes=[q1, q3]),
        "2022-01-11-b": PageRecord("b.md", quotes=[q2, q1]),
    }
    idx = build(people(), [briefing("2022-01-10-a"), briefing("2022-01-11-b")], records)
    assert {k: [(b.stem, q) for b, q in v] for k, v in idx.quotes.items()} == {
        "nato": [("2022-01-11-b", q2), ("2022-01-11-b", q1), ("2022-01-10-a", q1)],
        "geneva": [("2022-01-10-a", q3)],
    }


def test_the_record_of_a_briefing_is_what_rendering_found_or_an_empty_one():
    found = mentions("briefings/2022-01-10-a.md", "nato")
    records = {"2022-01-10-a": found}
    reg = Registry(people(), [briefing("2022-01-10-a"), briefing("2022-01-11-b")])
    idx = index.build(reg, KINDS, records)
    assert idx.registry is reg and idx.records is records
    assert idx.record("2022-01-10-a") is found
    assert idx.record("2022-01-11-b") == PageRecord("briefings/2022-01-11-b.md")


# -- events on pages ---------------------------------------------------------------------


def test_events_go_to_their_briefing_and_to_their_place_and_actors_once_each():
    first = event("2022-01-10", "Talks", "2022-01-12-b", line=8, place="Geneva", actors=("Geneva", "NATO"))
    second = event("2022-01-09", "Call", "2022-01-12-b", line=12, actors=("Wendy Sherman",))
    third = event("2022-01-09", "Visit", "2022-01-10-a", place="nato")
    briefings = [briefing("2022-01-10-a", events=(third,)), briefing("2022-01-12-b", events=(first, second))]
    idx = build(people(), briefings)
    assert [p.event for p in idx.timeline] == [third, second, first]  # 01-09 from the older briefing first
    assert {k: [p.event for p in v] for k, v in idx.briefing_events.items()} == {
        "2022-01-10-a": [third],
        "2022-01-12-b": [second, first],
    }
    assert {k: [p.event for p in v] for k, v in idx.events_of.items()} == {
        "nato": [third, first],
        "wendy-sherman": [second],
        "geneva": [first],  # place and actor: listed once
    }


def test_events_of_an_undated_briefing_come_before_dated_ones_on_the_same_day():
    a = event("2022-01-09", "A", "2022-01-10-a")
    b = event("2022-01-09", "B", "notes")
    idx = build([], [briefing("2022-01-10-a", events=(a,)), briefing("notes", events=(b,))])
    assert [p.event for p in idx.timeline] == [b, a]


# -- entities grouped by kind -------------------------------------------------------------


def test_the_glossary_groups_every_kind_in_configured_order_a_to_z():
    entities = [
        entity("usa", "United States", "countries"),
        entity("b", "beta"),
        entity("osce", "OSCE", "organizations"),
        entity("a", "Alpha"),
        entity("russia", "Russia", "countries"),
    ]
    idx = build(entities, [])
    assert {k: ids(v) for k, v in idx.entities_by_kind.items()} == {
        "people": ["a", "b"],
        "organizations": ["osce"],
        "countries": ["russia", "usa"],
        "places": [],
        "concepts": [],
    }
    assert list(idx.entities_by_kind) == list(KINDS)


def test_a_briefing_lists_the_entities_it_mentions_by_kind_a_to_z_without_empty_kinds():
    entities = [
        *people(),
        entity("usa", "United States", "countries"),
        entity("russia", "Russia", "countries"),
    ]
    records = {
        "2022-01-10-a": mentions("a.md", "usa", "wendy-sherman", "russia", "nato", "sergei-ryabkov", "usa")
    }
    idx = build(entities, [briefing("2022-01-10-a"), briefing("2022-01-11-b")], records)
    grouped = idx.briefing_entities["2022-01-10-a"]
    assert list(grouped) == ["people", "organizations", "countries"]
    assert {k: ids(v) for k, v in grouped.items()} == {
        "people": ["sergei-ryabkov", "wendy-sherman"],
        "organizations": ["nato"],
        "countries": ["russia", "usa"],
    }
    assert idx.briefing_entities["2022-01-11-b"] == {}


# -- appears with --------------------------------------------------------------------------

# How many briefings each entity shares with 'hub', and its name.
SHARED = [
    ("o1", "Zulu", 12),
    ("o2", "Yankee", 11),
    ("o3", "Beta", 9),
    ("o4", "alpha", 9),  # folded, alpha before Beta
    ("o6", "Delta", 7),
    ("o5", "Delta", 7),  # same name: by id
    ("o7", "Echo", 6),
    ("o8", "Foxtrot", 5),
    ("o9", "Golf", 4),
    ("o10", "Hotel", 3),
    ("o11", "India", 2),
    ("o12", "Juliett", 1),
]


def test_appears_with_shows_the_ten_entities_most_often_together_by_count_then_name():
    entities = [entity("hub", "Hub", "organizations")] + [entity(i, name) for i, name, _ in SHARED]
    briefings = [briefing(f"2022-01-{day:02d}-x") for day in range(1, 13)]
    records = {
        b.stem: mentions("x.md", "hub", *(i for i, _, n in SHARED if n >= day))
        for day, b in enumerate(briefings, 1)
    }
    idx = build(entities, briefings, records)
    assert [(e.id, n) for e, n in idx.appears_with["hub"]] == [
        ("o1", 12),
        ("o2", 11),
        ("o4", 9),
        ("o3", 9),
        ("o5", 7),
        ("o6", 7),
        ("o7", 6),
        ("o8", 5),
        ("o9", 4),
        ("o10", 3),
    ]
    # 'o12' shares one briefing with everyone: by folded name, ten of them.
    assert [(e.id, n) for e, n in idx.appears_with["o12"]] == [
        (i, 1) for i in ("o4", "o3", "o5", "o6", "o7", "o8", "o9", "o10", "hub", "o11")
    ]
    assert idx.together.shared("o3", "o6") == 7


def test_an_entity_never_mentioned_with_another_appears_with_nothing():
    idx = build(people(), [briefing("2022-01-10-a")], {"2022-01-10-a": mentions("a.md", "nato")})
    assert idx.appears_with == {"geneva": [], "nato": [], "sergei-ryabkov": [], "wendy-sherman": []}


# -- related briefings ---------------------------------------------------------------------

# Eight briefings, one a day, and the entities each mentions.
DAYS = {
    "a": ["nato", "russia"],
    "b": [],
    "c": ["usa"],
    "d": ["nato", "russia", "usa"],
    "e": ["nato", "russia", "usa"],
    "f": [],
    "g": ["russia", "usa"],
    "h": ["nato"],
}


def related_corpus(related: dict[str, tuple[str, ...]]):
    entities = [entity("nato", "NATO"), entity("russia", "Russia"), entity("usa", "USA")]
    briefings = [briefing(f"2022-01-0{i}-{s}", related=related.get(s, ())) for i, s in enumerate(DAYS, 1)]
    records = {b.stem: mentions(b.path, *DAYS[b.stem[11:]]) for b in briefings}
    idx = build(entities, briefings, records)
    return {stem[11:]: [b.stem[11:] for b in v] for stem, v in idx.related.items()}


def test_related_briefings_are_those_sharing_most_entities_then_the_newest_at_most_five():
    related = related_corpus({})
    # 'c' shares usa with g, e and d (newest first), then the newest others fill up.
    assert related["c"] == ["g", "e", "d", "h", "f"]
    # 'e' shares three with d, two with g and a, one with h and c.
    assert related["e"] == ["d", "g", "a", "h", "c"]
    # 'f' mentions nothing: the five newest others.
    assert related["f"] == ["h", "g", "e", "d", "c"]
    assert related["h"] == ["e", "d", "a", "g", "f"]


def test_the_related_list_comes_first_in_its_own_order():
    related = related_corpus({"c": ("2022-01-02-b", "2022-01-01-a"), "e": ("2022-01-06-f",)})
    assert related["c"] == ["b", "a", "g", "e", "d"]
    assert related["e"] == ["f", "d", "g", "a", "h"]


def test_a_related_list_longer_than_five_is_cut_to_its_first_five():
    listed = tuple(f"2022-01-0{i}-{s}" for i, s in enumerate(DAYS, 1) if s != "h")
    assert related_corpus({"h": listed[::-1]})["h"] == ["g", "f", "e", "d", "c"]


def test_related_with_fewer_than_six_briefings_lists_all_the_others():
    briefings = [briefing(f"2022-01-0{i}-x") for i in range(1, 4)]
    idx = build([], briefings)
    assert {k: stems(v) for k, v in idx.related.items()} == {
        "2022-01-03-x": ["2022-01-02-x", "2022-01-01-x"],
        "2022-01-02-x": ["2022-01-03-x", "2022-01-01-x"],
        "2022-01-01-x": ["2022-01-03-x", "2022-01-02-x"],
    }


def test_related_needs_no_entry_for_a_briefing_without_a_list_or_close_ones():
    briefings = [briefing("2022-01-02-b"), briefing("2022-01-01-a")]
    assert index._related(briefings, {}, {}) == {
        "2022-01-02-b": [briefings[1]],
        "2022-01-01-a": [briefings[0]],
    }


# -- a previous index lends what is unchanged ---------------------------------------------


def test_a_previous_index_lends_its_cooccurrence_only_while_who_is_mentioned_where_is_unchanged():
    briefings = [briefing("2022-01-10-a"), briefing("2022-01-11-b"), briefing("2022-01-12-c")]
    records = {
        "2022-01-10-a": mentions("a.md", "nato", "geneva"),
        "2022-01-11-b": mentions("b.md", "geneva", "nato"),
        "2022-01-12-c": mentions("c.md", "wendy-sherman"),
    }
    first = build(people(), briefings, records)
    # Other sentences, the same entities: the products (and related briefings) are reused.
    reworded = {
        **records,
        "2022-01-12-c": PageRecord("c.md", mentions=[Mention("wendy-sherman", "x", "Other.")]),
    }
    again = index.build(Registry(people(), briefings), KINDS, reworded, first)
    assert again.together is first.together and again.related == first.related
    # A new mention, a new briefing or a new entry: computed afresh, as without a previous index.
    for changed_records, changed_briefings, entities in [
        ({**records, "2022-01-12-c": mentions("c.md", "wendy-sherman", "nato")}, briefings, people()),
        (records, [*briefings, briefing("2022-01-13-d")], people()),
        (records, briefings, [*people(), entity("ned-price", "Ned Price")]),
    ]:
        fresh = index.build(Registry(entities, changed_briefings), KINDS, changed_records)
        lent = index.build(Registry(entities, changed_briefings), KINDS, changed_records, first)
        assert lent.together is not first.together
        assert (lent.related, lent.appears_with) == (fresh.related, fresh.appears_with)
        assert lent.together.shared("nato", "geneva") == fresh.together.shared("nato", "geneva")


def test_appears_with_is_lent_with_todays_entries_and_recomputed_when_a_name_changes():
    briefings = [briefing("2022-01-10-a"), briefing("2022-01-11-b")]
    records = {
        "2022-01-10-a": mentions("a.md", "nato", "geneva", "wendy-sherman"),
        "2022-01-11-b": mentions("b.md", "geneva", "wendy-sherman"),
    }
    first = build(people(), briefings, records)
    # A new summary: the same companions, given as today's entries.
    edited = [entity("geneva", "Geneva", "places"), *[e for e in people() if e.id != "geneva"]]
    edited[0] = Entity(**{**vars(edited[0]), "summary": "new"})
    again = index.build(Registry(edited, briefings), KINDS, records, first)
    assert again.together is first.together
    assert [(e.id, e.summary, n) for e, n in again.appears_with["nato"]] == [
        ("geneva", "new", 1),
        ("wendy-sherman", "s", 1),
    ]
    # New names reorder ties: computed afresh, as without a previous index.
    renamed = [Entity(**{**vars(e), "name": f"Z {e.name}"}) for e in people()]
    renamed[2] = entity("geneva", "Zurich", "places")
    lent = index.build(Registry(renamed, briefings), KINDS, records, first)
    fresh = index.build(Registry(renamed, briefings), KINDS, records)
    assert [(e.id, n) for e, n in lent.appears_with["nato"]] == [("wendy-sherman", 1), ("geneva", 1)]
    assert {k: [(e.id, n) for e, n in v] for k, v in lent.appears_with.items()} == {
        k: [(e.id, n) for e, n in v] for k, v in fresh.appears_with.items()
    }


def test_a_rebuild_from_the_last_index_gives_what_a_fresh_build_gives():
    """A serve session's index lends its co-occurrence and 'appears with' lists to the next
    build; after a mention added, a briefing added and a briefing deleted, the lists are
    those of a build from nothing."""
    people = [entity(e, e.title()) for e in ("ann", "bob", "cy", "dee", "eve")]
    desk = {
        "2022-01-10-a": ("ann", "bob"),
        "2022-01-11-b": ("bob", "cy"),
        "2022-01-12-c": ("cy", "dee", "ann"),
        "2022-01-13-d": ("eve",),
    }
    steps = [
        {**desk, "2022-01-13-d": ("eve", "ann")},  # a new mention
        {**desk, "2022-01-14-e": ("bob", "eve")},  # a new briefing
        {k: v for k, v in desk.items() if k != "2022-01-11-b"},  # a deleted one
    ]

    def index_of(found: dict, previous=None):
        briefings = [briefing(s) for s in found]
        records = {s: mentions(f"briefings/{s}.md", *who) for s, who in found.items()}
        return index.build(Registry(people, briefings), KINDS, records, previous)

    last = index_of(desk)
    for found in steps:
        again, fresh = index_of(found, last), index_of(found)
        assert again.appears_with == fresh.appears_with
        assert again.related == fresh.related
        last = again
