"""The plugin's options, as MkDocs config options (this module is adapter-side).

Defaults and choices come from ``render.vocabulary``, which the ``briefing`` command
reads too: the two cannot disagree (tests/test_config.py)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.diagnostics import CODES, LEVELS
from ..render.vocabulary import CHOICES, DEFAULT_LEVEL, DEFAULTS


def _validation_options() -> type[base.Config]:
    """One option per problem code, each ``warn`` (default), ``info`` or ``ignore``."""
    namespace = {code: c.Choice(LEVELS, default=DEFAULT_LEVEL) for code in CODES}
    return type("ValidationConfig", (base.Config,), namespace)


ValidationConfig = _validation_options()


class BriefingConfig(base.Config):
    briefings_dir = c.Type(str, default=DEFAULTS.briefings_dir)
    """Folder of briefing sources, relative to mkdocs.yml; entries live in its
    ``glossary/<kind>/`` subfolders. Kept outside ``docs_dir`` on purpose."""

    kinds = c.ListOfItems(c.Type(str), default=list(DEFAULTS.kinds))
    """Glossary kinds, as folder names, in the order pages list them."""

    autolink = c.Choice(CHOICES["autolink"], default=DEFAULTS.autolink)
    """Link known names that authors left unannotated in briefings: ``first``
    links each entity's first occurrence (unless an annotation of it comes
    before), ``all`` every occurrence; ``off`` (default) links only annotations."""

    latest = c.Type(int, default=DEFAULTS.latest)
    """How many of its newest items a page shows of a list that can grow (an entry's
    mentions, quotes and events; the briefings index, the timeline, a tag's page), once
    the list is longer than ``per_page`` and split into archive pages."""

    per_page = c.Type(int, default=DEFAULTS.per_page)
    """The most items of one list that an archive page (one per year) holds; a longer
    year gets more pages. Also the longest kind the glossary index lists whole."""

    language = c.Type(str, default=DEFAULTS.language)
    """The language of every word the plugin writes; by default ``theme.language``."""

    validation = c.SubConfig(ValidationConfig)
    """Level of each problem: ``warn`` fails ``mkdocs build --strict``; ``info``
    is logged only; ``ignore`` is dropped. Keys are listed in the author guide."""
