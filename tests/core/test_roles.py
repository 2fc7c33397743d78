"""Which role a glossary entry held on a briefing's date: hover summaries and role lists."""

from __future__ import annotations

import pytest

from briefing_site.core.dates import PartialDate as D
from briefing_site.core.model import Entity, Ref, Role
from briefing_site.core.roles import is_current, role_on


def of_label(role: Role) -> str:
    return role.of.text if role.of else ""


def said(entity: Entity, day: D | None) -> str:
    """The role as a hover says it in English ('former ...' once it ended): which role,
    and whether it ended, is ``role_on``'s answer; the words are the catalogue's."""
    held = role_on(entity, day)
    if held is None:
        return ""
    title = f"{held[0].title}, {of_label(held[0])}" if of_label(held[0]) else held[0].title
    return f"former {title}" if held[1] else title


def person(*roles: Role) -> Entity:
    return Entity("p", "people", "P", "s", "briefings/glossary/people/p.md", roles=roles)


def role(title: str, start: D | None = None, end: D | None = None, of: str = "") -> Role:
    return Role(title, Ref(of, "p.md", 5) if of else None, start, end)


# Josep Borrell's role as the authoring format shows it: from 2019-12-01 to 2024-11-30.
HIGH_REP = ("High Representative", (2019, 12, 1), (2024, 11, 30), "European Union")


def borrell() -> Entity:
    title, start, end, of = HIGH_REP
    return person(role(title, D(*start), D(*end), of))


# -- before, during and after a role ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ((2019, 11, 30), ""),  # the day before it starts
        ((2019, 12, 1), "High Representative, European Union"),  # its first day
        ((2022, 1, 13), "High Representative, European Union"),
        ((2024, 11, 30), "High Representative, European Union"),  # its last day
        ((2024, 12, 1), "former High Representative, European Union"),  # the day after
        ((2030, 1, 1), "former High Representative, European Union"),
        # a date known only to the month or the year counts if it overlaps the role
        ((2019, 11, 0), ""),
        ((2019, 12, 0), "High Representative, European Union"),
        ((2024, 11, 0), "High Representative, European Union"),
        ((2024, 12, 0), "former High Representative, European Union"),
        ((2018, 0, 0), ""),
        ((2019, 0, 0), "High Representative, European Union"),
        ((2024, 0, 0), "High Representative, European Union"),
        ((2025, 0, 0), "former High Representative, European Union"),
    ],
)
def test_a_role_is_shown_while_held_and_as_former_after_it_ends(day, expected):
    assert said(borrell(), D(*day)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ((2012, 9, 30), ""),
        ((2012, 10, 1), "Permanent Representative to NATO"),  # `from: 2012-10` starts on the 1st
        ((2018, 12, 31), "Permanent Representative to NATO"),  # `to: 2018` ends on 31 December
        ((2019, 1, 1), "former Permanent Representative to NATO"),
    ],
)
def test_a_month_or_year_bound_covers_the_whole_month_or_year(day, expected):
    entity = person(role("Permanent Representative to NATO", D(2012, 10), D(2018)))
    assert said(entity, D(*day)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ((2024, 1, 31), ""),
        ((2024, 2, 1), "Envoy"),
        ((2024, 2, 29), "Envoy"),  # leap year: February 2024 ends on the 29th
        ((2024, 3, 1), "former Envoy"),
    ],
)
def test_a_role_ending_in_february_of_a_leap_year_ends_on_the_29th(day, expected):
    entity = person(role("Envoy", D(2024, 2), D(2024, 2)))
    assert said(entity, D(*day)) == expected


def test_a_role_with_only_a_start_continues():
    entity = person(role("Secretary General", D(2014, 10, 1), of="NATO"))
    assert said(entity, D(2014, 9, 30)) == ""
    assert said(entity, D(2014, 10, 1)) == "Secretary General, NATO"
    assert said(entity, D(2099)) == "Secretary General, NATO"


def test_a_role_with_only_an_end_was_held_until_then():
    entity = person(role("Minister", end=D(2012)))
    assert said(entity, D(1950, 1, 1)) == "Minister"
    assert said(entity, D(2012, 12, 31)) == "Minister"
    assert said(entity, D(2013, 1, 1)) == "former Minister"


def test_a_role_not_yet_started_is_not_shown():
    entity = person(role("President", D(2030)))
    assert said(entity, D(2022, 1, 13)) == ""


# -- nothing to say ------------------------------------------------------------------------


def test_nothing_is_shown_without_a_date_or_without_dated_roles():
    assert said(borrell(), None) == ""
    assert said(person(), D(2022, 1, 13)) == ""
    assert said(person(role("Diplomat", of="Russia")), D(2022, 1, 13)) == ""


def test_undated_roles_are_ignored_beside_dated_ones():
    entity = person(role("Diplomat", of="Russia"), role("Ambassador", D(2020), D(2021), "Russia"))
    assert said(entity, D(2022, 1, 13)) == "former Ambassador, Russia"


# -- several roles ------------------------------------------------------------------------------


def grushko() -> Entity:
    """briefings/glossary/people/alexander-grushko.md, listed oldest first as written there."""
    return person(
        role("Deputy Minister of Foreign Affairs", D(2005), D(2012), "Russia"),
        role("Permanent Representative to NATO", D(2012, 10), D(2018, 1, 22), "Russia"),
        role("Deputy Minister of Foreign Affairs", D(2018, 1, 22), of="Russia"),
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ((2004, 12, 31), ""),
        ((2010, 6, 1), "Deputy Minister of Foreign Affairs, Russia"),
        ((2012, 9, 1), "Deputy Minister of Foreign Affairs, Russia"),
        ((2012, 10, 0), "Permanent Representative to NATO, Russia"),  # both held: the newer one
        ((2015, 1, 1), "Permanent Representative to NATO, Russia"),
        ((2018, 1, 22), "Deputy Minister of Foreign Affairs, Russia"),  # handover day: the newer one
        ((2018, 1, 21), "Permanent Representative to NATO, Russia"),
        ((2022, 1, 12), "Deputy Minister of Foreign Affairs, Russia"),
    ],
)
def test_when_several_roles_are_held_the_most_recent_is_shown(day, expected):
    assert said(grushko(), D(*day)) == expected


def test_a_role_without_a_start_counts_as_older_than_a_dated_one():
    entity = person(role("Senator", end=D(2030)), role("Chair", D(2020)), role("Member", end=D(2031)))
    assert said(entity, D(2022)) == "Chair"


def test_the_latest_ended_role_is_the_former_one():
    entity = person(
        role("Ambassador", D(2000), D(2005)),
        role("Minister", D(2006), D(2010, 5)),
        role("Adviser", D(2001), D(2003)),
    )
    assert said(entity, D(2010, 6, 1)) == "former Minister"


def test_between_two_roles_the_ended_one_is_shown_as_former():
    entity = person(role("Minister", D(2010), D(2012)), role("President", D(2020)))
    assert said(entity, D(2015)) == "former Minister"


def test_a_current_role_wins_over_an_ended_one():
    entity = person(role("Minister", D(2010), D(2012)), role("Senator", D(2011)))
    assert said(entity, D(2015)) == "Senator"


# -- current roles ---------------------------------------------------------------------------


def test_a_role_without_an_end_is_current_and_one_with_an_end_is_not():
    assert is_current(role("Secretary General", D(2014, 10, 1))) is True
    assert is_current(role("Diplomat")) is True
    assert is_current(role("Envoy", D(2020), D(2099))) is False  # no clock: an end date means it ends
