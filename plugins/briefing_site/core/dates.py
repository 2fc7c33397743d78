"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) and timestamps as authors write them.

How a reader sees them depends on the site's language: ``render.messages`` writes them."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

# [0-9], not \d: \d also matches full-width and other scripts' digits.
_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_STAMP = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Ordering puts a month before the days of that month (``2022-01`` <
    ``2022-01-01``) and a year before its months, which is what a timeline wants.
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def month_key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def of_month(self) -> PartialDate:
        """The month (or, for a year, the year) this date falls in: a timeline's heading."""
        return PartialDate(self.year, self.month)

    def start(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> _dt.date:
        """The last day this date may stand for (inclusive)."""
        if self.day:
            return self.start()
        if self.month:
            nxt = _dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(self.year, 12, 31)


def parse_partial(value: object, *, allow: str = "ymd") -> PartialDate | None:
    """Parse a YYYY-MM-DD (and, if allowed, YYYY-MM or YYYY) value; None if invalid.

    ``allow`` holds the precisions accepted: 'd' for a day, 'm' for a month,
    'y' for a year. Impossible dates such as 2022-02-30 are invalid.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _PARTIAL.fullmatch(value.strip())
    if not m:
        return None
    year, month, day = (int(g) if g else 0 for g in m.groups())
    precision = "d" if m[3] else "m" if m[2] else "y"
    if precision not in allow:
        return None
    try:  # a month or day written as 00 is refused here, not read as absent
        _dt.date(year, month if m[2] else 1, day if m[3] else 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


@dataclass(frozen=True, order=True)
class Timestamp:
    """A day with an optional time of day, as in ``updated: 2022-01-13T19:16``."""

    date: PartialDate
    time: str = ""  # "HH:MM" or "HH:MM:SS"

    @property
    def iso(self) -> str:
        return f"{self.date.iso}T{self.time}" if self.time else self.date.iso


def parse_timestamp(value: object) -> Timestamp | None:
    if not isinstance(value, str):
        return None
    m = _STAMP.fullmatch(value.strip())
    if not m:
        return None
    day = parse_partial(m.group(1), allow="d")
    if day is None:
        return None
    hh, mm, ss = m.group(2), m.group(3), m.group(4)
    if hh is None:
        return Timestamp(day)
    if int(hh) > 23 or int(mm) > 59 or (ss is not None and int(ss) > 59):
        return None
    return Timestamp(day, f"{hh}:{mm}" + (f":{ss}" if ss else ""))
