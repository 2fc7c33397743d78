"""Find, read and validate source files: briefings and glossary entries.

Each file is parsed once per build, and not at all when it has not changed since
the previous build (``SourceCache``): ``mkdocs serve`` rebuilds re-read only what
was edited.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .dates import PartialDate, parse_partial
from .frontmatter import Document, decode, split
from .model import Briefing, Entity, Event, Problem, Role, Source
from .schema import BRIEFING, ENTITY, Validator

GLOSSARY = "glossary"
_STEM = re.compile(r"(\d{4}-\d{2}-\d{2})-(\S+)")

Loaded = tuple[Briefing | Entity | None, tuple[Problem, ...]]


@dataclass
class Corpus:
    briefings: list[Briefing] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class SourceCache:
    """Parsed sources by path, valid while the file's mtime and size are unchanged."""

    entries: dict[str, tuple[tuple[int, int], Loaded]] = field(default_factory=dict)

    def get(self, path: Path, rel: str, kind: str | None) -> Loaded:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        hit = self.entries.get(rel)
        if hit and hit[0] == stamp:
            return hit[1]
        loaded = _load(path.read_bytes(), rel, kind)
        self.entries[rel] = (stamp, loaded)
        return loaded

    def prune(self, keep: set[str]) -> None:
        for rel in set(self.entries) - keep:
            del self.entries[rel]


def load(root: Path, briefings_dir: str, kinds: tuple[str, ...], cache: SourceCache) -> Corpus:
    """Read every source under ``root/briefings_dir``, in a stable order."""
    corpus = Corpus()
    base = root / briefings_dir
    seen: set[str] = set()
    for path, rel, kind in _discover(root, base, kinds, corpus.problems):
        seen.add(rel)
        try:
            item, problems = cache.get(path, rel, kind)
        except OSError as exc:  # a link to nowhere, or a file removed while being read
            corpus.problems.append(Problem(rel, 1, f"file cannot be read: {exc.strerror}", "front_matter"))
            continue
        corpus.problems.extend(problems)
        if isinstance(item, Briefing):
            corpus.briefings.append(item)
        elif isinstance(item, Entity):
            corpus.entities.append(item)
    cache.prune(seen)
    # Two briefings with one slug keep their distinct stems; pages.layout gives
    # the second page another address. Two entries with one id cannot both be it.
    corpus.entities = _unique_ids(corpus.entities, corpus.problems)
    return corpus


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _walk(base: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        # Hidden folders and files are not sources: editors keep lock and backup files
        # there (Emacs' '.#name.md' is a link to nowhere while a file is being edited).
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath, f) for f in filenames if f.endswith(".md") and not f.startswith("."))
    return sorted(found)


def _discover(root: Path, base: Path, kinds: tuple[str, ...], problems: list[Problem]):
    """Yield (path, relative path, kind or None for a briefing), sorted by path."""
    glossary = base / GLOSSARY
    for path in _walk(base):
        rel = _rel(root, path)
        if glossary not in path.parents:
            yield path, rel, None
            continue
        parts = path.relative_to(glossary).parts
        if len(parts) != 2:
            where = f"{_rel(root, glossary)}/<kind>/<id>.md"
            problems.append(Problem(rel, 1, f"glossary entries belong in {where}", "file_name"))
        elif parts[0] not in kinds:
            close = difflib.get_close_matches(parts[0], kinds, n=1)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            message = f"unknown kind '{parts[0]}' (kinds: {', '.join(kinds)}){hint}"
            problems.append(Problem(rel, 1, message, "file_name"))
        else:
            yield path, rel, parts[0]


def _unique_ids(entities: list[Entity], problems: list[Problem]) -> list[Entity]:
    """The first entry keeps a shared id (sources are sorted by path); a later one
    is renamed ``<id>-2``, ``<id>-3``..., so that it still builds while the
    problem, which names both files, is fixed."""
    first: dict[str, Entity] = {}
    out = []
    for e in entities:
        if e.id in first:
            n = 2
            while f"{e.id}-{n}" in first:
                n += 1
            new_id = f"{e.id}-{n}"
            both = f"{first[e.id].path} and {e.path}"
            message = f"id '{e.id}' is used by {both}; this one is '{new_id}' until renamed"
            problems.append(Problem(e.path, 1, message, "duplicate"))
            keys = tuple((k, line) for k, line in e.key_lines if k != e.id)
            e = replace(e, id=new_id, key_lines=((new_id, 1), *keys))
        first[e.id] = e
        out.append(e)
    return out


def _load(raw: bytes, rel: str, kind: str | None) -> Loaded:
    text, error = decode(raw)
    doc = split(text)
    problems = [Problem(rel, e.line, e.message, "front_matter") for e in (error, doc.error) if e]
    validator = Validator(doc, rel)
    item = _briefing(doc, rel, validator) if kind is None else _entity(doc, rel, kind, validator)
    problems.extend(validator.problems)
    return item, tuple(problems)


def _fields(doc: Document, validator: Validator, schema) -> dict[str, Any]:
    # Unreadable front matter was already reported; validate only what was read.
    if doc.error is not None:
        return {}
    return validator.record(doc.data if doc.data is not None else {}, schema)


def _briefing(doc: Document, rel: str, v: Validator) -> Briefing:
    stem = Path(rel).stem
    data = _fields(doc, v, BRIEFING)
    m = _STEM.fullmatch(stem)
    name_date = parse_partial(m.group(1), allow="d") if m else None
    if m is None or name_date is None:
        message = f"file name must be YYYY-MM-DD-<slug>.md, got '{Path(rel).name}'"
        v.problems.append(Problem(rel, 1, message, "file_name"))
    date: PartialDate | None = data.get("date") or name_date
    if name_date and "date" in data and data["date"] != name_date:
        message = f"'date' is {data['date'].iso} but the file name says {name_date.iso}"
        v.problems.append(Problem(rel, doc.line(("date",)), message, "file_name"))
    events = tuple(
        Event(e["date"], e["title"], stem, doc.line(("events", i)), e.get("place"), e.get("actors", ()))
        for i, e in enumerate(data.get("events", ()))
        if "date" in e and "title" in e
    )
    title = data.get("title") or stem
    return Briefing(
        stem=stem,
        slug=m.group(2) if m else stem,
        title=title,
        path=rel,
        date=date,
        updated=data.get("updated"),
        summary=data.get("summary", ""),
        source=Source(**data.get("source", {})),
        tags=data.get("tags", ()),
        events=events,
        related=data.get("related", ()),
        about=data.get("about", ()),
        body=doc.body,
        body_line=doc.body_line,
        key_lines=((stem, 1), (title, doc.line(("title",)))),
    )


def _entity(doc: Document, rel: str, kind: str, v: Validator) -> Entity:
    entity_id = Path(rel).stem
    data = _fields(doc, v, ENTITY)
    roles = tuple(
        Role(r["title"], r.get("of"), r.get("from"), r.get("to"))
        for r in data.get("roles", ())
        if "title" in r
    )
    name = data.get("name") or entity_id
    keys = [(entity_id, 1), (name, doc.line(("name",)))]
    if "short" in data:
        keys.append((data["short"], doc.line(("short",))))
    keys += [(a, doc.line(("aliases", i))) for i, a in enumerate(data.get("aliases", ()))]
    return Entity(
        id=entity_id,
        kind=kind,
        name=name,
        summary=data.get("summary", ""),
        path=rel,
        short=data.get("short", ""),
        aliases=data.get("aliases", ()),
        roles=roles,
        links=data.get("links", ()),
        wikidata=data.get("wikidata", ""),
        body=doc.body,
        body_line=doc.body_line,
        key_lines=tuple(keys),
    )
