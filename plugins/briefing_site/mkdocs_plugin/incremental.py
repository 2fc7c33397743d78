"""What a dirty build (``mkdocs serve --dirty``) renders again, and what it removes.

Under ``--dirty`` MkDocs skips every page whose File says it is not modified: it neither
renders its Markdown nor its template. A page's output is a function of two things,
each compared with the last build's:

- its **Markdown**: the page's text, its date, and what every reference it resolved in its
  last render resolves to now (target, address, hover text, or problem). Known before
  MkDocs renders any Markdown; a change means the page is rendered again. What references
  resolve to is asked again only of the pages whose references may resolve differently:
  those that used a key (a name, an alias) whose target changed, named a target whose
  shown data changed, or got a problem (its hint reads every key).
- its **output**: its Markdown, the data its template gets from the index, the navigation
  and its address. Known once the index is built (``on_env``); a change means the page is
  written again, its Markdown rendered late if it was skipped. A page's template data is
  made again only when something it was made from changed (``render/dependencies.py``).

A page whose output is unchanged is not rendered at all, a feed or ``graph.json`` whose
data is unchanged is not written, and the output of a page that is gone is removed. The
oracle for all of this is a clean build of the same sources (``tests/test_incremental.py``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.structure.nav import Section

from ..core.registry import BRIEFING, ENTITY, Registry, Target
from ..core.text import normalize
from ..render.dependencies import Fact, changes
from ..render.markdown_ext import TARGET_ANSWER, Lookup
from ..render.pages import Layout


def digest(value: Any) -> str:
    """A short, stable hash of a value's ``repr`` (plain data and frozen dataclasses)."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per session: MkDocs makes a new Jinja
    environment for every build, which would compile every template again. Jinja checks
    each template's source against its checksum, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Remembered:
    """What the last build of one page was made from."""

    source: tuple | None = None  # (text, date) of its last render
    lookups: list[Lookup] = field(default_factory=list)  # the references it resolved
    answers: list | None = None  # what they resolved to
    template: str | None = None  # the template its front matter named
    frame: tuple | None = None  # (navigation, URL) when it was last written
    data: Any = None  # its template data when it was last written
    keys: frozenset[str] = frozenset()  # the keys its references used (normalized)
    targets: frozenset[tuple[str, str]] = frozenset()  # what they resolved to
    problem: bool = False  # whether one of them did not resolve
    reads: frozenset[Fact] | None = None  # what its template data was last made from


@dataclass
class Session:
    """State that lives across the builds of one ``mkdocs serve --dirty`` session."""

    pages: dict[str, Remembered] = field(default_factory=dict)  # by src_uri
    written: set[str] = field(default_factory=set)  # site-relative paths of the last build
    files: dict[str, Any] = field(default_factory=dict)  # data of each non-page file written
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    config: str = ""  # fingerprint of mkdocs.yml; a change starts afresh
    view: RegistryView | None = None  # what references resolved to, at the last build
    sources: dict[str, Any] = field(default_factory=dict)  # what template data was made from

    # -- per build ------------------------------------------------------------------

    def begin(self, config_fingerprint: str) -> None:
        if config_fingerprint != self.config:
            self.pages, self.files, self.view, self.sources = {}, {}, None, {}
            self.config = config_fingerprint
        self.changed: set[str] = set()  # pages whose Markdown must be rendered
        self.rendered: set[str] = set()
        self.write: set[str] | None = None  # decided at on_env; until then, Markdown decides

    def remembered(self, uri: str) -> Remembered:
        return self.pages.setdefault(uri, Remembered())

    def view_now(self, view: RegistryView) -> bool:
        """What references may resolve to in this build; whether any of it changed."""
        self.moved = view.changes(self.view)
        return self.moved is None or any(self.moved)

    def needs_markdown(self, uri: str, source: tuple, answers) -> bool:
        """Whether the page's Markdown renders differently now. ``answers()`` gives what
        its references resolve to now; asked only when the text is the same but what
        references resolve to may not be (``view_now`` tells)."""
        known = self.pages.get(uri)
        if known is None or known.source != source:
            return True
        return self._may_move(known) and answers(known.lookups) != known.answers

    def _may_move(self, known: Remembered) -> bool:
        """Whether a page's references may resolve differently from its last render."""
        if self.moved is None:
            return True
        keys, targets = self.moved
        if known.problem:  # a problem's hint reads every key and target
            return bool(keys or targets)
        return not (known.keys.isdisjoint(keys) and known.targets.isdisjoint(targets))

    def modified(self, uri: str, dest: str) -> bool:
        """MkDocs asks this before rendering a page's Markdown, and again before writing it."""
        if self.write is not None:
            return uri in self.write
        return uri in self.changed or not os.path.isfile(dest)

    def render_done(self, uri: str, source: tuple, lookups: list[Lookup], answers: list, template) -> None:
        page = self.remembered(uri)
        page.source, page.lookups, page.answers, page.template = source, lookups, answers, template
        page.keys = frozenset(normalize(ref.text) for ref, _, _ in lookups)
        page.targets = frozenset((a[0], a[1]) for a in answers if len(a) == TARGET_ANSWER)
        page.problem = any(len(a) != TARGET_ANSWER for a in answers)
        self.rendered.add(uri)

    def sources_now(self, sources: dict[str, Any]) -> None:
        """What template data is made from in this build: what changed since the last."""
        self.facts = changes(self.sources, sources)
        self.sources = sources

    def data(self, uri: str, make: Callable[[], tuple[Any, frozenset[Fact]]]) -> Any:
        """A page's template data: ``make()`` gives it and what it read, and is called only
        when something the page read last time has changed (or it was rendered again)."""
        known = self.remembered(uri)
        if known.reads is not None and uri not in self.rendered and known.reads.isdisjoint(self.facts):
            return known.data
        data, known.reads = make()
        return data

    def decide_writes(self, pages: dict[str, tuple[tuple, Any, str]]) -> set[str]:
        """``pages``: (frame, template data, output path) of each page. The pages whose
        output changes are written, the rest skipped. Returns those whose Markdown must
        be rendered late (skipped before, needed now)."""
        self.now = pages
        self.write = {
            uri
            for uri, (frame, data, dest) in pages.items()
            if uri in self.rendered
            or (known := self.remembered(uri)).frame != frame
            or known.data != data
            or not os.path.isfile(dest)
        }
        return self.write - self.rendered

    def written_page(self, uri: str) -> None:
        page = self.remembered(uri)
        page.frame, page.data, _ = self.now[uri]

    def forget(self, keep: Iterable[str]) -> None:
        keep = set(keep)
        self.pages = {uri: page for uri, page in self.pages.items() if uri in keep}

    def file_data(self, path: str, make: Callable[[], tuple[Any, frozenset[Fact]]], site_dir: str) -> Any:
        """The data of a file that is not a page, to write it again, or None when the file
        stays as it is: nothing it was made from changed, or it is made the same again.
        ``make()`` gives its data and what it read."""
        known = self.files.get(path)
        if known is not None and not Path(site_dir, path).is_file():
            known = None  # gone from the site: written again
        if known is not None and known[1].isdisjoint(self.facts):
            return None
        data, reads = make()
        self.files[path] = data, reads
        return None if known is not None and known[0] == data else data

    def finish(self, site_dir: str, now: set[str], view: RegistryView) -> None:
        """The build is written: delete what the last one wrote and this one does not (a
        deleted or moved page, an entry's feed), and the folders that leaves empty."""
        gone = sorted(self.written - now)
        for rel in gone:
            path = Path(site_dir, rel)
            path.unlink(missing_ok=True)
            self.files.pop(rel, None)
            for folder in path.parents:
                if folder == Path(site_dir) or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()
        self.written, self.view = now, view


@dataclass
class RegistryView:
    """What any reference may resolve to: the target each key names (or the two that
    claim it), and what an answer shows of each target (names, summaries, roles, title,
    where its page is). A page whose references use no changed key and name no changed
    target renders the same."""

    keys: dict[str, Any]
    targets: dict[tuple[str, str], Any]

    def changes(self, before: RegistryView | None) -> tuple[set, set] | None:
        """The keys and targets that differ from ``before`` (None: no last build)."""
        if before is None:
            return None
        return _differ(before.keys, self.keys), _differ(before.targets, self.targets)


def _differ(before: dict, now: dict) -> set:
    return {k for k in before.keys() | now.keys() if before.get(k) != now.get(k)}


def registry_view(registry: Registry, layout: Layout) -> RegistryView:
    uri = layout.uris.get
    targets: dict[tuple[str, str], Any] = {
        # An entry (its text is not part of its equality), and the labels of what its
        # roles are of, which its hover text shows.
        (ENTITY, e.id): (e, uri((ENTITY, e.id)), _role_labels(registry, e))
        for e in registry.entities.values()
    }
    for b in registry.briefings.values():
        targets[(BRIEFING, b.stem)] = (b.slug, b.title, b.path, b.date, b.summary, uri((BRIEFING, b.stem)))
    return RegistryView(registry.claims(), targets)


def _role_labels(registry: Registry, e: Any) -> tuple[str, ...]:
    found = [registry.resolve(role.of, ENTITY) if role.of else None for role in e.roles]
    return tuple(registry.entities[t.id].label if isinstance(t, Target) else "" for t in found)


def rewritten(path: str, content: str) -> bool:
    """Whether a generated file must be written: what is there differs from ``content``."""
    try:
        return Path(path).read_text(encoding="utf-8") != content
    except (OSError, UnicodeDecodeError):
        return True


def nav_items(items: list) -> list[Any]:
    """What every page's menu shows: titles and addresses, in order."""
    shown = []
    for item in items:
        if isinstance(item, Section):
            shown.append(["section", item.title, nav_items(item.children)])
        else:  # a page or a link
            shown.append([type(item).__name__, item.title, item.url])
    return shown


def merge_search(prev: list[dict], new: list[dict], order: dict[str, int], built: set[str]) -> list[dict]:
    """The search index of a clean build, from the last one and the pages built now.

    Entries of the pages built now replace theirs; entries of pages that are gone go;
    the result is in the order a clean build gives (by page, then as the page gave them).
    """

    def page(entry: dict) -> str:
        return entry["location"].split("#", 1)[0]

    kept = [e for e in prev if page(e) in order and page(e) not in built]
    return sorted(kept + new, key=lambda e: order[page(e)])
