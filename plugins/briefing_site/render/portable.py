"""Annotations as standard Markdown: what ``briefing export`` writes for engines
that have no briefing plugin (plain MkDocs, Zensical, ProperDocs).

Every annotation is rewritten in place; every other byte of the author's
Markdown is kept. What each becomes:

* ``[[Target]]``: a relative ``.md`` link titled with its hover text, with the
  mention's id and classes as attributes (``attr_list``), so that *Mentioned in*
  links land on it and the stylesheet colours it by kind;
* ``[text]{by="X"}``: ``<q>`` around the text (inline HTML, whose content stays
  Markdown) and the speaker as a link in ``<sup>``, as the extension renders it;
* an attributed block quote keeps its ``— [Speaker](...)`` line, and its last
  paragraph gets the quote's id, so that *Quotes* links land on it;
* an annotation that does not resolve is its text, as the extension shows it.

The links, hover texts, ids and classes are the extension's own (``href``,
``hover``), and the ids are those that rendering the same page recorded: the
rewrite decides nothing that the plugin's build does not.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict, deque

from ..core import scan, syntax
from ..core import text as core_text
from ..core.model import PageRecord, Ref
from ..core.registry import BRIEFING, ENTITY, Target
from .markdown_ext import _QUOTE_MARKS, MENTION_CLASS, BriefingExtension

# The line of an attributed block quote, up to its mention: '> — [[Speaker]]'.
_ATTRIBUTION = re.compile(r"([ \t]*(?:>[ \t]?)*)[ \t]*(?:—|–|--)[ \t]*$")
_QUOTED_LINE = re.compile(r"(?:[ \t]*>[ \t]?)+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def markdown_text(value: str) -> str:
    """Plain text (a title, a name) as Markdown that shows exactly that text."""
    # '|' as a character reference: a table would take it for a cell's end.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False)).replace("|", "&#124;")


def link_title(value: str) -> str:
    """Plain text as a Markdown link title in double quotes. Python-Markdown keeps
    character references in titles as they are and escapes the rest once, so the
    reader's tooltip shows ``value`` as written."""
    escaped = html.escape(value, quote=True)
    return escaped.replace("\\", "&#92;").replace("\n", "&#10;").replace("|", "&#124;")


def link_url(href: str) -> str:
    return f"<{href}>" if re.search(r"[\s()<>]", href) else href


class _Anchors:
    """The ids that rendering the page gave its mentions and quotes, in order."""

    def __init__(self, rendered: PageRecord) -> None:
        self.mentions: dict[str, deque[str]] = defaultdict(deque)
        inline = set()
        for m in rendered.mentions:
            if m.anchor.startswith("quote"):
                inline.add(m.anchor)
            else:
                self.mentions[m.target].append(m.anchor)
        quotes = [q for q in rendered.quotes if q.anchor in inline]
        self.quotes = deque(quotes)
        self.block_quotes = deque(q for q in rendered.quotes if q.anchor not in inline)
        self.counts: dict[str, int] = defaultdict(int)

    def mention(self, entity_id: str) -> str:
        n = self.counts[entity_id]
        self.counts[entity_id] += 1
        if self.mentions[entity_id]:
            return self.mentions[entity_id].popleft()
        base = re.sub(r"[^\w-]+", "-", f"mention-{entity_id}")
        return f"{base}-{n}" if n else base


def portable(body: str, ext: BriefingExtension, rendered: PageRecord, first_line: int = 1) -> str:
    """``body`` with every annotation written as standard Markdown.

    ``ext`` has begun the page (its record gives the date for roles in hover texts);
    ``rendered`` is what rendering the same Markdown recorded (the ids to reuse).
    """
    found = [f for f in scan.annotations(body) if f.kind in ("mention", "quote")]
    if not found:
        return body
    anchors = _Anchors(rendered)
    starts = scan.line_starts(body)
    edits: list[tuple[int, int, str]] = []
    for f in sorted(found, key=lambda f: f.span[0]):
        line = first_line - 1 + scan.line_of(starts, f.offset)
        if f.kind == "mention":
            edits += _mention(body, f, ext, anchors, line)
        else:
            edits += _quote(body, f, ext, anchors, line)
    pieces, last = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        pieces += [body[last:start], replacement]
        last = end
    pieces.append(body[last:])
    return "".join(pieces)


def _link(shown: str, target: Target, ext: BriefingExtension, attributes: str) -> str:
    return f'[{shown}]({link_url(ext.href(target))} "{link_title(ext.hover(target))}"){{{attributes}}}'


def _mention(body: str, f: scan.Found, ext: BriefingExtension, anchors: _Anchors, line: int):
    start, end = f.span
    target_text, label = syntax.split_mention(body[start + 2 : end - 2])
    shown = target_text if label is None else label
    found = ext.resolve(Ref(f.target, ext.record.path, line))
    if not isinstance(found, Target):
        return [(start, end, shown)]  # shown as written, unlinked (reported by the build)
    if found.type == BRIEFING:
        if label is None and core_text.normalize(f.target) == core_text.normalize(found.id):
            shown = markdown_text(ext.registry.briefings[found.id].title)
        return [(start, end, _link(shown, found, ext, f".{MENTION_CLASS} .{MENTION_CLASS}--briefing"))]
    kind = ext.registry.entities[found.id].kind
    anchor = anchors.mention(found.id)
    attributes = f"#{anchor} .{MENTION_CLASS} .{MENTION_CLASS}--{kind}"
    edits = [(start, end, _link(shown, found, ext, attributes))]
    line_start = body.rfind("\n", 0, start) + 1
    attribution = _ATTRIBUTION.fullmatch(body, line_start, start)
    rest = body[end:].split("\n", 1)[0]
    speaker = anchors.block_quotes[0].speaker if anchors.block_quotes else None
    if not attribution or rest.strip() or speaker != found.id:
        return edits
    # In a block quote: the line says so, or continues (lazily) the quoted line before it.
    prefix = attribution.group(1)
    if ">" not in prefix:
        before = _QUOTED_LINE.match(body, body.rfind("\n", 0, max(line_start - 1, 0)) + 1)
        if not before or line_start == 0:
            return edits
        prefix = before.group(0)
    quote = anchors.block_quotes.popleft()
    # The attribution as a paragraph of its own, as the plugin's footer: '— ' and the
    # speaker in <cite>, with the quote's id (and a class the stylesheet knows).
    edits[0] = (start, end, f"<cite>{edits[0][2]}</cite>")
    edits.append((line_start, start, f"{prefix.rstrip()}\n{prefix}— "))
    eol = end + len(rest)
    edits.append((eol, eol, f"\n{prefix}{{: #{quote.anchor} .briefing-attribution }}"))
    return edits


def _quote(body: str, f: scan.Found, ext: BriefingExtension, anchors: _Anchors, line: int):
    start, end = f.span
    close = f.offset - 1  # the ']' before '{by=...}'
    inner = body[start + 1 : close]
    found = ext.resolve(Ref(f.target, ext.record.path, line), ENTITY, "by")
    if not isinstance(found, Target):
        marked = inner.lstrip("*_")[:1] in _QUOTE_MARKS
        return [(start, start + 1, _q_open(marked, "")), (close, end, "</q>")]
    quote = anchors.quotes.popleft() if anchors.quotes else None
    marked = (quote.text if quote else inner.lstrip("*_"))[:1] in _QUOTE_MARKS
    by = _link(markdown_text(ext.registry.entities[found.id].label), found, ext, ".briefing-quote__by")
    opening = _q_open(marked, quote.anchor if quote else "")
    return [(start, start + 1, opening), (close, end, f"</q><sup>{by}</sup>")]


def _q_open(marked: bool, anchor: str) -> str:
    cls = "briefing-quote" if marked else "briefing-quote briefing-quote--bare"
    return f'<q class="{cls}" id="{anchor}">' if anchor else f'<q class="{cls}">'


# A link's destination in Markdown: '](dest' or '](<dest>' in an inline link or image.
_DESTINATION = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REFERENCE = re.compile(r"^([ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?)([^\s>]+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def relinked(body: str, old_uri: str, new_uri: str, moved: dict[str, str]) -> str:
    """``body``, written at ``old_uri``, with its relative links made right from
    ``new_uri``, where pages in ``moved`` (old src_uri -> new) have moved too.
    Links in code are left alone."""
    if old_uri == new_uri and not moved:
        return body

    def fixed(m: re.Match[str]) -> str:
        dest = m.group(2)
        if dest.startswith(("#", "/")) or _SCHEME.match(dest):
            return m.group(0)
        path, sep, rest = (re.split(r"([#?])", dest, maxsplit=1) + ["", ""])[:3]
        folder = posixpath.dirname(old_uri)
        target = posixpath.normpath(posixpath.join(folder, path)) if path else old_uri
        target = moved.get(target, target)
        new = posixpath.relpath(target, posixpath.dirname(new_uri) or ".") if path else ""
        return m.group(1) + new + sep + rest

    code = [m.span() for m in syntax.MASKS.finditer(body) if m.group("fence") or m.group("ticks")]
    pieces, last = [], 0
    for m in sorted([*_DESTINATION.finditer(body), *_REFERENCE.finditer(body)], key=lambda m: m.start()):
        if any(a <= m.start() < b for a, b in code) or m.start() < last:
            continue
        pieces += [body[last : m.start()], fixed(m)]
        last = m.end()
    pieces.append(body[last:])
    return "".join(pieces)
