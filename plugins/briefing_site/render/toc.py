"""The sections that the theme templates add after a page's Markdown, for the table of
contents: the theme renders them after the Markdown, so the Markdown's own table of
contents does not know them. Each is (anchor, message id of the title, data key): the
anchor is the ``id`` of the section's heading in the template, the title the message the
template's heading says, and a section is listed only when the template shows it (its
data is not empty)."""

from __future__ import annotations

from typing import Any

from .messages import Messages

ARCHIVE = ("briefing-archive", "heading.archive", "archive")
ENTITY = (
    ("briefing-quotes", "heading.quotes", "quotes"),
    ("briefing-mentioned-in", "heading.mentioned_in", "mentioned_in"),
    ARCHIVE,
    ("briefing-appears-with", "heading.appears_with", "appears_with"),
    ("briefing-network", "heading.network", "picture"),
    ("briefing-events", "heading.events", "events"),
)
LISTS = (ARCHIVE,)
# Page role (or the home page's template) -> its sections, in the template's order.
SECTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "briefing": (
        ("briefing-who", "heading.who_and_what", "entities"),
        ("briefing-events", "heading.events", "events"),
        ("briefing-related", "heading.related", "related"),
    ),
    "entity": ENTITY,
    "entity-year": ENTITY,
    "home": (
        ("home-latest", "heading.latest", "latest"),
        ("home-actors", "heading.key_actors", "actors"),
        ("home-events", "heading.story_in_dates", "events"),
    ),
    "briefings": LISTS,
    "briefings-year": LISTS,
    "tag": LISTS,
    "tag-year": LISTS,
}


def sections(role: str, data: dict[str, Any], say: Messages) -> list[tuple[str, str]]:
    """The generated sections of a page of ``role`` with template data ``data``."""
    if role in ("glossary", "glossary-kind"):
        return [(f"kind-{g['kind']}", g["label"]) for g in data["groups"]]
    if role in ("timeline", "timeline-year"):
        months = [(f"month-{m['key']}", m["label"]) for m in data["months"]]
        return months + sections("briefings", data, say)
    return [(anchor, say(title)) for anchor, title, key in SECTIONS.get(role, ()) if data.get(key)]
