"""Where the page templates and the stylesheet live: package data beside the renderers.

Every front end that renders pages through a theme (the MkDocs plugin today) adds
``TEMPLATE_DIR`` to the theme's folders and publishes the stylesheet at ``CSS_URI``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .messages import Messages
from .vocabulary import BODY_SENTINEL, kind

_HERE = Path(__file__).parent

TEMPLATE_DIR = _HERE / "templates"
CSS_URI = "assets/briefing/briefing.css"
CSS_PATH = _HERE / CSS_URI
# The preview card of a mention (see docs/authoring.md for why ours and not Material's).
JS_URI = "assets/briefing/card.js"
JS_PATH = _HERE / JS_URI

# What the pages of every front end need from the engine: the Markdown extensions that
# annotations render with (footnotes for editor's notes, attribute lists for ids and
# classes) and, on Material, the features that show hover texts and notes as tooltips.
MARKDOWN_EXTENSIONS = ("footnotes", "attr_list")
MATERIAL_FEATURES = ("content.tooltips", "content.footnote.tooltips")
# Material's tags plugin, by either name a site may enable it under: with it, briefings'
# tags are Material's and we make no tag pages.
MATERIAL_TAGS = ("tags", "material/tags")


def template_globals(messages: Messages) -> dict[str, Any]:
    """What every template of ours may use, whichever engine renders it: the site's words
    (``msg("heading.quotes")``, ``msg("count.briefings", count=n)``, ``date(d)``; see
    ``messages``) and where an entry's body starts."""
    return {**messages.template_globals(), "briefing_body": BODY_SENTINEL}


def stylesheet(kinds: tuple[str, ...]) -> str:
    """The stylesheet, with the colour of each kind's circles (network drawings and legend)."""
    rules = [
        f".briefing-network__node--{k.folder} circle,\n"
        f".briefing-network-legend li.briefing-network__node--{k.folder} svg {{ fill: {k.colour}; }}"
        for k in map(kind, kinds)
    ]
    return CSS_PATH.read_text(encoding="utf-8") + "\n".join(rules) + "\n"
