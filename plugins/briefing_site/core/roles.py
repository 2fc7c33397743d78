"""Which role a person held on a given date, for hover summaries and role lists."""

from __future__ import annotations

from .dates import PartialDate
from .model import Entity, Role


def _held_on(role: Role, day: PartialDate) -> bool:
    started = role.start is None or role.start.start() <= day.end()
    not_ended = role.end is None or role.end.end() >= day.start()
    return started and not_ended


def _recent_first(roles: list[Role]) -> list[Role]:
    return sorted(roles, key=lambda r: r.start or PartialDate(0), reverse=True)


def role_on(entity: Entity, day: PartialDate | None, of_label) -> str:
    """'Secretary General, NATO' while held; 'former Secretary General, NATO' after;
    '' when the entity has no dated role or the date is unknown.

    ``of_label`` maps a role to the label of its 'of' entity ('' if none).
    """
    dated = [r for r in entity.roles if r.start or r.end]
    if day is None or not dated:
        return ""
    held = _recent_first([r for r in dated if _held_on(r, day)])
    if held:
        return _describe(held[0], of_label)
    ended = [r for r in dated if r.end and r.end.end() < day.start()]
    if ended:
        latest = max(ended, key=lambda r: r.end or PartialDate(0))
        return "former " + _describe(latest, of_label)
    return ""


def is_current(role: Role) -> bool:
    """A role with no end date continues (the format says so); no clock is consulted."""
    return role.end is None


def _describe(role: Role, of_label) -> str:
    of = of_label(role)
    return f"{role.title}, {of}" if of else role.title
