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


def role_on(entity: Entity, day: PartialDate | None) -> tuple[Role, bool] | None:
    """The dated role held on ``day`` (the latest begun, if several), with False; else the
    last one that had ended by then, with True ('former ...'); None when the entity has no
    dated role, none begun by then, or the date is unknown. Readers' words for it are
    ``render``'s."""
    dated = [r for r in entity.roles if r.start or r.end]
    if day is None or not dated:
        return None
    held = _recent_first([r for r in dated if _held_on(r, day)])
    if held:
        return held[0], False
    ended = [r for r in dated if r.end and r.end.end() < day.start()]
    if ended:
        return max(ended, key=lambda r: r.end or PartialDate(0)), True
    return None


def is_current(role: Role) -> bool:
    """A role with no end date continues (the format says so); no clock is consulted."""
    return role.end is None
