"""Atom feeds: every briefing, and the briefings about each entity.

Rendered from a Jinja2 template with XML escaping; timestamps come from the
sources (dates and times without a zone are taken as UTC), never from a clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import jinja2

from ..core.dates import Timestamp
from ..core.model import Briefing

SITE_FEED = "feed.xml"
# A feed carries the latest entries only, as feeds do: readers fetch it again and again,
# and the pages hold the full lists.
FEED_ENTRIES = 50

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing_site.render", "page_templates/feeds"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def entity_feed_path(entity_id: str) -> str:
    return f"glossary/{entity_id}/feed.xml"


def _stamp(b: Briefing, updated: bool) -> str:
    ts = b.updated if (updated and b.updated) else (Timestamp(b.date) if b.date else None)
    if ts is None:
        return "1970-01-01T00:00:00Z"
    time = ts.time or "00:00"
    return f"{ts.date.iso}T{time if len(time) == 8 else time + ':00'}Z"


def _id(url: str, key: str, absolute: bool) -> str:
    # Atom ids must be permanent IRIs: the page URL when the site's address is
    # known, else a name-based UUID that stays the same from build to build.
    return url if absolute else uuid.uuid5(uuid.NAMESPACE_URL, "briefing:" + key).urn


def render_atom(feed: dict[str, Any]) -> str:
    return _env.get_template("atom.xml").render(feed=feed)


def atom_feed(
    title: str,
    subtitle: str,
    briefings: list[Briefing],  # newest first
    url_of: Callable[[Briefing], str],
    self_url: str,
    html_url: str,
    author: str,
    absolute: bool,
) -> dict[str, Any]:
    """What the feed says, as plain data: equal data make the same feed."""
    entries: list[dict[str, Any]] = [
        {
            "id": _id(url_of(b), b.stem, absolute),
            "title": b.title,
            "url": url_of(b),
            "published": _stamp(b, updated=False),
            "updated": _stamp(b, updated=True),
            "summary": b.summary,
            "tags": list(b.tags),
        }
        for b in briefings[:FEED_ENTRIES]
    ]
    feed = {
        "id": _id(self_url, self_url, absolute),
        "title": title,
        "subtitle": subtitle,
        "updated": max((e["updated"] for e in entries), default="1970-01-01T00:00:00Z"),
        "self_url": self_url,
        "html_url": html_url,
        "author": author,
        "entries": entries,
    }
    return feed
