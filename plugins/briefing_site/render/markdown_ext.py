"""The Markdown extension: ``[[Target]]`` mentions, ``[text]{by="X"}`` quotes and
attributed block quotes, rendered on a plain ``markdown.Markdown``.

How it fits Python-Markdown's pipeline:

* a preprocessor (before everything else, while lines are still the author's
  lines) puts an invisible line marker after every ``[[`` and ``{by=``, so that
  problems found later can say on which line they are;
* two inline processors turn the syntax into placeholder elements. They run
  after code spans and backslash escapes (priorities 190 and 180), so that
  ```[[x]]``` and ``\\[[x]]`` stay literal, and before links (160) and
  reference links (170), which would otherwise take ``[`` first;
* a treeprocessor, after all inline processing, resolves references, undoes
  mentions nested in link text, attributes block quotes, records mentions and
  quotes with their sentence, and removes the line markers;
* a postprocessor removes markers that went into stashed HTML (code blocks).
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..core import scan, syntax, text
from ..core.dates import PartialDate
from ..core.model import Entity, Mention, PageRecord, Problem, Quote, Ref, Role
from ..core.registry import BRIEFING, ENTITY, Registry, Target
from ..core.roles import role_on
from ..core.timings import Timings
from .messages import Messages

# One character per line number, from Unicode's supplementary private use area,
# so that no tokenizer (Pygments in code blocks) can split a marker in two.
_MARK_BASE, _MARK_MAX = 0xF0000, 0x1FFFD  # planes 15 and 16: lines up to 131,069
MARK, _MARKS = text.MARK, text.MARKS
_LEFTOVER = re.compile(rf"(\[\[|\{{\s*by\s*=)({MARK})")
_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_TAGS = re.compile(r"<[^>]*>")
_QUOTE_MARKS = "“\"«‘'„‹「『"
_DASH = re.compile(r"(?:^|\n)[ \t]*(?:—|–|--)[ \t]*$")

MENTION_CLASS = "briefing-mention"
_INTERNAL = ("data-bref", "data-blabel", "data-bline", "data-bsrc", "data-bby")


def mark(line: int) -> str:
    return text.MARK_LEAD + chr(_MARK_BASE + min(max(line, 1), _MARK_MAX))


def line_of(marker: str | None) -> int:
    return ord(marker[-1]) - _MARK_BASE if marker else 0


def strip_marks(value: str) -> str:
    return _MARKS.sub("", value)


class MarkLines(Preprocessor):
    def __init__(self, md: Markdown, ext: BriefingExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        offset = self.ext.record.line_offset
        return [
            syntax.OPENERS.sub(lambda m, n=i + 1 + offset: m.group(0) + mark(n), _not_attributes(line))
            if "[[" in line or "{" in line
            else line
            for i, line in enumerate(lines)
        ]


# A line that starts with '{' and ends with a quote's '{by=...}' reads, to attr_list, as
# the attributes of its paragraph: the whole line would vanish into them.
_ATTRIBUTES_LINE = re.compile(r"[ ]*\{.*\]\{\s*by\s*=\s*(?:\"[^\"\n]*\"|'[^'\n]*')\s*\}[ ]*$")


def _not_attributes(line: str) -> str:
    if not _ATTRIBUTES_LINE.match(line):
        return line
    i = line.index("{")
    return line[:i] + "\\" + line[i:]  # an escaped '{' is shown as itself


class TameBrackets(Preprocessor):
    """Escape runaway brackets before Python-Markdown's link parser sees them.

    That parser scans to the end of the paragraph from every '[' it cannot close,
    and through every level of nesting: quadratic, minutes for a line of twenty
    thousand '['. Past a limit no real text reaches, brackets that close nothing
    (or nest absurdly deep) are backslash-escaped: shown as written, parsed in
    linear time. Below the limit nothing changes.
    """

    UNCLOSED_LIMIT = 200
    DEPTH_LIMIT = 32

    def __init__(self, md: Markdown, ext: BriefingExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if text.count("[") <= self.UNCLOSED_LIMIT:
            return lines
        brackets = syntax.Brackets(text, syntax.paragraph_breaks(text))
        wild = brackets.wild(self.DEPTH_LIMIT)
        if len(brackets.unclosed) <= self.UNCLOSED_LIMIT and len(wild) == len(brackets.unclosed):
            return lines
        self._report_unclosed_mentions(text, set(wild))
        pieces, last = [], 0
        for i in wild:
            pieces += [text[last:i], "\\"]
            last = i
        pieces.append(text[last:])
        return "".join(pieces).split("\n")

    def _report_unclosed_mentions(self, text: str, wild: set[int]) -> None:
        """An escaped '[[' is no longer seen as unclosed later: say so here."""
        record = self.ext.record
        starts = scan.line_starts(text)
        for i in sorted(wild):
            if i + 1 in wild and text[i : i + 2] == "[[":
                line = record.line_offset + scan.line_of(starts, i)
                message = "unclosed '[[': shown as written"
                record.problems.append(Problem(record.path, line, message, "unclosed_annotation"))


class MentionProcessor(InlineProcessor):
    """``[[Target]]`` and ``[[Target|shown text]]`` to a placeholder ``<a>``."""

    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[override]
        close = syntax.mention_end(data, m.end())
        if close < 0:
            return None, None, None  # unclosed: left as text, reported later
        target, label = syntax.split_mention(data[m.end() : close])
        el = etree.Element("a")
        el.set("data-bref", text.unescaped(self.unescape(target)))
        el.set("data-bline", str(line_of(m.group(1))))
        el.set("data-bsrc", self.unescape(strip_marks(data[m.start() : close + 2])))
        if label is not None:
            el.set("data-blabel", "1")
        el.text = target if label is None else label
        return el, m.start(), close + 2


class QuoteProcessor(InlineProcessor):
    """``[text]{by="Target"}`` to a placeholder ``<q>``; text may hold balanced brackets."""

    _text = ""  # the text whose brackets were matched last
    _brackets = syntax.Brackets("")

    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[override]
        # The second '[' of a '[[' never opens a quote: '[[' is a mention's opener.
        end = self._close(data, m.start()) if data[m.start() - 1 : m.start()] != "[" else -1
        by = syntax.BY.match(data, end) if end > 0 else None
        if by is None:
            return None, None, None
        el = etree.Element("q")
        el.set("data-bby", text.unescaped(self.unescape(syntax.speaker(by))))
        el.set("data-bline", str(line_of(by.group(1))))
        el.text = data[m.start() + 1 : end - 1]
        return el, m.start(), by.end()

    def _close(self, data: str, start: int) -> int:
        """The index after the ']' that closes the '[' at ``start``, or -1.

        Called at every '[' of a text, which Python-Markdown rewrites after each match
        (the match becomes a placeholder). A bracket's partner depends only on the text
        after it, so while that tail is unchanged the brackets matched once still hold,
        shifted: matching them again per quote would be quadratic in a long paragraph.
        """
        shift = len(data) - len(self._text)
        if data is not self._text and not (start >= shift and data[start:] == self._text[start - shift :]):
            self._text, self._brackets, shift = data, syntax.Brackets(data), 0
        close = self._brackets.close.get(start - shift, -1)
        return close + shift if close > 0 else -1


class StripMarks(Postprocessor):
    def run(self, text_: str) -> str:
        return strip_marks(text_)


class Resolve(Treeprocessor):
    """Resolve, record and finish the placeholder elements of one page."""

    def __init__(self, md: Markdown, ext: BriefingExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        page = _Page(self.ext, root, self.md.htmlStash.rawHtmlBlocks)
        page.check_leftovers(root, in_code=False)
        # In document order, so that an entity's first mention is recorded first,
        # whether it is a [[mention]] or the speaker of a quote.
        for el in [e for e in root.iter() if "data-bref" in e.attrib or "data-bby" in e.attrib]:
            if el.tag == "a":
                page.mention(el)
            else:
                page.quote(el)
        for el in list(root.iter("blockquote")):
            page.blockquote(el)


class _Page:
    """The state of one run of ``Resolve``: parent links, anchors, block texts."""

    def __init__(self, ext: BriefingExtension, root: etree.Element, stash: list) -> None:
        self.ext = ext
        self.record = ext.record
        self.parents = {child: parent for parent in root.iter() for child in parent}
        self.ids = {el.get("id") for el in root.iter() if el.get("id")}
        self.stash = stash  # Python-Markdown's raw HTML, behind placeholders in text
        self.next_number: dict[str, int] = {}
        self.blocks: dict[int, tuple[str, dict[int, int], list[int]]] = {}

    # -- problems and markers ---------------------------------------------------

    def report(self, line: int, message: str, code: str) -> None:
        path = self.record.path
        self.record.problems.append(Problem(path, line or self.record.line_offset + 1, message, code))

    def check_leftovers(self, el: etree.Element, in_code: bool) -> None:
        """Report unclosed ``[[`` / ``{by=`` outside code; strip every marker."""
        in_code = in_code or el.tag in ("code", "pre")
        if el.text:
            if not in_code:
                self._leftovers(el.text)
            el.text = type(el.text)(strip_marks(el.text)) if _MARKS.search(el.text) else el.text
        for key, value in el.attrib.items():
            if _MARKS.search(value):
                el.set(key, strip_marks(value))
        for child in el:
            self.check_leftovers(child, in_code)
            if child.tail:
                if not in_code:
                    self._leftovers(child.tail)
                if _MARKS.search(child.tail):
                    child.tail = type(child.tail)(strip_marks(child.tail))

    def _leftovers(self, value: str) -> None:
        for m in _LEFTOVER.finditer(value):
            what = "[[" if m.group(1) == "[[" else "[...]{by="
            self.report(line_of(m.group(2)), f"unclosed '{what}': shown as written", "unclosed_annotation")

    # -- mentions ---------------------------------------------------------------

    def mention(self, el: etree.Element) -> None:
        line = int(el.get("data-bline") or 0)
        if self._inside_link(el):
            self._replace_with_text(el, el.get("data-bsrc", ""))
            return
        found = self.ext.resolve(Ref(el.get("data-bref", ""), self.record.path, line))
        if isinstance(found, Problem):
            self.record.problems.append(found)
            _unlink(el)
            return
        # A briefing named by its file stem shows its title instead.
        by_stem = text.normalize(el.get("data-bref", "")) == text.normalize(found.id)
        if found.type == BRIEFING and by_stem and not el.get("data-blabel"):
            el.text, el[:] = self.ext.registry.briefings[found.id].title, []
        self._link(el, found)
        if found.type == ENTITY:
            # For the preview card (card.js): which entry, and the role it held that day.
            el.set("data-entity", found.id)
            if role := self.ext.role(found):
                el.set("data-role", role)
            el.set("id", self.anchor(f"mention-{found.id}", 0))
            el.set("class", f"{MENTION_CLASS} {MENTION_CLASS}--{self.ext.registry.entities[found.id].kind}")
            self.record.mentions.append(Mention(found.id, el.get("id"), self.sentence(el)))
        else:
            el.set("class", f"{MENTION_CLASS} {MENTION_CLASS}--briefing")

    def _link(self, el: etree.Element, target: Target) -> None:
        for key in _INTERNAL:
            el.attrib.pop(key, None)
        el.set("href", self.ext.href(target))
        # Python-Markdown's serializer leaves what reads as a character reference alone:
        # a summary that says "AT&amp;T" would show "AT&T". Its '&' are escaped here.
        el.set("title", self.ext.hover(target).replace("&", "&amp;"))

    def _inside_link(self, el: etree.Element) -> bool:
        parent = self.parents.get(el)
        while parent is not None:
            if parent.tag == "a":
                return True
            parent = self.parents.get(parent)
        return False

    def _replace_with_text(self, el: etree.Element, value: str) -> None:
        parent = self.parents[el]
        index = list(parent).index(el)
        joined = value + (el.tail or "")
        if index == 0:
            parent.text = (parent.text or "") + joined
        else:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + joined
        parent.remove(el)

    def anchor(self, base: str, n: int = 1) -> str:
        """A page-unique HTML id; numbered from ``n`` (mentions: bare first)."""
        base = re.sub(r"[^\w-]+", "-", base)
        # Resume where this base's numbering stopped: a page with thousands of
        # mentions of one entity must not test every number again each time.
        n = max(n, self.next_number.get(base, n))
        candidate = f"{base}-{n}" if n else base
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        self.next_number[base] = n + 1
        return candidate

    # -- quotes -----------------------------------------------------------------

    def quote(self, el: etree.Element) -> None:
        line = int(el.get("data-bline") or 0)
        found = self.ext.resolve(Ref(el.get("data-bby", ""), self.record.path, line), ENTITY, "by")
        for key in _INTERNAL:
            el.attrib.pop(key, None)
        # Quotation marks come from the source when it has them, else from CSS.
        marked = _plain(el, self.stash)[:1] in _QUOTE_MARKS
        el.set("class", "briefing-quote" if marked else "briefing-quote briefing-quote--bare")
        if isinstance(found, Problem):
            self.record.problems.append(found)
            return
        el.set("id", self.anchor("quote"))
        sentence = self.sentence(el)
        self.record.quotes.append(Quote(found.id, _plain(el, self.stash), el.get("id")))
        self.record.mentions.append(Mention(found.id, el.get("id"), sentence))
        by = etree.Element("a")
        by.text = self.ext.registry.entities[found.id].label
        self._link(by, found)
        by.set("class", "briefing-quote__by")
        sup = etree.Element("sup")
        sup.append(by)
        parent = self.parents[el]
        parent.insert(list(parent).index(el) + 1, sup)
        sup.tail, el.tail = el.tail, None
        self.parents[sup] = parent

    def blockquote(self, bq: etree.Element) -> None:
        """``> text`` ending in a line ``— [[Speaker]]``: an attributed block quote."""
        if not len(bq) or bq[-1].tag != "p" or not len(bq[-1]):
            return
        p, who = bq[-1], bq[-1][-1]
        if MENTION_CLASS not in (who.get("class") or "") or (who.tail or "").strip():
            return
        before = p[-2].tail if len(p) > 1 else p.text
        dash = _DASH.search(before or "")
        if not dash or "--briefing" in who.get("class", ""):
            return
        before = before[: dash.start()]
        if len(p) > 1:
            p[-2].tail = before
        else:
            p.text = before
        p.remove(who)
        if not len(p) and not (p.text or "").strip():
            bq.remove(p)
        footer = etree.SubElement(bq, "footer", {"class": "briefing-attribution"})
        footer.text = "— "
        cite = etree.SubElement(footer, "cite")
        cite.append(who)
        who.tail = None
        bq.set("class", "briefing-blockquote")
        bq.set("id", self.anchor("quote"))
        body = " ".join(_plain(child, self.stash) for child in bq if child is not footer).strip()
        speaker = self._attribute(who.get("id"), body)
        if speaker:
            self.record.quotes.append(Quote(speaker, body, bq.get("id")))

    def _attribute(self, anchor: str | None, body: str) -> str:
        """The speaker of an attribution's mention, whose context becomes the quote."""
        mentions = self.record.mentions
        for i in range(len(mentions) - 1, -1, -1):
            if anchor and mentions[i].anchor == anchor:
                mentions[i] = Mention(mentions[i].target, anchor, body)
                return mentions[i].target
        return ""

    # -- sentences --------------------------------------------------------------

    def sentence(self, el: etree.Element) -> str:
        block = el
        while block in self.parents and block.tag not in text.BLOCK_TAGS:
            block = self.parents[block]
        key = id(block)
        if key not in self.blocks:
            flat, offsets = _offsets(block, self.stash)
            self.blocks[key] = flat, offsets, text.sentence_ends(flat)
        flat, offsets, ends = self.blocks[key]
        return text.sentence_at(flat, offsets.get(id(el), 0), ends)


def _plain(el: etree.Element, stash: list) -> str:
    return text.clean(_offsets(el, stash, skip_notes=False)[0])


def _stashed_text(stash: list, piece: str) -> str:
    """Text with Python-Markdown's placeholders for raw HTML (entities, inline tags)
    replaced by what a reader sees of them: ``&lt;b&gt;`` reads as ``<b>``."""

    def shown(m: re.Match[str]) -> str:
        raw = stash[int(m.group(1))] if int(m.group(1)) < len(stash) else ""
        return html.unescape(_TAGS.sub("", raw)) if isinstance(raw, str) else ""

    return _PLACEHOLDER.sub(shown, piece) if "\x02" in piece else piece


def _offsets(block: etree.Element, stash: list, skip_notes: bool = True) -> tuple[str, dict[int, int]]:
    """The block's plain text and the offset at which each descendant starts."""
    parts: list[str] = []
    offsets: dict[int, int] = {}
    size = 0

    def walk(el: etree.Element) -> None:
        nonlocal size
        offsets[id(el)] = size
        skip = skip_notes and el.tag == "sup"  # footnote markers and quote speakers are not prose
        if el.text and not skip:
            # Code spans hold their text HTML-escaped already (Python-Markdown's
            # code_escape): as plain text it must read as written.
            piece = html.unescape(el.text) if el.tag == "code" else _stashed_text(stash, el.text)
            parts.append(piece)
            size += len(piece)
        for child in el:
            if not skip:
                walk(child)
            if child.tail:
                tail = _stashed_text(stash, child.tail)
                parts.append(tail)
                size += len(tail)

    walk(block)
    return "".join(parts), offsets


def _unlink(el: etree.Element) -> None:
    """An unresolved mention shows its text, with no link."""
    el.tag = "span"
    el.attrib.clear()
    el.set("class", "briefing-unresolved")


# A reference as the extension resolved it: (reference, type wanted, front-matter field).
Lookup = tuple[Ref, str | None, str]
TARGET_ANSWER = 5  # the length of ``looked_up``'s answer for a reference that resolves


class BriefingExtension(Extension):
    """Python-Markdown extension; the caller sets ``record`` before each page."""

    def __init__(
        self,
        registry: Registry,
        uri_of: Callable[[Target], str],
        timings: Timings | None = None,
        messages: Messages | None = None,
    ) -> None:
        super().__init__()
        self.registry = registry
        self.messages = messages or Messages()
        self.uri_of = uri_of
        self.record = PageRecord(path="<text>")
        self.page_uri = ""
        self.timings = timings or Timings()
        self._hrefs: dict[tuple[str, Target], str] = {}
        self._hovers: dict[tuple[Target, PartialDate | None], str] = {}
        self._roles: dict[tuple[str, PartialDate | None], str] = {}
        self.lookups: list[Lookup] = []  # every reference the current page resolved

    def begin(self, record: PageRecord, page_uri: str) -> None:
        self.record, self.page_uri, self.lookups = record, page_uri, []

    def end(self) -> PageRecord:
        record, self.record, self.page_uri = self.record, PageRecord(path="<text>"), ""
        return record

    def resolve(self, ref: Ref, want: str | None = None, field: str = "") -> Target | Problem:
        self.lookups.append((ref, want, field))
        return self.registry.resolve(ref, want, field)

    def looked_up(self, lookups: list[Lookup], date: PartialDate | None) -> list[tuple[str, ...]]:
        """What the registry now gives for each of a page's references, as far as the
        page's HTML and problems show it: the same page text with the same answers here
        renders to the same HTML (incremental builds rely on it)."""
        answers = []
        for ref, want, field in lookups:
            found = self.registry.resolve(ref, want, field)
            if isinstance(found, Problem):
                answers.append((found.path, str(found.line), found.message, found.code))
                continue
            shown = self.registry.briefings[found.id].title if found.type == BRIEFING else ""
            if found.type == ENTITY:
                e = self.registry.entities[found.id]
                shown = f"{e.kind}/{e.label}"
            hover = self._hover(found, date)
            answers.append((found.type, found.id, self.uri_of(found), hover, shown))
        return answers

    def href(self, target: Target) -> str:
        # Memoised: relpath is slow, and every page links the same few dozen pages.
        key = (posixpath.dirname(self.page_uri), target)
        if key not in self._hrefs:
            self._hrefs[key] = posixpath.relpath(self.uri_of(target), key[0] or ".")
        return self._hrefs[key]

    def hover(self, target: Target) -> str:
        return self._hover(target, self.record.date)

    def role(self, target: Target) -> str:
        """The role an entry held on the page's date, as a reader reads it ('' if none)."""
        return self._held(self.registry.entities[target.id], self.record.date)

    def _hover(self, target: Target, date: PartialDate | None) -> str:
        key = (target, date)
        if key not in self._hovers:
            self._hovers[key] = self._tooltip(target, date)
        return self._hovers[key]

    def _tooltip(self, target: Target, date: PartialDate | None) -> str:
        """The tooltip: name, the role held on the page's date if any, and summary."""
        say = self.messages
        if target.type == BRIEFING:
            b = self.registry.briefings[target.id]
            return say("hover.summary", name=b.title, summary=b.summary) if b.summary else b.title
        e = self.registry.entities[target.id]
        role = self._held(e, date)
        if not role:
            return say("hover.summary", name=e.name, summary=e.summary) if e.summary else e.name
        if e.summary:
            return say("hover.role_summary", name=e.name, role=role, summary=e.summary)
        return say("hover.role", name=e.name, role=role)

    def _held(self, e: Entity, date: PartialDate | None) -> str:
        # Asked for each mention (its card's data-role) and each hover text: worded once.
        key = (e.id, date)
        if key not in self._roles:
            self._roles[key] = self._wording(e, date)
        return self._roles[key]

    def _wording(self, e: Entity, date: PartialDate | None) -> str:
        held = role_on(e, date)
        if held is None:
            return ""
        say, role = self.messages, self._described(held[0])
        return say("role.former", role=role) if held[1] else role

    def _described(self, role: Role) -> str:
        """'Secretary General, NATO': the title, and the label of what the role is of."""
        found = self.registry.resolve(role.of, ENTITY) if role.of else None
        of = self.registry.entities[found.id].label if isinstance(found, Target) else ""
        return f"{role.title}, {of}" if of else role.title

    def extendMarkdown(self, md: Markdown) -> None:
        timed = self.timings.timed("render annotations")
        marks, strip, tame = MarkLines(md, self), StripMarks(md), TameBrackets(md, self)
        mention, quote = MentionProcessor(rf"\[\[({MARK})?", md), QuoteProcessor(r"\[", md)
        # Python-Markdown reads a match's own text with the patterns after its own: a
        # second quote processor lets quotes nest (at any depth, as ``scan`` reads them).
        inner = QuoteProcessor(r"\[", md)
        resolve = Resolve(md, self)
        for proc in (tame, marks, strip, resolve):
            proc.run = timed(proc.run)  # type: ignore[method-assign]
        for inline in (mention, quote, inner):
            inline.handleMatch = timed(inline.handleMatch)  # type: ignore[method-assign]
        md.preprocessors.register(tame, "briefing_brackets", 45)
        md.preprocessors.register(marks, "briefing_marks", 40)
        md.inlinePatterns.register(mention, "briefing_mention", 177)
        md.inlinePatterns.register(quote, "briefing_quote", 172)
        md.inlinePatterns.register(inner, "briefing_quote_inner", 171.5)
        md.treeprocessors.register(resolve, "briefing_resolve", 12)
        md.postprocessors.register(strip, "briefing_marks", 5)
        md.registerExtension(self)
