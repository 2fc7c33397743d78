"""The annotation syntax, in one place: the Markdown extension parses with these
functions while rendering, and ``scan`` parses raw Markdown with them for the
``briefing`` command (which must be fast enough not to render Markdown at all).
"""

from __future__ import annotations

import re

from .text import MARK

# `{by="Target"}` or `{by='Target'}`; group 1 is the line marker the extension adds.
BY = re.compile(rf"\{{\s*by\s*=({MARK})?\s*(?:\"([^\"\n]*)\"|'([^'\n]*)')\s*\}}")
OPENERS = re.compile(r"\[\[|\{\s*by\s*=")


def mention_end(text: str, start: int, stop: int | None = None) -> int:
    """Index of the ``]]`` closing a mention whose target starts at ``start``; -1 if
    unclosed (no ``]]`` before ``stop``, or another ``[[`` comes first)."""
    found = _CLOSER.search(text, start, len(text) if stop is None else stop)
    if found is None or _OPENER.search(text, start, found.start(1)):
        return -1
    return found.start(1)


# '[[' and ']]' whose first bracket is not backslash-escaped. (While rendering, escapes
# are placeholders already; ``briefing check`` reads them raw.)
_OPENER = re.compile(r"(?<!\\)(?:\\\\)*(\[\[)")
_CLOSER = re.compile(r"(?<!\\)(?:\\\\)*(\]\])")


# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS).
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")


_CONTINUATION = re.compile(r"\n[ \t]*(?:>[ \t]?)*")


def unescape(value: str) -> str:
    """A reference as Markdown reads it from raw text: ``NA\\*TO`` is ``NA*TO``, and a
    line break inside a block quote drops the next line's ``>``."""
    return _ESCAPE.sub(r"\1", _CONTINUATION.sub("\n", value))


def split_mention(inner: str) -> tuple[str, str | None]:
    """``Target|shown text`` -> (target, shown text or None)."""
    target, bar, label = inner.partition("|")
    return target, (label if bar else None)


class Brackets:
    """Every matching ``[``/``]`` pair of a text, found in one pass.

    Looking for the partner of each bracket separately would cost a scan per
    bracket: quadratic on a line of twenty thousand ``[`` (a test has one).
    ``breaks`` (sorted offsets) end a pair's search, as blank lines end a paragraph.
    """

    def __init__(self, text: str, breaks: list[int] | None = None) -> None:
        self.close: dict[int, int] = {}  # index of '[' -> index after its ']'
        self.open: dict[int, int] = {}  # index after ']' -> index of its '['
        self.depth: dict[int, int] = {}  # index of '[' -> how deep it nests (1: outermost)
        self.unclosed: list[int] = []  # indexes of '[' that close nothing
        stack: list[int] = []
        cuts = iter(breaks or ())
        cut = next(cuts, len(text) + 1)
        for m in _BRACKET.finditer(text):
            i = m.start()
            while i >= cut:
                self.unclosed += stack
                stack, cut = [], next(cuts, len(text) + 1)
            if m.group() == "[":
                stack.append(i)
                self.depth[i] = len(stack)
            elif stack:
                start = stack.pop()
                self.close[start] = i + 1
                self.open[i + 1] = start
        self.unclosed += stack

    def wild(self, depth_limit: int) -> list[int]:
        """Brackets that close nothing, or pairs nested deeper than ``depth_limit``."""
        deep = [
            i
            for s, d in self.depth.items()
            if d > depth_limit and s in self.close
            for i in (s, self.close[s] - 1)
        ]
        return sorted(self.unclosed + deep)


def paragraph_breaks(text: str) -> list[int]:
    """Offsets of the blank lines that end paragraphs."""
    return [m.start() for m in _BLANK_LINE.finditer(text)]


_BRACKET = re.compile(r"[\[\]]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def speaker(by: re.Match[str]) -> str:
    return by.group(2) if by.group(2) is not None else by.group(3)


# Regions of raw Markdown where Python-Markdown never sees an annotation: code,
# raw HTML, link text and targets, escaped characters. (Annotations themselves
# are masked by the name matcher on top of these.)
CODE_AND_LINKS = r"""
    (?=[`~<\[!\\ \t\n])                       # (cheap first test: every region starts so)
    (?:
      ^(?P<fence>[ ]{0,3}(?:`{3,}|~{3,})).*?(?:^[ ]{0,3}(?P=fence)[ \t]*$|\Z)   # fenced code
    | (?P<ticks>`+)(?:[^\n]|\n(?![ \t]*\n))+?(?P=ticks)   # code span, within its paragraph
    | <!--.*?-->                                  # HTML comment
    | ^<[A-Za-z][^\n]*(?:\n(?![ \t]*\n)[^\n]*)*   # a raw HTML block, to its blank line
    | <[^>\n]+>                                   # raw HTML tag or autolink
    | !?\[(?!\[)(?:[^\[\]]++|\[(?:[^\[\]]++|\[[^\[\]]*+\])*+\])*+\](?:\([^)]*\)|\[(?!\^)[^\]]*\])  # link
    | \\.                                         # an escaped character
    | (?:^[ \t]*\n|\A)(?:(?:[ ]{4}|\t)[^\n]*\n?)+  # indented code, after a blank line or first
    )
"""
FLAGS = re.MULTILINE | re.DOTALL | re.VERBOSE
MASKS = re.compile(CODE_AND_LINKS, FLAGS)
