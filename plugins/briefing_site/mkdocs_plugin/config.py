"""The plugin's options, as MkDocs config options (this module is adapter-side)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.diagnostics import CODES, LEVELS

DEFAULT_KINDS = ["people", "organizations", "countries", "places", "concepts"]


def _validation_options() -> type[base.Config]:
    """One option per problem code, each ``warn`` (default), ``info`` or ``ignore``."""
    namespace = {code: c.Choice(LEVELS, default="warn") for code in CODES}
    return type("ValidationConfig", (base.Config,), namespace)


ValidationConfig = _validation_options()


class BriefingConfig(base.Config):
    briefings_dir = c.Type(str, default="briefings")
    """Folder of briefing sources, relative to mkdocs.yml; entries live in its
    ``glossary/<kind>/`` subfolders. Kept outside ``docs_dir`` on purpose."""

    kinds = c.ListOfItems(c.Type(str), default=list(DEFAULT_KINDS))
    """Glossary kinds, as folder names, in the order pages list them."""

    autolink = c.Choice(("off", "first", "all"), default="off")
    """Link known names that authors left unannotated in briefings: ``first``
    links each entity's first occurrence (unless an annotation of it comes
    before), ``all`` every occurrence; ``off`` (default) links only annotations."""

    latest = c.Type(int, default=25)
    """How many of its newest items a page shows of a list that can grow (an entry's
    mentions, quotes and events; the briefings index, the timeline, a tag's page), once
    the list is longer than ``per_page`` and split into archive pages."""

    per_page = c.Type(int, default=60)
    """The most items of one list that an archive page (one per year) holds; a longer
    year gets more pages. Also the longest kind the glossary index lists whole."""

    validation = c.SubConfig(ValidationConfig)
    """Level of each problem: ``warn`` fails ``mkdocs build --strict``; ``info``
    is logged only; ``ignore`` is dropped. Keys are listed in the author guide."""
