"""Plain-text helpers: key folding and the sentence around a mention."""

from __future__ import annotations

import bisect
import re
import unicodedata

from markdown.util import ETX, STX

BLOCK_TAGS = frozenset("p li td th dd dt h1 h2 h3 h4 h5 h6 blockquote figcaption div body".split())
# Placeholders Python-Markdown leaves in text before its last steps: escaped
# characters (shown as the character), stashed HTML and footnote marks (dropped).
_PLACEHOLDER = re.compile(f"{STX}([^{ETX}]*){ETX}")
# Line markers put into the Markdown by markdown_ext (see there).
# A line marker is a pair: a lead character from the private use area, then the line
# number as one character of planes 15-16. An author's own private-use characters
# are never taken for one (they would have to come in exactly this pair).
MARK_LEAD = "\ue000"
MARK = "\ue000[\U000f0000-\U0010fffd]"
MARKS = re.compile(MARK)
# A sentence ends at . ! ? or … (and any closing quote or bracket) before white space
# (not before a lower-case word: “Yes.” he said. is one sentence.)
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?![a-z])")
MAX_SENTENCE = 300


def visible(value: str) -> str:
    """Text for a message, with invisible characters (bidi overrides, zero-width
    spaces, controls) written as escapes, so that a message shows what is there."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc") and c not in "\t" else c for c in value
    )


def normalize(key: str) -> str:
    """Case-fold, trim, and collapse runs of white space (line breaks too) to one space."""
    return " ".join(key.casefold().split())


def unescaped(value: str) -> str:
    """Backslash-escaped characters as the reader sees them (Python-Markdown keeps
    them as placeholders until its last step)."""
    return _PLACEHOLDER.sub(lambda m: chr(int(m[1])) if m[1].isdigit() else m[0], value)


def clean(value: str) -> str:
    """Placeholders out, white space folded: text as a reader sees it."""
    value = _PLACEHOLDER.sub(lambda m: chr(int(m[1])) if m[1].isdigit() else "", value)
    return " ".join(MARKS.sub("", value).split())


def sentence_ends(flat: str) -> list[int]:
    """Where each sentence of ``flat`` ends: computed once per block, so that finding
    the sentence of each of its mentions costs a bisection, not a scan."""
    return [m.end() for m in _END.finditer(flat)]


def sentence_at(flat: str, offset: int, ends: list[int] | None = None) -> str:
    """The sentence of ``flat`` that holds ``offset``, shortened around it if long."""
    ends = sentence_ends(flat) if ends is None else ends
    i = bisect.bisect_right(ends, offset)
    start = ends[i - 1] if i else 0
    end = ends[i] if i < len(ends) else len(flat)
    sentence = clean(flat[start:end])
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    # Keep a window around the mention, cut at word boundaries.
    rel = len(clean(flat[start:offset]))
    lo = max(0, rel - MAX_SENTENCE // 2)
    window = sentence[lo : lo + MAX_SENTENCE]
    if lo > 0:
        window = "…" + window.split(" ", 1)[-1]
    if lo + MAX_SENTENCE < len(sentence):
        window = window.rsplit(" ", 1)[0] + "…"
    return window
