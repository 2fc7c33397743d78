"""Long lists split into light pages: a page shows the newest items of a list, and
archive pages hold all of them, one page per year (a year too long for one page gets
several: ``2023``, ``2023-2``...). A list that fits on its page is not split.

Pure functions of the ordered lists, so that the page layout (which archive pages
exist) and the page contexts (what each shows and links to) always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.dates import PartialDate

YearOf = Callable[[Any], "PartialDate | None"]


@dataclass(frozen=True)
class Limits:
    latest: int = 25  # the newest items of a list that its page shows, once it is split
    per_page: int = 60  # the most items of one list that an archive page holds

    @classmethod
    def of(cls, latest: int, per_page: int) -> Limits:
        """The limits an author set; one below 1 reads as 1 (a page shows at least one)."""
        return cls(max(1, latest), max(1, per_page))


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Part:
    key: str  # its page's name: '2023', '2023-2', 'undated'
    label: str  # what links to it say: '2023', '2023 (2)', 'Undated'


def _year(date: PartialDate | None) -> str:
    return f"{date.year:04d}" if date else "undated"


def by_year(
    lists: dict[str, tuple[Sequence[Any], YearOf]], per_page: int
) -> list[tuple[Part, dict[str, list[Any]]]]:
    """Every item of ``lists`` (name -> items in page order, and their date), grouped by
    year, newest year first, undated last; a year whose longest list is longer than
    ``per_page`` is cut into pages that each hold a slice of every list."""
    years: dict[str, dict[str, list[Any]]] = {}
    for name, (items, date_of) in lists.items():
        for item in items:
            years.setdefault(_year(date_of(item)), {n: [] for n in lists})[name].append(item)
    parts = []
    order = sorted((y for y in years if y != "undated"), reverse=True)
    order += ["undated"] if "undated" in years else []
    for year in order:
        groups = years[year]
        pages = max(1, -(-max(len(v) for v in groups.values()) // per_page))
        label = "Undated" if year == "undated" else year
        for i in range(pages):
            part = Part(year if i == 0 else f"{year}-{i + 1}", label if i == 0 else f"{label} ({i + 1})")
            parts.append((part, {n: v[i * per_page : (i + 1) * per_page] for n, v in groups.items()}))
    return parts


def needs_archive(lengths: Sequence[int], limits: Limits) -> bool:
    """Whether a page whose lists have these lengths shows only their newest items: when
    one of them is longer than an archive page holds (a list that fits is not split)."""
    return any(n > limits.per_page for n in lengths)
