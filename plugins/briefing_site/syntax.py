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
    close = text.find("]]", start, len(text) if stop is None else stop)
    if close < 0 or "[[" in text[start:close]:
        return -1
    return close


def split_mention(inner: str) -> tuple[str, str | None]:
    """``Target|shown text`` -> (target, shown text or None)."""
    target, bar, label = inner.partition("|")
    return target, (label if bar else None)


def balanced_end(text: str, start: int) -> int:
    """Index after the ``]`` that closes the ``[`` at ``start``, or -1."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def balanced_start(text: str, end: int, stop: int = 0) -> int:
    """Index of the ``[`` that the ``]`` at ``end - 1`` closes, not before ``stop``; -1 if none."""
    depth = 0
    for i in range(end - 1, stop - 1, -1):
        c = text[i]
        if c == "]":
            depth += 1
        elif c == "[":
            depth -= 1
            if depth == 0:
                return i
    return -1


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
    | !?\[(?:[^\[\]]++|\[(?:[^\[\]]++|\[[^\[\]]*+\])*+\])*+\](?:\([^)]*\)|\[[^\]]*\])  # link, its text
    | \\.                                         # an escaped character
    | (?:^[ \t]*\n)(?:(?:[ ]{4}|\t).*\n?)+        # indented code after a blank line
    )
"""
FLAGS = re.MULTILINE | re.DOTALL | re.VERBOSE
MASKS = re.compile(CODE_AND_LINKS, FLAGS)
