"""The data of each entry's preview card (``assets/briefing/card.js`` shows it): one small
JSON file per entry, so that hovering a mention fetches a few hundred bytes of this site,
whatever the size of the desk. The role held on the briefing's date is not here: it
depends on the briefing, and its mentions carry it (``data-role``)."""

from __future__ import annotations

from typing import Any

from ..core.model import Entity
from .messages import Messages
from .vocabulary import kind

CARDS_DIR = "assets/briefing/cards"


def card_path(entity_id: str) -> str:
    return f"{CARDS_DIR}/{entity_id}.json"


def card(e: Entity, count: int, say: Messages) -> dict[str, Any]:
    return {
        "kind": say.kind(e.kind),
        "icon": kind(e.kind).icon,
        "name": e.name,
        "summary": e.summary,
        "count": say("card.mentioned_in", count),
    }
