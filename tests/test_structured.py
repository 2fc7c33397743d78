"""What the site publishes for other tools: JSON-LD, Atom feeds, the graph export."""

from __future__ import annotations

import json
import re

import feedparser
import jsonschema
import pytest
from sitebuild import ROOT, SMALL_SITE, mkdocs_build, project

SCHEMA = json.loads((ROOT / "docs/schema/graph-1.1.schema.json").read_text())
EVIL = "</script><script>alert(1)</script><b>bold</b>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("structured")
    config = SMALL_SITE["mkdocs.yml"].replace(
        "site_name: Test", "site_name: Test\nsite_url: https://example.org/news/"
    )
    osce = SMALL_SITE["briefings/2022-01-13-osce.md"].replace(
        "related: [2022-01-10-geneva-talks]",
        f"related: [2022-01-10-geneva-talks]\n        about: [Russia]\n        summary: '{EVIL}'\n"
        "        source:\n          publisher: Agency\n          url: https://example.org/src\n"
        "        tags: [talks]",
    )
    nato = f"""
        ---
        name: NATO
        aliases: ['{EVIL}']
        summary: Military alliance of North American and European states, founded in 1949.
        wikidata: Q7184
        links:
          Official site: https://www.nato.int/
        ---
        """
    build = mkdocs_build(
        project(
            root,
            {
                "mkdocs.yml": config,
                "briefings/2022-01-13-osce.md": osce,
                "briefings/glossary/organizations/nato.md": nato,
            },
        ),
        strict=True,
    )
    assert build.code == 0, build.output
    return build


def jsonld(html: str) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_a_briefing_carries_a_news_article(site):
    article = jsonld(site.page("briefings/osce"))
    assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
    assert article["headline"] == "The OSCE talks end"
    assert article["datePublished"] == "2022-01-13" and article["dateModified"] == "2022-01-13"
    assert article["url"] == "https://example.org/news/briefings/osce/"
    assert article["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": "https://example.org/src",
        "publisher": {"@type": "Organization", "name": "Agency"},
    }
    assert article["about"] == [
        {"@type": "Country", "name": "Russia", "url": "https://example.org/news/glossary/russia/"}
    ]
    assert [(m["@type"], m["name"]) for m in article["mentions"]] == [("Person", "Jens Stoltenberg")]
    assert article["keywords"] == ["talks"] and article["description"] == EVIL


def test_an_entity_page_carries_its_typed_item_with_same_as(site):
    item = jsonld(site.page("glossary/nato"))
    assert item["@type"] == "Organization" and item["name"] == "NATO"
    assert item["url"] == "https://example.org/news/glossary/nato/"
    assert item["sameAs"] == ["https://www.nato.int/", "https://www.wikidata.org/wiki/Q7184"]
    assert item["alternateName"] == [EVIL]
    person = jsonld(site.page("glossary/jens-stoltenberg"))
    assert person["@type"] == "Person" and "sameAs" not in person


def test_markup_in_sources_cannot_close_the_script_element(site):
    for url in ("briefings/osce", "glossary/nato"):
        html = site.page(url)
        body = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
        assert "<" not in body and ">" not in body
        assert "<script>alert" not in html


def test_the_site_feed_lists_every_briefing_newest_first(site):
    feed = feedparser.parse((site.site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Test"
    assert [e.title for e in feed.entries] == [
        "The OSCE talks end",
        "The NATO–Russia Council meets",
        "Talks in Geneva",
    ]
    first = feed.entries[0]
    assert first.link == "https://example.org/news/briefings/osce/"
    assert first.summary == EVIL  # as text: escaped in the XML, unescaped by the parser
    assert [t.term for t in first.tags] == ["talks"]
    assert first.published.startswith("2022-01-13")
    assert "<script>" not in (site.site / "feed.xml").read_text()


def test_each_entity_has_a_feed_linked_from_its_page(site):
    html = site.page("glossary/nato")
    assert (
        '<link rel="alternate feed" type="application/atom+xml" '
        'title="NATO: every briefing that mentions it" href="feed.xml">' in html
    )
    feed = feedparser.parse((site.site / "glossary/nato/feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["The NATO–Russia Council meets", "Talks in Geneva"]


def test_the_graph_export_validates_and_holds_everything(site):
    graph = json.loads((site.site / "graph.json").read_text())
    jsonschema.validate(graph, SCHEMA)
    assert graph["version"] == "1.1"
    assert [e["id"] for e in graph["entities"]] == [
        "brussels",
        "jens-stoltenberg",
        "nato",
        "russia",
        "security-guarantees",
    ]
    assert {(m["briefing"], m["entity"]) for m in graph["mentions"]} >= {
        ("2022-01-12-nato-russia-council", "jens-stoltenberg"),
        ("2022-01-13-osce", "russia"),
    }
    assert any(m["sentence"] == "Stoltenberg chaired the meeting." for m in graph["mentions"])
    assert [q["text"] for q in graph["quotes"]] == ["“We are ready to talk,”", "No door should be closed."]
    assert [e["title"] for e in graph["events"]][:2] == ["A month of talks", "Strategic stability dialogue"]
    stoltenberg = next(e for e in graph["entities"] if e["id"] == "jens-stoltenberg")
    assert stoltenberg["roles"][0] == {
        "title": "Secretary General",
        "of": "nato",
        "from": "2014-10-01",
        "to": "2024-10-01",
    }


def test_the_real_sites_graph_validates(tmp_path):
    build = mkdocs_build(ROOT, strict=True)
    assert build.code == 0, build.output
    graph = json.loads((build.site / "graph.json").read_text())
    jsonschema.validate(graph, SCHEMA)
    assert len(graph["briefings"]) >= 9
