"""Finding annotations in raw Markdown without rendering it (what ``briefing check`` reads)."""

from __future__ import annotations

import pytest

from briefing_site.core import scan


def found(text: str) -> list[tuple[str, str, int]]:
    return [(f.kind, f.target, f.offset) for f in scan.annotations(text)]


# -- mentions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[NATO]]", [("mention", "NATO", 0)]),
        (
            "[[NATO]] and [[Josep Borrell|Joseph Borell]]",
            [("mention", "NATO", 0), ("mention", "Josep Borrell", 13)],
        ),
        ("[[A]][[B]]", [("mention", "A", 0), ("mention", "B", 5)]),  # back to back
        ("[[NA\\*TO]]", [("mention", "NA*TO", 0)]),  # the target is unescaped
        ("[[Jean\n> Asselborn]]", [("mention", "Jean\nAsselborn", 0)]),  # across a block quote's lines
        ("[[A \\[[]]", [("mention", "A [[", 0)]),  # an escaped opener inside is text, not a mention
        ("[[A|b{by='x'}]] and [[B]]", [("mention", "A", 0), ("mention", "B", 20)]),  # no quote inside
    ],
)
def test_mentions_are_found_with_their_target_and_offset(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[NATO", [("unclosed-mention", "", 0)]),
        ("[[NATO\n\n]]", [("unclosed-mention", "", 0)]),  # a blank line ends the paragraph
        ("[[A\n\nB]] [[C]]", [("unclosed-mention", "", 0), ("mention", "C", 9)]),
        ("x [[A [[B]]", [("unclosed-mention", "", 2), ("mention", "B", 6)]),
        ("[[A]]\n\n[[B\n\n[[C]]", [("mention", "A", 0), ("unclosed-mention", "", 7), ("mention", "C", 12)]),
    ],
)
def test_an_unclosed_mention_is_reported_where_it_opens(text, expected):
    assert found(text) == expected


# -- what is not an annotation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("`[[A]]` [[B]]", [("mention", "B", 8)]),  # code span
        ("`x`[[A]]", [("mention", "A", 3)]),  # right after a code span
        ("[[A]] `c`", [("mention", "A", 0)]),  # before a code span
        ("`a` `[[A]]` [[B]]", [("mention", "B", 12)]),  # in the second of two code spans
        ("\\[[A]] [[B]]", [("mention", "B", 7)]),  # escaped
        ("[see [[NATO]]](url)", []),  # link text
        ("<span>[[A]]</span>", []),  # raw HTML block
        ("    [[A]]\n", []),  # indented code
        ("```\n[[A]]\n```\n[[B]]", [("mention", "B", 14)]),  # fenced code
        ("`{by='A'}` [q]{by='B'}", [("quote", "B", 14)]),
    ],
)
def test_nothing_inside_code_links_or_html_is_an_annotation(text, expected):
    assert found(text) == expected


# -- quotes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[x]{by='A'}", [("quote", "A", 3)]),
        ('[We face a crisis]{by="Michael Carpenter"}', [("quote", "Michael Carpenter", 18)]),
        ('[q]{by="NA\\*TO"}', [("quote", "NA*TO", 3)]),  # the speaker is unescaped
        ("[a `]` b]{by='X'}", [("quote", "X", 9)]),  # a bracket in code does not close the quote
        ("`a` [b]{by='A'}", [("quote", "A", 7)]),  # code before the quote keeps offsets
        ("[[A]] `x` [b `]` c]{by='B'}", [("mention", "A", 0), ("quote", "B", 19)]),
        ("[a] [b]{by='A'} [c]{by='B'}", [("quote", "A", 7), ("quote", "B", 19)]),
    ],
)
def test_quotes_are_found_with_their_speaker(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x {by='A'}", [("unclosed-quote", "", 2)]),  # no bracketed text
        ("[a\n\nb]{by='X'}", [("unclosed-quote", "", 6)]),  # its brackets span paragraphs
        ("[x](u){by='A'}", [("unclosed-quote", "", 6)]),  # after a link, not after brackets
        ("[x]{by=A}", [("unclosed-quote", "", 3)]),  # the speaker is not quoted
        ("[[x]{by='A'}", [("unclosed-mention", "", 0), ("unclosed-quote", "", 4)]),  # '[[' opens a mention
    ],
)
def test_a_malformed_quote_is_unclosed(text, expected):
    assert found(text) == expected


def test_annotations_come_in_text_order():
    text = "[[A]] said [it]{by='B'}, then [[C|c]]."
    assert found(text) == [("mention", "A", 0), ("quote", "B", 15), ("mention", "C", 30)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("[[A]] said [it]{by='B'}, then [[C|c]].", [(0, 5), (11, 23), (30, 37)]),
        ("x [[Josep\n> Borrell]]", [(2, 21)]),  # across a block quote's lines
        ('[a [[B]] b]{ by = "C" }', [(3, 8), (0, 23)]),  # a mention inside a quote, found first
        ("[o [i]{by='A'} o]{by='B'}", [(3, 14), (0, 25)]),  # nested quotes, inner first
        ("[[A", [(0, 0)]),  # unclosed: no span
    ],
)
def test_each_annotation_has_the_span_a_rewrite_replaces(text, spans):
    """``briefing export`` replaces exactly these characters; the span is not compared."""
    assert [f.span for f in scan.annotations(text)] == spans
    assert scan.Found("mention", "A", 0, (0, 5)) == scan.Found("mention", "A", 0)


# -- paragraphs and lines ----------------------------------------------------------------------


def test_a_paragraph_runs_between_blank_lines():
    paragraphs = scan._Paragraphs("ab\n\ncd\n \nef")
    assert paragraphs.starts == [2, 6]
    assert [paragraphs.around(i) for i in (0, 1, 2, 4, 5, 6, 9, 10)] == [
        (0, 2),
        (0, 2),
        (4, 6),  # on the blank line: the next paragraph
        (4, 6),
        (4, 6),
        (9, 11),
        (9, 11),
        (9, 11),
    ]
    assert scan._Paragraphs("one").around(1) == (0, 3)


def test_lines_are_numbered_from_one():
    text = "a\nbc\n\nd"
    starts = scan.line_starts(text)
    assert starts == [0, 2, 5, 6]
    assert [scan.line_of(starts, offset) for offset in range(len(text))] == [1, 1, 2, 2, 2, 3, 4]
    assert scan.line_starts("") == [0]
