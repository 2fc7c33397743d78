"""Small, dependency-free helpers for reading the built site.

Only the standard library is used (html.parser), so the conformance suite adds no
dependencies. The helpers rely on stable HTML facts only: elements, link targets,
attributes and visible text.
"""

from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ROW_TAGS = {"li", "tr", "blockquote", "figure", "dt"}
INVISIBLE = {"script", "style", "template"}


def collapse(text: str) -> str:
    """Collapse runs of white space to one space and trim."""
    return re.sub(r"\s+", " ", text).strip()


class Node:
    def __init__(self, tag: str, attrs, parent: Node | None):
        self.tag = tag
        self.attrs = {k: (v if v is not None else "") for k, v in attrs}
        self.parent = parent
        self.children: list[Node | str] = []

    # -- traversal -----------------------------------------------------------------
    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs):
        out = []
        for node in self.iter():
            if tag is not None and node.tag != tag:
                continue
            if cls is not None and cls not in node.classes:
                continue
            if any(node.attrs.get(k) != v for k, v in attrs.items()):
                continue
            out.append(node)
        return out

    def find(self, tag: str | None = None, cls: str | None = None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    # -- text ----------------------------------------------------------------------
    def raw_text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in INVISIBLE:
                parts.append(child.raw_text())
        return "".join(parts)

    def text(self) -> str:
        return collapse(self.raw_text())

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"<{self.tag} {self.attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(source: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


class Page:
    """A built page: its URL (e.g. ``briefings/x/``), its tree and its main content."""

    def __init__(self, site: Path, url: str):
        self.site = site
        self.url = url
        path = site / url / "index.html" if (not url or url.endswith("/")) else site / url
        self.path = path
        self.source = path.read_text(encoding="utf-8")
        self.root = parse(self.source)
        self.article = self.root.find("article") or self.root.find("main") or self.root

    # -- links ---------------------------------------------------------------------
    def resolve(self, href: str) -> str:
        """Site-relative path of a link target, without fragment or index.html."""
        absolute = urljoin("http://site.invalid/" + self.url, href)
        parts = urlsplit(absolute)
        if parts.netloc != "site.invalid":
            return absolute
        path = parts.path.lstrip("/")
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        path = posixpath.normpath(path) + "/" if path else ""
        return "" if path == "./" else path

    def links(self, root: Node | None = None):
        """(target, node) for every <a href> in root (default: main content)."""
        root = root or self.article
        return [(self.resolve(a.attrs["href"]), a) for a in root.find_all("a") if "href" in a.attrs]

    def links_to(self, target: str, root: Node | None = None):
        return [a for t, a in self.links(root) if t == target]

    def text(self) -> str:
        return self.article.text()

    # -- sections --------------------------------------------------------------------
    def section(self, pattern: str) -> list[Node]:
        """Nodes (document order) after the first heading whose text matches pattern,
        up to the next heading of the same or a higher level."""
        nodes = list(self.article.iter())
        rx = re.compile(pattern, re.I)
        for i, node in enumerate(nodes):
            if node.tag in HEADINGS and rx.search(node.text()):
                level = int(node.tag[1])
                out = []
                heading_descendants = set(map(id, node.iter()))
                for other in nodes[i + 1 :]:
                    if id(other) in heading_descendants:
                        continue
                    if other.tag in HEADINGS and int(other.tag[1]) <= level:
                        # drop the containers of the next heading (e.g. its <section>)
                        containers = set(map(id, other.ancestors()))
                        out = [n for n in out if id(n) not in containers]
                        break
                    out.append(other)
                return out
        return []

    def section_links(self, pattern: str, prefix: str = ""):
        """Targets of links in a section, in order, consecutive duplicates removed."""
        out: list[tuple[str, Node]] = []
        for node in self.section(pattern):
            if node.tag == "a" and "href" in node.attrs:
                target = self.resolve(node.attrs["href"])
                if target.startswith(prefix) and (not out or out[-1][0] != target):
                    out.append((target, node))
        return out

    def section_text(self, pattern: str) -> str:
        nodes = self.section(pattern)
        if not nodes:
            return ""
        # the top-level nodes of the section (those whose parent is not in it)
        ids = set(map(id, nodes))
        tops = [n for n in nodes if id(n.parent) not in ids]
        return collapse(" ".join(n.raw_text() for n in tops))

    def headings(self):
        return [n for n in self.article.iter() if n.tag in HEADINGS]


def row_of(node: Node) -> Node:
    """The list row (li, tr, blockquote, ...) that holds node."""
    for anc in [node, *node.ancestors()]:
        if anc.tag in ROW_TAGS:
            return anc
    return node.parent or node


def deepest_containing(root: Node, text: str) -> Node | None:
    """The deepest element whose visible text contains text (first one in document order)."""
    if text not in root.text():
        return None
    node = root
    while True:
        for child in node.children:
            if isinstance(child, Node) and text in child.text():
                node = child
                break
        else:
            return node


def unescape(text: str) -> str:
    return html.unescape(text)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def date_forms(iso: str) -> set[str]:
    """Plausible visible renderings of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    parts = iso.split("-")
    forms = {iso}
    if len(parts) == 1:
        return forms
    year, month = int(parts[0]), int(parts[1])
    name = MONTHS[month - 1]
    abbr = name[:3]
    if len(parts) == 2:
        return forms | {f"{name} {year}", f"{abbr} {year}", f"{abbr}. {year}", f"{month:02d}/{year}"}
    day = int(parts[2])
    for m in (name, abbr, abbr + "."):
        for d in (str(day), f"{day:02d}"):
            forms |= {f"{d} {m} {year}", f"{m} {d}, {year}", f"{m} {d} {year}"}
    forms |= {f"{day:02d}/{month:02d}/{year}", f"{day}.{month}.{year}", f"{day:02d}.{month:02d}.{year}"}
    return forms


def has_date(text: str, iso: str) -> bool:
    return any(form in text for form in date_forms(iso))
