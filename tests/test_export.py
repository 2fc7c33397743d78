"""``briefing export``: the whole site as standard Markdown, built by engines without the
plugin, and the same site built by ProperDocs with the plugin.

The equivalence tests build each site twice: with the plugin, and from its export (with
plain MkDocs + Material under ``--strict``, and with Zensical). For every generated page
they compare what a reader gets in the article: the pages it links to, the hover texts
of its mentions and quote speakers, and its visible text. The gaps the author guide's
table of features × engines declares ("Publishing without the plugin") are the only
ones allowed: that table is read here, and each of its "no" cells is checked to be a
real gap, and each "yes" to hold.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from sitebuild import ROOT, SMALL_SITE, write

BIN = Path(sys.executable).parent
BRIEFING = BIN / "briefing"  # the console script pip installed
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CONFORMANCE = ROOT / "tests" / "conformance" / "site"
GENERATED = re.compile(r"^(?:index\.html|(?:briefings|glossary|timeline|network)/.*\.html)$")


def run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, env={**ENV, **env})


def export(config: Path, out: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run([str(BRIEFING), "export", str(out), "-f", str(config), *args], config.parent, **env)


# -- reading a built page ----------------------------------------------------------------


class _Article(HTMLParser):
    """The article of a page (Material's and Zensical's ``md-content__inner``): its
    links, the hover texts of mentions and quote speakers, its visible text."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside, self.skip = False, 0
        self.text: list[str] = []
        self.links: list[str] = []
        self.hovers: list[str | None] = []
        self.jsonld: list[str] = []
        self.head_feeds: list[str] = []
        self._script = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "link" and "feed" in (a.get("rel") or ""):
            self.head_feeds.append(a.get("href") or "")
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script = "jsonld"
        if tag == "article" and "md-content__inner" in cls:
            self.inside = True
        if not self.inside:
            return
        if tag in ("script", "style"):
            self.skip += 1
        href = a.get("href") or a.get("xlink:href")
        if tag == "a" and href is not None:
            self.links.append(href)
        if tag == "a" and ("briefing-mention" in cls or "briefing-quote__by" in cls):
            self.hovers.append(a.get("title"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = ""
        if not self.inside:
            return
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "article":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self._script == "jsonld":
            self.jsonld.append(data)
        if self.inside and not self.skip:
            self.text.append(data)


@dataclass(frozen=True)
class Reading:
    pages: frozenset[str]  # what the article links to: site paths, or external URLs
    hovers: tuple[str | None, ...]
    text: str
    jsonld: tuple[object, ...]
    head_feeds: int


def read(site: Path, rel: str) -> Reading:
    parser = _Article()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    base = "https://site.invalid/" + (rel.rsplit("/", 1)[0] + "/" if "/" in rel else "")
    pages = set()
    for href in parser.links:
        url = urlsplit(urljoin(base, href))
        pages.add(url.path.removesuffix("index.html") if url.netloc == "site.invalid" else url.geturl())
    return Reading(
        frozenset(pages),
        tuple(parser.hovers),
        " ".join(" ".join(parser.text).split()),
        tuple(json.loads(j) for j in parser.jsonld),
        len(parser.head_feeds),
    )


def generated_pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p for p in pages if GENERATED.match(p)]


# -- the features × engines table of the author guide --------------------------------------

ENGINES = ("MkDocs + plugin", "ProperDocs + plugin", "export on MkDocs", "export on Zensical")


def guide_table() -> dict[str, dict[str, str]]:
    """Feature -> engine -> cell, from the guide's section "Publishing without the plugin"."""
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = guide.split("## Publishing without the plugin", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert tuple(header[1:]) == ENGINES, header
    table = {}
    for row in rows[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        table[cells[0]] = dict(zip(ENGINES, cells[1:], strict=True))
    return table


FEED_LINKS = "Feed links in the page's `<head>`"
JSONLD = "Structured data (JSON-LD)"
SAME_PAGES = "Every page at its URL, with the same text, links and hover texts"


def keeps(feature: str, engine: str) -> bool:
    return not guide_table()[feature][engine].lower().startswith("no")


# -- building the twins ---------------------------------------------------------------------


@dataclass
class Twins:
    plugin: Path  # the site built with the plugin
    sites: dict[str, Path]  # engine -> the export built by it
    out: Path  # the export


def twins(config: Path, tmp: Path) -> Twins:
    plugin = tmp / "plugin"
    built = run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(plugin)], config.parent
    )
    assert built.returncode == 0, built.stderr
    out = tmp / "export"
    result = export(config, out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    mkdocs_site = tmp / "export-mkdocs"
    strict = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(mkdocs_site)], out)
    assert strict.returncode == 0, strict.stderr
    assert "WARNING" not in strict.stderr, strict.stderr
    zensical = run([str(BIN / "zensical"), "build"], out)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    assert "No issues found" in zensical.stdout + zensical.stderr, zensical.stdout + zensical.stderr
    return Twins(plugin, {"export on MkDocs": mkdocs_site, "export on Zensical": out / "site"}, out)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Twins:
    return twins(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="module")
def conformance(tmp_path_factory: pytest.TempPathFactory) -> Twins:
    return twins(CONFORMANCE / "mkdocs.yml", tmp_path_factory.mktemp("conformance"))


# A site whose sources hold everything that must be escaped where it lands, and each
# annotation the export rewrites: quotes (marked, bare, nested), an attributed block
# quote with a lazy '--' line, editor's notes, a mention in link text, an escaped one, a
# briefing named by its stem, an unknown speaker, a link to a generated page.
HOSTILE = {
    **SMALL_SITE,
    "briefings/glossary/people/ann-o-hara.md": """
        ---
        name: Ann "Nan" O'Hara <script>alert(1)</script>
        short: O'Hara *
        aliases: [Ann O'Hara]
        summary: 'A \\*backslash\\* & AT&amp;T, [brackets](x) | "quotes" <b>not bold</b>.'
        ---
        """,
    "briefings/2022-01-14-hostile.md": """
        ---
        title: 'A *title* with [brackets] & <i>tags</i>'
        date: 2022-01-14
        summary: '"Quoted" summary & more'
        ---

        [[Ann O'Hara]] met [[NATO|the *Alliance*]][^a] and [see [[Russia]]](https://example.org)
        and \\[[not a mention]] and `[[code]]`. [[2022-01-13-osce]] came first.

        [“Nothing [is] agreed,”]{by="Ann O'Hara"} she said; [a bare *quote*]{by="Jens Stoltenberg"}
        and [outer [inner]{by="Russia"} words]{by="NATO"}.

        > Doors stay open.
        -- [[Ann O'Hara]]

        See also [the glossary](../glossary/index.md), [NATO's page](../glossary/nato.md) and [[Brussels]].

        | who | where |
        | --- | --- |
        | [[Ann O'Hara]] | [[Brussels]], after [[2022-01-13-osce]] |

        [^a]: An editor's note with [[Brussels]].
        """,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Twins:
    root = tmp_path_factory.mktemp("hostile")
    write(root / "site", {k: v for k, v in HOSTILE.items()})
    return twins(root / "site" / "mkdocs.yml", root)


# A site with what a desk adds of its own: a theme override folder, hand-written pages
# and briefings that link to generated pages and images by path, with and without
# directory URLs.
OWN = {
    **SMALL_SITE,
    "mkdocs.yml": "site_name: Test\ntheme:\n  name: material\n  custom_dir: overrides\n"
    "plugins:\n  - search\n  - briefing\n"
    "nav:\n  - index.md\n  - about.md\n  - Glossary: glossary/index.md\n  - NATO: glossary/nato.md\n",
    "overrides/main.html": "{% extends 'base.html' %}\n{% block announce %}From the override{% endblock %}\n",
    "docs/about.md": "# About\n\nSee [NATO's page](glossary/nato.md), [the talks](briefings/geneva-talks.md) "
    "and ![logo](img/logo.svg).\n",
    "docs/img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "briefings/2022-01-10-geneva-talks.md": "---\ntitle: Talks in Geneva\ndate: 2022-01-10\n---\n\n"
    "[[Russia]] asked. See [the about page](../about.md), [NATO](../glossary/nato.md#briefing-mentioned-in) "
    "and ![logo](../img/logo.svg).\n",
}


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "html-urls"])
def own(request, tmp_path_factory: pytest.TempPathFactory) -> Twins:
    root = tmp_path_factory.mktemp("own")
    files = dict(OWN)
    if not request.param:
        files["mkdocs.yml"] += "use_directory_urls: false\n"
    write(root / "site", files)
    return twins(root / "site" / "mkdocs.yml", root)


# -- equivalence ------------------------------------------------------------------------------


def assert_equivalent(t: Twins, engine: str) -> int:
    pages = generated_pages(t.plugin)
    assert pages, "the plugin built no generated page"
    for rel in pages:
        assert (t.sites[engine] / rel).is_file(), f"{engine}: no {rel}"
        ours, theirs = read(t.plugin, rel), read(t.sites[engine], rel)
        assert theirs.pages == ours.pages, (rel, sorted(ours.pages ^ theirs.pages))
        assert theirs.hovers == ours.hovers, rel
        assert theirs.text == ours.text, rel
    return len(pages)


@pytest.mark.parametrize("engine", ["export on MkDocs", "export on Zensical"])
def test_the_real_site_and_its_export_agree_on_every_generated_page(real, engine):
    assert keeps(SAME_PAGES, engine)
    assert assert_equivalent(real, engine) > 80


@pytest.mark.parametrize("engine", ["export on MkDocs", "export on Zensical"])
def test_the_conformance_site_and_its_export_agree_on_every_generated_page(conformance, engine):
    assert assert_equivalent(conformance, engine) > 25


@pytest.mark.parametrize("engine", ["export on MkDocs", "export on Zensical"])
def test_what_sources_hold_is_escaped_and_rewritten_as_the_plugin_shows_it(hostile, engine):
    assert_equivalent(hostile, engine)
    page = read(hostile.sites[engine], "briefings/hostile/index.html")
    assert page.hovers[0] == (
        'Ann "Nan" O\'Hara <script>alert(1)</script> — '
        'A \\*backslash\\* & AT&amp;T, [brackets](x) | "quotes" <b>not bold</b>.'
    )
    assert "see [[Russia]]" in page.text and "[[not a mention]]" in page.text and "[[code]]" in page.text
    assert "The OSCE talks end came first" in page.text  # a briefing's stem shows its title
    assert "/glossary/brussels/" in page.pages and "/glossary/russia/" in page.pages
    html = (hostile.sites[engine] / "briefings/hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<b>not bold" not in html and "<i>tags" not in html


@pytest.mark.parametrize("engine", ["export on MkDocs", "export on Zensical"])
def test_a_sites_own_links_overrides_and_url_style_are_kept(own, engine):
    assert assert_equivalent(own, engine) > 10
    about = next(p for p in ("about/index.html", "about.html") if (own.plugin / p).is_file())
    assert read(own.sites[engine], about).pages == read(own.plugin, about).pages
    assert "From the override" in (own.sites[engine] / about).read_text(encoding="utf-8")


def test_ids_of_mentions_and_quotes_are_those_the_plugin_gives(hostile):
    """*Mentioned in* and *Quotes* link to ids on briefing pages: the export has each one."""

    def ids(site: Path) -> set[str]:
        html = (site / "briefings/hostile/index.html").read_text(encoding="utf-8")
        return set(re.findall(r'id="((?:mention|quote)-[^"]*)"', html))

    ours = ids(hostile.plugin)
    assert {"mention-ann-o-hara", "quote-1", "quote-4"} <= ours
    for site in hostile.sites.values():
        assert ids(site) == ours


@pytest.mark.parametrize("engine", ["export on MkDocs", "export on Zensical"])
def test_feeds_and_graph_are_the_plugins_files(real, engine):
    files = ["feed.xml", "graph.json", "glossary/nato/feed.xml", "schema/graph-1.0.schema.json"]
    for rel in files:
        assert (real.sites[engine] / rel).read_bytes() == (real.plugin / rel).read_bytes(), rel


@pytest.mark.parametrize("engine", ["export on MkDocs", "export on Zensical"])
def test_head_features_are_kept_or_missing_as_the_guide_says(real, engine):
    for rel in ("briefings/finland-joins-nato/index.html", "glossary/nato/index.html"):
        ours, theirs = read(real.plugin, rel), read(real.sites[engine], rel)
        assert ours.jsonld and ours.head_feeds >= 1
        assert (theirs.jsonld == ours.jsonld) == keeps(JSONLD, engine)
        assert (theirs.head_feeds == ours.head_feeds) == keeps(FEED_LINKS, engine)


# -- ProperDocs --------------------------------------------------------------------------------


def test_properdocs_builds_the_real_site_with_the_plugin_as_mkdocs_does(real, tmp_path):
    site = tmp_path / "properdocs"
    result = run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)], ROOT)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    t = Twins(real.plugin, {"ProperDocs + plugin": site}, real.out)
    assert assert_equivalent(t, "ProperDocs + plugin") > 80
    for rel in ("briefings/finland-joins-nato/index.html", "glossary/nato/index.html"):
        ours, theirs = read(real.plugin, rel), read(site, rel)
        assert theirs.jsonld == ours.jsonld and keeps(JSONLD, "ProperDocs + plugin")
        assert theirs.head_feeds == ours.head_feeds >= 1 and keeps(FEED_LINKS, "ProperDocs + plugin")


# -- the command -------------------------------------------------------------------------------


def test_an_export_names_no_path_of_its_machine_and_links_relatively(real):
    written = (real.out / ".briefing-export").read_text(encoding="utf-8").splitlines()[1:]
    assert "mkdocs.yml" in written and len(written) > 150
    for path in (real.out / rel for rel in written):
        text = path.read_text(encoding="utf-8", errors="replace")
        for machine in (str(ROOT), str(real.out), str(Path.home())):
            assert machine not in text, (path, machine)
        if path.suffix == ".md":
            assert not re.search(r'(?:href="|\]\()/(?!/)', text), path


def test_two_exports_are_byte_identical(tmp_path):
    config = CONFORMANCE / "mkdocs.yml"
    first, second = tmp_path / "a", tmp_path / "b"
    assert export(config, first, PYTHONHASHSEED="1").returncode == 0
    assert export(config, second, PYTHONHASHSEED="2").returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert len(files) > 30
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_a_folder_that_is_not_an_export_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = export(CONFORMANCE / "mkdocs.yml", out)
    assert result.returncode == 1
    assert (
        "is not empty and is not a previous export" in result.stderr
        and "nothing was written" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_a_previous_export_is_replaced_and_a_built_site_in_it_kept(tmp_path):
    root = tmp_path / "src"
    write(root, SMALL_SITE)
    out = tmp_path / "out"
    assert export(root / "mkdocs.yml", out).returncode == 0
    assert (out / "docs/briefings/geneva-talks/index.md").is_file()
    (out / "site").mkdir()
    (out / "site/index.html").write_text("built")
    (root / "briefings/2022-01-10-geneva-talks.md").unlink()
    again = export(root / "mkdocs.yml", out)
    assert again.returncode == 0, again.stderr
    assert not (out / "docs/briefings/geneva-talks").exists()  # gone with its source
    assert (out / "docs/briefings/osce/index.md").is_file()
    assert (out / "site/index.html").read_text() == "built"


def test_problems_are_reported_at_their_line_and_strict_writes_nothing(tmp_path):
    root = tmp_path / "src"
    write(
        root,
        {
            **SMALL_SITE,
            "briefings/2022-01-10-geneva-talks.md": "---\ntitle: T\ndate: 2022-01-10\n---\n\n[[Nobody]]\n",
        },
    )
    out = tmp_path / "out"
    result = export(root / "mkdocs.yml", out)
    assert result.returncode == 0
    assert "briefings/2022-01-10-geneva-talks.md:6: unknown reference 'Nobody'" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Nobody" in (out / "docs/briefings/geneva-talks/index.md").read_text()  # text kept
    strict_out = tmp_path / "strict"
    strict = export(root / "mkdocs.yml", strict_out, "--strict")
    assert strict.returncode == 1 and "nothing was written" in strict.stderr
    assert not strict_out.exists()


@pytest.mark.parametrize(
    ("config", "message", "code"),
    [
        (
            "site_name: Test\n  bad: indent\n",
            "mkdocs.yml:2: not valid YAML: mapping values are not allowed",
            2,
        ),
        ("- just\n- a list\n", "mkdocs.yml: not a mapping of settings", 2),
    ],
    ids=["yaml", "not-a-mapping"],
)
def test_a_broken_mkdocs_yml_is_a_message_not_a_traceback(tmp_path, config, message, code):
    (tmp_path / "mkdocs.yml").write_text(config)
    result = export(tmp_path / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == code, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_config_file_is_named(tmp_path):
    result = export(tmp_path / "nowhere.yml", tmp_path / "out")
    assert result.returncode == 2 and "nowhere.yml: no such file" in result.stderr


def test_the_export_never_writes_into_its_own_sources(tmp_path):
    root = tmp_path / "src"
    write(root, SMALL_SITE)
    for inside in (root, root / "docs" / "export", root / "briefings"):
        result = export(root / "mkdocs.yml", inside)
        assert result.returncode == 1 and "inside the site's own sources" in result.stderr
    assert not (root / "docs" / "export").exists()


def test_export_is_listed_in_the_help():
    result = run([str(BRIEFING), "--help"], ROOT)
    assert "export" in result.stdout


@pytest.fixture(autouse=True, scope="module")
def _zensical_installed():
    if shutil.which("zensical", path=str(BIN)) is None:
        pytest.fail("zensical is not installed: pip install -r requirements-dev.txt")
