"""Where the page templates and the stylesheet live: package data beside the renderers.

Every front end that renders pages through a theme (the MkDocs plugin today) adds
``TEMPLATE_DIR`` to the theme's folders and publishes the stylesheet at ``CSS_URI``.
"""

from __future__ import annotations

from pathlib import Path

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
