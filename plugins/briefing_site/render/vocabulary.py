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
    icon: str  # Material icon, for templates that show one
    colour: str  # of its circles in the network drawings

    @property
    def one(self) -> str:
        """Message id of its label in the singular ('Person')."""
        return f"kind.{self.folder}"

    @property
    def many(self) -> str:
        """Message id of its label in the plural ('People')."""
        return f"kinds.{self.folder}"


KINDS = (
    Kind("people", "Person", "material/account", "#5c6bc0"),
    Kind("organizations", "Organization", "material/domain", "#26a69a"),
    Kind("countries", "Country", "material/flag", "#ef6c00"),
    Kind("places", "Place", "material/map-marker", "#8d6e63"),
    Kind("concepts", "DefinedTerm", "material/lightbulb-outline", "#ab47bc"),
)
_KINDS = {k.folder: k for k in KINDS}


def kind(folder: str) -> Kind:
    """The kind of a folder; a site's own kind (``kinds:`` option) is a plain Thing."""
    return _KINDS.get(folder) or Kind(folder, "Thing", "material/tag", "#78909c")


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
