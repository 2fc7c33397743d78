"""Reader v2, built for real: tags that lead to pages, and long lists split into light
pages whose archive keeps every item reachable."""

from __future__ import annotations

import re

import pytest
from sitebuild import MINIMAL_CONFIG, mkdocs_build, project, text_of

MORE_TAGS = {
    "briefings/2022-01-10-geneva-talks.md": """
        ---
        title: Talks in Geneva
        date: 2022-01-10
        summary: American and Russian diplomats meet.
        tags: [Russia, arms control]
        ---

        [[Russia]] asked for [[security guarantees]]. [[NATO]] was not at the table.
        """,
}


def links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory):
    build = mkdocs_build(project(tmp_path_factory.mktemp("tags"), MORE_TAGS), strict=True)
    assert build.code == 0, build.output
    return build


def test_a_tag_page_lists_every_briefing_with_the_tag_newest_first(tagged_site):
    html = tagged_site.article("tags/russia")
    assert "<h1>Tag: russia</h1>" in html  # 'Russia' and 'russia' are one tag
    titles = re.findall(r'class="briefing-list__title" href="[^"]+">([^<]+)<', html)
    assert titles == ["The NATO–Russia Council meets", "Talks in Geneva"]
    assert tagged_site.warnings == []


def test_the_tags_index_lists_every_tag_with_its_count(tagged_site):
    text = text_of(tagged_site.article("tags"))
    assert "arms control 1 briefing" in text
    assert "nato 1 briefing" in text and "russia 2 briefings" in text
    assert '<a class="briefing-tag" href="../tags/arms-control/">' in tagged_site.page("briefings")


def test_tag_chips_on_briefings_and_lists_are_links_to_their_tag_pages(tagged_site):
    briefing = tagged_site.article("briefings/geneva-talks")
    assert '<a class="briefing-tag" href="../../tags/arms-control/">arms control</a>' in briefing
    index = tagged_site.article("briefings")
    assert '<a class="briefing-tag" href="../tags/nato/">nato</a>' in index
    # Tag pages are lists: search finds each briefing on its own page, not here too.
    search = (tagged_site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"tags/' not in search


def test_with_materials_tags_plugin_the_tags_are_materials(tmp_path):
    config = MINIMAL_CONFIG.replace("  - search\n", "  - search\n  - tags\n")
    build = mkdocs_build(project(tmp_path, {**MORE_TAGS, "mkdocs.yml": config}), strict=True)
    assert build.code == 0, build.output
    assert not (build.site / "tags").exists()
    html = build.article("briefings/geneva-talks")
    assert re.search(r'<nav class="md-tags"[^>]*>\s*<span class="md-tag">\s*Russia', html)
    # Not a second system beside Material's: no chips of ours above the sections, no links.
    assert 'class="briefing-tag"' not in html.split('id="briefing-who"')[0]
    assert '<a class="briefing-tag"' not in build.page("briefings")


# -- light pages --------------------------------------------------------------------

SPLIT = MINIMAL_CONFIG.replace("  - briefing\n", "  - briefing:\n      latest: 1\n      per_page: 1\n")
# Two more briefings in another year, so that the archive has years and parts.
LATER = {
    "mkdocs.yml": SPLIT,
    "briefings/2023-05-02-vilnius.md": """
        ---
        title: Before Vilnius
        date: 2023-05-02
        tags: [nato]
        events:
          - date: 2023-05-02
            title: Ministers meet
            actors: [NATO]
        ---

        [[NATO]] prepares its summit; [[Russia]] objects.
        """,
    "briefings/2023-07-11-vilnius-summit.md": """
        ---
        title: The Vilnius summit
        date: 2023-07-11
        ---

        [[NATO]] met in Vilnius. [“Unity,”]{by="NATO"} it said.
        """,
}


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    build = mkdocs_build(project(tmp_path_factory.mktemp("split"), LATER), strict=True)
    assert build.code == 0, build.output
    return build


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def reachable_briefings(build, entry: str) -> set[str]:
    """The briefings that the 'Mentioned in' lists of an entry's page and of the archive
    pages it links to link to."""
    page = build.article(entry)
    pages = [page] + [build.article(f"{entry}/{h}") for h in links(section(page, "briefing-archive"))]
    hrefs = [
        h
        for p in pages
        if 'id="briefing-mentioned-in"' in p
        for h in links(section(p, "briefing-mentioned-in"))
    ]
    return {h.split("/")[-2] for h in hrefs}


def test_an_entry_page_shows_its_newest_mention_and_the_archive_holds_every_one(split_site):
    html = split_site.article("glossary/nato")
    mentions = html[html.index('id="briefing-mentioned-in"') : html.index('id="briefing-archive"')]
    assert links(mentions) == ["../../briefings/vilnius-summit/#mention-nato"]  # latest: 1
    archive = text_of(html[html.index('id="briefing-archive"') :].split("</section>")[0])
    assert archive.endswith("2023 2023 (2) 2022 2022 (2)")  # one per page
    every = {"vilnius-summit", "vilnius", "nato-russia-council", "geneva-talks"}
    assert reachable_briefings(split_site, "glossary/nato") == every
    year = split_site.article("glossary/nato/2022-2")
    assert '<span aria-current="page">2022 (2)</span>' in year
    assert '<a href="../">NATO</a>' in year  # the way back up


def test_the_briefings_index_and_the_timeline_split_by_year(split_site):
    index = split_site.article("briefings")
    assert re.findall(r'class="briefing-list__title"[^>]*>([^<]+)<', index) == ["The Vilnius summit"]
    assert '<a href="archive/2022/">2022</a>' in index
    assert "Talks in Geneva" in split_site.article("briefings/archive/2022-3")
    timeline = split_site.article("timeline")
    assert "Ministers meet" in timeline and "Strategic stability dialogue" not in timeline
    assert "A month of talks" in split_site.article("timeline/2022")
    assert split_site.warnings == []


# -- the table of contents ----------------------------------------------------------


def toc_of(build, url: str) -> list[tuple[str, str]]:
    """(anchor, title) of each item of Material's right-hand table of contents."""
    html = build.page(url)
    start = html.index('class="md-nav md-nav--secondary"')
    nav = html[start : html.index("</nav>", start)]
    return [
        (a, " ".join(t.split())) for a, t in re.findall(r'href="#([^"]+)"[^>]*>\s*<span[^>]*>([^<]+)<', nav)
    ]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("briefings/nato-russia-council", ["Who and what", "Events", "Related briefings"]),
        ("glossary/jens-stoltenberg", ["Quotes", "Mentioned in", "Appears with", "Network"]),
        ("glossary", ["People", "Organizations", "Countries", "Places", "Concepts"]),
        ("timeline", ["January 2022"]),
    ],
)
def test_the_table_of_contents_lists_the_generated_sections(small_site, url, expected):
    toc = toc_of(small_site, url)
    assert [title for _, title in toc] == expected
    article = small_site.article(url)
    for anchor, _ in toc:  # each leads to its section's heading
        assert re.search(rf'<h2 id="{anchor}"', article), anchor


def test_an_entry_pages_table_of_contents_lists_its_archive(split_site):
    assert [t for _, t in toc_of(split_site, "glossary/nato")] == [
        "Quotes",
        "Mentioned in",
        "Archive",
        "Appears with",
        "Network",
        "Events",
    ]
