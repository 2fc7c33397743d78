"""Front matter: where it starts and ends, what it holds, the line of every field, and
the exact problems an author reads when it cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing_site.core import frontmatter, sources
from briefing_site.core.diagnostics import ordered
from briefing_site.core.frontmatter import Document, decode, split
from briefing_site.core.model import Problem

KINDS = ("people", "organizations", "countries", "places", "concepts")
SHOWN = "shown as \ufffd"
NOT_YAML = "front matter is not valid YAML: "
ALIASES = "YAML aliases (*name) are not allowed in front matter"
NEVER_CLOSED = "front matter opened with '---' is never closed"
# libyaml words some errors differently from PyYAML's own parser.
libyaml = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="messages worded by libyaml")


def error_of(text: str) -> tuple[int, str]:
    doc = split(text)
    assert doc.error is not None
    return doc.error.line, doc.error.message


# -- where the front matter is, and where the body starts ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Just a body\n",
        "",
        "Intro\n---\ntitle: A\n---\nBody\n",  # a fence that is not the first line is Markdown
        "----\ntitle: A\n---\nBody\n",
        " ---\ntitle: A\n---\n",
        "--- title: A\n---\n",
    ],
)
def test_a_file_that_does_not_open_with_a_fence_is_all_body(text):
    assert split(text) == Document(None, text, 1)


@pytest.mark.parametrize(
    ("text", "data", "body", "body_line"),
    [
        ("---\ntitle: A\n---\nBody\n", {"title": "A"}, "Body\n", 4),
        ("--- \ntitle: A\n... \nBody", {"title": "A"}, "Body", 4),
        ("---\t\ntitle: A\n---\t\n\nBody\n", {"title": "A"}, "\nBody\n", 4),
        ("---\n---\nBody", {}, "Body", 3),  # empty front matter: no fields, not None
        ("---\n# only a comment\n\n---\n", {}, "", 5),
        ("---\ntitle: A\n---\n---\nb: 2\n---\n", {"title": "A"}, "---\nb: 2\n---\n", 4),
        ("---\ntitle: A\n---", {"title": "A"}, "", 4),
    ],
)
def test_the_first_closing_fence_ends_the_front_matter_and_the_body_keeps_its_line(
    text, data, body, body_line
):
    doc = split(text)
    assert (doc.data, doc.body, doc.body_line, doc.error) == (data, body, body_line, None)


@pytest.mark.parametrize("text", ["---", "---\ntitle: A\nBody text\n", "---\ntitle: A\n---x\n"])
def test_front_matter_that_never_closes_keeps_the_whole_file_as_body(text):
    doc = split(text)
    assert (doc.data, doc.body, doc.body_line, doc.lines) == (None, text, 1, {})
    assert (doc.error.line, doc.error.message, str(doc.error)) == (1, NEVER_CLOSED, NEVER_CLOSED)


# -- values, and the line of every key and item ---------------------------------


def test_dates_stay_text_and_other_scalars_keep_their_yaml_types():
    doc = split(
        "---\ndate: 2022-02-30\nupdated: 2022-01-13 19:16:00\ncount: 3\nratio: 1.5\n"
        'flag: true\nnothing: ~\nquoted: "3"\n2022: year\n---\n'
    )
    assert doc.data == {
        "date": "2022-02-30",  # impossible, left for the schema to report
        "updated": "2022-01-13 19:16:00",
        "count": 3,
        "ratio": 1.5,
        "flag": True,
        "nothing": None,
        "quoted": "3",
        2022: "year",
    }


def test_every_key_and_list_item_has_the_line_it_was_written_on():
    doc = split(
        "---\ntitle: A\nevents:\n  - date: 2022-01-10\n    title: Talks\n\n  - date: 2022-01-12\n"
        "tags: [a,\n  b]\nsource: {publisher: P, url: 'https://e.org'}\n---\nBody\n"
    )
    assert doc.lines == {
        ("title",): 2,
        ("events",): 3,
        ("events", 0): 4,
        ("events", 0, "date"): 4,
        ("events", 0, "title"): 5,
        ("events", 1): 7,
        ("events", 1, "date"): 7,
        ("tags",): 8,
        ("tags", 0): 8,
        ("tags", 1): 9,
        ("source",): 10,
        ("source", "publisher"): 10,
        ("source", "url"): 10,
    }
    assert doc.body_line == 12


def test_a_field_without_a_line_of_its_own_points_at_its_nearest_parent():
    doc = split("---\ntitle: A\nevents:\n  - date: 2022-01-10\n    title: Talks\n---\n")
    assert doc.line(("events", 0, "place")) == 4
    assert doc.line(("events", 0, "place", "name")) == 4
    assert doc.line(("events", 3)) == 3
    assert doc.line(("title",)) == 2


def test_a_field_that_was_never_written_points_at_line_1():
    doc = split("---\ntitle: A\n---\n")
    assert doc.line(("summary",)) == 1
    assert doc.line(()) == 1


def test_a_key_that_is_a_list_or_a_mapping_becomes_text():
    doc = split("---\n? [a, b]\n: x\n? {c: d}\n: y\n---\n")
    assert doc.data == {"['a', 'b']": "x", "{'c': 'd'}": "y"}
    assert (doc.line(("['a', 'b']",)), doc.line(("{'c': 'd'}",))) == (2, 4)


# -- duplicate keys --------------------------------------------------------------


def test_each_duplicate_key_is_noticed_at_the_line_of_the_repeat_and_the_last_value_wins():
    doc = split(
        "---\ntitle: First\ndate: 2022-03-23\ntitle: Second\nsource:\n  publisher: P1\n"
        "  publisher: P2\nevents:\n  - date: 2022-03-22\n    title: E1\n    title: E2\n---\n"
    )
    assert doc.duplicates == [
        (("title",), 4),
        (("source", "publisher"), 7),
        (("events", 0, "title"), 11),
    ]
    assert doc.data == {
        "title": "Second",
        "date": "2022-03-23",
        "source": {"publisher": "P2"},
        "events": [{"date": "2022-03-22", "title": "E2"}],
    }
    assert doc.line(("title",)) == 4


def test_a_key_written_once_is_no_duplicate():
    doc = split("---\ntitle: A\nsource:\n  title: B\nevents:\n  - title: C\n  - title: D\n---\n")
    assert doc.duplicates == []


# -- aliases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [
        ("title: A\nsummary: &s text\nnote: *s", 4),  # an alias as a value: the line of its key
        ("title: A\nsource: {a: &k key, *k : v}", 3),  # an alias as a key
        ("title: A\ntags: [&t x, *t]", 3),  # an alias as a list item: the line of the list
        ("title: A\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]", 4),
    ],
)
def test_aliases_are_refused_at_the_line_that_uses_them(yaml_text, line):
    doc = split(f"---\n{yaml_text}\n---\nBody\n")
    assert (doc.error.line, doc.error.message) == (line, ALIASES)
    assert (doc.data, doc.lines, doc.body) == (None, {}, "Body\n")


def test_an_anchor_used_once_is_no_alias():
    assert split("---\ntitle: &t A\ntags: [&x x]\n---\n").data == {"title": "A", "tags": ["x"]}


# -- front matter that is not valid YAML -------------------------------------------


@libyaml
@pytest.mark.parametrize(
    ("yaml_text", "line", "reason"),
    [
        ("title: A\nsummary: [unclosed", 3, "did not find expected ',' or ']'"),
        ("a: b: c", 2, "mapping values are not allowed in this context"),
        ("title: A\n  b: 2\nc: 3", 3, "mapping values are not allowed in this context"),
        ('title: "unclosed', 2, "found unexpected end of stream"),
        ("title: A\nsummary: *nowhere", 3, "found undefined alias"),
        # An error "at the end of the stream" is on the last line of YAML, not the closing fence.
        ("tags:\n- a\n- b\nsummary", 5, "could not find expected ':'"),
        ("title: A\nsummary: [unclosed\n", 4, "did not find expected ',' or ']'"),
    ],
)
def test_invalid_yaml_is_reported_at_its_line_with_the_reason_and_the_body_is_kept(yaml_text, line, reason):
    doc = split(f"---\n{yaml_text}\n---\nBody text\n")
    assert (doc.error.line, doc.error.message) == (line, NOT_YAML + reason)
    assert str(doc.error) == NOT_YAML + reason
    assert (doc.data, doc.lines, doc.body, doc.body_line) == (
        None,
        {},
        "Body text\n",
        yaml_text.count("\n") + 4,
    )


@pytest.mark.parametrize(
    ("yaml_text", "line", "character"),
    [
        ("title: A\n\x0c", 3, "U+000C"),  # a form feed: text for HTML, not for YAML
        ("\n\x0c", 3, "U+000C"),
        ("title: A\nb: \ufffe\nc: 1\nd: 2", 3, "U+FFFE"),
    ],
)
def test_a_character_yaml_refuses_is_reported_at_its_line(yaml_text, line, character):
    assert error_of(f"---\n{yaml_text}\n---\n") == (line, f"{NOT_YAML}character {character} is not allowed")


def test_a_character_yaml_refuses_after_accented_text_is_reported_at_its_line():
    # libyaml counts a refused character's offset in UTF-8 bytes: accents must not push it down.
    text = "---\ntitle: Séance à Genève\n\x0c\nc: 1\nd: 2\n---\n"
    assert error_of(text) == (3, f"{NOT_YAML}character U+000C is not allowed")


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        ("!!timestamp 2022-02-30", "'2022-02-30' cannot be read as !!timestamp"),
        ("!!int abc", "'abc' cannot be read as !!int"),
        ("!!float abc", "'abc' cannot be read as !!float"),
        ("!!bool maybe", "'maybe' cannot be read as !!bool"),
    ],
)
def test_an_explicit_tag_with_a_bad_value_is_a_problem_not_a_crash(value, reading):
    assert error_of(f"---\ntitle: A\ndate: {value}\n---\n") == (3, NOT_YAML + reading)


def _mark(line: int) -> yaml.Mark:
    return yaml.Mark("<front matter>", 0, line, 0, None, None)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (yaml.MarkedYAMLError(context="while reading x", context_mark=_mark(1)), (3, "while reading x")),
        (yaml.MarkedYAMLError(problem="bad", problem_mark=_mark(0)), (2, "bad")),
        (yaml.MarkedYAMLError(), (1, "unreadable")),
        (yaml.reader.ReaderError("<s>", 9, b"\xff", "utf-8", "invalid"), (3, "byte is not allowed")),
        (
            yaml.reader.ReaderError("<s>", 2, 0x0C, "unicode", "special"),
            (2, "character U+000C is not allowed"),
        ),
        (yaml.YAMLError("the library\n   failed  here"), (1, "the library failed here")),
    ],
)
def test_an_error_of_any_shape_from_the_yaml_library_is_one_line_with_a_line_number(
    monkeypatch, error, expected
):
    def fail(loader):
        raise error

    monkeypatch.setattr(frontmatter._Loader, "get_single_node", fail)
    line, reason = expected
    assert error_of("---\ntitle: A\nb: 1\nc: 2\n---\n") == (line, NOT_YAML + reason)


# -- decoding: bytes to text ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"---\ntitle: A\n---\n", "---\ntitle: A\n---\n"),
        (
            b"\xef\xbb\xbf---\r\ntitle: \xc3\xa9\r---",
            "---\ntitle: \xe9\n---",
        ),  # BOM dropped, line ends made \n
        (b"tab\there, form\x0cfeed", "tab\there, form\x0cfeed"),  # white space that HTML allows
    ],
)
def test_clean_text_decodes_without_error(raw, text):
    assert decode(raw) == (text, None)


def test_undecodable_bytes_are_shown_as_replacement_characters_and_reported_at_their_line():
    text, error = decode(b"one\r\ntwo \xff\xfe\nthree")
    assert text == "one\ntwo \ufffd\ufffd\nthree"
    assert (error.line, error.message) == (
        2,
        f"file is not valid UTF-8 (byte 0xff); undecodable bytes are {SHOWN}",
    )


@pytest.mark.parametrize(
    ("raw", "text", "line", "code"),
    [
        (b"one\ntwo\x00three\x1b[0m\nfour\n", "one\ntwo\ufffdthree\ufffd[0m\nfour\n", 2, "0000"),
        (b"\n\x7f\n", "\n\ufffd\n", 2, "007F"),
        (b"a\r\nb\r\xc2\x85c\n\n", "a\nb\n\ufffdc\n\n", 3, "0085"),  # C1 NEL, after \r line ends
        (b"\x08", "\ufffd", 1, "0008"),
        (b"\x0b\x0e\x1f\xc2\x9f", "\ufffd\ufffd\ufffd\ufffd", 1, "000B"),
    ],
)
def test_control_characters_are_replaced_and_the_first_is_reported_at_its_line(raw, text, line, code):
    decoded, error = decode(raw)
    assert decoded == text
    assert (error.line, error.message) == (line, f"control character U+{code} is not text; {SHOWN}")


def test_an_undecodable_byte_is_reported_rather_than_an_earlier_control_character():
    text, error = decode(b"\x01\nb\xff\n")
    assert text == "\ufffd\nb\ufffd\n"
    assert (error.line, error.message) == (
        2,
        f"file is not valid UTF-8 (byte 0xff); undecodable bytes are {SHOWN}",
    )


# -- control characters written as escapes in YAML values -------------------------


def test_control_escapes_in_values_are_replaced_and_the_first_of_each_value_recorded():
    doc = split('---\ntitle: "Bell\\a\\b"\ntags: [ok, "\\e[31mred"]\nsummary: "\\t tab is text"\n---\n')
    assert doc.data == {
        "title": "Bell\ufffd\ufffd",
        "tags": ["ok", "\ufffd[31mred"],
        "summary": "\t tab is text",
    }
    assert doc.controls == [(("title",), "\x07"), (("tags", 1), "\x1b")]
    assert doc.error is None


def test_a_control_escape_in_a_key_is_recorded_at_the_mapping_that_holds_it():
    doc = split('---\nsource:\n  "p\\x01": x\n---\n')
    assert doc.data == {"source": {"p\ufffd": "x"}}
    assert doc.controls == [(("source",), "\x01")]


# -- the problems an author reads --------------------------------------------------

RELATIVE = "briefings/2022-01-13-x.md"


def problems_of(tmp_path: Path, raw: bytes) -> list[Problem]:
    path = tmp_path / RELATIVE
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    return ordered(sources.load(tmp_path, "briefings", KINDS, sources.SourceCache()).problems)


HEAD = b"---\ntitle: A\ndate: 2022-01-13\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            HEAD + b"summary: [x\n---\nBody\n",
            [(4, NOT_YAML + "did not find expected ',' or ']'", "front_matter")],
        ),
        (
            HEAD + b"---\nBody\x00 text\n",
            [(5, f"control character U+0000 is not text; {SHOWN}", "front_matter")],
        ),
        (
            HEAD + b"summary: \xff\n---\n",
            [(4, f"file is not valid UTF-8 (byte 0xff); undecodable bytes are {SHOWN}", "front_matter")],
        ),
        (HEAD + b"Body\n", [(1, NEVER_CLOSED, "front_matter")]),
        (HEAD + b"x: &a 1\ny: *a\n---\n", [(5, ALIASES, "front_matter")]),
        (HEAD + b"title: B\n---\n", [(4, "duplicate key 'title': the last value is used", "field")]),
        (
            b'---\ntitle: "A\\a"\ndate: 2022-01-13\n---\n',
            [(2, f"'title' holds control character U+0007, which is not text; {SHOWN}", "field")],
        ),
    ],
)
@libyaml
def test_front_matter_problems_carry_their_line_message_and_code(tmp_path, raw, expected):
    assert problems_of(tmp_path, raw) == [Problem(RELATIVE, *problem) for problem in expected]


def test_unreadable_front_matter_is_one_problem_not_a_control_at_a_wrong_line(tmp_path):
    # Its values are dropped, so nothing read from them (a control written "\a") is reported.
    problems = problems_of(tmp_path, b'---\ntitle: "A\\a"\ndate: 2022-01-13\nx: &a 1\ny: *a\n---\n')
    assert [(p.line, p.message) for p in problems] == [
        (5, "YAML aliases (*name) are not allowed in front matter")
    ]
