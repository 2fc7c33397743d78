"""The data of each entry's preview card (``assets/briefing/card.js`` shows it): one small
JSON file per entry, so that hovering a mention fetches a few hundred bytes of this site,
whatever the size of the desk. The role held on the briefing's date is not here: it
depends on the briefing, and its mentions carry it (``data-role``)."""

from __future__ import annotations

from typing import Any

from ..core.model import Entity
from .messages import Messages

CARDS_DIR = "assets/briefing/cards"

# Material Design Icons (Apache 2.0), as Material for MkDocs ships them: account, domain,
# flag, map-marker, lightbulb-outline; tag for a kind of the site's own.
_ICONS = {
    "people": "M12 4a4 4 0 0 1 4 4 4 4 0 0 1-4 4 4 4 0 0 1-4-4 4 4 0 0 1 4-4m0 10c4.42 0 8 1.79 8 4v2H4v-2c0-2.21 3.58-4 8-4",  # noqa: E501 (an icon path)
    "organizations": "M18 15h-2v2h2m0-6h-2v2h2m2 6h-8v-2h2v-2h-2v-2h2v-2h-2V9h8M10 7H8V5h2m0 6H8V9h2m0 6H8v-2h2m0 6H8v-2h2M6 7H4V5h2m0 6H4V9h2m0 6H4v-2h2m0 6H4v-2h2m6-10V3H2v18h20V7z",  # noqa: E501 (an icon path)
    "countries": "M14.4 6 14 4H5v17h2v-7h5.6l.4 2h7V6z",
    "places": "M12 11.5A2.5 2.5 0 0 1 9.5 9 2.5 2.5 0 0 1 12 6.5 2.5 2.5 0 0 1 14.5 9a2.5 2.5 0 0 1-2.5 2.5M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7",  # noqa: E501 (an icon path)
    "concepts": "M12 2a7 7 0 0 1 7 7c0 2.38-1.19 4.47-3 5.74V17a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1v-2.26C6.19 13.47 5 11.38 5 9a7 7 0 0 1 7-7M9 21v-1h6v1a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1m3-17a5 5 0 0 0-5 5c0 2.05 1.23 3.81 3 4.58V16h4v-2.42c1.77-.77 3-2.53 3-4.58a5 5 0 0 0-5-5",  # noqa: E501 (an icon path)
}
_TAG = "M5.5 7A1.5 1.5 0 0 1 4 5.5 1.5 1.5 0 0 1 5.5 4 1.5 1.5 0 0 1 7 5.5 1.5 1.5 0 0 1 5.5 7m15.91 4.58-9-9C12.05 2.22 11.55 2 11 2H4c-1.11 0-2 .89-2 2v7c0 .55.22 1.05.59 1.41l8.99 9c.37.36.87.59 1.42.59s1.05-.23 1.41-.59l7-7c.37-.36.59-.86.59-1.41 0-.56-.23-1.06-.59-1.42"  # noqa: E501 (an icon path)


def card_path(entity_id: str) -> str:
    return f"{CARDS_DIR}/{entity_id}.json"


def card(e: Entity, count: int, say: Messages) -> dict[str, Any]:
    return {
        "kind": say.kind(e.kind),
        "icon": _ICONS.get(e.kind, _TAG),
        "name": e.name,
        "summary": e.summary,
        "count": say("card.mentioned_in", count),
    }
