"""Plain-text helpers: visible messages, key folding, placeholders, sentences, languages."""

from __future__ import annotations

import pytest
from markdown.util import ETX, STX

from briefing_site.core import text

ESCAPED_STAR = f"{STX}42{ETX}"  # Python-Markdown's placeholder for an escaped '*'
STASHED = f"{STX}wzxhzdk:3{ETX}"  # ... and for stashed HTML or a footnote mark
LINE_MARK = "\ue000\U000f0005"  # a line marker put in by the Markdown extension


def words(n: int) -> str:
    """A sentence of ``n`` five-character words: word k starts at 5 * k."""
    return " ".join(f"w{k:03d}" for k in range(n))


# -- messages show what is there --------------------------------------------------------


def test_invisible_characters_are_written_as_escapes_but_tabs_are_kept():
    value = "a\u200bb\u202ec\x07d\te\nf"
    assert text.visible(value) == "a\\u200bb\\u202ec\\u0007d\te\\u000af"


def test_visible_text_is_unchanged():
    assert text.visible("Josep Borrell — “NATO”") == "Josep Borrell — “NATO”"


# -- keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("  North\n Atlantic   TREATY ", "north atlantic treaty"),
        ("Straße", "strasse"),  # Unicode case folding, not lower-casing
        ("NATO–Russia", "nato–russia"),  # dashes are not folded
        ("", ""),
    ],
)
def test_keys_are_folded_trimmed_and_collapsed(key, expected):
    assert text.normalize(key) == expected


# -- placeholders ---------------------------------------------------------------------------


def test_escaped_characters_are_shown_and_other_placeholders_kept():
    assert text.unescaped(f"NA{ESCAPED_STAR}TO {STASHED}.") == f"NA*TO {STASHED}."


def test_clean_text_drops_placeholders_and_line_marks_and_folds_white_space():
    assert text.clean(f"  NA{ESCAPED_STAR}TO\n {STASHED} met{LINE_MARK}ing  ") == "NA*TO meting"


# -- sentences ------------------------------------------------------------------------------


def test_sentences_end_at_punctuation_before_white_space_and_a_capital():
    flat = "“Yes.” he said. Then NATO met! Really? Ok… End (see 3.5). Last"
    assert text.sentence_ends(flat) == [16, 31, 39, 43, 58]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (0, "First one."),
        (10, "First one."),  # the space after the full stop
        (11, "Then NATO met Russia!"),  # the first character of the next sentence
        (16, "Then NATO met Russia!"),
        (39, "After that, nothing."),
        (60, "Last words"),  # no full stop at the end
    ],
)
def test_the_sentence_around_an_offset(offset, expected):
    flat = "First one. Then NATO met Russia! After that, nothing. Last words"
    assert text.sentence_at(flat, offset) == expected


def test_precomputed_sentence_ends_are_used_as_given():
    flat = "One. Two. Three."
    assert text.sentence_at(flat, 6, []) == "One. Two. Three."
    assert text.sentence_at(flat, 6, text.sentence_ends(flat)) == "Two."


def test_a_sentence_of_exactly_the_limit_is_kept_whole():
    sentence = words(60) + "x"
    assert len(sentence) == text.MAX_SENTENCE
    assert text.sentence_at(sentence, 295) == sentence


def test_a_long_sentence_is_cut_after_the_window_when_the_mention_is_near_its_start():
    # the window ends on a space: the last whole word is kept
    assert text.sentence_at(words(100), 10) == words(60) + "…"


def test_a_long_sentence_is_cut_on_both_sides_of_a_mention_in_its_middle():
    # The window starts one character in: its broken first word is dropped.
    assert text.sentence_at(words(100), 151) == "…" + words(60)[5:] + "…"
    # The window starts on a space: no word is dropped.
    assert text.sentence_at(words(100), 154) == "…" + words(60)[5:] + "…"
    assert text.sentence_at(words(100), 250) == "…" + words(79)[100:] + "…"


def test_a_window_that_reaches_the_end_of_the_sentence_has_no_trailing_ellipsis():
    assert text.sentence_at(words(100), 349) == "…" + words(100)[200:]


def test_a_long_unbroken_word_is_cut_without_losing_the_window():
    word = "x" * 500  # a long URL, say
    assert text.sentence_at(word, 10) == "x" * 300 + "…"
    assert text.sentence_at(word, 400) == "…" + "x" * 250


def test_a_long_sentence_after_another_is_cut_around_its_own_offset():
    flat = "Short one. " + words(100).upper()
    assert text.sentence_at(flat, 11 + 10) == words(60).upper() + "…"
