"""Reference keys to targets: one dictionary look-up per reference.

Keys are an entity's id, name, short name and aliases, and a briefing's file
stem and title. They match after Unicode case folding and white-space folding;
a key claimed by two targets belongs to neither and every use of it is reported.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .model import Briefing, Entity, Problem, Ref
from .text import normalize, visible

ENTITY, BRIEFING = "entity", "briefing"


@dataclass(frozen=True)
class Target:
    type: str  # ENTITY or BRIEFING
    id: str  # entity id or briefing stem
    path: str
    display: str  # the name or title, for messages and suggestions


class Registry:
    def __init__(self, entities: list[Entity], briefings: list[Briefing]) -> None:
        self.entities = {e.id: e for e in entities}
        self.briefings = {b.stem: b for b in briefings}
        self.problems: list[Problem] = []
        self._keys: dict[str, Target] = {}
        self._hints: dict[str, str] = {}
        self._ambiguous: dict[str, tuple[Target, Target]] = {}
        for e in entities:
            self._claim(Target(ENTITY, e.id, e.path, e.name), e.key_lines)
        for b in briefings:
            self._claim(Target(BRIEFING, b.stem, b.path, b.title), b.key_lines)

    def _claim(self, target: Target, key_lines: tuple[tuple[str, int], ...]) -> None:
        for key, line in key_lines:
            k = normalize(key)
            if not k:
                continue
            owner = self._keys.get(k) or (self._ambiguous.get(k) or (None,))[0]
            if owner is None:
                self._keys[k] = target
            elif owner != target:
                self._ambiguous.setdefault(k, (owner, target))
                self._keys.pop(k, None)
                message = f"'{visible(key)}' is claimed by {owner.path} and {target.path}"
                self.problems.append(Problem(target.path, line, message, "duplicate"))

    def claims(self) -> dict[str, Target | tuple[Target, Target]]:
        """Each key and the target it names, or the two targets that claim it."""
        return {**self._ambiguous, **self._keys}

    def lookup(self, text: str) -> Target | None:
        """The target a key names, if exactly one does; no message is built."""
        return self._keys.get(normalize(text))

    def resolve(self, ref: Ref, want: str | None = None, field: str = "") -> Target | Problem:
        """The target of a reference, or the problem that keeps it from resolving.

        ``want`` restricts the type of target; ``field`` names the front-matter
        field for the message when it does not fit.
        """
        k = normalize(ref.text)
        target = self._keys.get(k)
        if target is None:
            return Problem(ref.path, ref.line, self._why(ref.text, k), self._code(k))
        if want and target.type != want:
            what = f"'{field}'" if field else "this reference"
            message = f"{what} must name {_article(want)}; '{visible(ref.text)}' is {_article(target.type)}"
            return Problem(ref.path, ref.line, message, "wrong_reference_type")
        return target

    def _code(self, k: str) -> str:
        return "ambiguous_reference" if k in self._ambiguous else "unknown_reference"

    def _why(self, text: str, k: str) -> str:
        text = visible(text)
        if k in self._ambiguous:
            a, b = self._ambiguous[k]
            return f"ambiguous reference '{text}': '{text}' is claimed by {a.path} and {b.path}"
        if not k:
            return "empty reference"
        return f"unknown reference '{text}'{self._hint(k)}"

    def _hint(self, k: str) -> str:
        """The nearest key's target, asked once per key: a build asks again for each page
        and the index, and matching against every key takes a tenth of a second."""
        if k not in self._hints:
            close = difflib.get_close_matches(k, self._keys.keys(), n=1, cutoff=0.6)
            self._hints[k] = f" — did you mean '{self._keys[close[0]].display}'?" if close else ""
        return self._hints[k]


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
