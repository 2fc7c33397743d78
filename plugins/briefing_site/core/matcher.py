"""Find known names in raw Markdown: one pass, whatever the number of entities.

All keys (names, short names, aliases) are compiled into one regular expression
shaped as a trie, so matching costs about the same for 10 entities or 10,000.
Short all-capital keys (NATO, OSCE, EU, US) match case-sensitively, so that "us"
and "who" are not taken for the US and the WHO; other keys match in any case.
Code, links, raw HTML and existing annotations are masked first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import scan, syntax
from .model import Entity
from .registry import ENTITY, Registry

_SPACE = object()  # a trie atom standing for any run of white space
_CASE_SENSITIVE = re.compile(r"[A-Z][A-Z0-9&.]{0,5}")

# Where no name may be linked: code, raw HTML and links (as the scanner skips them),
# existing annotations, quote speakers, footnote marks and definition lines.
_MASKS = re.compile(
    r"""
      \\\[\[.*?\]\]                                # an escaped, literal [[...]]
    | \[\[.*?\]\]                                 # an annotation
    | \{\s*by\s*=[^}]*\}                           # a quote's speaker
    | ^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$              # link or footnote definition line
    | \[\^[^\]]+\]                                # footnote mark
    |"""
    + syntax.CODE_AND_LINKS,
    syntax.FLAGS,
)
_CAPITALISED = re.compile(
    r"(?<![\w’'])[A-Z][\w’'-]*(?:(?:\s+(?:of|the|for|and|de|du|von|van|der|al)){0,2}\s+[A-Z][\w’'-]*)*"
)
_NOT_NAMES = frozenset(
    """A An And As At But By For From He Her His However I If In It Its On Or She So That The Their
    Then There These They This Those To We What When Where While Who Why With You After Before
    Despite Although Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December""".split()
)


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    text: str
    entity: str  # entity id


def autolinker(registry: Registry, mode: str) -> Callable[[str], str] | None:
    """The function that autolinks a text in ``mode``, or None when it is off."""
    if mode not in ("first", "all"):
        return None
    matcher = Matcher(registry)
    return lambda text: matcher.link(text, mode)


def _unmasked(matches: Iterator[re.Match[str]], masks: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches that overlap no mask; both in text order, so one pass over each."""
    i = 0
    for m in matches:
        while i < len(masks) and masks[i][1] <= m.start():
            i += 1
        if i == len(masks) or masks[i][0] >= m.end():
            yield m


def _atoms(key: str) -> list[object]:
    atoms: list[object] = []
    for i, word in enumerate(key.split()):
        if i:
            atoms.append(_SPACE)
        atoms.extend(word)
    return atoms


def _trie_regex(keys: list[str]) -> str:
    trie: dict = {}
    for key in keys:
        node = trie
        for atom in _atoms(key):
            node = node.setdefault(atom, {})
        node[""] = True  # pragma: no mutate (equivalent: walk() reads whether "" is a key, not its value)

    def walk(node: dict) -> str:
        branches = [
            (r"\s+" if atom is _SPACE else re.escape(atom)) + walk(child)
            for atom, child in sorted(
                ((a, c) for a, c in node.items() if a != ""), key=lambda ac: (ac[0] is _SPACE, str(ac[0]))
            )
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return walk(trie)


class Matcher:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.key_owner: dict[str, str] = {}  # matched text, normalised -> entity id
        sensitive, insensitive = [], []
        for entity in sorted(registry.entities.values(), key=lambda e: e.id):
            for key in self._keys(entity):
                (sensitive if _CASE_SENSITIVE.fullmatch(key) else insensitive).append(key)
        parts = []
        if insensitive:
            parts.append(f"(?i:{_trie_regex(insensitive)})")
        if sensitive:
            parts.append(_trie_regex(sensitive))
        body = "|".join(parts) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-])")

    def _keys(self, entity: Entity) -> list[str]:
        """The keys of an entity that resolve to it (ambiguous ones are left out)."""
        keys = []
        for key in dict.fromkeys([entity.name, entity.short, *entity.aliases]):
            if key and self._owner(key) == entity.id:
                keys.append(key)
        return keys

    def _owner(self, text: str) -> str | None:
        found = self.registry.lookup(text)
        return found.id if found is not None and found.type == ENTITY else None

    def masked(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in _MASKS.finditer(text)]

    def occurrences(self, text: str) -> list[Occurrence]:
        """Every unannotated occurrence of a known key, outside masked regions."""
        found = []
        for m in _unmasked(self.pattern.finditer(text), self.masked(text)):
            owner = self._owner(m.group(0))
            if owner:
                found.append(Occurrence(m.start(), m.end(), m.group(0), owner))
        return found

    def annotated(self, text: str) -> list[tuple[int, str]]:
        """(position, entity id) of the annotations already in the text."""
        # The scanner that `briefing check` uses: an escaped \\[[x]] or one in code is text.
        found = (f for f in scan.annotations(text) if f.kind in ("mention", "quote"))
        return [(f.offset, owner) for f in found if (owner := self._owner(f.target))]

    def to_link(self, text: str, mode: str) -> list[Occurrence]:
        """Occurrences to annotate: 'all', or 'first' of each entity not annotated before it."""
        if mode == "all":
            return self.occurrences(text)
        annotated = self.annotated(text)
        chosen, seen = [], set()
        for occ in self.occurrences(text):
            if occ.entity in seen:
                continue
            seen.add(occ.entity)
            if not any(pos < occ.start and who == occ.entity for pos, who in annotated):
                chosen.append(occ)
        return chosen

    def link(self, text: str, mode: str) -> str:
        """The text with the chosen occurrences wrapped in ``[[...]]``; nothing else changes."""
        if mode not in ("first", "all"):
            return text
        out, last = [], 0
        for occ in self.to_link(text, mode):
            out += [text[last : occ.start], "[[", occ.text, "]]"]
            last = occ.end
        out.append(text[last:])
        return "".join(out)

    def candidates(self, text: str) -> list[tuple[str, int]]:
        """Capitalised names that recur and match no key, most frequent first."""
        counts: Counter[str] = Counter()
        for m in _unmasked(_CAPITALISED.finditer(text), self.masked(text)):
            name = " ".join(m.group(0).split())
            if name not in _NOT_NAMES and self.registry.lookup(name) is None:
                counts[name] += 1
        return sorted(((n, c) for n, c in counts.items() if c >= 2), key=lambda nc: (-nc[1], nc[0]))
