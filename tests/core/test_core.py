"""The pure core, without MkDocs: dates, front matter, schemas, sources, references, orderings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import SMALL_SITE, write

from briefing_site.core import frontmatter, index, sources
from briefing_site.core.dates import PartialDate, parse_partial, parse_timestamp
from briefing_site.core.diagnostics import ordered
from briefing_site.core.model import Mention, PageRecord, Quote, Ref
from briefing_site.core.registry import Registry
from briefing_site.core.text import normalize, sentence_at
from briefing_site.render import pages

KINDS = ("people", "organizations", "countries", "places", "concepts")


# -- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "allow", "expected"),
    [
        ("2022-01-13", "d", PartialDate(2022, 1, 13)),
        ("2022-01", "dm", PartialDate(2022, 1)),
        (2019, "dmy", PartialDate(2019)),
        ("2022-02-30", "d", None),  # impossible
        ("13/01/2022", "d", None),
        ("2022-01", "d", None),  # a month where a day is required
        (True, "dmy", None),
    ],
)
def test_partial_dates(value, allow, expected):
    assert parse_partial(value, allow=allow) == expected


def test_a_month_sorts_before_its_days_and_after_the_previous_month():
    assert PartialDate(2021, 12, 31) < PartialDate(2022, 1) < PartialDate(2022, 1, 1)


def test_timestamps_accept_minutes_and_seconds_and_refuse_bad_times():
    assert parse_timestamp("2022-01-13T19:16").time == "19:16"
    assert parse_timestamp("2022-01-13T19:16:05").iso == "2022-01-13T19:16:05"
    assert parse_timestamp("2022-01-13T25:00") is None


# -- front matter ---------------------------------------------------------------


def test_front_matter_keeps_line_numbers_and_dates_as_text():
    doc = frontmatter.split("---\ntitle: A\ndate: 2022-02-30\nevents:\n  - date: 2022-01\n---\nBody\n")
    assert doc.data["date"] == "2022-02-30"  # not a crash in PyYAML's date constructor
    assert doc.line(("date",)) == 3
    assert doc.line(("events", 0)) == 5
    assert doc.body == "Body\n" and doc.body_line == 7


def test_invalid_yaml_reports_its_line_and_keeps_the_body():
    doc = frontmatter.split("---\ntitle: A\nsummary: [unclosed\n---\nBody text\n")
    assert doc.error is not None and "not valid YAML" in doc.error.message
    assert doc.error.line >= 3
    assert doc.body == "Body text\n"


def test_unclosed_front_matter_keeps_the_whole_file_as_body():
    doc = frontmatter.split("---\ntitle: A\nBody text\n")
    assert doc.error is not None and "never closed" in doc.error.message
    assert "Body text" in doc.body


def test_yaml_aliases_are_refused_before_they_expand():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n---\n"
    doc = frontmatter.split(bomb)
    assert doc.error is not None and "aliases" in doc.error.message


def test_duplicate_keys_are_noticed():
    doc = frontmatter.split("---\ntitle: A\ntitle: B\n---\n")
    assert doc.duplicates == [(("title",), 3)]


def test_decoding_keeps_undecodable_bytes_visible_and_normalises_line_ends():
    text, error = frontmatter.decode(b"\xef\xbb\xbfone\r\ntwo \xff\rthree")
    assert text == "one\ntwo \ufffd\nthree"
    assert error is not None and error.line == 2


# -- sources and schemas --------------------------------------------------------


def load(tmp_path: Path, files: dict[str, str]) -> sources.Corpus:
    write(tmp_path, files)
    return sources.load(tmp_path, "briefings", KINDS, sources.SourceCache())


def messages(corpus: sources.Corpus) -> list[str]:
    return [str(p) for p in ordered(corpus.problems)]


def test_the_small_site_loads_without_problems(tmp_path):
    corpus = load(tmp_path, SMALL_SITE)
    assert messages(corpus) == []
    assert [b.stem for b in corpus.briefings] == [
        "2022-01-10-geneva-talks",
        "2022-01-12-nato-russia-council",
        "2022-01-13-osce",
    ]
    assert {e.id: e.kind for e in corpus.entities}["jens-stoltenberg"] == "people"


def test_schema_problems_point_at_their_lines(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/2022-01-13-x.md": "---\ntitle: X\ndate: 13/01/2022\nsumary: s\ntags: 3\n---\n",
            "briefings/glossary/people/a.md": "---\nname: A\n---\n",
        },
    )
    assert messages(corpus) == [
        "briefings/2022-01-13-x.md:3: 'date' must be YYYY-MM-DD, got '13/01/2022'",
        "briefings/2022-01-13-x.md:4: unknown field 'sumary' — did you mean 'summary'?",
        "briefings/2022-01-13-x.md:5: 'tags' must be a list of text, got int",
        "briefings/glossary/people/a.md:1: missing required field 'summary'",
    ]


def test_nested_fields_are_named_with_their_item(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/2022-01-13-x.md": """
                ---
                title: X
                date: 2022-01-13
                events:
                  - date: 2022-01-10
                    title: ok
                  - title: no date
                    plaec: Geneva
                source:
                  url: javascript:alert(1)
                ---
                """,
        },
    )
    assert messages(corpus) == [
        "briefings/2022-01-13-x.md:7: missing required field 'events[2].date'",
        "briefings/2022-01-13-x.md:8: unknown field 'events[2].plaec' — did you mean 'place'?",
        "briefings/2022-01-13-x.md:10: 'source.url' must be an http or https URL, got 'javascript:alert(1)'",
    ]
    assert len(corpus.briefings[0].events) == 1


def test_file_names_and_dates_must_agree(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/notes.md": "---\ntitle: N\ndate: 2022-01-13\n---\n",
            "briefings/2022-01-13-x.md": "---\ntitle: X\ndate: 2022-01-14\n---\n",
        },
    )
    assert messages(corpus) == [
        "briefings/2022-01-13-x.md:3: 'date' is 2022-01-14 but the file name says 2022-01-13",
        "briefings/notes.md:1: file name must be YYYY-MM-DD-<slug>.md, got 'notes.md'",
    ]


def test_duplicates_and_reserved_names_are_reported_and_moved_not_lost(tmp_path):
    entry = "---\nname: {}\nsummary: s\n---\n"
    corpus = load(
        tmp_path,
        {
            "briefings/2022-01-01-same.md": "---\ntitle: A\ndate: 2022-01-01\n---\n",
            "briefings/2022-02-01-same.md": "---\ntitle: B\ndate: 2022-02-01\n---\n",
            "briefings/2022-03-01-index.md": "---\ntitle: C\ndate: 2022-03-01\n---\n",
            "briefings/glossary/people/x.md": entry.format("X one"),
            "briefings/glossary/places/x.md": entry.format("X two"),
        },
    )
    reg = Registry(corpus.entities, corpus.briefings)
    placed = pages.layout(reg, {"timeline.md": "docs/timeline.md"})
    text = "\n".join(str(p) for p in ordered(corpus.problems + placed.problems))
    assert text == (
        "briefings/2022-02-01-same.md:1: slug 'same' is used by briefings/2022-01-01-same.md and "
        "briefings/2022-02-01-same.md; its page is published at briefings/same-2/ instead\n"
        "briefings/2022-03-01-index.md:1: slug 'index' is the name of a generated page (the generated "
        "briefings page); its page is published at briefings/index-2/ instead\n"
        "briefings/glossary/places/x.md:1: id 'x' is used by briefings/glossary/people/x.md and "
        "briefings/glossary/places/x.md; this one is 'x-2' until renamed\n"
        "docs/timeline.md:1: docs/timeline.md is at the URL of the generated timeline page; the "
        "hand-written page is kept and its page is published at timeline-2/ instead"
    )
    # Every source still has a page of its own.
    assert sorted(s.uri for s in placed.specs if s.key) == [
        "briefings/index-2.md",
        "briefings/same-2.md",
        "briefings/same.md",
        "glossary/x-2.md",
        "glossary/x.md",
    ]


def test_page_addresses_follow_mkdocs_rules():
    from mkdocs.structure.files import File

    for uri in [
        "index.md",
        "README.md",
        "timeline.md",
        "timeline/index.md",
        "glossary/nato.md",
        "a/README.md",
    ]:
        for directory_urls in (True, False):
            mkdocs = File(uri, "/docs", "/site", directory_urls).dest_uri
            assert pages.dest_path(uri, directory_urls) == mkdocs, (uri, directory_urls)


def test_unknown_kind_folder_suggests_the_right_one(tmp_path):
    corpus = load(tmp_path, {"briefings/glossary/peoples/x.md": "---\nname: X\nsummary: s\n---\n"})
    assert "unknown kind 'peoples'" in messages(corpus)[0]
    assert "did you mean 'people'?" in messages(corpus)[0]


def test_unchanged_sources_are_not_parsed_again(tmp_path):
    write(tmp_path, SMALL_SITE)
    cache = sources.SourceCache()
    first = sources.load(tmp_path, "briefings", KINDS, cache)
    second = sources.load(tmp_path, "briefings", KINDS, cache)
    assert all(a is b for a, b in zip(first.briefings, second.briefings, strict=True))
    path = tmp_path / "briefings/2022-01-13-osce.md"
    path.write_text(path.read_text() + "\nMore.\n")
    third = sources.load(tmp_path, "briefings", KINDS, cache)
    changed = [a is b for a, b in zip(first.briefings, third.briefings, strict=True)]
    assert changed == [True, True, False]


# -- references -----------------------------------------------------------------


def registry(tmp_path: Path, extra: dict[str, str] | None = None) -> Registry:
    corpus = load(tmp_path, {**SMALL_SITE, **(extra or {})})
    return Registry(corpus.entities, corpus.briefings)


def test_keys_fold_case_and_white_space_but_not_dashes():
    assert normalize("  North\n Atlantic   TREATY ") == "north atlantic treaty"
    assert normalize("NATO–Russia") != normalize("NATO-Russia")


@pytest.mark.parametrize(
    "text",
    [
        "nato",
        "NATO",
        "north atlantic treaty\n  organization",
        "The Alliance",
        "jens-stoltenberg",
        "stoltenberg",
    ],
)
def test_every_key_resolves(tmp_path, text):
    found = registry(tmp_path).resolve(Ref(text, "x.md", 1))
    assert not hasattr(found, "message"), found


def test_briefings_resolve_by_stem_and_title(tmp_path):
    reg = registry(tmp_path)
    assert reg.resolve(Ref("2022-01-10-geneva-talks", "x.md", 1)).id == "2022-01-10-geneva-talks"
    assert reg.resolve(Ref("talks in geneva", "x.md", 1)).id == "2022-01-10-geneva-talks"


def test_unknown_reference_suggests_the_closest_name(tmp_path):
    problem = registry(tmp_path).resolve(Ref("Stoltenbreg", "b.md", 7))
    assert str(problem) == "b.md:7: unknown reference 'Stoltenbreg' — did you mean 'Jens Stoltenberg'?"


def test_wrong_type_is_named(tmp_path):
    problem = registry(tmp_path).resolve(Ref("2022-01-10-geneva-talks", "b.md", 3), "entity", "place")
    assert problem.message == "'place' must name an entity; '2022-01-10-geneva-talks' is a briefing"


def test_a_key_claimed_twice_is_an_error_and_ambiguous_to_use(tmp_path):
    reg = registry(
        tmp_path,
        {
            "briefings/glossary/places/alliance.md": (
                "---\nname: Alliance HQ\naliases: [the alliance]\nsummary: s\n---\n"
            )
        },
    )
    assert [str(p) for p in reg.problems] == [
        "briefings/glossary/places/alliance.md:3: 'the alliance' is claimed by "
        "briefings/glossary/organizations/nato.md and briefings/glossary/places/alliance.md"
    ]
    problem = reg.resolve(Ref("The Alliance", "b.md", 2))
    assert problem.code == "ambiguous_reference"
    assert (
        "claimed by briefings/glossary/organizations/nato.md and briefings/glossary/places/alliance.md"
        in str(problem)
    )


# -- sentences and orderings ---------------------------------------------------


def test_the_sentence_around_a_mention():
    text = "First one. Then NATO met Russia! After that, nothing."
    assert sentence_at(text, text.index("NATO")) == "Then NATO met Russia!"
    assert sentence_at(text, 0) == "First one."


def test_long_sentences_are_cut_around_the_mention():
    text = "word " * 200 + "NATO " + "word " * 200
    cut = sentence_at(text, text.index("NATO"))
    assert "NATO" in cut and len(cut) <= 310 and cut.startswith("…") and cut.endswith("…")


def test_index_orders_everything_once(tmp_path):
    reg = registry(tmp_path)
    records = {
        "2022-01-10-geneva-talks": PageRecord(
            "g.md",
            mentions=[Mention("russia", "m1", "Russia asked."), Mention("nato", "m2", "NATO was not.")],
        ),
        "2022-01-12-nato-russia-council": PageRecord(
            "n.md",
            mentions=[
                Mention("nato", "a", "NATO met."),
                Mention("russia", "b", "Russia."),
                Mention("nato", "c", "x"),
            ],
            quotes=[Quote("jens-stoltenberg", "We are ready", "q1")],
        ),
        "2022-01-13-osce": PageRecord("o.md", mentions=[Mention("russia", "r", "Russia again.")]),
    }
    idx = index.build(reg, KINDS, records)
    assert [b.stem for b in idx.briefings] == [
        "2022-01-13-osce",
        "2022-01-12-nato-russia-council",
        "2022-01-10-geneva-talks",
    ]
    # One row per briefing, newest first, with the first mention's sentence.
    assert [(b.stem, m.sentence) for b, m in idx.mentioned_in["nato"]] == [
        ("2022-01-12-nato-russia-council", "NATO met."),
        ("2022-01-10-geneva-talks", "NATO was not."),
    ]
    assert [(e.id, n) for e, n in idx.appears_with["nato"]] == [("russia", 2)]
    assert [p.event.title for p in idx.timeline] == [
        "A month of talks",
        "Strategic stability dialogue",
        "NATO–Russia Council",
    ]
    assert [b.stem for b in idx.related["2022-01-13-osce"]] == [
        "2022-01-10-geneva-talks",  # its `related` list first
        "2022-01-12-nato-russia-council",  # then most shared entities
    ]
    assert idx.count("russia") == 3
    assert [e.id for e in idx.entities_by_kind["people"]] == ["jens-stoltenberg"]


def test_wikidata_ids_are_checked_for_form(tmp_path):
    corpus = load(
        tmp_path,
        {
            "briefings/glossary/organizations/nato.md": "---\nname: NATO\nsummary: s\nwikidata: Q7184\n---\n",
            "briefings/glossary/countries/ru.md": "---\nname: Russia\nsummary: s\nwikidata: 159\n---\n",
        },
    )
    assert messages(corpus) == [
        "briefings/glossary/countries/ru.md:4: 'wikidata' must be a Wikidata item identifier "
        "such as Q7184, got '159'"
    ]
    assert {e.id: e.wikidata for e in corpus.entities} == {"nato": "Q7184", "ru": ""}


def test_about_names_entities_the_briefing_is_chiefly_about(tmp_path):
    osce = SMALL_SITE["briefings/2022-01-13-osce.md"].replace(
        "related: [2022-01-10-geneva-talks]",
        "related: [2022-01-10-geneva-talks]\n        about: [Russia, Nobody]",
    )
    reg = registry(tmp_path, {"briefings/2022-01-13-osce.md": osce})
    idx = index.build(reg, KINDS, {})
    assert idx.about["2022-01-13-osce"] == ("russia",)
    assert [p.message for p in idx.problems] == ["unknown reference 'Nobody'"]


def test_same_day_briefings_order_by_update_time_even_when_one_has_none(tmp_path):
    day = "---\ntitle: {t}\ndate: 2022-01-13\n{u}---\n"
    corpus = load(
        tmp_path,
        {
            "briefings/2022-01-13-a.md": day.format(t="A", u=""),
            "briefings/2022-01-13-b.md": day.format(t="B", u='updated: "2022-01-13T19:16"\n'),
            "briefings/2022-01-13-c.md": day.format(t="C", u='updated: "2022-01-13T08:00"\n'),
        },
    )
    assert [b.stem for b in index.newest_first(corpus.briefings)] == [
        "2022-01-13-b",
        "2022-01-13-c",
        "2022-01-13-a",
    ]


def test_relative_urls_are_what_mkdocs_url_filter_gives():
    """Our templates link with ``pages.relative_url`` instead of MkDocs' slower filter:
    the links must be the same, for every kind of page and target."""
    import itertools

    from mkdocs.utils import normalize_url

    from briefing_site.render.pages import relative_url

    class Page:
        def __init__(self, url: str) -> None:
            self.url = url

    targets = ["", "briefings/", "briefings/x/", "glossary/nato/", "glossary/nato/#mention-1", "feed.xml"]
    targets += ["glossary/nato/feed.xml", "a/b/c/", "x.html", "#top", "https://e.org/a", "mailto:a@b.c"]
    pages = ["", "briefings/", "briefings/x/", "glossary/nato/", "a/b/c/", "x.html", "index.html", "404.html"]
    for url, page in itertools.product(targets, pages):
        assert relative_url(url, page) == normalize_url(url, page=Page(page)), (url, page)
