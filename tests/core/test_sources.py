"""Reading sources: which files are found, what each one parses to, and what is reported.

Everything is checked as exact values: the parsed ``Briefing`` / ``Entity`` objects and the
``Problem`` objects (path, line, message, code) an author sees.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitebuild import write

from briefing_site.core import sources
from briefing_site.core.dates import PartialDate, Timestamp
from briefing_site.core.model import Briefing, Entity, Event, Problem, Ref, Role, Source

KINDS = ("people", "organizations", "countries", "places", "concepts")
ALL_KINDS = "people, organizations, countries, places, concepts"

BRIEFING = "---\ntitle: {title}\ndate: {date}\n---\n"
ENTRY = "---\nname: {name}\nsummary: s\n---\n"


def load(tmp_path: Path, files: dict[str, str], *, base: str = "briefings", kinds=KINDS, cache=None):
    write(tmp_path, files)
    return sources.load(tmp_path, base, kinds, cache if cache is not None else sources.SourceCache())


def briefing(title: str = "T", date: str = "2022-01-13") -> str:
    return BRIEFING.format(title=title, date=date)


def entry(name: str = "N") -> str:
    return ENTRY.format(name=name)


# -- a briefing, field by field ---------------------------------------------------

FULL_BRIEFING = """\
---
title: "  Talks in Geneva  "
date: 2022-01-13
updated: "2022-01-13T19:16"
summary: In brief.
source:
  publisher: Daily
  url: https://example.org/a
tags: [diplomacy, security]
events:
  - date: 2022-01-10
    title: Geneva talks
    place: Geneva
    actors:
      - United States
      - Russia
  - date: 2022-01
    title: A month of talks
  - title: No date
related: [2022-01-12-council]
about: [Russia]
---

Body text.
"""


def test_every_field_of_a_briefing_is_read_with_its_line(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-talks.md": FULL_BRIEFING})
    path = "briefings/2022-01-13-talks.md"
    stem = "2022-01-13-talks"
    assert corpus.briefings == [
        Briefing(
            stem=stem,
            slug="talks",
            title="Talks in Geneva",
            path=path,
            date=PartialDate(2022, 1, 13),
            updated=Timestamp(PartialDate(2022, 1, 13), "19:16"),
            summary="In brief.",
            source=Source(publisher="Daily", url="https://example.org/a"),
            tags=("diplomacy", "security"),
            events=(
                Event(
                    PartialDate(2022, 1, 10),
                    "Geneva talks",
                    stem,
                    11,
                    Ref("Geneva", path, 13),
                    (Ref("United States", path, 15), Ref("Russia", path, 16)),
                ),
                Event(PartialDate(2022, 1), "A month of talks", stem, 17),
            ),
            related=(Ref("2022-01-12-council", path, 20),),
            about=(Ref("Russia", path, 21),),
            body="\nBody text.\n",
            body_line=23,
            key_lines=((stem, 1), ("Talks in Geneva", 2)),
        )
    ]
    # The event without a date is reported and left out of the timeline.
    assert corpus.problems == [Problem(path, 19, "missing required field 'events[3].date'", "field")]
    assert corpus.entities == []


def test_a_briefing_without_optional_fields_gets_empty_defaults(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": briefing("X")})
    assert corpus.briefings == [
        Briefing(
            stem="2022-01-13-x",
            slug="x",
            title="X",
            path="briefings/2022-01-13-x.md",
            date=PartialDate(2022, 1, 13),
            updated=None,
            summary="",
            source=Source(),
            tags=(),
            events=(),
            related=(),
            about=(),
            body="",
            body_line=5,
            key_lines=(("2022-01-13-x", 1), ("X", 2)),
        )
    ]
    assert corpus.problems == []


def test_an_event_without_a_title_is_reported_and_left_out(tmp_path):
    text = "---\ntitle: X\ndate: 2022-01-13\nevents:\n  - date: 2022-01-10\n---\n"
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": text})
    assert corpus.briefings[0].events == ()
    assert corpus.problems == [
        Problem("briefings/2022-01-13-x.md", 5, "missing required field 'events[1].title'", "field")
    ]


def test_a_briefing_without_a_title_is_titled_by_its_file_stem(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": "---\ndate: 2022-01-13\n---\nBody\n"})
    (b,) = corpus.briefings
    assert (b.title, b.key_lines, b.date) == (
        "2022-01-13-x",
        (("2022-01-13-x", 1), ("2022-01-13-x", 1)),
        PartialDate(2022, 1, 13),
    )
    assert corpus.problems == [
        Problem("briefings/2022-01-13-x.md", 1, "missing required field 'title'", "field")
    ]


def test_a_briefing_without_a_date_takes_the_date_of_its_file_name(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": "---\ntitle: X\n---\n"})
    assert corpus.briefings[0].date == PartialDate(2022, 1, 13)
    assert corpus.problems == [
        Problem("briefings/2022-01-13-x.md", 1, "missing required field 'date'", "field")
    ]


def test_an_invalid_date_falls_back_to_the_file_name_without_a_second_complaint(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": briefing("X", "2022-02-30")})
    assert corpus.briefings[0].date == PartialDate(2022, 1, 13)
    assert corpus.problems == [
        Problem("briefings/2022-01-13-x.md", 3, "'date' must be YYYY-MM-DD, got '2022-02-30'", "date")
    ]


# -- front matter that cannot be used ------------------------------------------------


def test_a_briefing_without_front_matter_keeps_its_whole_text_and_lacks_title_and_date(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": "Just text.\n"})
    (b,) = corpus.briefings
    assert (b.title, b.slug, b.date, b.body, b.body_line) == (
        "2022-01-13-x",
        "x",
        PartialDate(2022, 1, 13),
        "Just text.\n",
        1,
    )
    assert corpus.problems == [
        Problem("briefings/2022-01-13-x.md", 1, "missing required field 'title'", "field"),
        Problem("briefings/2022-01-13-x.md", 1, "missing required field 'date'", "field"),
    ]


def test_empty_front_matter_lacks_title_and_date(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": "---\n---\nBody\n"})
    assert [p.message for p in corpus.problems] == [
        "missing required field 'title'",
        "missing required field 'date'",
    ]
    assert corpus.briefings[0].body == "Body\n"


def test_front_matter_that_is_a_list_is_reported_once(tmp_path):
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": "---\n- a\n---\n"})
    assert corpus.problems == [
        Problem(
            "briefings/2022-01-13-x.md", 1, "front matter must be a mapping of fields, got a list", "field"
        ),
        Problem("briefings/2022-01-13-x.md", 1, "missing required field 'title'", "field"),
        Problem("briefings/2022-01-13-x.md", 1, "missing required field 'date'", "field"),
    ]


def test_unreadable_front_matter_is_the_only_problem_and_the_body_still_renders(tmp_path):
    text = "---\ntitle: A\nsummary: [unclosed\n---\nBody text\n"
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": text})
    (b,) = corpus.briefings
    assert (b.title, b.date, b.summary, b.body, b.body_line) == (
        "2022-01-13-x",
        PartialDate(2022, 1, 13),
        "",
        "Body text\n",
        5,
    )
    (problem,) = corpus.problems
    assert (problem.path, problem.line, problem.code) == ("briefings/2022-01-13-x.md", 3, "front_matter")
    assert problem.message.startswith("front matter is not valid YAML: ")


def test_an_unclosed_front_matter_is_reported_and_the_whole_file_is_the_body(tmp_path):
    text = "---\ntitle: A\nBody text\n"
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": text})
    assert corpus.problems == [
        Problem(
            "briefings/2022-01-13-x.md", 1, "front matter opened with '---' is never closed", "front_matter"
        )
    ]
    assert corpus.briefings[0].body == text
    assert corpus.briefings[0].title == "2022-01-13-x"


def test_bad_bytes_and_bad_front_matter_are_both_reported_in_that_order(tmp_path):
    path = tmp_path / "briefings/2022-01-13-x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"---\ntitle: A\n\xff\n")
    corpus = sources.load(tmp_path, "briefings", KINDS, sources.SourceCache())
    assert corpus.problems == [
        Problem(
            "briefings/2022-01-13-x.md",
            3,
            "file is not valid UTF-8 (byte 0xff); undecodable bytes are shown as \N{REPLACEMENT CHARACTER}",
            "front_matter",
        ),
        Problem(
            "briefings/2022-01-13-x.md", 1, "front matter opened with '---' is never closed", "front_matter"
        ),
    ]
    assert corpus.briefings[0].body == "---\ntitle: A\n\N{REPLACEMENT CHARACTER}\n"


def test_bad_bytes_in_readable_front_matter_come_before_schema_problems(tmp_path):
    path = tmp_path / "briefings/2022-01-13-x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"---\ntitle: A\xff\n---\n")
    corpus = sources.load(tmp_path, "briefings", KINDS, sources.SourceCache())
    assert [(p.line, p.code) for p in corpus.problems] == [(2, "front_matter"), (1, "field")]
    assert corpus.briefings[0].title == "A\N{REPLACEMENT CHARACTER}"


# -- file names of briefings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("2022-01-13-x", "x"),
        ("2022-01-13-nato-russia-council", "nato-russia-council"),
        ("2022-01-13-2", "2"),
        ("2022-01-13-é", "é"),
    ],
)
def test_the_slug_is_what_follows_the_date(tmp_path, name, slug):
    corpus = load(tmp_path, {f"briefings/{name}.md": briefing("X")})
    assert (corpus.briefings[0].stem, corpus.briefings[0].slug) == (name, slug)
    assert corpus.problems == []


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("notes", "notes"),
        ("2022-01-13", "2022-01-13"),
        ("2022-01-13-", "2022-01-13-"),
        ("2022-1-13-x", "2022-1-13-x"),
        ("22-01-13-x", "22-01-13-x"),
        ("x-2022-01-13-y", "x-2022-01-13-y"),
        ("2022-01-13-a b", "2022-01-13-a b"),
        ("2022-01-13_x", "2022-01-13_x"),
        # The form is right but the day does not exist: the slug is still the part after it.
        ("2022-02-30-x", "x"),
        ("2022-13-01-x", "x"),
    ],
)
def test_a_file_name_without_a_valid_date_is_reported_and_the_data_date_is_kept(tmp_path, name, slug):
    corpus = load(tmp_path, {f"briefings/{name}.md": briefing("X", "2022-01-13")})
    (b,) = corpus.briefings
    assert (b.stem, b.slug, b.date) == (name, slug, PartialDate(2022, 1, 13))
    assert corpus.problems == [
        Problem(
            f"briefings/{name}.md", 1, f"file name must be YYYY-MM-DD-<slug>.md, got '{name}.md'", "file_name"
        )
    ]


def test_a_bad_file_name_without_a_date_leaves_the_briefing_undated(tmp_path):
    corpus = load(tmp_path, {"briefings/notes.md": "---\ntitle: N\n---\n"})
    assert corpus.briefings[0].date is None
    assert [p.message for p in corpus.problems] == [
        "missing required field 'date'",
        "file name must be YYYY-MM-DD-<slug>.md, got 'notes.md'",
    ]


def test_a_date_that_differs_from_the_file_name_is_reported_at_the_date_line_and_wins(tmp_path):
    text = "---\ntitle: X\nsummary: s\ndate: 2022-01-14\n---\n"
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": text})
    assert corpus.briefings[0].date == PartialDate(2022, 1, 14)
    assert corpus.problems == [
        Problem(
            "briefings/2022-01-13-x.md",
            4,
            "'date' is 2022-01-14 but the file name says 2022-01-13",
            "file_name",
        )
    ]


def test_briefings_in_sub_folders_are_found_with_their_path(tmp_path):
    corpus = load(tmp_path, {"briefings/2022/01/2022-01-13-x.md": briefing("X")})
    (b,) = corpus.briefings
    assert (b.path, b.stem, b.slug) == ("briefings/2022/01/2022-01-13-x.md", "2022-01-13-x", "x")


# -- a glossary entry, field by field ----------------------------------------------------

FULL_ENTRY = """\
---
name: Josep Borrell
short: Borrell
aliases:
  - Joseph Borell
  - the chief
summary: Spanish politician.
roles:
  - title: High Representative
    of: European Union
    from: 2019-12-01
    to: 2024-11
  - of: Nobody
  - title: Minister
links:
  Official page: https://example.org/borrell
wikidata: Q7184
---
Longer.
"""


def test_every_field_of_an_entry_is_read_with_its_line(tmp_path):
    corpus = load(tmp_path, {"briefings/glossary/people/josep-borrell.md": FULL_ENTRY})
    path = "briefings/glossary/people/josep-borrell.md"
    assert corpus.entities == [
        Entity(
            id="josep-borrell",
            kind="people",
            name="Josep Borrell",
            summary="Spanish politician.",
            path=path,
            short="Borrell",
            aliases=("Joseph Borell", "the chief"),
            roles=(
                Role(
                    "High Representative",
                    Ref("European Union", path, 10),
                    PartialDate(2019, 12, 1),
                    PartialDate(2024, 11),
                ),
                Role("Minister"),
            ),
            links=(("Official page", "https://example.org/borrell"),),
            wikidata="Q7184",
            body="Longer.\n",
            body_line=19,
            key_lines=(
                ("josep-borrell", 1),
                ("Josep Borrell", 2),
                ("Borrell", 3),
                ("Joseph Borell", 5),
                ("the chief", 6),
            ),
        )
    ]
    assert corpus.problems == [Problem(path, 13, "missing required field 'roles[2].title'", "field")]
    assert corpus.briefings == []


def test_an_entry_without_optional_fields_gets_empty_defaults(tmp_path):
    corpus = load(
        tmp_path, {"briefings/glossary/concepts/detente.md": "---\nsummary: s\nname: Détente\n---\n"}
    )
    assert corpus.entities == [
        Entity(
            id="detente",
            kind="concepts",
            name="Détente",
            summary="s",
            path="briefings/glossary/concepts/detente.md",
            short="",
            aliases=(),
            roles=(),
            links=(),
            wikidata="",
            body="",
            body_line=5,
            key_lines=(("detente", 1), ("Détente", 3)),
        )
    ]
    assert corpus.problems == []


def test_an_entry_without_name_or_summary_is_named_by_its_id(tmp_path):
    corpus = load(tmp_path, {"briefings/glossary/places/geneva.md": "Geneva is a city.\n"})
    (e,) = corpus.entities
    assert (e.id, e.name, e.summary, e.key_lines, e.body, e.body_line) == (
        "geneva",
        "geneva",
        "",
        (("geneva", 1), ("geneva", 1)),
        "Geneva is a city.\n",
        1,
    )
    assert corpus.problems == [
        Problem("briefings/glossary/places/geneva.md", 1, "missing required field 'name'", "field"),
        Problem("briefings/glossary/places/geneva.md", 1, "missing required field 'summary'", "field"),
    ]


def test_an_entry_with_unreadable_front_matter_still_builds(tmp_path):
    corpus = load(tmp_path, {"briefings/glossary/places/geneva.md": "---\nname: [x\n---\nText\n"})
    (e,) = corpus.entities
    assert (e.id, e.kind, e.name, e.body) == ("geneva", "places", "geneva", "Text\n")
    assert [p.code for p in corpus.problems] == ["front_matter"]


def test_a_lone_alias_is_one_alias(tmp_path):
    text = "---\nname: NATO\nsummary: s\naliases: the Alliance\n---\n"
    corpus = load(tmp_path, {"briefings/glossary/organizations/nato.md": text})
    (e,) = corpus.entities
    assert (e.aliases, e.short, e.key_lines) == (
        ("the Alliance",),
        "",
        (("nato", 1), ("NATO", 2), ("the Alliance", 4)),
    )


# -- which files are sources ----------------------------------------------------------------


def test_sources_are_the_markdown_files_outside_hidden_folders_in_path_order(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/2022-01-13-b.md": briefing("B"),
            "briefings/2022-01-12-a.md": briefing("A", "2022-01-12"),
            "briefings/0/2022-01-20-c.md": briefing("C", "2022-01-20"),
            "briefings/z/2022-01-01-d.md": briefing("D", "2022-01-01"),
            "briefings/.drafts/2022-01-14-draft.md": briefing("Draft", "2022-01-14"),
            "briefings/z/.hidden/2022-01-14-draft.md": briefing("Draft", "2022-01-14"),
            "briefings/notes.txt": "not a source",
            "briefings/2022-01-15-e.markdown": briefing("E", "2022-01-15"),
            "briefings/glossary/people/a.md": entry("A"),
            "briefings/glossary/.old/people/b.md": entry("B"),
            "2022-01-16-outside.md": briefing("Outside", "2022-01-16"),
        },
    )
    assert [b.path for b in corpus.briefings] == [
        "briefings/0/2022-01-20-c.md",
        "briefings/2022-01-12-a.md",
        "briefings/2022-01-13-b.md",
        "briefings/z/2022-01-01-d.md",
    ]
    assert [e.path for e in corpus.entities] == ["briefings/glossary/people/a.md"]
    assert corpus.problems == []


def test_the_sources_folder_is_the_one_configured(tmp_path):
    corpus = load(
        tmp_path,
        {
            "content/2022-01-13-x.md": briefing("X"),
            "content/glossary/people/a.md": entry("A"),
            "briefings/2022-01-14-y.md": briefing("Y", "2022-01-14"),
        },
        base="content",
    )
    assert [b.path for b in corpus.briefings] == ["content/2022-01-13-x.md"]
    assert [(e.id, e.kind, e.path) for e in corpus.entities] == [
        ("a", "people", "content/glossary/people/a.md")
    ]


def test_a_missing_sources_folder_is_an_empty_corpus(tmp_path):
    corpus = sources.load(tmp_path, "briefings", KINDS, sources.SourceCache())
    assert corpus == sources.Corpus([], [], [])


def test_the_kind_of_an_entry_is_its_folder_among_the_configured_kinds(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/glossary/ships/aurora.md": entry("Aurora"),
            "briefings/glossary/people/a.md": entry("A"),
        },
        kinds=("people", "ships"),
    )
    assert [(e.id, e.kind) for e in corpus.entities] == [("a", "people"), ("aurora", "ships")]
    assert corpus.problems == []


def test_a_glossary_folder_below_a_sub_folder_holds_briefings(tmp_path):
    corpus = load(tmp_path, {"briefings/2022/glossary/people/2022-01-13-x.md": briefing("X")})
    assert [b.path for b in corpus.briefings] == ["briefings/2022/glossary/people/2022-01-13-x.md"]
    assert corpus.entities == [] and corpus.problems == []


@pytest.mark.parametrize(
    "rel",
    [
        "briefings/glossary/nato.md",
        "briefings/glossary/people/old/nato.md",
    ],
)
def test_an_entry_outside_a_kind_folder_is_reported_and_skipped(tmp_path, rel):
    corpus = load(tmp_path, {rel: entry("NATO")})
    assert corpus.entities == [] and corpus.briefings == []
    assert corpus.problems == [
        Problem(rel, 1, "glossary entries belong in briefings/glossary/<kind>/<id>.md", "file_name")
    ]


def test_the_expected_glossary_place_names_the_configured_folder(tmp_path):
    corpus = load(tmp_path, {"src/news/glossary/nato.md": entry("NATO")}, base="src/news")
    assert corpus.problems == [
        Problem(
            "src/news/glossary/nato.md",
            1,
            "glossary entries belong in src/news/glossary/<kind>/<id>.md",
            "file_name",
        )
    ]


@pytest.mark.parametrize(
    ("folder", "hint"),
    [
        ("peoples", " — did you mean 'people'?"),
        ("Places", " — did you mean 'places'?"),
        ("organisations", " — did you mean 'organizations'?"),
        ("ships", ""),
    ],
)
def test_an_unknown_kind_folder_is_reported_with_the_closest_kind(tmp_path, folder, hint):
    rel = f"briefings/glossary/{folder}/x.md"
    corpus = load(tmp_path, {rel: entry("X"), "briefings/glossary/people/y.md": entry("Y")})
    assert [e.id for e in corpus.entities] == ["y"]
    assert corpus.problems == [
        Problem(rel, 1, f"unknown kind '{folder}' (kinds: {ALL_KINDS}){hint}", "file_name")
    ]


def test_problems_come_in_path_order_and_duplicate_ids_last(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/2022-01-13-x.md": "---\ntitle: X\n---\n",
            "briefings/glossary/alien/x.md": entry("X"),
            "briefings/glossary/people/x.md": entry("X"),
            "briefings/glossary/places/x.md": "---\nname: X\n---\n",
            "briefings/glossary/stray.md": entry("S"),
        },
    )
    assert corpus.problems == [
        Problem("briefings/2022-01-13-x.md", 1, "missing required field 'date'", "field"),
        Problem(
            "briefings/glossary/alien/x.md", 1, f"unknown kind 'alien' (kinds: {ALL_KINDS})", "file_name"
        ),
        Problem("briefings/glossary/places/x.md", 1, "missing required field 'summary'", "field"),
        Problem(
            "briefings/glossary/stray.md",
            1,
            "glossary entries belong in briefings/glossary/<kind>/<id>.md",
            "file_name",
        ),
        Problem(
            "briefings/glossary/places/x.md",
            1,
            "id 'x' is used by briefings/glossary/people/x.md and briefings/glossary/places/x.md; "
            "this one is 'x-2' until renamed",
            "duplicate",
        ),
    ]


# -- entries that share an id ---------------------------------------------------------------


def test_entries_sharing_an_id_are_numbered_in_path_order_and_each_is_reported(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/glossary/countries/x.md": "---\nname: X country\nsummary: s\naliases: [Ex]\n---\n",
            "briefings/glossary/people/x.md": "---\nsummary: s\nname: X person\n---\n",
            "briefings/glossary/places/x.md": "---\nname: X place\nsummary: s\n---\n",
        },
    )
    assert [(e.id, e.path, e.key_lines) for e in corpus.entities] == [
        ("x", "briefings/glossary/countries/x.md", (("x", 1), ("X country", 2), ("Ex", 4))),
        ("x-2", "briefings/glossary/people/x.md", (("x-2", 1), ("X person", 3))),
        ("x-3", "briefings/glossary/places/x.md", (("x-3", 1), ("X place", 2))),
    ]
    first = "briefings/glossary/countries/x.md"
    assert corpus.problems == [
        Problem(
            "briefings/glossary/people/x.md",
            1,
            f"id 'x' is used by {first} and briefings/glossary/people/x.md; this one is 'x-2' until renamed",
            "duplicate",
        ),
        Problem(
            "briefings/glossary/places/x.md",
            1,
            f"id 'x' is used by {first} and briefings/glossary/places/x.md; this one is 'x-3' until renamed",
            "duplicate",
        ),
    ]


def test_a_renamed_entry_skips_ids_that_are_taken(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/glossary/people/x-2.md": entry("Two"),
            "briefings/glossary/people/x.md": entry("One"),
            "briefings/glossary/places/x.md": entry("Three"),
        },
    )
    assert [(e.id, e.name) for e in corpus.entities] == [("x-2", "Two"), ("x", "One"), ("x-3", "Three")]
    assert [p.message for p in corpus.problems] == [
        "id 'x' is used by briefings/glossary/people/x.md and briefings/glossary/places/x.md; "
        "this one is 'x-3' until renamed"
    ]


def test_a_renamed_entry_no_longer_claims_the_shared_id_as_a_key(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/glossary/people/x.md": entry("X"),
            "briefings/glossary/places/x.md": "---\nsummary: s\naliases: [y, x, z]\n---\n",
        },
    )
    second = corpus.entities[1]
    # Its name defaulted to the id 'x' (line 1), and 'x' is an alias too: both are dropped.
    assert (second.id, second.name, second.key_lines) == ("x-2", "x", (("x-2", 1), ("y", 3), ("z", 3)))


def test_briefings_sharing_a_slug_are_both_kept_with_their_stems(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/2022-01-01-same.md": briefing("A", "2022-01-01"),
            "briefings/2022-02-01-same.md": briefing("B", "2022-02-01"),
        },
    )
    assert [(b.stem, b.slug) for b in corpus.briefings] == [
        ("2022-01-01-same", "same"),
        ("2022-02-01-same", "same"),
    ]
    assert corpus.problems == []


# -- the cache of parsed sources ------------------------------------------------------------


def test_an_unchanged_file_is_not_parsed_again(tmp_path):
    files = {"briefings/2022-01-13-x.md": briefing("X"), "briefings/glossary/people/a.md": entry("A")}
    cache = sources.SourceCache()
    first = load(tmp_path, files, cache=cache)
    second = sources.load(tmp_path, "briefings", KINDS, cache)
    assert second.briefings[0] is first.briefings[0]
    assert second.entities[0] is first.entities[0]
    assert second == first


def test_the_cache_keeps_each_file_by_path_with_its_modification_time_and_size(tmp_path):
    cache = sources.SourceCache()
    corpus = load(tmp_path, {"briefings/2022-01-13-x.md": "---\ntitle: X\n---\n"}, cache=cache)
    stat = (tmp_path / "briefings/2022-01-13-x.md").stat()
    assert cache.entries == {
        "briefings/2022-01-13-x.md": (
            (stat.st_mtime_ns, stat.st_size),
            (corpus.briefings[0], tuple(corpus.problems)),
        )
    }


def test_problems_of_an_unchanged_file_are_reported_again(tmp_path):
    cache = sources.SourceCache()
    load(tmp_path, {"briefings/2022-01-13-x.md": "---\ntitle: X\n---\n"}, cache=cache)
    again = sources.load(tmp_path, "briefings", KINDS, cache)
    assert [p.message for p in again.problems] == ["missing required field 'date'"]


def test_a_file_touched_without_a_change_in_size_is_parsed_again(tmp_path):
    cache = sources.SourceCache()
    first = load(tmp_path, {"briefings/2022-01-13-x.md": briefing("X")}, cache=cache)
    path = tmp_path / "briefings/2022-01-13-x.md"
    path.write_text(briefing("Y"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = sources.load(tmp_path, "briefings", KINDS, cache)
    assert [b.title for b in (*first.briefings, *second.briefings)] == ["X", "Y"]


def test_a_file_that_grows_within_the_same_clock_tick_is_parsed_again(tmp_path):
    cache = sources.SourceCache()
    load(tmp_path, {"briefings/2022-01-13-x.md": briefing("X")}, cache=cache)
    path = tmp_path / "briefings/2022-01-13-x.md"
    stat = path.stat()
    path.write_text(briefing("Longer"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = sources.load(tmp_path, "briefings", KINDS, cache)
    assert second.briefings[0].title == "Longer"


def test_a_file_rewritten_with_same_size_and_time_is_taken_from_the_cache(tmp_path):
    cache = sources.SourceCache()
    load(tmp_path, {"briefings/2022-01-13-x.md": briefing("X")}, cache=cache)
    path = tmp_path / "briefings/2022-01-13-x.md"
    stat = path.stat()
    path.write_text(briefing("Y"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert sources.load(tmp_path, "briefings", KINDS, cache).briefings[0].title == "X"


def test_the_cache_forgets_files_that_are_gone(tmp_path):
    cache = sources.SourceCache()
    load(
        tmp_path,
        {
            "briefings/2022-01-13-x.md": briefing("X"),
            "briefings/2022-01-14-y.md": briefing("Y", "2022-01-14"),
            "briefings/glossary/people/a.md": entry("A"),
        },
        cache=cache,
    )
    (tmp_path / "briefings/2022-01-13-x.md").unlink()
    corpus = sources.load(tmp_path, "briefings", KINDS, cache)
    assert [b.title for b in corpus.briefings] == ["Y"]
    assert sorted(cache.entries) == ["briefings/2022-01-14-y.md", "briefings/glossary/people/a.md"]


def test_pruning_keeps_only_the_named_paths():
    cache = sources.SourceCache(
        {"a": ((1, 1), (None, ())), "b": ((2, 2), (None, ())), "c": ((3, 3), (None, ()))}
    )
    cache.prune({"b", "z"})
    assert cache.entries == {"b": ((2, 2), (None, ()))}


# -- known bugs ---------------------------------------------------------------------------


def test_an_editor_lock_file_next_to_a_source_does_not_stop_the_build(tmp_path):
    # Emacs' lock file '.#name.md' is a link to nowhere while the source is being edited.
    write(tmp_path, {"briefings/2022-01-13-x.md": briefing("X")})
    (tmp_path / "briefings/.#2022-01-13-x.md").symlink_to("author@host.1234:1700000000")
    (tmp_path / "briefings/.2022-01-14-draft.md").write_text(briefing("Hidden"), encoding="utf-8")
    corpus = sources.load(tmp_path, "briefings", KINDS, sources.SourceCache())
    assert [b.path for b in corpus.briefings] == ["briefings/2022-01-13-x.md"]
    assert corpus.problems == []


def test_a_source_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path):
    write(
        tmp_path,
        {
            "briefings/2022-01-13-x.md": briefing("X"),
            "briefings/2022-01-15-z.md": briefing("Z", "2022-01-15"),
        },
    )
    (tmp_path / "briefings/2022-01-14-gone.md").symlink_to("nowhere.md")
    corpus = sources.load(tmp_path, "briefings", KINDS, sources.SourceCache())
    assert [b.path for b in corpus.briefings] == ["briefings/2022-01-13-x.md", "briefings/2022-01-15-z.md"]
    assert corpus.problems == [
        Problem(
            "briefings/2022-01-14-gone.md",
            1,
            "file cannot be read: No such file or directory",
            "front_matter",
        )
    ]
