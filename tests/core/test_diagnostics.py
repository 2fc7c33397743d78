"""Problems as a build reports them: each once, in file and line order, at the level
configured for its code."""

from __future__ import annotations

import logging

import pytest

from briefing_site.core.diagnostics import CODES, LEVELS, emit, ordered
from briefing_site.core.model import Problem

# (path, line, message, code): plain data; Problems are built inside the tests.
UNKNOWN = ("b/x.md", 7, "unknown reference 'Borel'", "unknown_reference")
DATE = ("b/x.md", 3, "'date' must be YYYY-MM-DD, got '13/01/2022'", "date")
FIELD = ("a/y.md", 12, "unknown field 'sumary'", "field")
URL = ("b/x.md", 3, "'source.url' must be an http or https URL, got 'ftp://x'", "url")


def problems(*rows: tuple[str, int, str, str]) -> list[Problem]:
    return [Problem(*row) for row in rows]


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> logging.Logger:
    caplog.set_level(logging.DEBUG, logger="test.briefing")
    return logging.getLogger("test.briefing")


def logged(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "test.briefing"]


# -- order and de-duplication ------------------------------------------------------


def test_a_problem_reads_as_path_line_message():
    assert str(Problem(*UNKNOWN)) == "b/x.md:7: unknown reference 'Borel'"


def test_problems_are_listed_once_by_file_then_line_then_message_then_code():
    same_place_other_code = ("b/x.md", 3, DATE[2], "field")
    listed = ordered(problems(UNKNOWN, DATE, URL, FIELD, UNKNOWN, same_place_other_code, DATE))
    assert listed == problems(FIELD, DATE, same_place_other_code, URL, UNKNOWN)


def test_lines_order_as_numbers_not_as_text():
    rows = [("x.md", n, "m", "field") for n in (10, 9, 100, 1)]
    assert [p.line for p in ordered(problems(*rows))] == [1, 9, 10, 100]


# -- levels ------------------------------------------------------------------------


def test_every_problem_is_a_warning_unless_its_code_says_otherwise(caplog, log):
    warned = emit(problems(UNKNOWN, DATE, FIELD), {}, log)
    assert warned == problems(FIELD, DATE, UNKNOWN)
    assert logged(caplog) == [
        (logging.WARNING, "a/y.md:12: unknown field 'sumary'"),
        (logging.WARNING, "b/x.md:3: 'date' must be YYYY-MM-DD, got '13/01/2022'"),
        (logging.WARNING, "b/x.md:7: unknown reference 'Borel'"),
    ]


def test_info_problems_are_logged_as_info_and_ignored_ones_not_at_all(caplog, log):
    levels = {"unknown_reference": "info", "date": "ignore", "url": "warn"}
    warned = emit(problems(UNKNOWN, DATE, URL, FIELD, UNKNOWN), levels, log)
    assert warned == problems(FIELD, URL)
    assert logged(caplog) == [
        (logging.WARNING, "a/y.md:12: unknown field 'sumary'"),
        (logging.WARNING, "b/x.md:3: 'source.url' must be an http or https URL, got 'ftp://x'"),
        (logging.INFO, "b/x.md:7: unknown reference 'Borel'"),
    ]


def test_a_level_for_another_code_leaves_a_problem_a_warning(caplog, log):
    assert emit(problems(DATE), {"warn": "ignore", "field": "info"}, log) == problems(DATE)
    assert logged(caplog) == [(logging.WARNING, "b/x.md:3: 'date' must be YYYY-MM-DD, got '13/01/2022'")]


def test_nothing_to_report_logs_nothing(caplog, log):
    assert emit([], {}, log) == []
    assert logged(caplog) == []


def test_the_levels_and_codes_an_author_can_configure():
    assert LEVELS == ("warn", "info", "ignore")
    assert sorted(CODES) == [
        "ambiguous_reference",
        "date",
        "duplicate",
        "field",
        "file_name",
        "front_matter",
        "reserved_name",
        "unclosed_annotation",
        "unknown_reference",
        "url",
        "wrong_reference_type",
    ]
