"""The domain model: what sources say, after validation. No MkDocs here."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PartialDate, Timestamp


@dataclass(frozen=True)
class Problem:
    """Something wrong in a source, reported as ``path:line: message``."""

    path: str  # relative to the project root, with forward slashes
    line: int
    message: str
    code: str  # a key of the ``validation`` option, e.g. 'unknown_reference'

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Ref:
    """A reference as written in a source, with where it was written."""

    text: str
    path: str
    line: int


@dataclass(frozen=True)
class Role:
    title: str
    of: Ref | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name: str
    summary: str
    path: str
    short: str = ""
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    wikidata: str = ""  # a Wikidata item id, Q...
    # The text is not part of what an entry is equal by: what the site lists of it is
    # compared (a serve session tells changed pages so), its text where it is rendered.
    body: str = field(default="", compare=False)
    body_line: int = field(default=1, compare=False)  # line of the source file where the body starts
    key_lines: tuple[tuple[str, int], ...] = ()  # each key and the line that claims it

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class Source:
    publisher: str = ""
    url: str = ""
    language: str = ""
    translated_from: str = ""


@dataclass(frozen=True)
class Event:
    date: PartialDate
    title: str
    briefing: str  # stem of the briefing that describes it
    line: int
    place: Ref | None = None
    actors: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Briefing:
    stem: str
    slug: str
    title: str
    path: str
    date: PartialDate | None = None
    updated: Timestamp | None = None
    summary: str = ""
    source: Source = field(default_factory=Source)
    tags: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    related: tuple[Ref, ...] = ()
    about: tuple[Ref, ...] = ()  # the entities the briefing is chiefly about
    body: str = field(default="", compare=False)  # as an entry's (above)
    body_line: int = field(default=1, compare=False)
    key_lines: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Mention:
    """One annotated mention of an entity, found while rendering a page."""

    target: str  # entity id
    anchor: str  # HTML id of the mention on its page
    sentence: str  # plain text of the sentence around it


@dataclass(frozen=True)
class Quote:
    speaker: str  # entity id
    text: str  # plain text as shown
    anchor: str


@dataclass
class PageRecord:
    """What rendering one page found: filled by the Markdown extension."""

    path: str  # source path for messages
    line_offset: int = 0  # source line = Markdown line + line_offset
    date: PartialDate | None = None  # the briefing's date, for roles held on that day
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
