"""Front-matter validation: clean values for good fields, one exact problem for each bad one."""

from __future__ import annotations

import textwrap

import pytest

from briefing_site.core import frontmatter, schema
from briefing_site.core.dates import PartialDate, Timestamp
from briefing_site.core.model import Problem, Ref
from briefing_site.core.schema import BRIEFING, ENTITY, Validator

B = "briefings/2022-01-13-x.md"
E = "briefings/glossary/people/x.md"

BRIEFING_FIELDS = "about, date, events, related, source, summary, tags, title, updated"


def validate(yaml_text: str, fields=BRIEFING, path: str = B) -> tuple[dict, list[Problem]]:
    """Validate front matter written as in a file; its first line is line 2 (line 1 is '---')."""
    doc = frontmatter.split("---\n" + textwrap.dedent(yaml_text).lstrip("\n") + "---\nBody\n")
    assert doc.error is None, doc.error.message
    validator = Validator(doc, path)
    clean = validator.record(doc.data, fields)
    return clean, validator.problems


def problems(yaml_text: str, fields=BRIEFING, path: str = B) -> list[tuple[int, str, str]]:
    """(line, message, code) of each problem; the path is checked to be the file's."""
    found = validate(yaml_text, fields, path)[1]
    assert {p.path for p in found} <= {path}
    return [(p.line, p.message, p.code) for p in found]


def briefing(extra: str) -> str:
    """A valid briefing's front matter with ``extra`` lines from line 4 on."""
    return "title: X\ndate: 2022-01-13\n" + textwrap.dedent(extra).lstrip("\n")


def entry(extra: str) -> str:
    """A valid glossary entry's front matter with ``extra`` lines from line 4 on."""
    return "name: X\nsummary: s\n" + textwrap.dedent(extra).lstrip("\n")


# -- valid front matter gives clean values ----------------------------------------------------


def test_a_complete_briefing_gives_every_value_parsed():
    clean, found = validate(
        """
        title: Ukraine talks
        date: 2022-01-13
        updated: "2022-01-13T19:16"
        summary: A week of talks.
        source:
          publisher: Example Daily
          url: https://example.org/article
          language: en
          translated_from: fr
        tags: [diplomacy, security]
        events:
          - date: 2022-01-10
            title: US–Russia talks in Geneva
            place: Geneva
            actors: [United States, Russia]
          - date: 2022-01
            title: A month of talks
        related: [2022-01-12-nato-russia-council]
        about: Russia
        """
    )
    assert found == []
    assert clean == {
        "title": "Ukraine talks",
        "date": PartialDate(2022, 1, 13),
        "updated": Timestamp(PartialDate(2022, 1, 13), "19:16"),
        "summary": "A week of talks.",
        "source": {
            "publisher": "Example Daily",
            "url": "https://example.org/article",
            "language": "en",
            "translated_from": "fr",
        },
        "tags": ("diplomacy", "security"),
        "events": (
            {
                "date": PartialDate(2022, 1, 10),
                "title": "US–Russia talks in Geneva",
                "place": Ref("Geneva", B, 15),
                "actors": (Ref("United States", B, 16), Ref("Russia", B, 16)),
            },
            {"date": PartialDate(2022, 1), "title": "A month of talks"},
        ),
        "related": (Ref("2022-01-12-nato-russia-council", B, 19),),
        "about": (Ref("Russia", B, 20),),  # a lone reference is a list of one, at its key's line
    }


def test_a_complete_glossary_entry_gives_every_value_parsed():
    clean, found = validate(
        """
        name: Josep Borrell
        short: Borrell
        aliases: [Joseph Borell, the EU's foreign-policy chief]
        summary: Spanish politician.
        roles:
          - title: High Representative
            of: European Union
            from: 2019-12-01
            to: 2024-11-30
          - title: Minister
            from: 2018
            to: 2019-11
        links:
          Official page: https://example.org/borrell
          Wikipedia: http://en.wikipedia.org/wiki/Josep_Borrell
        wikidata: Q7184
        """,
        ENTITY,
        E,
    )
    assert found == []
    assert clean == {
        "name": "Josep Borrell",
        "short": "Borrell",
        "aliases": ("Joseph Borell", "the EU's foreign-policy chief"),
        "summary": "Spanish politician.",
        "roles": (
            {
                "title": "High Representative",
                "of": Ref("European Union", E, 8),
                "from": PartialDate(2019, 12, 1),
                "to": PartialDate(2024, 11, 30),
            },
            {"title": "Minister", "from": PartialDate(2018), "to": PartialDate(2019, 11)},
        ),
        "links": (
            ("Official page", "https://example.org/borrell"),
            ("Wikipedia", "http://en.wikipedia.org/wiki/Josep_Borrell"),
        ),
        "wikidata": "Q7184",
    }


# -- required fields -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ['""', "", "[]", "~", "null"])
def test_an_empty_required_field_is_missing(value):
    clean, found = validate(f"title: {value}\ndate: 2022-01-13\n")
    assert found == [Problem(B, 1, "missing required field 'title'", "field")]
    assert clean == {"date": PartialDate(2022, 1, 13)}


def test_every_missing_required_field_is_reported_at_line_1():
    assert problems("summary: s\n") == [
        (1, "missing required field 'title'", "field"),
        (1, "missing required field 'date'", "field"),
    ]
    assert problems("short: x\n", ENTITY, E) == [
        (1, "missing required field 'name'", "field"),
        (1, "missing required field 'summary'", "field"),
    ]


@pytest.mark.parametrize("value", ['""', "", "[]", "~"])
def test_an_empty_optional_field_is_left_out_without_a_problem(value):
    clean, found = validate(briefing(f"summary: {value}\ntags: [a]\n"))
    assert found == []
    assert clean == {"title": "X", "date": PartialDate(2022, 1, 13), "tags": ("a",)}


def test_a_missing_field_of_an_item_is_named_with_the_item_and_reported_at_its_line():
    found = problems(
        briefing(
            """
            events:
              - date: 2022-01-10
                title: ok
              - title: no date
              - date: 2022-01-11
            """
        )
    )
    assert found == [
        (7, "missing required field 'events[2].date'", "field"),
        (8, "missing required field 'events[3].title'", "field"),
    ]


# -- unknown fields ------------------------------------------------------------------------------


def test_an_unknown_field_close_to_a_known_one_gets_a_suggestion():
    clean, found = validate(briefing("sumary: s\n"))
    assert found == [Problem(B, 4, "unknown field 'sumary' — did you mean 'summary'?", "field")]
    assert clean == {"title": "X", "date": PartialDate(2022, 1, 13)}


def test_an_unknown_field_like_no_known_one_lists_them_all():
    assert problems(briefing("colour: red\n2022: x\n")) == [
        (4, f"unknown field 'colour' (expected one of: {BRIEFING_FIELDS})", "field"),
        (5, f"unknown field '2022' (expected one of: {BRIEFING_FIELDS})", "field"),
    ]


def test_an_unknown_field_inside_a_record_is_named_with_its_path():
    found = problems(
        briefing(
            """
            source:
              publisher: P
              lang: en
            events:
              - date: 2022-01-10
                title: t
                plaec: Geneva
            """
        )
    )
    assert found == [
        (6, "unknown field 'source.lang' — did you mean 'language'?", "field"),
        (10, "unknown field 'events[1].plaec' — did you mean 'place'?", "field"),
    ]


# -- text fields ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "got"),
    [
        ("[a, b]", "a list"),  # a list is not stringified into text
        ("{a: b}", "a mapping"),
        ("true", "true/false"),
        ("false", "true/false"),
    ],
)
def test_text_of_the_wrong_type_is_refused(value, got):
    clean, found = validate(briefing(f"summary: {value}\n"))
    assert found == [Problem(B, 4, f"'summary' must be text, got {got}", "field")]
    assert "summary" not in clean


def test_a_required_text_of_the_wrong_type_is_refused_not_missing():
    clean, found = validate("title: [a, b]\ndate: 2022-01-13\n")
    assert found == [Problem(B, 2, "'title' must be text, got a list", "field")]
    assert clean == {"date": PartialDate(2022, 1, 13)}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1984", "1984"),  # numbers are text too
        ("1.5", "1.5"),
        ('"  spaced out  "', "spaced out"),
        ("'0'", "0"),
    ],
)
def test_numbers_are_text_and_text_is_trimmed(value, text):
    assert validate(briefing(f"summary: {value}\n"))[0]["summary"] == text


def test_a_blank_required_field_is_missing():
    assert problems("title: '   '\ndate: 2022-01-13\n") == [(1, "missing required field 'title'", "field")]


# -- lists of text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[diplomacy, security]", ("diplomacy", "security")),
        ("diplomacy", ("diplomacy",)),  # a lone text is a list of one
        ("[a, '', ' ', 3, ' b ']", ("a", "3", "b")),  # blanks dropped, numbers kept as text
    ],
)
def test_a_list_of_text_is_cleaned(value, expected):
    clean, found = validate(briefing(f"tags: {value}\n"))
    assert found == []
    assert clean["tags"] == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("3", "'tags' must be a list of text, got int"),
        ("{a: b}", "'tags' must be a list of text, got a mapping"),
        ("true", "'tags' must be a list of text, got true/false"),
        ("[a, [b]]", "'tags' must be text, got a list"),
        ("[a, ~]", "'tags' must be text, got nothing"),
        ("[a, {b: c}]", "'tags' must be text, got a mapping"),
    ],
)
def test_a_list_of_text_holding_something_else_is_refused(value, message):
    clean, found = validate(briefing(f"tags: {value}\n"))
    assert found == [Problem(B, 4, message, "field")]
    assert "tags" not in clean


# -- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("13/01/2022", "'date' must be YYYY-MM-DD, got '13/01/2022'"),
        ("2022-01", "'date' must be YYYY-MM-DD, got '2022-01'"),  # a month where a day is required
        ("2022", "'date' must be YYYY-MM-DD, got 2022"),  # a bare year where a day is required
        ("2022-02-30", "'date' must be YYYY-MM-DD, got '2022-02-30'"),
        ("2023-02-29", "'date' must be YYYY-MM-DD, got '2023-02-29'"),
        ("true", "'date' must be YYYY-MM-DD, got True"),
    ],
)
def test_a_briefing_date_must_be_a_possible_day(value, message):
    clean, found = validate(f"title: X\ndate: {value}\n")
    assert found == [Problem(B, 3, message, "date")]
    assert clean == {"title": "X"}


def test_a_briefing_date_on_a_leap_day_is_accepted():
    assert validate("title: X\ndate: 2024-02-29\n") == ({"title": "X", "date": PartialDate(2024, 2, 29)}, [])


@pytest.mark.parametrize(
    ("value", "parsed", "message"),
    [
        ("2022-01-10", PartialDate(2022, 1, 10), None),
        ("2022-01", PartialDate(2022, 1), None),
        ("2022", None, "'events[1].date' must be YYYY-MM-DD or YYYY-MM, got 2022"),
        ("'2022'", None, "'events[1].date' must be YYYY-MM-DD or YYYY-MM, got '2022'"),
        ("2022-13", None, "'events[1].date' must be YYYY-MM-DD or YYYY-MM, got '2022-13'"),
    ],
)
def test_an_event_date_is_a_day_or_a_month_never_a_bare_year(value, parsed, message):
    clean, found = validate(briefing(f"events:\n  - date: {value}\n    title: t\n"))
    if message is None:
        assert found == []
        assert clean["events"] == ({"date": parsed, "title": "t"},)
    else:
        assert found == [Problem(B, 5, message, "date")]
        assert clean["events"] == ({"title": "t"},)


@pytest.mark.parametrize(
    ("value", "parsed", "message"),
    [
        ("2019-12-01", PartialDate(2019, 12, 1), None),
        ("2019-12", PartialDate(2019, 12), None),
        ("2019", PartialDate(2019), None),
        ("2019-02-29", None, "'roles[1].from' must be YYYY-MM-DD, YYYY-MM or YYYY, got '2019-02-29'"),
        ("19", None, "'roles[1].from' must be YYYY-MM-DD, YYYY-MM or YYYY, got 19"),
        ("late 2019", None, "'roles[1].from' must be YYYY-MM-DD, YYYY-MM or YYYY, got 'late 2019'"),
    ],
)
def test_a_role_date_may_be_a_day_a_month_or_a_year(value, parsed, message):
    clean, found = validate(entry(f"roles:\n  - title: t\n    from: {value}\n"), ENTITY, E)
    if message is None:
        assert found == []
        assert clean["roles"] == ({"title": "t", "from": parsed},)
    else:
        assert found == [Problem(E, 6, message, "date")]
        assert clean["roles"] == ({"title": "t"},)


def test_a_role_end_date_is_checked_like_its_start():
    found = problems(entry("roles:\n  - title: t\n    to: 2024-11-31\n"), ENTITY, E)
    assert found == [(6, "'roles[1].to' must be YYYY-MM-DD, YYYY-MM or YYYY, got '2024-11-31'", "date")]


# The checks built for each kind of date, called as the validator calls them.
@pytest.mark.parametrize(
    ("allow", "form", "good", "bad"),
    [
        ("d", "YYYY-MM-DD", {"2024-02-29": (2024, 2, 29)}, ("2022-01", "2022")),
        ("dm", "YYYY-MM-DD or YYYY-MM", {"2022-01-31": (2022, 1, 31), "2022-01": (2022, 1)}, ("2022",)),
        ("dmy", "Y", {"2022-12": (2022, 12), 2022: (2022,)}, ("2022-12-32", "x")),
    ],
)
def test_a_date_check_accepts_only_the_precisions_it_names(allow, form, good, bad):
    check = schema._date_check(allow, form)
    for value, parts in good.items():
        assert check(value) == PartialDate(*parts)
    for value in bad:
        with pytest.raises(schema.Invalid) as refused:
            check(value)
        assert (str(refused.value), refused.value.code) == (f"must be {form}, got {value!r}", "date")


# -- `updated:` timestamps --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ('"2022-01-13T19:16"', Timestamp(PartialDate(2022, 1, 13), "19:16")),
        ("2022-01-13T19:16", Timestamp(PartialDate(2022, 1, 13), "19:16")),  # unquoted stays text
        ("2022-01-13T23:59:59", Timestamp(PartialDate(2022, 1, 13), "23:59:59")),
        ("2022-01-14", Timestamp(PartialDate(2022, 1, 14))),
    ],
)
def test_updated_takes_a_day_with_an_optional_time(value, parsed):
    assert validate(briefing(f"updated: {value}\n")) == (
        {"title": "X", "date": PartialDate(2022, 1, 13), "updated": parsed},
        [],
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('"2022-01-13T24:00"', "'2022-01-13T24:00'"),
        ('"2022-01-13T19:60"', "'2022-01-13T19:60'"),
        ('"2022-01-13T19:16:60"', "'2022-01-13T19:16:60'"),
        ('"2022-01"', "'2022-01'"),
        ("2022", "2022"),
    ],
)
def test_updated_refuses_impossible_times_and_days(value, shown):
    clean, found = validate(briefing(f"updated: {value}\n"))
    message = f"'updated' must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], got {shown}"
    assert found == [Problem(B, 4, message, "date")]
    assert "updated" not in clean


# -- URLs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/article",
        "http://example.org",
        "https://h:8080/",  # a port's colon is not the scheme's
        "HTTPS://EXAMPLE.ORG/",
        "Http://example.org/a:b",
    ],
)
def test_http_and_https_urls_are_accepted(url):
    assert validate(briefing(f"source:\n  url: '{url}'\n"))[0]["source"] == {"url": url}


@pytest.mark.parametrize(
    "url",
    [
        "http:evil",  # no '//'
        "https:/example.org",
        "javascript:alert(1)",
        "ftp://example.org",
        "mailto:a@b.c",
        "example.org",  # no scheme at all
        "//example.org",
        "https//example.org",
        "file:///etc/passwd",
        "xhttp://example.org",
    ],
)
def test_other_urls_are_refused_and_dropped(url):
    clean, found = validate(briefing(f"source:\n  publisher: P\n  url: '{url}'\n"))
    assert found == [Problem(B, 6, f"'source.url' must be an http or https URL, got {url!r}", "url")]
    assert clean["source"] == {"publisher": "P"}


def test_a_url_that_is_not_text_is_refused_as_text():
    assert problems(briefing("source:\n  url: [https://a.org]\n")) == [
        (5, "'source.url' must be text, got a list", "field")
    ]


# -- records and lists of records ----------------------------------------------------------------


@pytest.mark.parametrize(("value", "got"), [("x", "str"), ("[a]", "a list"), ("3", "int")])
def test_a_record_that_is_not_a_mapping_is_reported_and_left_empty(value, got):
    clean, found = validate(briefing(f"source: {value}\n"))
    assert found == [Problem(B, 4, f"source must be a mapping of fields, got {got}", "field")]
    assert clean["source"] == {}


def test_front_matter_that_is_not_a_mapping_is_reported_with_every_required_field():
    doc = frontmatter.split("---\n- a\n- b\n---\n")
    validator = Validator(doc, B)
    assert validator.record(doc.data, BRIEFING) == {}
    assert validator.problems == [
        Problem(B, 1, "front matter must be a mapping of fields, got a list", "field"),
        Problem(B, 1, "missing required field 'title'", "field"),
        Problem(B, 1, "missing required field 'date'", "field"),
    ]


@pytest.mark.parametrize(("value", "got"), [("x", "str"), ("{date: 2022-01-10}", "a mapping")])
def test_a_list_of_records_that_is_not_a_list_is_refused(value, got):
    clean, found = validate(briefing(f"events: {value}\n"))
    assert found == [Problem(B, 4, f"'events' must be a list, got {got}", "field")]
    assert "events" not in clean


def test_an_item_that_is_not_a_mapping_is_reported_at_its_line():
    clean, found = validate(briefing("events:\n  - date: 2022-01-10\n    title: t\n  - just text\n  - ~\n"))
    assert found == [
        Problem(B, 7, "events[2] must be a mapping of fields, got str", "field"),
        Problem(B, 7, "missing required field 'events[2].date'", "field"),
        Problem(B, 7, "missing required field 'events[2].title'", "field"),
        Problem(B, 8, "events[3] must be a mapping of fields, got nothing", "field"),
        Problem(B, 8, "missing required field 'events[3].date'", "field"),
        Problem(B, 8, "missing required field 'events[3].title'", "field"),
    ]
    assert clean["events"] == ({"date": PartialDate(2022, 1, 10), "title": "t"}, {}, {})


# -- references -------------------------------------------------------------------------------------


def test_references_keep_the_line_of_each_item():
    clean, found = validate(
        briefing(
            """
            related:
              - 2022-01-12-nato-russia-council
              - ''
              - ~
              - Talks in Geneva
            """
        )
    )
    assert found == []
    assert clean["related"] == (Ref("2022-01-12-nato-russia-council", B, 5), Ref("Talks in Geneva", B, 8))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{a: b}", "'about' must be a list of references, got a mapping"),
        ("2022", "'about' must be a list of references, got int"),
        ("[Russia, [x]]", "'about' must be text, got a list"),
    ],
)
def test_references_of_the_wrong_type_are_refused(value, message):
    clean, found = validate(briefing(f"about: {value}\n"))
    assert found == [Problem(B, 4, message, "field")]
    assert "about" not in clean


def test_a_single_reference_must_be_text():
    clean, found = validate(entry("roles:\n  - title: t\n    of: [NATO, EU]\n"), ENTITY, E)
    assert found == [Problem(E, 6, "'roles[1].of' must be text, got a list", "field")]
    assert clean["roles"] == ({"title": "t"},)


# -- links --------------------------------------------------------------------------------------------


def test_a_bad_link_is_reported_at_its_line_and_the_others_are_kept():
    clean, found = validate(
        entry(
            """
            links:
              Home: https://a.org
              Old: ftp://a.org
              Both: [https://b.org]
              2022: http://c.org
            """
        ),
        ENTITY,
        E,
    )
    assert found == [
        Problem(E, 6, "link 'Old' must be an http or https URL, got 'ftp://a.org'", "url"),
        Problem(E, 7, "link 'Both' must be text, got a list", "field"),
    ]
    assert clean["links"] == (("Home", "https://a.org"), ("2022", "http://c.org"))


@pytest.mark.parametrize(("value", "got"), [("[https://a.org]", "a list"), ("https://a.org", "str")])
def test_links_must_map_labels_to_urls(value, got):
    clean, found = validate(entry(f"links: {value}\n"), ENTITY, E)
    assert found == [Problem(E, 4, f"'links' must be a mapping of label to URL, got {got}", "field")]
    assert "links" not in clean


# -- Wikidata ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["Q7184", "Q1", "' Q159 '"])
def test_a_wikidata_item_identifier_is_accepted(value):
    clean, found = validate(entry(f"wikidata: {value}\n"), ENTITY, E)
    assert found == []
    assert clean["wikidata"] == value.strip("' ")


@pytest.mark.parametrize(
    ("value", "shown"),
    [("159", "'159'"), ("Q0", "'Q0'"), ("Q07", "'Q07'"), ("q7184", "'q7184'"), ("Q", "'Q'")],
)
def test_anything_else_is_not_a_wikidata_identifier(value, shown):
    found = problems(entry(f"wikidata: {value}\n"), ENTITY, E)
    assert found == [
        (4, f"'wikidata' must be a Wikidata item identifier such as Q7184, got {shown}", "field")
    ]


# -- duplicate keys and control characters ------------------------------------------------------------


def test_a_duplicate_key_is_reported_at_its_second_line_and_the_last_value_kept():
    clean, found = validate(
        "title: A\ndate: 2022-01-13\ntitle: B\nsource:\n  url: https://a.org\n  url: https://b.org\n"
    )
    assert found == [
        Problem(B, 4, "duplicate key 'title': the last value is used", "field"),
        Problem(B, 7, "duplicate key 'source.url': the last value is used", "field"),
    ]
    assert clean["title"] == "B"
    assert clean["source"] == {"url": "https://b.org"}


def test_a_control_character_in_a_value_is_reported_at_its_key():
    clean, found = validate(briefing('summary: "ring\\a"\ntags: [a, "b\\x1b"]\n'))
    assert found == [
        Problem(
            B, 4, "'summary' holds control character U+0007, which is not text; shown as \ufffd", "field"
        ),
        Problem(
            B, 5, "'tags[2]' holds control character U+001B, which is not text; shown as \ufffd", "field"
        ),
    ]
    assert clean["summary"] == "ring\ufffd"
