"""The annotation syntax's parsing functions: closers, escapes, speakers, bracket pairs."""

from __future__ import annotations

import pytest

from briefing_site.core import syntax

# -- where a mention closes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[NATO]]", 6),
        ("[[NATO]] and [[Russia]]", 6),  # the first closer, whatever comes after it
        ("[[NATO", -1),  # never closed
        ("[[NATO [[Russia]]", -1),  # another mention opens first
        ("[[NATO \\[[x]]", 11),  # an escaped opener opens nothing
        ("[[NATO \\]] x]]", 12),  # an escaped closer closes nothing
        ("[[NATO\\\\]]", 8),  # an escaped backslash: the closer is the brackets, not the backslashes
        ("[[NATO\\\\[[x]]", -1),  # the same for an opener after an escaped backslash
    ],
)
def test_a_mention_closes_at_its_first_unescaped_closer(text, expected):
    assert syntax.mention_end(text, 2) == expected


def test_a_mention_closed_only_past_the_stop_is_unclosed():
    text = "[[NATO\n\n]]"
    assert syntax.mention_end(text, 2, 6) == -1
    assert syntax.mention_end(text, 2, 10) == 8
    assert syntax.mention_end(text, 2) == 8


# -- a mention's parts and its target as Markdown reads it --------------------------


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("NATO", ("NATO", None)),
        ("Josep Borrell|Joseph Borell", ("Josep Borrell", "Joseph Borell")),
        ("NATO|", ("NATO", "")),  # an empty shown text is still a shown text
        ("NATO|a|b", ("NATO", "a|b")),  # the first bar splits
        ("|shown", ("", "shown")),
    ],
)
def test_a_mention_splits_into_target_and_shown_text(inner, expected):
    assert syntax.split_mention(inner) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NA\\*TO", "NA*TO"),
        ("a\\\\b", "a\\b"),
        ("\\[x\\]", "[x]"),
        ("a\\b", "a\\b"),  # not an escapable character: kept
        ("Jean\n> Asselborn", "Jean\nAsselborn"),  # a block quote's next line
        ("Jean\n  >> Asselborn", "Jean\nAsselborn"),
        ("Jean\n\tAsselborn", "Jean\nAsselborn"),
        ("plain", "plain"),
    ],
)
def test_unescape_reads_a_reference_as_markdown_does(raw, expected):
    assert syntax.unescape(raw) == expected


# -- a quote's speaker ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{by="Michael Carpenter"}', "Michael Carpenter"),
        ("{by='Michael Carpenter'}", "Michael Carpenter"),
        ("{ by = 'x' }", "x"),
        ('{by=""}', ""),  # empty, but given: not the other quote's group
        ("{by=''}", ""),
    ],
)
def test_the_speaker_is_read_from_either_quote(source, expected):
    by = syntax.BY.match(source)
    assert by is not None
    assert syntax.speaker(by) == expected


# -- bracket pairs ------------------------------------------------------------------


def test_brackets_pair_nest_and_leave_strays_unclosed():
    b = syntax.Brackets("[a [b] c] ] [d")
    assert b.close == {3: 6, 0: 9}
    assert b.open == {6: 3, 9: 0}
    assert b.depth == {0: 1, 3: 2, 12: 1}
    assert b.unclosed == [12]


def test_a_pair_closing_on_the_last_character_is_a_pair():
    b = syntax.Brackets("[a]")
    assert (b.close, b.open, b.unclosed) == ({0: 3}, {3: 0}, [])


def test_a_text_without_brackets_has_no_pairs():
    b = syntax.Brackets("plain text")
    assert (b.close, b.open, b.depth, b.unclosed) == ({}, {}, {}, [])


def test_paragraph_breaks_end_the_search_for_a_partner():
    text = "[a\n\nb] [c\n\n[d] [e\n\nf"
    breaks = syntax.paragraph_breaks(text)
    assert breaks == [2, 9, 17]
    b = syntax.Brackets(text, breaks)
    assert b.close == {11: 14}
    assert b.unclosed == [0, 7, 15]  # each paragraph's strays, in order
    assert syntax.Brackets(text).close == {0: 6, 11: 14}  # without breaks: the first pairs across
    assert syntax.Brackets(text).unclosed == [7, 15]


def test_a_bracket_at_a_break_belongs_to_the_next_paragraph():
    b = syntax.Brackets("[a]", [2])
    assert (b.close, b.unclosed) == ({}, [0])


def test_paragraph_breaks_are_blank_lines_even_with_spaces():
    assert syntax.paragraph_breaks("a\n\nb\n \t\nc\nd") == [1, 4]
    assert syntax.paragraph_breaks("one line\nanother") == []


def test_wild_brackets_are_strays_and_pairs_nested_too_deep():
    b = syntax.Brackets("[[[a]]] [ [[[x")
    assert b.wild(1) == [1, 2, 4, 5, 8, 10, 11, 12]
    assert b.wild(2) == [2, 4, 8, 10, 11, 12]
    assert b.wild(3) == [8, 10, 11, 12]
