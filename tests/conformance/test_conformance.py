"""Spec-conformance tests for the `briefing` MkDocs plugin.

Everything here is derived from the authoring contract (authoring.md, "Authoring format,
v1") alone: the site under ``site/`` was written to that page by an outsider, with a
minimal ``mkdocs.yml`` (site_name, ``theme: {name: material}``, ``plugins: [search,
briefing]``). The tests build it with ``mkdocs build --strict`` and check every promise
of "What a reader gets", then build broken variants and check every row of "Errors".

The HTML is read with the standard library only; the assertions rely on link targets,
attributes and visible text, not on the plugin's CSS classes.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conformance_html import HEADINGS, INVISIBLE, Node, Page, collapse, deepest_containing, has_date, row_of

HERE = Path(__file__).resolve().parent
SITE_SRC = HERE / "site"
BUILD_TIMEOUT = 120

# ---------------------------------------------------------------------------------------
# What the test site contains (written by hand from the site's sources)
# ---------------------------------------------------------------------------------------

KINDS = ["people", "organizations", "countries", "places", "concepts"]

# id -> (kind, name, summary, aliases, short)
ENTITIES = {
    "mara-lindqvist": (
        "people",
        "Mara Lindqvist",
        "Mayor of Port Alder since 2019 and leader of the governing coalition on the council.",
        ["the mayor", "Mayor Lindqvist"],
        "Lindqvist",
    ),
    "tomas-okafor": (
        "people",
        "Tomás Okafor",
        "Councillor who chairs the transport committee of the Port Alder City Council.",
        ["the transport chief"],
        "Okafor",
    ),
    "ines-varga": (
        "people",
        "Inès Varga",
        "Engineer who directs the Port Alder Harbour Authority.",
        [],
        "Varga",
    ),
    "port-alder-city-council": (
        "organizations",
        "Port Alder City Council",
        "The elected assembly that governs the city of Port Alder.",
        ["city council"],
        "the council",
    ),
    "harbour-authority": (
        "organizations",
        "Port Alder Harbour Authority",
        "Public body that runs the port of Port Alder and its flood defences.",
        [],
        "Harbour Authority",
    ),
    "green-coalition": (
        "organizations",
        "Green Coalition",
        "Environmentalist party group on the Port Alder City Council.",
        [],
        None,
    ),
    "norland": (
        "countries",
        "Norland",
        "Fictional kingdom in which the city of Port Alder lies.",
        ["Kingdom of Norland"],
        None,
    ),
    "estmark": (
        "countries",
        "Estmark",
        "Fictional republic across the Alder estuary from Norland.",
        ["Republic of Estmark"],
        None,
    ),
    "port-alder": ("places", "Port Alder", "Fictional port city at the mouth of the Alder River.", [], None),
    "old-harbour": (
        "places",
        "Old Harbour",
        "Low-lying historic district of Port Alder that floods at spring tides.",
        [],
        None,
    ),
    "alder-river": (
        "places",
        "Alder River",
        "River that flows through Port Alder into the estuary.",
        ["the Alder"],
        None,
    ),
    "congestion-charge": (
        "concepts",
        "Congestion charge",
        "A daily fee for driving into the city centre at busy times.",
        ["road pricing"],
        None,
    ),
    "tidal-barrier": (
        "concepts",
        "Tidal barrier",
        "Movable flood gate planned across the Alder River to protect the Old Harbour.",
        ["Große Sperre"],
        "the barrier",
    ),
    "sea-wall": (
        "concepts",
        "Sea wall",
        "A coastal wall that holds back high tides.",
        [],
        None,
    ),  # no body, unmentioned
    "participatory-budget": (
        "concepts",
        "Participatory budget",
        "A share of the city budget whose use residents decide by vote.",
        [],
        None,
    ),
}

B1 = "2024-01-15-harbour-flood-plan"
B2 = "2024-02-03-congestion-charge-vote"
B3 = "2024-02-20-budget-hearing"
B4 = "2024-03-08-transit-strike"
B5 = "2024-03-30-norland-funding"
B6 = "2024-04-12-barrier-contract"
B7 = "2024-05-02-council-year-review"
B8 = "2024-05-20-quiet-week"  # only the required fields


@dataclass
class Briefing:
    stem: str
    title: str
    summary: str
    tags: list[str]
    mentions: set[str]  # entity ids counted for "Mentioned in" (text, footnotes, attributions, speakers)
    related: list[str] = field(default_factory=list)  # stems, in the order of the `related` list

    @property
    def date(self) -> str:
        return self.stem[:10]

    @property
    def slug(self) -> str:
        return self.stem[11:]

    @property
    def url(self) -> str:
        return f"briefings/{self.slug}/"


BRIEFINGS = {
    b.stem: b
    for b in [
        Briefing(
            B1,
            "Council backs tidal barrier for the Old Harbour",
            "After a winter of floods, the council votes to build a movable barrier to protect the "
            "historic harbour district.",
            ["flooding", "infrastructure"],
            {
                "mara-lindqvist",
                "port-alder-city-council",
                "old-harbour",
                "tidal-barrier",
                "harbour-authority",
                "port-alder",
                "alder-river",
            },
            [B6],
        ),
        Briefing(
            B2,
            "Congestion charge vote splits the council",
            "The council narrowly approves a trial congestion charge for the city centre.",
            ["transport", "budget"],
            {
                "mara-lindqvist",
                "port-alder-city-council",
                "congestion-charge",
                "tomas-okafor",
                "port-alder",
                "green-coalition",
            },
        ),
        Briefing(
            B3,
            "Participatory budget hearing draws record crowd",
            "Hundreds of residents attend the first hearing on how to spend the participatory budget.",
            ["budget"],
            {"participatory-budget", "port-alder-city-council", "mara-lindqvist", "ines-varga"},
            [B1, B4],
        ),
        Briefing(
            B4,
            "Bus drivers strike over the new timetable",
            "Drivers walk out after the council changes shift patterns to fit the charge trial.",
            ["transport", "labour"],
            {"port-alder", "tomas-okafor", "congestion-charge"},
        ),
        Briefing(
            B5,
            "Norland pledges funds for the barrier",
            "The national government and its neighbour agree to co-fund the tidal barrier.",
            ["flooding", "funding"],
            {"norland", "tidal-barrier", "estmark", "harbour-authority", "mara-lindqvist"},
        ),
        Briefing(
            B6,
            "Barrier contract awarded after delays",
            "The harbour authority signs the construction contract for the tidal barrier.",
            ["infrastructure"],
            {"harbour-authority", "tidal-barrier", "ines-varga", "old-harbour", "norland", "mara-lindqvist"},
            [B2],
        ),
        Briefing(
            B7,
            "The council's year so far",
            "A look back at four busy months for the Port Alder City Council.",
            ["review"],
            set(ENTITIES) - {"sea-wall"},
        ),
        Briefing(B8, "A quiet week at city hall", "", [], set()),
    ]
}

# (date, title, briefing stem, place id or None, actor ids)
EVENTS = [
    (
        "2024-01-12",
        "Council committee reviews barrier designs",
        B1,
        "port-alder",
        ["port-alder-city-council", "mara-lindqvist"],
    ),
    ("2024-01", "Storm surges flood the Old Harbour", B1, "old-harbour", ["harbour-authority"]),
    ("2024-01-03", "Harbour Authority publishes its flood report", B1, "port-alder", ["harbour-authority"]),
    (
        "2024-02-01",
        "Council votes on the congestion charge trial",
        B2,
        "port-alder",
        ["port-alder-city-council", "green-coalition"],
    ),
    ("2024-03-07", "Bus drivers walk out", B4, "port-alder", ["tomas-okafor"]),
    ("2024-03", "New bus timetable takes effect", B4, "port-alder", []),
    ("2024-03-28", "Norland cabinet approves barrier funding", B5, "norland", ["estmark"]),
    (
        "2024-04-10",
        "Barrier construction contract signed",
        B6,
        "old-harbour",
        ["harbour-authority", "ines-varga"],
    ),
    ("2024-02", "Barrier tender reopened after a bidder withdrew", B6, None, ["harbour-authority"]),
]

# speaker id -> [(briefing stem, words from the quote)], newest first
QUOTES = {
    "mara-lindqvist": [
        (B6, "Better late than never"),
        (B5, "This is the best news the city has had in a decade."),
        (B2, "price people off the road"),
        (B1, "We cannot keep sandbagging the same streets every month."),
    ],
    "tomas-okafor": [(B7, "Road pricing works."), (B2, "the plan is [still]")],
    "ines-varga": [(B6, "will deliver on time"), (B3, "Every district will get its share")],
    "green-coalition": [(B2, "Road pricing is overdue.")],
    "norland": [(B5, "funding is confirmed for two years")],
}


def event_key(date: str):
    parts = [int(p) for p in date.split("-")]
    return tuple(parts + [0] * (3 - len(parts)))


def mentioned_in(entity: str) -> list[str]:
    """Stems of the briefings that mention entity, newest first."""
    return sorted((s for s, b in BRIEFINGS.items() if entity in b.mentions), reverse=True)


def co_counts(entity: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for b in BRIEFINGS.values():
        if entity in b.mentions:
            for other in b.mentions - {entity}:
                counts[other] = counts.get(other, 0) + 1
    return counts


def expected_related(stem: str) -> list[str]:
    me = BRIEFINGS[stem]
    out = list(me.related)
    rest = [s for s in BRIEFINGS if s != stem and s not in out]
    rest.sort(key=lambda s: (-len(BRIEFINGS[s].mentions & me.mentions), [-ord(c) for c in s]))
    return (out + rest)[:5]


# ---------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, url: str) -> Page:
        return Page(self.site, url)


def run_mkdocs(
    project: Path, strict: bool, site_dir: Path | None = None, jinja_cache: Path | None = None
) -> Build:
    """``mkdocs build [--strict]`` in project, through the command line. With jinja_cache,
    through mkdocs_cached.py (the same command with a Jinja bytecode cache, for speed)."""
    site_dir = site_dir or project / "site"
    launcher = [str(HERE / "mkdocs_cached.py")] if jinja_cache else ["-m", "mkdocs"]
    cmd = [sys.executable, *launcher, "build", *(["--strict"] if strict else []), "-d", str(site_dir)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if jinja_cache:
        env["CONFORMANCE_JINJA_CACHE"] = str(jinja_cache)
    try:
        proc = subprocess.run(
            cmd, cwd=project, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT
        )
        return Build(project, site_dir, proc.returncode, proc.stdout + proc.stderr)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return Build(project, site_dir, -9, out + "\n<<build timed out>>")


def copy_site(dest: Path) -> Path:
    shutil.copytree(SITE_SRC, dest, ignore=shutil.ignore_patterns("site", "__pycache__"))
    return dest


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Build:
    project = copy_site(tmp_path_factory.mktemp("good") / "project")
    return run_mkdocs(project, strict=True)


@pytest.fixture(scope="module")
def pages(good):
    cache: dict[str, Page] = {}

    def get(url: str) -> Page:
        if url not in cache:
            cache[url] = good.page(url)
        return cache[url]

    return get


def warning_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]


# ---------------------------------------------------------------------------------------
# The good site: build
# ---------------------------------------------------------------------------------------


def test_minimal_config_is_exactly_the_spec_minimum():
    text = (SITE_SRC / "mkdocs.yml").read_text(encoding="utf-8")
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert keys == ["site_name", "theme", "plugins"]


def test_strict_build_succeeds_without_warnings(good):
    assert good.returncode == 0, good.output
    assert "Traceback" not in good.output
    assert warning_lines(good.output) == [], good.output


def test_page_urls(good):
    missing = []
    expected = ["briefings/", "glossary/", "timeline/"]
    expected += [b.url for b in BRIEFINGS.values()]
    expected += [f"glossary/{eid}/" for eid in ENTITIES]
    for url in expected:
        if not (good.site / url / "index.html").is_file():
            missing.append(url)
    assert missing == []


def test_material_features_turned_on_by_the_plugin(pages):
    """The plugin turns on content.tooltips and content.footnote.tooltips itself."""
    page = pages(BRIEFINGS[B1].url)
    config = page.root.find("script", id="__config")
    assert config is not None, "Material's __config block is missing"
    features = json.loads(config.raw_text())["features"]
    assert "content.tooltips" in features
    assert "content.footnote.tooltips" in features


# ---------------------------------------------------------------------------------------
# Briefing pages
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", list(BRIEFINGS))
def test_briefing_page_title_date_summary(pages, stem):
    b = BRIEFINGS[stem]
    page = pages(b.url)
    h1 = page.article.find("h1")
    assert h1 is not None and h1.text() == b.title
    text = page.text()
    assert has_date(text, b.date), f"date {b.date} not shown"
    assert collapse(b.summary) in text


def test_briefing_updated_and_full_source_line(pages):
    page = pages(BRIEFINGS[B1].url)
    text = page.text()
    assert has_date(text, "2024-01-16"), "the `updated` date is not shown"
    assert "Alder Gazette" in text
    links = page.links_to("https://example.org/gazette/flood-plan")
    assert links, "source url not linked"


@pytest.mark.parametrize(
    "stem,updated",
    [(B5, "2024-03-31"), (B6, "2024-04-13"), (B2, "2024-02-04")],
    ids=["with-seconds", "date-only", "unquoted-datetime"],
)
def test_briefing_updated_forms(pages, stem, updated):
    assert has_date(pages(BRIEFINGS[stem].url).text(), updated)


def test_quote_in_code_span_is_not_a_quote(pages):
    page = pages(BRIEFINGS[B4].url)
    assert '[words]{by="Tomás Okafor"}' in [c.text() for c in page.article.find_all("code")]
    assert page.links_to("glossary/tomas-okafor/") and not any(
        quote_holder(a) for a in page.links_to("glossary/tomas-okafor/")
    )


def test_source_without_url_shows_publisher(pages):
    assert "Alder Gazette" in pages(BRIEFINGS[B2].url).text()


# (briefing stem, shown text as written, entity id)
MENTIONS = [
    (B1, "Mara Lindqvist", "mara-lindqvist"),
    (B1, "Port Alder City Council", "port-alder-city-council"),  # split over two lines
    (B1, "Old Harbour", "old-harbour"),  # odd white space inside [[ ]]
    (B1, "movable tidal barrier", "tidal-barrier"),  # by id, with shown text
    (B1, "HARBOUR AUTHORITY", "harbour-authority"),  # short, upper case
    (B1, "Port Alder", "port-alder"),
    (B1, "Alder River", "alder-river"),  # in a footnote
    (B2, "councillors", "port-alder-city-council"),  # short + shown text
    (B2, "congestion charge", "congestion-charge"),  # lower-case name
    (B2, "tomás okafor", "tomas-okafor"),  # lower-case name with accent
    (B2, "Green Coalition", "green-coalition"),  # '-- [[X]]' attribution
    (B3, "Participatory Budget", "participatory-budget"),
    (B3, "city council", "port-alder-city-council"),  # alias
    (B3, "Lindqvist", "mara-lindqvist"),  # short
    (B4, "Port Alder", "port-alder"),  # written with a no-break space
    (B4, "the transport chief", "tomas-okafor"),  # alias
    (B4, "road pricing", "congestion-charge"),  # alias
    (B5, "Kingdom of Norland", "norland"),
    (B5, "GROSSE SPERRE", "tidal-barrier"),  # Unicode case folding: Große Sperre
    (B5, "its neighbour", "estmark"),  # alias + shown text
    (B5, "Harbour Authority", "harbour-authority"),
    (B5, "Mayor Lindqvist", "mara-lindqvist"),  # '– [[X]]' attribution
    (B6, "the barrier", "tidal-barrier"),
    (B6, "Varga", "ines-varga"),
    (B6, "Norland", "norland"),
    (B7, "Inès Varga", "ines-varga"),
    (B7, "Estmark", "estmark"),
]


def hover_text(a: Node) -> str:
    """Everything a tooltip or preview card could be built from: the link's attributes
    and any (hidden) text inside it."""
    return collapse(" ".join(list(a.attrs.values()) + [a.raw_text()]))


@pytest.mark.parametrize("stem,shown,eid", MENTIONS, ids=[f"{s[11:]}-{t}" for s, t, _ in MENTIONS])
def test_mention_linked_shown_as_written_with_tooltip(pages, stem, shown, eid):
    page = pages(BRIEFINGS[stem].url)
    target = f"glossary/{eid}/"
    links = [a for a in page.links_to(target) if a.text() == shown]
    assert links, (
        f"no link to {target} shown as {shown!r}; links there: {[a.text() for a in page.links_to(target)]}"
    )
    _, name, summary, _, _ = ENTITIES[eid]
    assert any(name in hover_text(a) and summary in hover_text(a) for a in links), (
        f"no hover text with name and summary on {shown!r}: {[a.attrs for a in links]}"
    )


def test_mention_in_glossary_body_links_with_tooltip(pages):
    page = pages("glossary/norland/")
    links = page.links_to("glossary/estmark/")
    assert any(ENTITIES["estmark"][2] in hover_text(a) for a in links)
    page = pages("glossary/tomas-okafor/")
    links = [a for a in page.links_to("glossary/mara-lindqvist/") if a.text() == "the mayor"]
    assert links and ENTITIES["mara-lindqvist"][2] in hover_text(links[0])


def test_briefing_mentioned_by_stem_shows_its_title(pages):
    page = pages(BRIEFINGS[B2].url)
    links = page.links_to(BRIEFINGS[B1].url)
    assert BRIEFINGS[B1].title in [a.text() for a in links]
    assert "[[" not in page.text()
    assert B1 not in page.text(), "the file stem is shown instead of the title"


def test_briefing_mentioned_by_title_and_with_shown_text(pages):
    page = pages(BRIEFINGS[B7].url)
    assert "barrier contract awarded after DELAYS" in [a.text() for a in page.links_to(BRIEFINGS[B6].url)]
    assert "the budget hearing report" in [a.text() for a in page.links_to(BRIEFINGS[B3].url)]


def test_escaped_brackets_code_and_link_text_stay_literal(pages):
    page = pages(BRIEFINGS[B1].url)
    text = page.text()
    assert "the wiki syntax [[not a link]] is written" in text
    assert "\\[[" not in text
    codes = [c.text() for c in page.article.find_all("code")]
    assert "[[Norland]]" in codes, codes
    assert any("[[Estmark]] inside a code block stays as written" in c for c in codes), codes
    link = page.links_to("https://example.org/norland")
    assert [a.text() for a in link] == ["see [[Norland]]"]
    # none of these is an annotation: no link to Norland or Estmark anywhere on the page
    assert page.links_to("glossary/norland/") == []
    assert page.links_to("glossary/estmark/") == []


def test_code_span_is_not_a_mention(pages):
    page = pages(BRIEFINGS[B4].url)
    assert "[[Estmark]]" in [c.text() for c in page.article.find_all("code")]
    assert page.links_to("glossary/estmark/") == []


# (shown text, entity): mentions in a heading, emphasis, a list, a table, before 's
B7_PLACES = [
    ("Norland", "norland", "h2"),
    ("Estmark", "estmark", "em"),
    ("port body", "harbour-authority", "strong"),
    ("Tomás Okafor", "tomas-okafor", "td"),
]


@pytest.mark.parametrize("shown,eid,inside", B7_PLACES, ids=[p[2] for p in B7_PLACES])
def test_mentions_inside_headings_emphasis_lists_tables(pages, shown, eid, inside):
    page = pages(BRIEFINGS[B7].url)
    links = [a for a in page.links_to(f"glossary/{eid}/") if a.text() == shown]
    assert any(any(anc.tag == inside for anc in a.ancestors()) for a in links), (
        f"no mention {shown!r} inside <{inside}>"
    )
    assert "[[" not in page.text()


def test_mention_before_possessive(pages):
    page = pages(BRIEFINGS[B7].url)
    assert "Norland's share is the largest" in page.text()


def test_mention_inside_a_quote_is_linked(pages):
    page = pages(BRIEFINGS[B6].url)
    node = deepest_containing(page.article, "will deliver on time")
    holder = quote_holder(node)
    assert holder is not None
    assert "Harbour Authority" in [a.text() for a in page.links_to("glossary/harbour-authority/", holder)]


def test_plain_block_quote_is_not_attributed(pages):
    page = pages(BRIEFINGS[B7].url)
    node = deepest_containing(page.article, "A plain block quote with no attribution.")
    bq = next((a for a in [node, *node.ancestors()] if a.tag == "blockquote"), None)
    assert bq is not None and page.links(bq) == []
    for eid in ENTITIES:
        assert "A plain block quote" not in pages(f"glossary/{eid}/").section_text(r"^quotes?$")


def test_multi_paragraph_block_quote(pages):
    page = pages(BRIEFINGS[B7].url)
    node = deepest_containing(page.article, "We will extend it to the ring road.")
    bq = next((a for a in [node, *node.ancestors()] if a.tag == "blockquote"), None)
    assert bq is not None and "Road pricing works." in bq.text()
    assert page.links_to("glossary/tomas-okafor/", bq)


def quote_holder(node: Node) -> Node | None:
    for anc in [node, *node.ancestors()]:
        if anc.tag in {"q", "blockquote"} or any("quote" in c for c in anc.classes):
            return anc
    return None


def next_element(node: Node) -> Node | None:
    parent = node.parent
    if parent is None:
        return None
    seen = False
    for child in parent.children:
        if child is node:
            seen = True
        elif seen:
            if isinstance(child, Node):
                return child
            if child.strip():
                return None
    return None


def speaker_linked(page: Page, holder: Node, eid: str) -> bool:
    target = f"glossary/{eid}/"
    if page.links_to(target, holder):
        return True
    nxt = next_element(holder)
    if nxt is not None and (
        nxt.tag == "a" and page.resolve(nxt.attrs.get("href", "")) == target or page.links_to(target, nxt)
    ):
        return True
    return any(a.tag == "a" and page.resolve(a.attrs.get("href", "")) == target for a in holder.ancestors())


# (briefing, quoted words, speaker, inline markup that must be rendered inside the quote)
INLINE_QUOTES = [
    (B2, "We will not price people off the road", "mara-lindqvist", ("em", "not")),  # by="..."
    (B2, "the plan is [still] not final", "tomas-okafor", ("strong", "not")),  # by='...', brackets
    (B3, "Every district will get its share", "ines-varga", None),
    (B5, "funding is confirmed for two years", "norland", ("a", "confirmed")),  # a link inside
    (B6, "'Better late than never' is [the only thing] to say", "mara-lindqvist", ("em", "only")),  # by alias
]


@pytest.mark.parametrize(
    "stem,words,eid,markup", INLINE_QUOTES, ids=[q[2] + "-" + q[0][11:] for q in INLINE_QUOTES]
)
def test_attributed_quote_marked_and_linked(pages, stem, words, eid, markup):
    page = pages(BRIEFINGS[stem].url)
    node = deepest_containing(page.article, words)
    assert node is not None, f"quote text {words!r} not shown as written"
    holder = quote_holder(node)
    assert holder is not None, f"quote {words!r} is not marked as a quote: {node!r}"
    assert "{by=" not in page.text() and "]{" not in page.text()
    assert speaker_linked(page, holder, eid), f"quote {words!r} not linked to glossary/{eid}/"
    if markup:
        tag, inner = markup
        assert any(n.text() == inner for n in holder.find_all(tag)), "Markdown inside the quote not rendered"


BLOCK_QUOTES = [
    (B1, "We cannot keep sandbagging the same streets every month.", "mara-lindqvist"),  # — [[X]]
    (B5, "This is the best news the city has had in a decade.", "mara-lindqvist"),  # – [[X]]
    (B2, "Road pricing is overdue.", "green-coalition"),  # -- [[X]]
]


@pytest.mark.parametrize("stem,words,eid", BLOCK_QUOTES, ids=["em-dash", "en-dash", "double-hyphen"])
def test_attributed_block_quote(pages, stem, words, eid):
    page = pages(BRIEFINGS[stem].url)
    node = deepest_containing(page.article, words)
    assert node is not None
    bq = next((a for a in [node, *node.ancestors()] if a.tag == "blockquote"), None)
    assert bq is not None, "attributed block quote is not a blockquote"
    assert page.links_to(f"glossary/{eid}/", bq), "attribution not linked to the speaker"
    assert "[[" not in bq.text()


def test_footnotes_rendered_with_mentions_inside(pages):
    page = pages(BRIEFINGS[B1].url)
    note = deepest_containing(page.article, "The worst surge came up the")
    assert note is not None, "footnote text missing"
    # a same-page link points at the element that holds the note
    holders = {a.attrs.get("id") for a in [note, *note.ancestors()] if a.attrs.get("id")}
    refs = [
        a
        for a in page.article.find_all("a")
        if a.attrs.get("href", "").startswith("#") and a.attrs["href"][1:] in holders
    ]
    assert refs, "no footnote reference in the text"
    assert page.links_to("glossary/alder-river/", note.parent or note)
    assert "[^surge]" not in page.text()


KIND_LABELS = {
    "people": r"^(people|persons?)$",
    "organizations": r"^organi[sz]ations?$",
    "countries": r"^countr(y|ies)$",
    "places": r"^places?$",
    "concepts": r"^concepts?$",
}
LAST_BODY_WORDS = {
    B1: "inside a code block stays as written",
    B2: "Road pricing is overdue.",
    B3: "whose own district hopes for a new sea wall",
    B4: "none were asked",
    B5: "This is the best news the city has had in a decade.",
    B6: "the director added",
    B7: "the budget hearing report",
    B8: "the chamber was closed for repairs",
}


@pytest.mark.parametrize("stem", list(BRIEFINGS))
def test_entities_grouped_by_kind_after_the_text(pages, stem):
    b = BRIEFINGS[stem]
    page = pages(b.url)
    nodes = list(page.article.iter())
    index = {id(n): i for i, n in enumerate(nodes)}
    last = deepest_containing(page.article, LAST_BODY_WORDS[stem])
    assert last is not None
    found: dict[str, set[str]] = {}
    for kind, rx in KIND_LABELS.items():
        heads = [h for h in page.headings() if re.match(rx, h.text(), re.I)]
        expected = {e for e in b.mentions if ENTITIES[e][0] == kind}
        if not expected:
            continue
        assert heads, f"no {kind} group"
        head = heads[0]
        assert index[id(head)] > index[id(last)], f"{kind} group is not after the text"
        level = int(head.tag[1])
        got = set()
        for n in nodes[index[id(head)] + 1 :]:
            if n.tag in HEADINGS and int(n.tag[1]) <= level:
                break
            if n.tag == "a" and "href" in n.attrs:
                t = page.resolve(n.attrs["href"])
                if t.startswith("glossary/"):
                    got.add(t.split("/")[1])
        found[kind] = got
    expected_all = {k: {e for e in b.mentions if ENTITIES[e][0] == k} for k in KINDS}
    assert found == {k: v for k, v in expected_all.items() if v}


def event_row(page: Page, title: str, root: Node | None = None) -> Node:
    node = deepest_containing(root or page.article, title)
    assert node is not None, f"event {title!r} missing"
    return row_of(node)


def check_event_row(page: Page, row: Node, date, place, actors, stem=None):
    text = row.text()
    assert has_date(text, date), f"date {date} missing in {text!r}"
    targets = [t for t, _ in page.links(row)]
    if place:
        assert f"glossary/{place}/" in targets, f"place {place} not linked in {text!r}"
    for actor in actors:
        assert f"glossary/{actor}/" in targets, f"actor {actor} not linked in {text!r}"
    if stem:
        assert BRIEFINGS[stem].url in targets, f"briefing not linked in {text!r}"


@pytest.mark.parametrize("stem", [B1, B4, B6])
def test_briefing_events_in_date_order(pages, stem):
    page = pages(BRIEFINGS[stem].url)
    events = sorted((e for e in EVENTS if e[2] == stem), key=lambda e: event_key(e[0]))
    text = page.section_text(r"\bevents?\b")
    assert text, "no events section"
    positions = [text.find(e[1]) for e in events]
    assert -1 not in positions, f"events missing: {text!r}"
    assert positions == sorted(positions), f"events not in date order: {text!r}"
    for date, title, _, place, actors in events:
        check_event_row(page, event_row(page, title), date, place, actors)


@pytest.mark.parametrize("stem", list(BRIEFINGS))
def test_related_briefings(pages, stem):
    page = pages(BRIEFINGS[stem].url)
    got = [t for t, _ in page.section_links(r"related", "briefings/") if t != "briefings/"]
    want = [BRIEFINGS[s].url for s in expected_related(stem)]
    assert got == want


def test_related_hand_checked():
    """Cross-check of the expectation helper against a hand-worked example."""
    assert expected_related(B6) == [B2, B7, B5, B1, B3]
    assert expected_related(B3) == [B1, B4, B7, B6, B2]


# ---------------------------------------------------------------------------------------
# Glossary entry pages
# ---------------------------------------------------------------------------------------

KIND_WORDS = {
    "people": r"\b(person|people)\b",
    "organizations": r"\borgani[sz]ations?\b",
    "countries": r"\bcountr(y|ies)\b",
    "places": r"\bplaces?\b",
    "concepts": r"\bconcepts?\b",
}


@pytest.mark.parametrize("eid", list(ENTITIES))
def test_entity_page_name_kind_summary(pages, eid):
    kind, name, summary, aliases, short = ENTITIES[eid]
    page = pages(f"glossary/{eid}/")
    h1 = page.article.find("h1")
    assert h1 is not None and h1.text() == name
    text = page.text()
    assert summary in text
    header = text.split("Mentioned in")[0]
    assert re.search(KIND_WORDS[kind], header, re.I), f"kind {kind} not shown"


ROLES = [
    ("mara-lindqvist", "Mayor of Port Alder", "port-alder-city-council", ["2019-06"]),
    ("mara-lindqvist", "City councillor", "port-alder-city-council", ["2015", "2019-05-31"]),
    ("tomas-okafor", "Chair of the Transport Committee", "port-alder-city-council", ["2021-03-15"]),
    ("ines-varga", "Director", "harbour-authority", ["2020"]),
    ("green-coalition", "Junior partner in the governing coalition", "port-alder-city-council", ["2022-05"]),
]


@pytest.mark.parametrize("eid,title,of,dates", ROLES, ids=[r[1] for r in ROLES])
def test_entity_roles(pages, eid, title, of, dates):
    page = pages(f"glossary/{eid}/")
    node = None
    rx = re.compile(rf"^{re.escape(title)}\s*([,:;·–—(-]|$)")
    for n in page.article.iter():
        if any(isinstance(c, str) and rx.match(collapse(c)) for c in n.children):
            node = n
            break
    assert node is not None, f"role {title!r} not shown"
    row = row_of(node)
    for d in dates:
        assert has_date(row.text(), d), f"{d} not shown in {row.text()!r}"
    assert page.links_to(f"glossary/{of}/", row), f"role's `of` not linked: {row.text()!r}"


def test_entity_links(pages):
    page = pages("glossary/mara-lindqvist/")
    assert [a.text() for a in page.links_to("https://example.org/council/lindqvist")] == ["Official page"]
    assert [a.text() for a in page.links_to("http://example.com/lindqvist")] == ["Campaign site"]
    page = pages("glossary/port-alder-city-council/")
    assert [a.text() for a in page.links_to("https://example.org/council")] == ["Website"]


def test_entity_body(pages):
    page = pages("glossary/mara-lindqvist/")
    assert "trained as a civil engineer before entering local politics" in page.text()
    assert page.links_to("glossary/port-alder-city-council/")
    assert "Tidal barrier" in [a.text() for a in page.links_to("glossary/tidal-barrier/")]


@pytest.mark.parametrize("eid", list(QUOTES))
def test_entity_quotes_newest_first_with_briefing_and_date(pages, eid):
    page = pages(f"glossary/{eid}/")
    nodes = page.section(r"^quotes?$")
    assert nodes, "no Quotes section"
    rows = []
    for n in nodes:
        if n.tag == "a" and page.resolve(n.attrs.get("href", "")).startswith("briefings/"):
            row = row_of(n)
            if not rows or rows[-1] is not row:
                rows.append(row)
    want = QUOTES[eid]
    assert len(rows) == len(want), [r.text() for r in rows]
    for row, (stem, words) in zip(rows, want, strict=True):
        b = BRIEFINGS[stem]
        assert words in row.text(), f"{words!r} not in {row.text()!r}"
        assert page.links_to(b.url, row), f"quote row not linked to its briefing: {row.text()!r}"
        assert has_date(row.text(), b.date), f"quote row has no date: {row.text()!r}"


def link_segments(page: Page, pattern: str, prefix: str) -> list[tuple[str, str]]:
    """(target, text) for each link to prefix... in a section; the text runs from the link
    to the next such link."""
    nodes = page.section(pattern)
    ids = set(map(id, nodes))
    tops = [n for n in nodes if id(n.parent) not in ids]
    items: list[tuple[str, str]] = []  # ("link", target) / ("text", s)

    def walk(n: Node):
        if n.tag in INVISIBLE:
            return
        if n.tag == "a" and "href" in n.attrs:
            t = page.resolve(n.attrs["href"])
            if t.startswith(prefix) and t != prefix:
                items.append(("link", t))
        for c in n.children:
            if isinstance(c, str):
                items.append(("text", c))
            else:
                walk(c)

    for top in tops:
        walk(top)
    out: list[list] = []
    for kind, value in items:
        if kind == "link":
            if out and out[-1][0] == value and not collapse("".join(out[-1][1])):
                continue
            out.append([value, []])
        elif out:
            out[-1][1].append(value)
    return [(t, collapse(" ".join(parts))) for t, parts in out]


@pytest.mark.parametrize("eid", list(ENTITIES))
def test_mentioned_in_newest_first_one_row_per_briefing(pages, eid):
    page = pages(f"glossary/{eid}/")
    segs = link_segments(page, r"^mentioned in$", "briefings/")
    got = [t for t, _ in segs]
    want = [BRIEFINGS[s].url for s in mentioned_in(eid)]
    assert got == want
    for (_, text), stem in zip(segs, mentioned_in(eid), strict=True):
        assert has_date(text, BRIEFINGS[stem].date), f"no date in {text!r}"


# (entity, briefing, words from the sentence of the first mention, words that must not be there)
CONTEXTS = [
    ("mara-lindqvist", B2, "opened the session at nine", "voted for the trial anyway"),
    ("mara-lindqvist", B3, "promised to read every one", None),
    ("port-alder-city-council", B1, "cannot survive another winter", "won a clear majority"),
    ("tomas-okafor", B2, "defended the trial line by line", "Okafor added"),
    ("alder-river", B1, "The worst surge came up the", None),  # footnote
    ("ines-varga", B3, "Every district will get its share", None),  # speaker of a quote
    ("estmark", B5, "will pay half of the cost", None),
]


@pytest.mark.parametrize("eid,stem,words,absent", CONTEXTS, ids=[f"{c[0]}-{c[1][11:]}" for c in CONTEXTS])
def test_mentioned_in_shows_sentence_of_first_mention(pages, eid, stem, words, absent):
    page = pages(f"glossary/{eid}/")
    segs = dict(link_segments(page, r"^mentioned in$", "briefings/"))
    text = segs.get(BRIEFINGS[stem].url)
    assert text is not None
    assert words in text, f"{words!r} not in {text!r}"
    if absent:
        assert absent not in text


def test_glossary_body_mentions_do_not_count(pages):
    # Norland's and Okafor's glossary bodies mention Estmark and Lindqvist
    for eid in ["estmark", "mara-lindqvist"]:
        page = pages(f"glossary/{eid}/")
        got = [t for t, _ in link_segments(page, r"^mentioned in$", "")]
        assert not any(t.startswith("glossary/") for t in got), got


@pytest.mark.parametrize("eid", list(ENTITIES))
def test_appears_with(pages, eid):
    page = pages(f"glossary/{eid}/")
    got = [t.split("/")[1] for t, _ in page.section_links(r"^appears with$", "glossary/") if t != "glossary/"]
    counts = co_counts(eid)
    assert eid not in got
    assert len(got) == len(set(got))
    assert len(got) == min(10, len(counts)), got
    shown = [counts.get(e, 0) for e in got]
    assert 0 not in shown, f"entities that never appear with {eid}: {got}"
    assert shown == sorted(shown, reverse=True), f"not most often first: {list(zip(got, shown, strict=True))}"
    if got:
        left_out = [e for e in counts if e not in got]
        assert all(counts[e] <= min(shown) for e in left_out)


@pytest.mark.parametrize(
    "eid",
    [
        "old-harbour",
        "harbour-authority",
        "estmark",
        "norland",
        "mara-lindqvist",
        "tomas-okafor",
        "ines-varga",
        "port-alder",
        "green-coalition",
    ],
)
def test_entity_events(pages, eid):
    page = pages(f"glossary/{eid}/")
    text = page.section_text(r"\bevents?\b")
    for _date, title, _stem, place, actors in EVENTS:
        if eid == place or eid in actors:
            assert title in text, f"{title!r} missing on {eid}'s page"


# ---------------------------------------------------------------------------------------
# Indexes, timeline, search
# ---------------------------------------------------------------------------------------


def test_glossary_index_grouped_by_kind_a_to_z_with_summary_and_count(pages):
    page = pages("glossary/")
    for kind in KINDS:
        heads = [h for h in page.headings() if re.match(KIND_LABELS[kind], h.text(), re.I)]
        assert heads, f"no {kind} heading"
        segs = link_segments(page, KIND_LABELS[kind], "glossary/")
        got = [t.split("/")[1] for t, _ in segs]
        want = sorted(
            (e for e in ENTITIES if ENTITIES[e][0] == kind), key=lambda e: ENTITIES[e][1].casefold()
        )
        assert got == want, f"{kind}: {got}"
        for (_, text), e in zip(segs, want, strict=True):
            assert ENTITIES[e][2] in text, f"summary missing for {e}: {text!r}"
            n = len(mentioned_in(e))
            count = rf"(?<![\d]){n}(?![\d])" + (r"|\bno\b|\bnot mentioned\b|\bnone\b" if n == 0 else "")
            assert re.search(count, text, re.I), f"count {n} missing for {e}: {text!r}"


def test_briefings_index_newest_first_with_date_summary_tags(pages):
    page = pages("briefings/")
    segs = [(t, s) for t, s in link_segments(page, r"briefings", "briefings/")]
    want = sorted(BRIEFINGS, reverse=True)
    assert [t for t, _ in segs] == [BRIEFINGS[s].url for s in want]
    for (_, text), stem in zip(segs, want, strict=True):
        b = BRIEFINGS[stem]
        assert b.title in text
        assert has_date(text, b.date), text
        assert collapse(b.summary) in text, text
        for tag in b.tags:
            assert re.search(rf"\b{re.escape(tag)}\b", text), f"tag {tag} missing: {text!r}"


def test_timeline_in_date_order_linked(pages):
    page = pages("timeline/")
    text = page.text()
    ordered = sorted(EVENTS, key=lambda e: event_key(e[0]))
    positions = [text.find(e[1]) for e in ordered]
    assert -1 not in positions, [e[1] for e, p in zip(ordered, positions, strict=True) if p < 0]
    assert positions == sorted(positions), "timeline not in date order (YYYY-MM before the days of its month)"
    for date, title, stem, place, actors in EVENTS:
        check_event_row(page, event_row(page, title), date, place, actors, stem)


def test_timeline_month_event_before_days_across_briefings(pages):
    text = pages("timeline/").text()
    # 2024-02 (from the April briefing) sorts before 2024-02-01 (from the February briefing)
    assert text.find("Barrier tender reopened") < text.find("Council votes on the congestion charge trial")
    assert text.find("New bus timetable takes effect") < text.find("Bus drivers walk out")


@pytest.fixture(scope="module")
def search_docs(good):
    data = json.loads((good.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return data["docs"]


def docs_for(search_docs, url: str) -> str:
    parts = [
        d.get("title", "") + " " + d.get("text", "")
        for d in search_docs
        if d["location"] == url or d["location"].startswith(url + "#")
    ]
    return collapse(html.unescape(" ".join(parts)))


@pytest.mark.parametrize("eid", list(ENTITIES))
def test_search_finds_entity_by_name_and_alias(search_docs, eid):
    text = docs_for(search_docs, f"glossary/{eid}/")
    kind, name, summary, aliases, short = ENTITIES[eid]
    assert name in text
    for alias in aliases:
        assert alias in text, f"alias {alias!r} not in the search index"


@pytest.mark.parametrize("stem", list(BRIEFINGS))
def test_search_finds_briefing(search_docs, stem):
    b = BRIEFINGS[stem]
    assert b.title in docs_for(search_docs, b.url)


# ---------------------------------------------------------------------------------------
# Escaping of front-matter values
# ---------------------------------------------------------------------------------------

XSS_ENTRY = """---
name: Probe <b>bold</b> entity
aliases: ["<script>alert('alias')</script>"]
summary: Summary with <script>alert('summary')</script> inside.
roles:
  - title: <script>alert('role')</script>
    of: Port Alder City Council
links:
  <script>alert('link')</script>: https://example.org/probe
---

A probe entry.
"""

XSS_BRIEFING = """---
title: Title <script>alert('title')</script>
date: 2024-06-01
updated: 2024-06-02
summary: Summary <script>alert('bsummary')</script> here.
source:
  publisher: <script>alert('publisher')</script>
  url: https://example.org/probe?a=1&b=2
tags: ["<script>alert('tag')</script>"]
events:
  - date: 2024-05-30
    title: Event <script>alert('event')</script>
    place: Port Alder
    actors: [xss-probe]
---

The probe [[xss-probe]] is mentioned here, and [[Port Alder]] too.
"""


@pytest.fixture(scope="module")
def xss(tmp_path_factory) -> Build:
    project = copy_site(tmp_path_factory.mktemp("xss") / "project")
    (project / "briefings/glossary/concepts/xss-probe.md").write_text(XSS_ENTRY, encoding="utf-8")
    (project / "briefings/2024-06-01-probe.md").write_text(XSS_BRIEFING, encoding="utf-8")
    return run_mkdocs(project, strict=True)


def test_script_in_front_matter_builds(xss):
    assert xss.returncode == 0, xss.output
    assert "Traceback" not in xss.output


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_script_in_front_matter_is_escaped_everywhere(xss):
    """No raw <script> from front matter in any HTML, XML (feeds, sitemap) or in the
    search index, whose text fields hold HTML. Other JSON files hold plain-text values:
    there, JSON's own string escaping is the escaping, so they only have to parse."""
    assert xss.returncode == 0, xss.output
    offenders = []
    for path in xss.site.rglob("*"):
        if path.suffix not in {".html", ".json", ".xml", ".txt", ".js"} or not path.is_file():
            continue
        rel = path.relative_to(xss.site)
        if "assets" in rel.parts:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            data = json.loads(raw)
            if rel.as_posix() != "search/search_index.json":
                continue
            values = list(_strings(data))
        else:
            values = [raw]
        for value in values:
            if re.search(r"<script>alert\(", value) or "<b>bold</b>" in value:
                offenders.append(rel.as_posix())
                break
    assert offenders == []


def test_script_in_front_matter_shows_as_text(xss):
    entity = xss.page("glossary/xss-probe/")
    text = entity.text()
    assert "Probe <b>bold</b> entity" in text
    assert "<script>alert('summary')</script>" in text
    assert "<script>alert('role')</script>" in text
    briefing = xss.page("briefings/probe/")
    text = briefing.text()
    assert "Title <script>alert('title')</script>" in text
    assert "<script>alert('publisher')</script>" in text
    assert "Event <script>alert('event')</script>" in text
    mention = [a for a in briefing.links_to("glossary/xss-probe/") if a.text() == "xss-probe"]
    assert mention and "<script>alert('summary')</script>" in hover_text(mention[0])


def test_script_in_front_matter_reaches_the_search_index_as_text(xss):
    """The escaping test above is not vacuous: the values are in the index, escaped."""
    docs = json.loads((xss.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = docs_for(docs, "glossary/xss-probe/")  # html-unescaped
    assert "<script>alert('summary')</script>" in text
    assert "<script>alert('alias')</script>" in text


PLAIN_ENTRY = """---
name: Plain *entry*
summary: A summary with *stars*, `ticks` and [[Norland]] that stay as written.
---

Body.
"""


def test_front_matter_values_are_plain_text(tmp_path_factory):
    """Front-matter values are plain text: no Markdown, no annotations."""
    project = copy_site(tmp_path_factory.mktemp("plain") / "project")
    (project / "briefings/glossary/concepts/plain-entry.md").write_text(PLAIN_ENTRY, encoding="utf-8")
    build = run_mkdocs(project, strict=True)
    assert build.returncode == 0, build.output
    page = build.page("glossary/plain-entry/")
    assert page.article.find("h1").text() == "Plain *entry*"
    assert "A summary with *stars*, `ticks` and [[Norland]] that stay as written." in page.text()
    assert page.links_to("glossary/norland/") == []
    index = build.page("glossary/")
    assert "A summary with *stars*, `ticks` and [[Norland]] that stay as written." in index.text()


# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------

G = "briefings/glossary/"
ML = G + "people/mara-lindqvist.md"


def f(stem: str) -> str:
    return f"briefings/{stem}.md"


@dataclass
class Expect:
    """One message the build must print: ``path:line: ...`` with path relative to the
    project root. ``line`` is a number, a needle whose (first) line in the broken file is
    meant, or None for any line. With ``all_paths`` every path must be named in it."""

    key: str
    paths: tuple[str, ...]
    line: int | str | None
    keywords: tuple[str, ...] = ()
    all_paths: bool = False
    alt_lines: tuple[int, ...] = ()


@dataclass
class Variant:
    """A broken copy of the site. ``kept`` checks the build without --strict ("no text is
    lost"). ``group``: the problem is local to the files it touches, so its build without
    --strict may be shared with other such variants (to keep the suite fast); if a shared
    build fails, every member is rebuilt on its own."""

    name: str
    mutate: Callable[[Path], object]
    expects: list[Expect]
    kept: Callable[[Build], None] | None = None
    group: bool = False


def edit(project: Path, rel: str, old: str, new: str):
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(project: Path, rel: str, text: str):
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def rename(project: Path, old: str, new: str):
    (project / old).rename(project / new)


_ALL_TEXT: dict[Path, str] = {}


def all_text(build: Build) -> str:
    """The visible text of every page of a build."""
    if build.site not in _ALL_TEXT:
        texts = []
        for path in sorted(build.site.rglob("index.html")):
            rel = path.parent.relative_to(build.site).as_posix()
            texts.append(Page(build.site, "" if rel == "." else rel + "/").text())
        _ALL_TEXT[build.site] = "\n".join(texts)
    return _ALL_TEXT[build.site]


def kept_text(*snippets: str):
    def check(build: Build):
        text = all_text(build)
        for s in snippets:
            assert s in text, f"{s!r} lost"

    return check


def kept_on(url: str, *snippets: str, unlinked: str | None = None, absent: tuple[str, ...] = ()):
    def check(build: Build):
        page = build.page(url)
        text = page.text()
        for s in snippets:
            assert s in text, f"{s!r} not shown on {url}: {text!r}"
        for s in absent:
            assert s not in text, f"{s!r} shown on {url}: {text!r}"
        if unlinked:
            assert not [a for _, a in page.links() if unlinked in a.text()], f"{unlinked!r} is linked"

    return check


def kept_unreadable_briefing(build: Build):
    """A briefing whose front matter cannot be read still renders its body, titled by its
    file stem."""
    for path in sorted(build.site.rglob("index.html")):
        rel = path.parent.relative_to(build.site).as_posix()
        page = Page(build.site, "" if rel == "." else rel + "/")
        if "More than 600 people came to hear" in page.text():
            h1 = page.article.find("h1")
            title = page.root.find("title")
            assert (h1 is not None and B3 in h1.text()) or (title is not None and B3 in title.text()), (
                f"page {rel} is not titled by its file stem: h1={h1 and h1.text()!r}"
            )
            return
    raise AssertionError("the body of the briefing with unreadable front matter is lost")


B4_BODY = "Buses stood still across"

VARIANTS = [
    # -- unknown reference -----------------------------------------------------------------
    Variant(
        "unknown-ref-body",
        lambda p: edit(p, f(B2), "[[tomás okafor]]", "[[Tomas Okafr]]"),
        [
            Expect(
                "msg",
                (f(B2),),
                "[[Tomas Okafr]]",
                ("unknown reference", "'Tomas Okafr'", "did you mean", "Okafor"),
            )
        ],
        kept_on(
            BRIEFINGS[B2].url,
            "Tomas Okafr defended the trial line by line",
            unlinked="Tomas Okafr",
            absent=("[[Tomas Okafr",),
        ),
        group=True,
    ),
    Variant(
        "unknown-ref-shown-text",
        lambda p: edit(p, f(B2), "[[the council|councillors]]", "[[the councl|councillors]]"),
        [
            Expect(
                "msg",
                (f(B2),),
                "[[the councl|",
                ("unknown reference", "'the councl'", "did you mean", "council'"),
            )
        ],
        kept_on(
            BRIEFINGS[B2].url,
            "The councillors then debated",
            unlinked="councillors",
            absent=("[[the councl",),
        ),
        group=True,
    ),
    Variant(
        "unknown-ref-quote-speaker",
        lambda p: edit(p, f(B3), 'by="Inès Varga"', 'by="Ines Varga"'),
        [
            Expect(
                "msg",
                (f(B3),),
                'by="Ines Varga"',
                ("unknown reference", "'Ines Varga'", "did you mean", "Varga"),
            )
        ],
        kept_on(BRIEFINGS[B3].url, "Every district will get its share", absent=("{by=",)),
        group=True,
    ),
    Variant(
        "unknown-ref-event-actor",
        lambda p: edit(
            p, f(B1), "actors: [the council, Mara Lindqvist]", "actors: [the councl, Mara Lindqvist]"
        ),
        [Expect("msg", (f(B1),), "the councl", ("unknown reference", "'the councl'"))],
        kept_on("timeline/", "Council committee reviews barrier designs"),
        group=True,
    ),
    Variant(
        "unknown-ref-place",
        lambda p: edit(
            p,
            f(B4),
            "    place: Port Alder\n    actors: [Tomás Okafor]",
            "    place: Port Aldr\n    actors: [Tomás Okafor]",
        ),
        [
            Expect(
                "msg",
                (f(B4),),
                "place: Port Aldr",
                ("unknown reference", "'Port Aldr'", "did you mean", "Port Alder"),
            )
        ],
        kept_on("timeline/", "Bus drivers walk out"),
        group=True,
    ),
    Variant(
        "unknown-ref-related",
        lambda p: edit(
            p,
            f(B6),
            "related: [Congestion charge vote splits the council]",
            "related: [Congestion charge vote split the council]",
        ),
        [
            Expect(
                "msg",
                (f(B6),),
                "related:",
                ("unknown reference", "'Congestion charge vote split the council'", "did you mean"),
            )
        ],
        kept_on(BRIEFINGS[B6].url, "signed the contract for"),
        group=True,
    ),
    Variant(
        "unknown-ref-role-of",
        lambda p: edit(p, ML, "    of: the council", "    of: the counsil"),
        [Expect("msg", (ML,), "of: the counsil", ("unknown reference", "'the counsil'"))],
        kept_on("glossary/mara-lindqvist/", "City councillor"),
        group=True,
    ),
    Variant(
        "unknown-ref-glossary-body",
        lambda p: edit(
            p, G + "countries/norland.md", "its neighbour [[Estmark]]", "its neighbour [[Estmarck]]"
        ),
        [
            Expect(
                "msg",
                (G + "countries/norland.md",),
                "[[Estmarck]]",
                ("unknown reference", "'Estmarck'", "did you mean"),
            )
        ],
        kept_on("glossary/norland/", "its neighbour Estmarck, and the two cabinets", unlinked="Estmarck"),
        group=True,
    ),
    Variant(
        "unknown-ref-footnote",
        lambda p: edit(p, f(B1), "[[Alder River]] on 9 January", "[[Alder Rivr]] on 9 January"),
        [Expect("msg", (f(B1),), "[[Alder Rivr]]", ("unknown reference", "'Alder Rivr'", "did you mean"))],
        kept_on(
            BRIEFINGS[B1].url, "The worst surge came up the Alder Rivr on 9 January", unlinked="Alder Rivr"
        ),
        group=True,
    ),
    Variant(
        "unknown-ref-attribution",
        lambda p: edit(p, f(B5), "– [[Mayor Lindqvist]]", "– [[Mayor Lindqvst]]"),
        [
            Expect(
                "msg",
                (f(B5),),
                "[[Mayor Lindqvst]]",
                ("unknown reference", "'Mayor Lindqvst'", "did you mean"),
            )
        ],
        kept_on(BRIEFINGS[B5].url, "best news the city has had", "Mayor Lindqvst", unlinked="Mayor Lindqvst"),
        group=True,
    ),
    Variant(
        "unknown-ref-table",
        lambda p: edit(p, f(B7), "| [[Tomás Okafor]] |", "| [[Tomás Okafour]] |"),
        [
            Expect(
                "msg", (f(B7),), "[[Tomás Okafour]]", ("unknown reference", "'Tomás Okafour'", "did you mean")
            )
        ],
        kept_on(BRIEFINGS[B7].url, "Tomás Okafour", unlinked="Tomás Okafour"),
        group=True,
    ),
    Variant(
        "unknown-ref-heading",
        lambda p: edit(p, f(B7), "## Money from [[Norland]]", "## Money from [[Norlond]]"),
        [
            Expect(
                "msg",
                (f(B7),),
                "## Money from [[Norlond]]",
                ("unknown reference", "'Norlond'", "did you mean"),
            )
        ],
        kept_on(BRIEFINGS[B7].url, "Money from Norlond", unlinked="Norlond"),
        group=True,
    ),
    Variant(
        "unknown-ref-dash-not-folded",
        lambda p: edit(p, f(B6), "[[the barrier]]", "[[tidal–barrier]]"),
        [Expect("msg", (f(B6),), "[[tidal–barrier]]", ("unknown reference", "'tidal–barrier'"))],
        kept_on(BRIEFINGS[B6].url, "the contract for tidal–barrier on Wednesday", unlinked="tidal–barrier"),
        group=True,
    ),
    # -- ambiguous reference ---------------------------------------------------------------
    Variant(
        "ambiguous-reference",
        lambda p: (
            edit(
                p,
                G + "places/old-harbour.md",
                "name: Old Harbour\n",
                "name: Old Harbour\naliases: [Harbour]\n",
            ),
            edit(
                p,
                G + "organizations/harbour-authority.md",
                "short: Harbour Authority\n",
                "short: Harbour Authority\naliases: [Harbour]\n",
            ),
            edit(p, f(B6), "The [[Harbour Authority]] signed", "The [[Harbour]] signed"),
        ),
        [
            Expect(
                "claim",
                (G + "places/old-harbour.md", G + "organizations/harbour-authority.md"),
                None,
                ("'Harbour'", "claimed by"),
                all_paths=True,
            ),
            Expect("use", (f(B6),), "[[Harbour]] signed", ("ambiguous", "'Harbour'")),
        ],
        kept_on(BRIEFINGS[B6].url, "The Harbour signed the contract", unlinked="Harbour signed"),
    ),
    Variant(
        "key-claimed-by-entity-and-briefing",
        lambda p: edit(
            p,
            G + "countries/norland.md",
            "aliases: [Kingdom of Norland]",
            "aliases: [Kingdom of Norland, Norland pledges funds for the barrier]",
        ),
        [Expect("claim", (G + "countries/norland.md", f(B5)), None, ("claimed by",), all_paths=True)],
        kept_on(BRIEFINGS[B5].url, "will pay half of the cost"),
    ),
    Variant(
        "key-claimed-by-two-entities",
        lambda p: edit(p, G + "people/ines-varga.md", "short: Varga\n", "short: Varga\naliases: [Okafor]\n"),
        [
            Expect(
                "claim",
                (G + "people/ines-varga.md", G + "people/tomas-okafor.md"),
                None,
                ("'Okafor'",),
                all_paths=True,
            )
        ],
        kept_on("glossary/ines-varga/", "Varga oversees the harbour's flood defences."),
    ),
    # -- a reference of the wrong type -----------------------------------------------------
    Variant(
        "wrong-type-place",
        lambda p: edit(p, f(B1), "    place: port alder", f"    place: {B4}"),
        [Expect("msg", (f(B1),), f"place: {B4}", ("'place'", "must name an entity", B4, "briefing"))],
        kept_on("timeline/", "Council committee reviews barrier designs"),
        group=True,
    ),
    Variant(
        "wrong-type-actor",
        lambda p: edit(
            p, f(B4), "    actors: [Tomás Okafor]", "    actors: [Norland pledges funds for the barrier]"
        ),
        [Expect("msg", (f(B4),), "actors: [Norland pledges", ("actors", "must name an entity", "briefing"))],
        kept_on("timeline/", "Bus drivers walk out"),
        group=True,
    ),
    Variant(
        "wrong-type-of",
        lambda p: edit(
            p, G + "organizations/green-coalition.md", "    of: Port Alder City Council", f"    of: {B2}"
        ),
        [
            Expect(
                "msg",
                (G + "organizations/green-coalition.md",),
                f"of: {B2}",
                ("'of'", "must name an entity", B2),
            )
        ],
        kept_on("glossary/green-coalition/", "Junior partner in the governing coalition"),
        group=True,
    ),
    Variant(
        "wrong-type-related",
        lambda p: edit(
            p, f(B6), "related: [Congestion charge vote splits the council]", "related: [Norland]"
        ),
        [Expect("msg", (f(B6),), "related: [Norland]", ("related", "must name", "briefing", "'Norland'"))],
        kept_on(BRIEFINGS[B6].url, "signed the contract for"),
        group=True,
    ),
    Variant(
        "wrong-type-by",
        lambda p: edit(p, f(B3), 'by="Inès Varga"', f'by="{B1}"'),
        [Expect("msg", (f(B3),), f'by="{B1}"', ("'by'", "must name an entity", B1, "briefing"))],
        kept_on(BRIEFINGS[B3].url, "Every district will get its share"),
        group=True,
    ),
    # -- front matter that is not valid YAML -----------------------------------------------
    Variant(
        "yaml-invalid-briefing",
        lambda p: edit(
            p, f(B3), "summary: Hundreds of residents attend", "summary: Hundreds of residents: attend"
        ),
        [Expect("msg", (f(B3),), "summary: Hundreds of residents:", ("mapping values are not allowed",))],
        kept_unreadable_briefing,
    ),
    Variant(
        "yaml-invalid-glossary",
        lambda p: edit(
            p,
            G + "countries/estmark.md",
            "summary: Fictional republic across",
            "summary: Fictional republic: across",
        ),
        [
            Expect(
                "msg",
                (G + "countries/estmark.md",),
                "summary: Fictional republic:",
                ("mapping values are not allowed",),
            )
        ],
        kept_text("Estmark is a small coastal republic."),
    ),
    Variant(
        "yaml-not-a-mapping",
        lambda p: write(p, f(B4), "---\n- just\n- a list\n---\n\nBuses stood still across the city.\n"),
        [Expect("msg", (f(B4),), 1)],
        kept_text("Buses stood still across the city."),
    ),
    # -- missing required field, field of the wrong type, unknown field ---------------------
    Variant(
        "missing-title",
        lambda p: edit(p, f(B4), "title: Bus drivers strike over the new timetable\n", ""),
        [Expect("msg", (f(B4),), 1, ("missing required field", "'title'"))],
        kept_text(B4_BODY),
    ),
    Variant(
        "missing-date",
        lambda p: edit(p, f(B4), "date: 2024-03-08\n", ""),
        [Expect("msg", (f(B4),), 1, ("missing required field", "'date'"))],
        kept_text(B4_BODY),
    ),
    Variant(
        "missing-summary-glossary",
        lambda p: edit(
            p,
            G + "concepts/participatory-budget.md",
            "summary: A share of the city budget whose use residents decide by vote.\n",
            "",
        ),
        [
            Expect(
                "msg", (G + "concepts/participatory-budget.md",), 1, ("missing required field", "'summary'")
            )
        ],
        kept_text("Residents propose projects and vote on them each spring."),
    ),
    Variant(
        "missing-name-glossary",
        lambda p: edit(p, G + "places/port-alder.md", "name: Port Alder\n", ""),
        [Expect("msg", (G + "places/port-alder.md",), 1, ("missing required field", "'name'"))],
        kept_text("The city has about 300,000 inhabitants."),
    ),
    Variant(
        "missing-event-title",
        lambda p: edit(p, f(B4), "    title: New bus timetable takes effect\n", ""),
        [
            Expect(
                "msg", (f(B4),), "  - date: 2024-03\n", ("missing required field", "title'"), alt_lines=(1,)
            )
        ],
        kept_text(B4_BODY),
        group=True,
    ),
    Variant(
        "missing-event-date",
        lambda p: edit(p, f(B5), "  - date: 2024-03-28\n    title:", "  - title:"),
        [Expect("msg", (f(B5),), "  - title:", ("missing required field", "date'"), alt_lines=(1,))],
        kept_text("will pay half of the cost"),
        group=True,
    ),
    Variant(
        "missing-role-title",
        lambda p: edit(
            p, G + "people/tomas-okafor.md", "  - title: Chair of the Transport Committee\n    of:", "  - of:"
        ),
        [
            Expect(
                "msg",
                (G + "people/tomas-okafor.md",),
                "  - of:",
                ("missing required field", "title'"),
                alt_lines=(1,),
            )
        ],
        kept_text("Okafor is the main architect of the"),
        group=True,
    ),
    Variant(
        "wrong-type-title",
        lambda p: edit(
            p, f(B4), "title: Bus drivers strike over the new timetable", "title: [Bus drivers, strike]"
        ),
        [Expect("msg", (f(B4),), "title: [Bus drivers", ("'title'",))],
        kept_text(B4_BODY),
    ),
    Variant(
        "wrong-type-tags",
        lambda p: edit(p, f(B4), "tags: [transport, labour]", "tags: {transport: labour}"),
        [Expect("msg", (f(B4),), "tags: {transport", ("'tags'",))],
        kept_text(B4_BODY),
        group=True,
    ),
    Variant(
        "wrong-type-aliases",
        lambda p: edit(
            p, G + "countries/norland.md", "aliases: [Kingdom of Norland]", "aliases: {Kingdom: Norland}"
        ),
        [Expect("msg", (G + "countries/norland.md",), "aliases: {", ("'aliases'",))],
        kept_text("Norland shares the Alder estuary"),
    ),
    Variant(
        "unknown-field-glossary",
        lambda p: edit(p, G + "places/alder-river.md", "summary:", "sumary:"),
        [
            Expect(
                "unknown",
                (G + "places/alder-river.md",),
                "sumary:",
                ("unknown field 'sumary'", "did you mean", "'summary'"),
            ),
            Expect("missing", (G + "places/alder-river.md",), 1, ("missing required field", "'summary'")),
        ],
        kept_text("The river is tidal as far as the city centre."),
    ),
    Variant(
        "unknown-field-briefing",
        lambda p: edit(p, f(B4), "tags: [transport, labour]", "tag: [transport, labour]"),
        [Expect("msg", (f(B4),), "tag: [transport", ("unknown field 'tag'", "did you mean", "'tags'"))],
        kept_text(B4_BODY),
        group=True,
    ),
    Variant(
        "unknown-field-event",
        lambda p: edit(p, f(B4), "    place: Port Alder\n    actors:", "    plaice: Port Alder\n    actors:"),
        [Expect("msg", (f(B4),), "plaice:", ("unknown field", "plaice'", "did you mean", "'place'"))],
        kept_text(B4_BODY),
        group=True,
    ),
    # -- bad dates -------------------------------------------------------------------------
    Variant(
        "bad-date-format",
        lambda p: edit(p, f(B1), "date: 2024-01-15", "date: 15/01/2024"),
        [Expect("msg", (f(B1),), "date: 15/01/2024", ("'date' must be YYYY-MM-DD", "'15/01/2024'"))],
        kept_text("won a clear majority on Monday"),
    ),
    Variant(
        "bad-date-impossible-event",
        lambda p: edit(p, f(B6), "  - date: 2024-02\n", "  - date: 2024-02-30\n"),
        [Expect("msg", (f(B6),), "date: 2024-02-30", ("date'", "YYYY-MM-DD", "2024-02-30"))],
        kept_text("signed the contract for"),
        group=True,
    ),
    Variant(
        "bad-date-impossible-briefing",
        lambda p: (
            edit(p, f(B4), "date: 2024-03-08", "date: 2023-02-29"),
            rename(p, f(B4), "briefings/2023-02-29-transit-strike.md"),
        ),
        [
            Expect(
                "msg",
                ("briefings/2023-02-29-transit-strike.md",),
                "date: 2023-02-29",
                ("'date' must be YYYY-MM-DD", "2023-02-29"),
            )
        ],
        kept_text(B4_BODY),
    ),
    Variant(
        "bad-date-role",
        lambda p: edit(p, ML, "    from: 2019-06", "    from: 2019-13"),
        [Expect("msg", (ML,), "from: 2019-13", ("from'", "2019-13"))],
        kept_on("glossary/mara-lindqvist/", "Mayor of Port Alder"),
        group=True,
    ),
    Variant(
        "bad-date-updated",
        lambda p: edit(p, f(B1), 'updated: "2024-01-16T08:30"', 'updated: "16 Jan 2024, 8:30"'),
        [Expect("msg", (f(B1),), "updated:", ("'updated'", "16 Jan 2024"))],
        kept_text("won a clear majority on Monday"),
        group=True,
    ),
    # -- file names ------------------------------------------------------------------------
    Variant(
        "file-name-without-date",
        lambda p: rename(p, f(B4), "briefings/transit-strike.md"),
        [Expect("msg", ("briefings/transit-strike.md",), None, ("YYYY-MM-DD",))],
        kept_text(B4_BODY),
    ),
    Variant(
        "file-name-date-differs",
        lambda p: rename(p, f(B4), "briefings/2024-03-09-transit-strike.md"),
        [Expect("msg", ("briefings/2024-03-09-transit-strike.md",), None, ("2024-03-08",))],
        kept_text(B4_BODY),
    ),
    # -- names of generated pages ----------------------------------------------------------
    Variant(
        "duplicate-slug",
        lambda p: write(
            p,
            "briefings/2024-06-01-transit-strike.md",
            "---\ntitle: Second strike looms\ndate: 2024-06-01\n---\n\nDrivers may strike again.\n",
        ),
        [Expect("msg", (f(B4), "briefings/2024-06-01-transit-strike.md"), None, (), all_paths=True)],
        kept_text(B4_BODY, "Drivers may strike again."),
    ),
    Variant(
        "duplicate-briefing-title",
        lambda p: write(
            p,
            "briefings/2024-06-01-strike-again.md",
            "---\ntitle: Bus drivers strike over the new timetable\ndate: 2024-06-01\n---\n\n"
            "They struck again.\n",
        ),
        [
            Expect(
                "msg",
                (f(B4), "briefings/2024-06-01-strike-again.md"),
                None,
                ("claimed by", "Bus drivers strike over the new timetable"),
                all_paths=True,
            )
        ],
        kept_text(B4_BODY, "They struck again."),
    ),
    Variant(
        "slug-index",
        lambda p: write(
            p,
            "briefings/2024-06-01-index.md",
            "---\ntitle: An index page\ndate: 2024-06-01\n---\n\nIndex briefing body.\n",
        ),
        [Expect("msg", ("briefings/2024-06-01-index.md",), None, ("index",))],
        kept_text("Index briefing body."),
    ),
    Variant(
        "entity-id-index",
        lambda p: write(
            p,
            G + "concepts/index.md",
            "---\nname: Index Concept\nsummary: A concept called index.\n---\n\nIndex concept body.\n",
        ),
        [Expect("msg", (G + "concepts/index.md",), None, ("index",))],
        kept_text("Index concept body."),
    ),
    # -- a page in docs/ at a generated URL ------------------------------------------------
    # Not grouped: the generated page moves, which changes what other variants would see.
    Variant(
        "docs-page-at-timeline",
        lambda p: write(p, "docs/timeline.md", "# My own timeline\n"),
        [Expect("msg", ("docs/timeline.md",), None, ("timeline",))],
        kept_text("My own timeline"),
    ),
    Variant(
        "docs-page-at-briefings-index",
        lambda p: write(p, "docs/briefings.md", "# My own briefings list\n"),
        [Expect("msg", ("docs/briefings.md",), None, ("briefings",))],
        kept_text("My own briefings list"),
    ),
    Variant(
        "docs-page-at-glossary-index",
        lambda p: write(p, "docs/glossary/index.md", "# My own glossary\n"),
        [Expect("msg", ("docs/glossary/index.md",), None, ("glossary",))],
        kept_text("My own glossary"),
    ),
    Variant(
        "docs-page-at-glossary-index-as-file",
        lambda p: write(p, "docs/glossary.md", "# Glossary, by hand\n"),
        [Expect("msg", ("docs/glossary.md",), None, ("glossary",))],
        kept_text("Glossary, by hand"),
    ),
    Variant(
        "docs-page-at-glossary-entry-as-folder",
        lambda p: write(p, "docs/glossary/estmark/index.md", "# Estmark, by hand\n"),
        [
            Expect(
                "msg",
                ("docs/glossary/estmark/index.md", G + "countries/estmark.md"),
                None,
                (),
                all_paths=True,
            )
        ],
        kept_text("Estmark, by hand", "Estmark is a small coastal republic."),
    ),
    Variant(
        "docs-page-at-glossary-entry",
        lambda p: write(p, "docs/glossary/norland.md", "# Norland, by hand\n"),
        [Expect("msg", ("docs/glossary/norland.md", G + "countries/norland.md"), None, (), all_paths=True)],
        kept_text("Norland, by hand", "Norland shares the Alder estuary"),
    ),
    Variant(
        "docs-page-at-briefing",
        lambda p: write(p, "docs/briefings/transit-strike.md", "# Strike, by hand\n"),
        [Expect("msg", ("docs/briefings/transit-strike.md", f(B4)), None, (), all_paths=True)],
        kept_text("Strike, by hand", B4_BODY),
    ),
    # -- two entries with the same id ------------------------------------------------------
    Variant(
        "duplicate-entity-id",
        lambda p: write(
            p,
            G + "places/norland.md",
            "---\nname: Norland Province\nsummary: A province.\n---\n\nProvince body text.\n",
        ),
        [Expect("msg", (G + "places/norland.md", G + "countries/norland.md"), None, (), all_paths=True)],
        kept_text("Norland shares the Alder estuary", "Province body text."),
    ),
    # -- URLs that are not http(s) ---------------------------------------------------------
    Variant(
        "bad-url-links",
        lambda p: edit(
            p,
            ML,
            "  Campaign site: http://example.com/lindqvist",
            "  Campaign site: http://example.com/lindqvist\n  Archive: ftp://example.org/archive",
        ),
        [Expect("msg", (ML,), "Archive: ftp", ("ftp://example.org/archive",))],
        kept_on("glossary/mara-lindqvist/", "trained as a civil engineer"),
        group=True,
    ),
    Variant(
        "bad-url-source",
        lambda p: edit(
            p, f(B1), "  url: https://example.org/gazette/flood-plan", "  url: javascript:alert(1)"
        ),
        [Expect("msg", (f(B1),), "url: javascript", ("javascript:alert(1)",))],
        kept_text("won a clear majority on Monday"),
        group=True,
    ),
    # -- unclosed annotations --------------------------------------------------------------
    Variant(
        "unclosed-mention",
        lambda p: edit(p, f(B3), "[[city council]] expects", "[[city council expects"),
        [Expect("msg", (f(B3),), "[[city council expects")],
        kept_on(BRIEFINGS[B3].url, "The [[city council expects thousands of proposals"),
        group=True,
    ),
    Variant(
        "unclosed-quote",
        lambda p: edit(p, f(B3), '{by="Inès Varga"} said', '{by="Inès Varga" said'),
        [Expect("msg", (f(B3),), '{by="Inès Varga" said')],
        kept_on(
            BRIEFINGS[B3].url, '[“Every district will get its share,”]{by="Inès Varga" said the director'
        ),
        group=True,
    ),
]


@dataclass
class VariantResult:
    variant: Variant
    strict: Build | None = None
    lenient: Build | None = None
    lines: dict[str, set[int] | None] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)
    setup_error: str | None = None


def line_of(project: Path, rel: str, needle: str) -> int:
    text = (project / rel).read_text(encoding="utf-8")
    index = text.find(needle)
    assert index >= 0, f"{needle!r} not in {rel}"
    return text.count("\n", 0, index) + 1


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


PRISTINE = tree(SITE_SRC)


def prepare(base: Path, variant: Variant) -> VariantResult:
    result = VariantResult(variant)
    try:
        project = copy_site(base / variant.name / "strict")
        variant.mutate(project)
        mutated = tree(project)
        result.touched = {k for k in PRISTINE.keys() | mutated.keys() if PRISTINE.get(k) != mutated.get(k)}
        for e in variant.expects:
            if isinstance(e.line, str):
                lines = {line_of(project, e.paths[0], e.line)}
            elif isinstance(e.line, int):
                lines = {e.line}
            else:
                lines = None
            result.lines[e.key] = None if lines is None else lines | set(e.alt_lines)
        result.strict = Build(project, base / variant.name / "strict-site", 0, "")
    except Exception as exc:  # reported by this variant's tests, not as an error of all
        result.setup_error = f"{type(exc).__name__}: {exc}"
    return result


def lenient_alone(base: Path, r: VariantResult, cache: Path) -> Build:
    project = copy_site(base / r.variant.name / "lenient")
    r.variant.mutate(project)
    return run_mkdocs(project, strict=False, jinja_cache=cache)


@pytest.fixture(scope="session")
def variant_results(tmp_path_factory) -> dict[str, VariantResult]:
    base = tmp_path_factory.mktemp("variants")
    cache = tmp_path_factory.mktemp("jinja-cache")
    results = {v.name: prepare(base, v) for v in VARIANTS}
    ready = [r for r in results.values() if r.setup_error is None]
    # builds without --strict: shared by variants that touch disjoint files
    groups: list[list[VariantResult]] = []
    for r in ready:
        if not r.variant.group:
            groups.append([r])
            continue
        for g in groups:
            if g[0].variant.group and not any(r.touched & other.touched for other in g):
                g.append(r)
                break
        else:
            groups.append([r])

    def strict_job(r: VariantResult):
        r.strict = run_mkdocs(r.strict.project, strict=True, site_dir=r.strict.site, jinja_cache=cache)

    def lenient_job(g: list[VariantResult]):
        if len(g) == 1:
            g[0].lenient = lenient_alone(base, g[0], cache)
            return
        project = copy_site(base / f"group-{'+'.join(r.variant.name for r in g)[:80]}")
        for r in g:
            r.variant.mutate(project)
        build = run_mkdocs(project, strict=False, jinja_cache=cache)
        if build.returncode != 0 or "Traceback" in build.output:
            for r in g:  # attribute the failure: every member on its own
                r.lenient = lenient_alone(base, r, cache)
        else:
            for r in g:
                r.lenient = build

    jobs = [(lenient_job, g) for g in groups] + [(strict_job, r) for r in ready]
    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) + 1) as pool:
        for future in [pool.submit(fn, arg) for fn, arg in jobs]:
            future.result()
    return results


def get_result(variant_results, name: str) -> VariantResult:
    r = variant_results[name]
    if r.setup_error:
        pytest.fail(f"could not write the variant: {r.setup_error}")
    return r


def matching_lines(output: str, e: Expect, lines: set[int] | None) -> list[str]:
    out = []
    for text in output.splitlines():
        folded = text.casefold()
        for p in e.paths:
            for m in re.finditer(r"(?<![\w/.\\-])" + re.escape(p) + r":(\d+): ", text):
                if lines is not None and int(m.group(1)) not in lines:
                    continue
                if not all(k.casefold() in folded for k in e.keywords):
                    continue
                if e.all_paths and not all(q in text for q in e.paths):
                    continue
                out.append(text)
    return out


VARIANT_NAMES = [v.name for v in VARIANTS]
MESSAGE_CASES = [(v.name, e.key) for v in VARIANTS for e in v.expects]


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_error_fails_strict_build_without_traceback(variant_results, name):
    r = get_result(variant_results, name)
    assert r.strict.returncode != 0, f"--strict build succeeded:\n{r.strict.output}"
    assert "Traceback" not in r.strict.output, r.strict.output


@pytest.mark.parametrize("name,key", MESSAGE_CASES, ids=[f"{n}-{k}" for n, k in MESSAGE_CASES])
def test_error_message_path_line(variant_results, name, key):
    r = get_result(variant_results, name)
    e = next(e for e in r.variant.expects if e.key == key)
    lines = r.lines[key]
    found = matching_lines(r.strict.output, e, lines)
    want = f"{' / '.join(e.paths)}:{sorted(lines) if lines else '<any>'}: ... {' ... '.join(e.keywords)}"
    assert found, f"expected a line like {want!r} in:\n{r.strict.output}"


@pytest.mark.parametrize("name", VARIANT_NAMES)
def test_error_is_a_warning_without_strict(variant_results, name):
    r = get_result(variant_results, name)
    assert r.lenient.returncode == 0, f"build without --strict failed:\n{r.lenient.output}"
    assert "Traceback" not in r.lenient.output, r.lenient.output
    for e in r.variant.expects:
        found = [line for line in matching_lines(r.lenient.output, e, r.lines[e.key]) if "WARNING" in line]
        assert found, f"no WARNING line for {e.paths[0]} ({e.key}):\n{r.lenient.output}"


@pytest.mark.parametrize("name", [v.name for v in VARIANTS if v.kept])
def test_error_no_text_lost_without_strict(variant_results, name):
    r = get_result(variant_results, name)
    assert r.lenient.returncode == 0, f"build without --strict failed:\n{r.lenient.output}"
    r.variant.kept(r.lenient)
