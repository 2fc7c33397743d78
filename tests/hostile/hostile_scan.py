"""Scan every file of a built site for markup that source text smuggled in.

HTML is parsed, not grepped: a payload shown as text (``&lt;script&gt;``) is what the
spec asks for; an element or an attribute that the payload created is a leak. Each kind
of file is read the way its consumer reads it:

* ``.html``: an event-handler attribute (``on...``), a ``javascript:``/``vbscript:``/
  ``data:`` URL in a link or source attribute, or a ``<script>`` carrying a payload is a
  leak; a JSON-LD block must parse as JSON and hold no ``</script``, ``<script`` or ``<!--``
  (which would end the element or change how the browser finds its end); visible text
  or an attribute value that still holds an entity (``&lt;``) after parsing was
  escaped twice, which shows the reader ``&lt;`` instead of ``<``;
* ``search/search_index.json``: Material puts each title and text into the page as HTML,
  so each string is scanned as HTML;
* any other ``.json`` (``graph.json``): must parse, must not hold ``<script`` or
  ``</script`` literally (its strings are plain text; markup characters are written as
  ``\\u003c``), and no string may hold an entity (escaped twice);
* ``.xml`` (feeds, sitemap) and ``.xml.gz``: must parse as XML, with no element outside
  the document's own vocabulary (Atom, sitemaps), no ``on...`` attribute, no bad URL, and no entity left in
  text after parsing;
* every other file (styles, scripts, images): must not hold a payload marker at all.
"""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

MARKER = "XSS-"  # every payload of the corpus carries it (see cases/*)
ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
BAD_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"}
JSON_LD_FORBIDDEN = re.compile(r"</script|<script|<!--", re.IGNORECASE)
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_VOCABULARIES = {  # file name -> every element (namespace, local name) it may hold
    "feed.xml": {
        (ATOM, name)
        for name in "feed entry id title subtitle updated published link author name email uri "
        "generator summary content category rights icon logo contributor source".split()
    },
    "sitemap.xml": {(SITEMAP, name) for name in "urlset url loc lastmod changefreq priority".split()},
}


def _bad_url(value: str) -> bool:
    # Browsers drop ASCII tab and line breaks inside a URL's scheme: "java\tscript:" runs.
    return bool(BAD_SCHEME.match(re.sub(r"[\t\n\r\x00-\x1f]", "", value)))


class _Page(HTMLParser):
    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.leaks: list[str] = []
        self.script: tuple[str, list[str]] | None = None  # (type, text parts) inside <script>
        self.texts: list[str] = []  # visible text and attribute values, for double escaping

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.leaks.append(f"{self.where}: <{tag}> has an event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and _bad_url(value):
                self.leaks.append(f"{self.where}: <{tag} {name}={value!r}>")
            self.texts.append(value)
        if tag == "script":
            kind = dict(attrs).get("type") or "text/javascript"
            src = dict(attrs).get("src") or ""
            if MARKER in src:
                self.leaks.append(f"{self.where}: <script src={src!r}>")
            self.script = (kind, [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            kind, parts = self.script
            self.script = None
            self._check_script(kind, "".join(parts))

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)
        else:
            self.texts.append(data)

    def _check_script(self, kind: str, body: str) -> None:
        if kind == "application/ld+json":
            if JSON_LD_FORBIDDEN.search(body):
                self.leaks.append(f"{self.where}: JSON-LD holds markup: {body[:200]!r}")
            try:
                json.loads(body)
            except ValueError as exc:
                self.leaks.append(f"{self.where}: JSON-LD does not parse ({exc}): {body[:200]!r}")
            for text in _strings(json.loads(body) if _parses(body) else None):
                if ENTITY.search(text):
                    self.leaks.append(f"{self.where}: JSON-LD text escaped twice: {text[:200]!r}")
        elif MARKER in body or "alert(" in body:
            self.leaks.append(f"{self.where}: a script runs source text: {body[:200]!r}")


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def scan_html(text: str, where: str) -> list[str]:
    page = _Page(where)
    page.feed(text)
    page.close()
    leaks = page.leaks
    if page.script is not None:  # a script element that never closed swallowed the page
        leaks.append(f"{where}: a <script> is never closed")
    for value in page.texts:
        m = ENTITY.search(value)
        if m:
            start = max(0, m.start() - 60)
            leaks.append(
                f"{where}: escaped twice (the reader sees {m.group(0)}): {value[start : m.end() + 60]!r}"
            )
    return leaks


def scan_json(text: str, where: str, *, strings_are_html: bool) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [f"{where}: not JSON ({exc})"]
    leaks = []
    if not strings_are_html and re.search(r"</?script", text, re.IGNORECASE):
        leaks.append(f"{where}: holds a literal <script or </script")
    for i, value in enumerate(_strings(data)):
        if strings_are_html:
            leaks += scan_html(value, f"{where} (string {i})")
        elif ENTITY.search(value):
            leaks.append(f"{where}: text escaped twice: {value[:200]!r}")
    return leaks


def scan_xml(text: str, where: str, vocabulary: set[tuple[str, str]] | None) -> list[str]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"{where}: not well-formed XML ({exc})"]
    leaks = []
    for el in root.iter():
        namespace, _, name = el.tag[1:].partition("}") if el.tag.startswith("{") else ("", "", el.tag)
        if vocabulary is not None and (namespace, name) not in vocabulary:
            leaks.append(f"{where}: foreign element <{name}> (namespace {namespace!r})")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                leaks.append(f"{where}: <{el.tag}> has an event handler {name}")
            if name in ("href", "src") and _bad_url(value):
                leaks.append(f"{where}: <{el.tag} {name}={value!r}>")
        for value in (el.text or "", el.tail or "", *el.attrib.values()):
            if ENTITY.search(value):
                leaks.append(f"{where}: text escaped twice: {value[:200]!r}")
    return leaks


def scan_file(path: Path, site: Path) -> list[str]:
    where = path.relative_to(site).as_posix()
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw, path = gzip.decompress(raw), path.with_suffix("")
    if path.suffix == ".html":
        return scan_html(raw.decode("utf-8"), where)
    if path.suffix == ".json":
        is_search = where.startswith("search/")
        return scan_json(raw.decode("utf-8"), where, strings_are_html=is_search)
    if path.suffix == ".xml":
        return scan_xml(raw.decode("utf-8"), where, XML_VOCABULARIES.get(path.name))
    if MARKER.encode() in raw:
        return [f"{where}: a {path.suffix or 'file'} holds source text ({MARKER}...)"]
    return []


def scan_site(site: Path) -> list[str]:
    """Every leak in every file of ``site``."""
    leaks: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            leaks += scan_file(path, site)
    return leaks


def visible_text(html: str) -> str:
    """Text a reader sees in ``html`` (scripts and styles left out), white space folded."""

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("script", "style"):
                self.skip += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style") and self.skip:
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
