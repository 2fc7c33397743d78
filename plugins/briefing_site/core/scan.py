"""Find annotations in raw Markdown, with their lines, without rendering it.

This is how ``briefing check`` stays fast; the build finds the same annotations
through the Markdown extension, with the same parsing functions (``syntax``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .syntax import BY, MASKS, OPENERS, Brackets, mention_end, speaker, split_mention, unescape

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Found:
    kind: str  # 'mention', 'quote', 'unclosed-mention' or 'unclosed-quote'
    target: str  # the reference (empty when unclosed)
    offset: int
    # Where the whole annotation lies, ``[[...]]`` or ``[text]{by=...}``, for front ends
    # that rewrite it (``briefing export``); not compared (unclosed ones have none).
    span: tuple[int, int] = field(default=(0, 0), compare=False)


class _Paragraphs:
    """Where the paragraph (text between blank lines) around a position starts and ends;
    annotations never span paragraphs, in Markdown's inline parsing either."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.breaks = [m.span() for m in _BLANK_LINE.finditer(text)]
        self.starts = [a for a, _ in self.breaks]

    def around(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos)
        start = self.breaks[i - 1][1] if i else 0
        end = self.breaks[i][0] if i < len(self.breaks) else self.size
        return start, end


def annotations(text: str) -> Iterator[Found]:
    """Every annotation outside code, raw HTML and link text, in text order."""
    masks = [m.span() for m in MASKS.finditer(text)]
    starts = [a for a, _ in masks]
    paragraphs = _Paragraphs(text)
    brackets: Brackets | None = None  # matched only if the text has a quote
    pos = 0
    for m in OPENERS.finditer(text):
        if m.start() < pos:
            continue  # inside an annotation already read
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and masks[i][1] > m.start():
            continue
        if m.group(0) == "[[":
            found, pos = _mention(text, m, paragraphs.around(m.start()))
        else:
            brackets = brackets or Brackets(_blanked(text, masks), paragraphs.starts)
            found = _quote(text, m, brackets)
        yield found


def _blanked(text: str, masks: list[tuple[int, int]]) -> str:
    """The text with masked regions (code, links...) turned to spaces: Markdown
    matches a quote's brackets after code spans are out of the way."""
    pieces, last = [], 0
    for a, b in masks:
        pieces += [text[last:a], " " * (b - a)]
        last = b
    pieces.append(text[last:])
    return "".join(pieces)


def _mention(text: str, m: re.Match[str], paragraph: tuple[int, int]) -> tuple[Found, int]:
    end = mention_end(text, m.end(), paragraph[1])
    if end < 0:  # pragma: no mutate (equivalent: end is -1 or at least m.end() >= 2; "< 1", "<= 0" agree)
        return Found("unclosed-mention", "", m.start()), m.end()
    target, _ = split_mention(text[m.end() : end])
    return Found("mention", unescape(target), m.start(), (m.start(), end + 2)), end + 2


def _quote(text: str, m: re.Match[str], brackets: Brackets) -> Found:
    by = BY.match(text, m.start())
    opener = brackets.open.get(m.start(), 0)
    if by is None or m.start() not in brackets.open or text[opener - 1 : opener] == "[":
        return Found("unclosed-quote", "", m.start())
    return Found("quote", unescape(speaker(by)), m.start(), (opener, by.end()))


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def line_of(starts: list[int], offset: int) -> int:
    """1-based line of ``offset``, given ``line_starts``."""
    return bisect.bisect_right(starts, offset)
