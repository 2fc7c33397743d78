"""Dates as authors write them: partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and `updated:` stamps."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_site.core.dates import PartialDate, Timestamp, parse_partial, parse_timestamp
from briefing_site.render.messages import Messages

EN = Messages("en")  # how an English page shows a date (the words are the catalogue's)

MONTH_NAMES = "January February March April May June July August September October November December".split()

# -- parsing partial dates --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-13", (2022, 1, 13)),
        ("2022-12-31", (2022, 12, 31)),
        ("2022-01", (2022, 1, 0)),
        ("2022-12", (2022, 12, 0)),
        ("2022", (2022, 0, 0)),
        (2022, (2022, 0, 0)),  # YAML reads a bare year as a number
        ("0001", (1, 0, 0)),
        ("9999-12-31", (9999, 12, 31)),
        (" 2022-01-13 ", (2022, 1, 13)),  # surrounding white space is not part of the date
        ("\t2022-01\n", (2022, 1, 0)),
    ],
)
def test_a_date_of_any_precision_parses_to_its_parts(value, expected):
    assert parse_partial(value, allow="ymd") == PartialDate(*expected)


def test_every_precision_is_accepted_when_none_is_named():
    assert parse_partial("2022") == PartialDate(2022)
    assert parse_partial("2022-01") == PartialDate(2022, 1)
    assert parse_partial("2022-01-13") == PartialDate(2022, 1, 13)


@pytest.mark.parametrize(
    ("value", "allow", "expected"),
    [
        # a day is wanted: a month or a bare year is refused
        ("2022-01-13", "d", (2022, 1, 13)),
        ("2022-01", "d", None),
        ("2022", "d", None),
        (2022, "d", None),
        # a day or a month is wanted (events): a bare year is refused
        ("2022-01-13", "dm", (2022, 1, 13)),
        ("2022-01", "dm", (2022, 1, 0)),
        ("2022", "dm", None),
        # only a year
        ("2022", "y", (2022, 0, 0)),
        ("2022-01", "y", None),
        ("2022-01-13", "y", None),
        # only a month
        ("2022-01", "m", (2022, 1, 0)),
        ("2022-01-13", "m", None),
        ("2022", "m", None),
    ],
)
def test_precision_must_be_one_the_field_allows(value, allow, expected):
    assert parse_partial(value, allow=allow) == (PartialDate(*expected) if expected else None)


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",
        "2022-02-29",  # not a leap year
        "2023-02-29",
        "1900-02-29",  # divisible by 100: not a leap year
        "2022-04-31",
        "2022-06-31",
        "2022-09-31",
        "2022-11-31",
        "2022-01-32",
        "2022-13-01",
        "2022-13",
        "0000",  # there is no year 0
        "0000-01-01",
    ],
)
def test_impossible_dates_are_refused(value):
    assert parse_partial(value, allow="dmy") is None


@pytest.mark.parametrize("value", ["2024-02-29", "2000-02-29", "2020-02-29", "2022-01-31", "2022-04-30"])
def test_possible_month_ends_and_leap_days_are_accepted(value):
    assert parse_partial(value, allow="d").iso == value


@pytest.mark.parametrize(
    "value",
    [
        "13/01/2022",
        "2022-1-13",
        "2022-01-1",
        "22-01-13",
        "20222",
        "2022-",
        "2022-01-",
        "2022-01-13T10:00",
        "x2022",
        "2022x",
        "",
        "  ",
    ],
)
def test_malformed_dates_are_refused(value):
    assert parse_partial(value, allow="dmy") is None


# A zero month or day is refused, never read as "not given" (2022-00-10 would become a day
# with no month: iso '2022-10', label '10 December 2022').
@pytest.mark.parametrize(
    ("value", "allow"),
    [("2022-00-10", "d"), ("2022-00-30", "d"), ("2022-00", "dmy"), ("2022-01-00", "dmy")],
)
def test_a_zero_month_or_day_is_refused(value, allow):
    assert parse_partial(value, allow=allow) is None


def test_a_timestamp_with_a_zero_month_is_refused():
    assert parse_timestamp("2022-00-10T10:00") is None


def test_digits_other_than_ascii_are_refused():
    assert parse_partial("\uff12\uff10\uff12\uff12", allow="dmy") is None  # full-width 2022


@pytest.mark.parametrize("value", [True, False, None, 2022.0, ["2022"], {"y": 2022}, dt.date(2022, 1, 13)])
def test_values_that_are_not_text_or_a_whole_number_are_refused(value):
    assert parse_partial(value, allow="dmy") is None


def test_a_number_that_is_not_four_digits_is_refused():
    assert parse_partial(22, allow="dmy") is None
    assert parse_partial(20221, allow="dmy") is None


# -- showing dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "iso", "label", "month_key", "month_label"),
    [
        ((2022, 1, 13), "2022-01-13", "13 January 2022", "2022-01", "January 2022"),
        ((2022, 12, 5), "2022-12-05", "5 December 2022", "2022-12", "December 2022"),
        ((2022, 1, 0), "2022-01", "January 2022", "2022-01", "January 2022"),
        ((2022, 12, 0), "2022-12", "December 2022", "2022-12", "December 2022"),
        ((2022, 0, 0), "2022", "2022", "2022", "2022"),
        ((987, 3, 0), "0987-03", "March 987", "0987-03", "March 987"),
        ((45, 0, 0), "0045", "45", "0045", "45"),
    ],
)
def test_a_date_is_shown_at_its_own_precision(parts, iso, label, month_key, month_label):
    date = PartialDate(*parts)
    shown = (date.iso, EN.date(date), date.month_key, EN.date(date.of_month()))
    assert shown == (iso, label, month_key, month_label)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_named_in_labels(month):
    name = MONTH_NAMES[month - 1]
    assert EN.date(PartialDate(2022, month, 1)) == f"1 {name} 2022"
    assert EN.date(PartialDate(2022, month)) == f"{name} 2022"
    assert EN.date(PartialDate(2022, month, 9).of_month()) == f"{name} 2022"


def test_a_parsed_date_shows_as_written():
    assert parse_partial("2022-01-03", allow="d").iso == "2022-01-03"
    assert parse_partial("2022-01", allow="m").iso == "2022-01"
    assert parse_partial("2022", allow="y").iso == "2022"


# -- first and last day a date stands for -------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "start", "end"),
    [
        ((2022, 1, 13), (2022, 1, 13), (2022, 1, 13)),
        ((2022, 12, 31), (2022, 12, 31), (2022, 12, 31)),
        ((2022, 1, 0), (2022, 1, 1), (2022, 1, 31)),
        ((2022, 2, 0), (2022, 2, 1), (2022, 2, 28)),
        ((2024, 2, 0), (2024, 2, 1), (2024, 2, 29)),  # leap year
        ((2000, 2, 0), (2000, 2, 1), (2000, 2, 29)),  # divisible by 400: leap
        ((1900, 2, 0), (1900, 2, 1), (1900, 2, 28)),  # divisible by 100: not leap
        ((2022, 4, 0), (2022, 4, 1), (2022, 4, 30)),
        ((2022, 11, 0), (2022, 11, 1), (2022, 11, 30)),
        ((2022, 12, 0), (2022, 12, 1), (2022, 12, 31)),  # the next month is in the next year
        ((2022, 0, 0), (2022, 1, 1), (2022, 12, 31)),
        ((2024, 0, 0), (2024, 1, 1), (2024, 12, 31)),
    ],
)
def test_a_date_stands_for_every_day_from_its_start_to_its_end(parts, start, end):
    date = PartialDate(*parts)
    assert date.start() == dt.date(*start)
    assert date.end() == dt.date(*end)


@pytest.mark.parametrize("month", range(1, 13))
def test_a_month_ends_the_day_before_the_next_month_starts(month):
    date = PartialDate(2023, month)
    assert date.end() + dt.timedelta(days=1) == PartialDate(2023 + (month == 12), month % 12 + 1).start()
    assert date.end().month == month


# -- ordering ----------------------------------------------------------------------------------


def test_a_year_sorts_before_its_months_and_a_month_before_its_days():
    dates = [PartialDate(2022, 1, 1), PartialDate(2022, 2), PartialDate(2022), PartialDate(2022, 1)]
    assert sorted(dates) == [
        PartialDate(2022),
        PartialDate(2022, 1),
        PartialDate(2022, 1, 1),
        PartialDate(2022, 2),
    ]


# -- timestamps (`updated:`) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "date", "time", "iso", "label"),
    [
        ("2022-01-13", (2022, 1, 13), "", "2022-01-13", "13 January 2022"),
        ("2022-01-13T19:16", (2022, 1, 13), "19:16", "2022-01-13T19:16", "13 January 2022, 19:16"),
        ("2022-01-13T19:16:05", (2022, 1, 13), "19:16:05", "2022-01-13T19:16:05", "13 January 2022, 19:16"),
        ("2022-01-13T00:00", (2022, 1, 13), "00:00", "2022-01-13T00:00", "13 January 2022, 00:00"),
        ("2022-01-13T23:59:59", (2022, 1, 13), "23:59:59", "2022-01-13T23:59:59", "13 January 2022, 23:59"),
        ("2022-01-13T08:00:00", (2022, 1, 13), "08:00:00", "2022-01-13T08:00:00", "13 January 2022, 08:00"),
        (" 2022-01-13T08:05 ", (2022, 1, 13), "08:05", "2022-01-13T08:05", "13 January 2022, 08:05"),
        ("2024-02-29T12:00", (2024, 2, 29), "12:00", "2024-02-29T12:00", "29 February 2024, 12:00"),
    ],
)
def test_a_timestamp_keeps_its_day_and_time_of_day(value, date, time, iso, label):
    stamp = parse_timestamp(value)
    assert stamp == Timestamp(PartialDate(*date), time)
    assert (stamp.iso, EN.stamp(stamp)) == (iso, label)


@pytest.mark.parametrize(
    "value",
    [
        "2022-01-13T24:00",
        "2022-01-13T25:00",
        "2022-01-13T19:60",
        "2022-01-13T19:16:60",
        "2022-01-13T24:00:00",
        "2022-01-13T23:60:00",
        "2022-02-30T10:00",  # impossible day
        "2023-02-29",
        "2022-01",  # a month is not a day
        "2022",
        "2022-01-13T19",
        "2022-01-13T9:16",
        "2022-01-13 19:16",
        "2022-01-13T19:16:5",
        "2022-01-13T19:16Z",
        "2022-01-00T10:00",  # a zero day does not make the stamp a month
        "2022-01-00",
        "13/01/2022",
        "",
    ],
)
def test_impossible_or_malformed_timestamps_are_refused(value):
    assert parse_timestamp(value) is None


@pytest.mark.parametrize("value", [None, 20220113, dt.date(2022, 1, 13), ["2022-01-13"]])
def test_a_timestamp_must_be_text(value):
    assert parse_timestamp(value) is None


def test_timestamps_of_one_day_order_by_time_after_the_bare_day():
    stamps = [
        parse_timestamp(v) for v in ("2022-01-13T19:16", "2022-01-13", "2022-01-13T08:00", "2022-01-12T23:59")
    ]
    assert [s.iso for s in sorted(stamps)] == [
        "2022-01-12T23:59",
        "2022-01-13",
        "2022-01-13T08:00",
        "2022-01-13T19:16",
    ]
