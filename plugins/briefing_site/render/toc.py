"""The sections that the theme templates add after a page's Markdown, for the table of
contents: the theme renders them after the Markdown, so the Markdown's own table of
contents does not know them. Each is (anchor, title): the anchor is the ``id`` of the
section's heading in the template, and a section is listed only when the template
shows it (its data is not empty)."""

from __future__ import annotations

from typing import Any

ARCHIVE = ("briefing-archive", "Archive", "archive")
ENTITY = (
    ("briefing-quotes", "Quotes", "quotes"),
    ("briefing-mentioned-in", "Mentioned in", "mentioned_in"),
    ARCHIVE,
    ("briefing-appears-with", "Appears with", "appears_with"),
    ("briefing-network", "Network", "picture"),
    ("briefing-events", "Events", "events"),
)
LISTS = (ARCHIVE,)
# Page role (or the home page's template) -> its sections, in the template's order.
SECTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "briefing": (
        ("briefing-who", "Who and what", "entities"),
        ("briefing-events", "Events", "events"),
        ("briefing-related", "Related briefings", "related"),
    ),
    "entity": ENTITY,
    "entity-year": ENTITY,
    "home": (
        ("home-latest", "Latest briefings", "latest"),
        ("home-actors", "Key actors", "actors"),
        ("home-events", "The story in dates", "events"),
    ),
    "briefings": LISTS,
    "briefings-year": LISTS,
    "tag": LISTS,
    "tag-year": LISTS,
}


def sections(role: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """The generated sections of a page of ``role`` with template data ``data``."""
    if role in ("glossary", "glossary-kind"):
        return [(f"kind-{g['kind']}", g["label"]) for g in data["groups"]]
    if role in ("timeline", "timeline-year"):
        months = [(f"month-{m['key']}", m["label"]) for m in data["months"]]
        return months + sections("briefings", data)
    return [(anchor, title) for anchor, title, key in SECTIONS.get(role, ()) if data.get(key)]
