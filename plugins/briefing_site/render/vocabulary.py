"""The site's vocabulary, declared once: its pages, its kinds of entry and its options.

Every other module reads these facts from here: ``pages`` places pages by their role,
``context`` builds each role's template data, ``structured`` types entries for schema.org,
``theme`` colours the kinds, and both the MkDocs plugin's config and the ``briefing``
command take the options' defaults and choices from ``DEFAULTS`` and ``CHOICES``.
What the pages *say* lives in the message catalogues (``messages``), by the ids named here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.diagnostics import LEVELS
from .paging import DEFAULT_LIMITS

# -- pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRole:
    """What a generated (or, for the home page, hand-written) page is."""

    name: str
    uri: str  # its src_uri; ``{key}`` stands for the briefing's slug or the entry's id
    template: str  # the theme template that renders it
    stub: str = ""  # its stub under page_templates/stubs ('' for a hand-written page)
    title: str = ""  # message id of an index page's title (a source page has its own)

    @property
    def keyed(self) -> bool:
        """One page per briefing or entry, rather than one page for the site."""
        return "{key}" in self.uri

    def uri_of(self, key: str = "") -> str:
        return self.uri.format(key=key)


BRIEFING_PAGE = PageRole("briefing", "briefings/{key}.md", "briefing/briefing.html", "briefing.md")
ENTITY_PAGE = PageRole("entity", "glossary/{key}.md", "briefing/entity.html", "entity.md")
BRIEFINGS_PAGE = PageRole(
    "briefings", "briefings/index.md", "briefing/briefings.html", "briefings.md", "page.briefings"
)
GLOSSARY_PAGE = PageRole(
    "glossary", "glossary/index.md", "briefing/glossary.html", "glossary.md", "page.glossary"
)
TIMELINE_PAGE = PageRole(
    "timeline", "timeline/index.md", "briefing/timeline.html", "timeline.md", "page.timeline"
)
NETWORK_PAGE = PageRole("network", "network/index.md", "briefing/network.html", "network.md", "page.network")
# A docs page with this template in its front matter is a home page (docs/authoring.md).
HOME_PAGE = PageRole("home", "", "briefing/home.html")

INDEX_PAGES = (BRIEFINGS_PAGE, GLOSSARY_PAGE, TIMELINE_PAGE, NETWORK_PAGE)

# Pages that list what other pages hold (``pages.listings``): tags, and the archive pages
# of lists split by year. Their addresses come from their tag or year, as shown here.
TAGS_PAGE = PageRole("tags", "tags/index.md", "briefing/tags.html", "listing.md", "page.tags")
TAG_PAGE = PageRole("tag", "tags/{key}.md", "briefing/tag.html", "listing.md")
TAG_YEAR_PAGE = PageRole("tag-year", "tags/{key}.md", "briefing/tag-year.html", "listing.md")
BRIEFINGS_YEAR_PAGE = PageRole(
    "briefings-year", "briefings/archive/{key}.md", "briefing/briefings-year.html", "listing.md"
)
TIMELINE_YEAR_PAGE = PageRole(
    "timeline-year", "timeline/{key}.md", "briefing/timeline-year.html", "listing.md"
)
GLOSSARY_KIND_PAGE = PageRole(
    "glossary-kind", "glossary/kinds/{key}.md", "briefing/glossary-kind.html", "listing.md"
)
ENTITY_YEAR_PAGE = PageRole("entity-year", "glossary/{key}.md", "briefing/entity-year.html", "listing.md")
LISTING_PAGES = (
    TAGS_PAGE,
    TAG_PAGE,
    TAG_YEAR_PAGE,
    BRIEFINGS_YEAR_PAGE,
    TIMELINE_YEAR_PAGE,
    GLOSSARY_KIND_PAGE,
    ENTITY_YEAR_PAGE,
)
GENERATED_PAGES = (*INDEX_PAGES, BRIEFING_PAGE, ENTITY_PAGE, *LISTING_PAGES)
ROLES = {r.name: r for r in (*GENERATED_PAGES, HOME_PAGE)}

# Where an entry page's author body starts: the stub writes it, the template splits there.
BODY_SENTINEL = "<!--briefing-body-->"

# -- kinds of entry ---------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of glossary entry, by its folder name under ``glossary/``."""

    folder: str
    schema_type: str  # schema.org type of its entries
    icon: str  # the SVG path of its Material Design icon (Apache 2.0), as Material ships it
    colour: str  # of its circles in the network drawings

    @property
    def one(self) -> str:
        """Message id of its label in the singular ('Person')."""
        return f"kind.{self.folder}"

    @property
    def many(self) -> str:
        """Message id of its label in the plural ('People')."""
        return f"kinds.{self.folder}"


# Material Design Icons' paths (Apache 2.0), as Material for MkDocs ships them.
_ICONS = {
    "account": "M12 4a4 4 0 0 1 4 4 4 4 0 0 1-4 4 4 4 0 0 1-4-4 4 4 0 0 1 4-4m0 10c4.42 0 8 1.79 8 4v2H4v-2c0-2.21 3.58-4 8-4",  # noqa: E501 (an icon path)
    "domain": "M18 15h-2v2h2m0-6h-2v2h2m2 6h-8v-2h2v-2h-2v-2h2v-2h-2V9h8M10 7H8V5h2m0 6H8V9h2m0 6H8v-2h2m0 6H8v-2h2M6 7H4V5h2m0 6H4V9h2m0 6H4v-2h2m0 6H4v-2h2m6-10V3H2v18h20V7z",  # noqa: E501 (an icon path)
    "flag": "M14.4 6 14 4H5v17h2v-7h5.6l.4 2h7V6z",  # noqa: E501 (an icon path)
    "map-marker": "M12 11.5A2.5 2.5 0 0 1 9.5 9 2.5 2.5 0 0 1 12 6.5 2.5 2.5 0 0 1 14.5 9a2.5 2.5 0 0 1-2.5 2.5M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7",  # noqa: E501 (an icon path)
    "lightbulb-outline": "M12 2a7 7 0 0 1 7 7c0 2.38-1.19 4.47-3 5.74V17a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1v-2.26C6.19 13.47 5 11.38 5 9a7 7 0 0 1 7-7M9 21v-1h6v1a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1m3-17a5 5 0 0 0-5 5c0 2.05 1.23 3.81 3 4.58V16h4v-2.42c1.77-.77 3-2.53 3-4.58a5 5 0 0 0-5-5",  # noqa: E501 (an icon path)
    "tag": "M5.5 7A1.5 1.5 0 0 1 4 5.5 1.5 1.5 0 0 1 5.5 4 1.5 1.5 0 0 1 7 5.5 1.5 1.5 0 0 1 5.5 7m15.91 4.58-9-9C12.05 2.22 11.55 2 11 2H4c-1.11 0-2 .89-2 2v7c0 .55.22 1.05.59 1.41l8.99 9c.37.36.87.59 1.42.59s1.05-.23 1.41-.59l7-7c.37-.36.59-.86.59-1.41 0-.56-.23-1.06-.59-1.42",  # noqa: E501 (an icon path)
}

KINDS = (
    Kind("people", "Person", _ICONS["account"], "#5c6bc0"),
    Kind("organizations", "Organization", _ICONS["domain"], "#26a69a"),
    Kind("countries", "Country", _ICONS["flag"], "#ef6c00"),
    Kind("places", "Place", _ICONS["map-marker"], "#8d6e63"),
    Kind("concepts", "DefinedTerm", _ICONS["lightbulb-outline"], "#ab47bc"),
)
_KINDS = {k.folder: k for k in KINDS}


def kind(folder: str) -> Kind:
    """The kind of a folder; a site's own kind (``kinds:`` option) is a plain Thing."""
    return _KINDS.get(folder) or Kind(folder, "Thing", _ICONS["tag"], "#78909c")


# -- options ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PluginOptions:
    """The plugin's options and their defaults, as the plugin and the command read them."""

    briefings_dir: str = "briefings"
    kinds: tuple[str, ...] = tuple(k.folder for k in KINDS)
    autolink: str = "off"
    language: str = ""  # '' follows theme.language
    latest: int = DEFAULT_LIMITS.latest
    per_page: int = DEFAULT_LIMITS.per_page
    validation: dict[str, str] = field(default_factory=dict)  # problem code -> level


DEFAULTS = PluginOptions()
CHOICES = {"autolink": ("off", "first", "all")}
DEFAULT_LEVEL = LEVELS[0]  # warn: fails --strict
