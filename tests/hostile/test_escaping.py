"""Escaping in every channel, on the site built from the whole hostile corpus.

Source text is plain text wherever it lands: HTML text and attributes, the ``<title>``,
SVG labels, JSON-LD, the search index, feeds and graph.json. The scan (``hostile_scan``)
reads every file of the site and finds markup that a payload created; the round-trip
tests read each channel as its consumer would and check that the reader gets back
exactly what the author typed: escaped once, neither run nor mangled.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile_corpus import Corpus, payload
from hostile_scan import scan_site
from sitebuild import Build

ATOM = "{http://www.w3.org/2005/Atom}"


def test_no_file_of_the_hostile_site_carries_injected_markup(corpus: Corpus):
    assert corpus.lenient.code == 0, corpus.lenient.output[-3000:]
    assert scan_site(corpus.lenient.site) == []


def test_the_scan_finds_nothing_on_the_small_site(small_site: Build):
    assert scan_site(small_site.site) == []


def test_the_scan_finds_each_kind_of_leak(tmp_path: Path):
    site = {
        "a/index.html": '<p title="x" onmouseover="alert(1)">t</p><a href=" JavaScript:alert(1)">l</a>',
        "b/index.html": '<a href="java&#9;script:alert(1)">tab</a><img src="data:text/html,x">',
        "c/index.html": (
            '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>'
        ),
        "d/index.html": '<script type="application/ld+json">{"a": "<!--"}</script><h1>&amp;lt;b&amp;gt;</h1>',
        "e/index.html": "<p>fine</p><script>var a = 1;",
        "search/search_index.json": json.dumps({"docs": [{"title": "t", "text": "<img src=x onerror=y>"}]}),
        "graph.json": '{"name": "<script>alert(1)</script>", "summary": "&lt;b&gt;"}',
        "feed.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><title>&amp;lt;x</title><script/></feed>',
        "glossary/x/feed.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><title>unclosed</feed>',
        "assets/style.css": "/* XSS-title */",
    }
    for rel, text in site.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    found = scan_site(tmp_path)
    for where, what in [
        ("a/index.html", "<p> has an event handler onmouseover"),
        ("a/index.html", "<a href=' JavaScript:alert(1)'>"),
        ("b/index.html", "<a href='java\\tscript:alert(1)'>"),
        ("b/index.html", "<img src='data:text/html,x'>"),
        ("c/index.html", "JSON-LD does not parse"),
        ("c/index.html", "a script runs source text"),
        ("d/index.html", "JSON-LD holds markup"),
        ("d/index.html", "escaped twice (the reader sees &lt;)"),
        ("e/index.html", "a <script> is never closed"),
        ("search/search_index.json", "<img> has an event handler onerror"),
        ("graph.json", "holds a literal <script"),
        ("graph.json", "text escaped twice: '&lt;b&gt;'"),
        ("feed.xml", "foreign element <script>"),
        ("feed.xml", "text escaped twice: '&lt;x'"),
        ("glossary/x/feed.xml", "not well-formed XML"),
        ("assets/style.css", "a .css holds source text"),
    ]:
        assert any(f.startswith(where) and what in f for f in found), (where, what, found)


# -- each channel gives back the text as typed ------------------------------------------------


class _Elements(HTMLParser):
    """Attributes of every element, and the text of elements by id and of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.json_ld: list[str] = []
        self.title = ""
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        if tag == "title" or (tag == "script" and values.get("type") == "application/ld+json"):
            self._in = tag
            if tag == "script":
                self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.json_ld[-1] += data


def elements(build: Build, url: str) -> _Elements:
    parser = _Elements()
    parser.feed(build.page(url))
    parser.close()
    return parser


def attribute(build: Build, url: str, tag: str, match: dict[str, str], name: str) -> str:
    for t, attrs in elements(build, url).elements:
        if t == tag and all(attrs.get(k) == v for k, v in match.items()):
            return attrs[name]
    raise AssertionError(f"no <{tag} {match}> on {url}")


def json_ld(build: Build, url: str) -> dict:
    blocks = elements(build, url).json_ld
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def test_the_page_title_element_shows_the_title_as_typed(corpus: Corpus):
    page = elements(corpus.lenient, "briefings/injection-title")
    assert page.title == f"{payload('title')} - Test"


def test_hovers_are_attributes_holding_name_role_and_summary_as_typed(corpus: Corpus):
    site = corpus.lenient
    hover = attribute(
        site, "briefings/mentions-injected-summary", "a", {"id": "mention-injected-summary"}, "title"
    )
    assert hover == f"Summary entry — {payload('entity-summary')}"
    hover = attribute(
        site, "briefings/mentions-injected-roles", "a", {"id": "mention-injected-roles"}, "title"
    )
    assert hover == f"Roles injection — {payload('role')}, NATO. An entry whose roles carry markup."
    hover = attribute(site, "briefings/mentions-injected-name", "a", {"id": "mention-injected-name"}, "title")
    assert hover == f"{payload('name')} — An entry whose name carries markup."
    label = attribute(site, "glossary/injected-summary", "a", {"href": "../brussels/"}, "title")
    assert label == "Capital of Belgium, seat of NATO's headquarters."


def test_svg_labels_of_the_network_hold_the_name_as_typed(corpus: Corpus):
    html = corpus.lenient.page("glossary/injected-name")
    figure = html.index('<figure class="briefing-network">')
    svg = html[html.index("<svg", figure) : html.index("</svg>", figure) + 6]
    root = ET.fromstring(svg)  # well-formed: nothing broke out of an attribute or a <text>
    texts = ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")]
    assert payload("name") in texts or payload("short") in texts, texts


def test_json_ld_gives_back_every_field_as_typed(corpus: Corpus):
    site = corpus.lenient
    assert json_ld(site, "briefings/injection-title")["headline"] == payload("title")
    assert json_ld(site, "briefings/injection-summary")["description"] == payload("summary")
    source = json_ld(site, "briefings/injection-source")["isBasedOn"]
    assert source["publisher"]["name"] == payload("publisher")
    assert (
        source["url"]
        == """https://example.org/a?q="><script>alert("XSS-url")</script>&b=' onmouseover='alert(1)"""
    )
    assert json_ld(site, "briefings/injection-events")["keywords"] == [payload("tag")]
    entity = json_ld(site, "glossary/injected-name")
    assert entity["name"] == payload("name") and entity["alternateName"] == [payload("short")]
    assert json_ld(site, "glossary/injected-aliases")["alternateName"] == [
        payload("alias"),
        payload("alias2"),
    ]
    assert json_ld(site, "glossary/injected-summary")["description"] == payload("entity-summary")
    assert json_ld(site, "glossary/injected-links")["sameAs"] == [
        'https://example.org/?q="><script>alert("XSS-link-url")</script>'
    ]
    mentions = json_ld(site, "briefings/mentions-injected-name")["mentions"]
    assert payload("name") in [m["name"] for m in mentions]


def _feed(site: Path, path: str) -> ET.Element:
    return ET.parse(site / path).getroot()


def test_feeds_give_back_titles_summaries_tags_and_names_as_typed(corpus: Corpus):
    feed = _feed(corpus.lenient.site, "feed.xml")
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.iter(f"{ATOM}entry")}
    assert payload("title") in entries
    summaries = [e.findtext(f"{ATOM}summary") for e in entries.values()]
    assert payload("summary") in summaries
    terms = [c.get("term") for e in entries.values() for c in e.iter(f"{ATOM}category")]
    assert payload("tag") in terms
    for tag in ("title", "subtitle", "summary", "content"):  # text, never HTML that readers parse
        assert {el.get("type") for el in feed.iter(f"{ATOM}{tag}")} <= {None, "text"}
    name_feed = _feed(corpus.lenient.site, "glossary/injected-name/feed.xml")
    assert name_feed.findtext(f"{ATOM}title") == f"{payload('name')} — Test"


def test_graph_json_gives_back_every_field_as_plain_text(corpus: Corpus):
    graph = json.loads((corpus.lenient.site / "graph.json").read_text(encoding="utf-8"))
    entities = {e["id"]: e for e in graph["entities"]}
    assert entities["injected-name"]["name"] == payload("name")
    assert entities["injected-name"]["short"] == payload("short")
    assert entities["injected-aliases"]["aliases"] == [payload("alias"), payload("alias2")]
    assert entities["injected-summary"]["summary"] == payload("entity-summary")
    assert [r["title"] for r in entities["injected-roles"]["roles"]] == [payload("role"), "Envoy"]
    briefings = {b["id"]: b for b in graph["briefings"]}
    assert briefings["2022-03-01-injection-title"]["title"] == payload("title")
    assert briefings["2022-03-04-injection-events"]["tags"] == [payload("tag")]
    assert briefings["2022-03-03-injection-source"]["source"]["publisher"] == payload("publisher")
    events = [e["title"] for e in graph["events"]]
    assert payload("event") in events
    quotes = [q["text"] for q in graph["quotes"] if q["briefing"] == "2022-03-17-injection-quotes"]
    assert quotes == [
        '“Quote </script><script>alert("XSS-quote")</script> ends”',
        "“Entities <b> & — stay”",
    ]
    sentences = [
        m["sentence"]
        for m in graph["mentions"]
        if m["briefing"] == "2022-03-17-injection-quotes" and m["entity"] == "nato"
    ]
    assert sentences == ['A sentence around <img src=x onerror=alert("XSS-sentence")> names NATO once.']


@pytest.mark.parametrize(
    ("location", "field"),
    [
        ("briefings/injection-title/", "title"),
        ("briefings/injection-summary/", "summary"),
        ("glossary/injected-name/", "name"),
        ("glossary/injected-aliases/", "alias"),
        ("glossary/injected-summary/", "entity-summary"),
    ],
)
def test_the_search_index_holds_the_text_as_material_shows_it(corpus: Corpus, location: str, field: str):
    """Material inserts each title and text into the results as HTML: parsed once, it must
    give back the text as typed, and find the page by it."""
    index = json.loads((corpus.lenient.site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"] == location]
    assert docs, location
    shown = " ".join(_text_of_html(d["title"]) + " " + _text_of_html(d["text"]) for d in docs)
    assert payload(field) in shown, shown[:2000]


def _text_of_html(fragment: str) -> str:
    class _Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = _Text(convert_charrefs=True)
    parser.parts = []
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())
