"""Whole-site builds through the real ``mkdocs build``: what each kind of page shows."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser

import pytest
from sitebuild import ROOT, mkdocs_build, project, text_of


class _Injections(HTMLParser):
    """Finds an injected <script> or an injected event-handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.data_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"{tag} {name}" for name, _ in attrs if name == "onmouseover"]
        self.data_script = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        # Text inside a JSON-LD block is data (escaped there); anywhere else it would run.
        if self.lasttag == "script" and not self.data_script and "alert(" in data:
            self.found.append("script")


def injected(text: str) -> list[str]:
    if "<script>alert" in text:  # in JSON too, where the parser sees only text
        return ["script"]
    parser = _Injections()
    parser.feed(text)
    return parser.found


def section(html: str, heading_id: str) -> str:
    """One of the sections after the text, from its heading to its end."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_every_page_is_where_the_spec_puts_it(small_site):
    for url in [
        "briefings/nato-russia-council",
        "briefings/geneva-talks",
        "briefings/osce",
        "glossary/nato",
        "glossary/jens-stoltenberg",
        "glossary",
        "briefings",
        "timeline",
    ]:
        assert (small_site.site / url / "index.html").is_file(), url
    assert small_site.warnings == []


def test_sources_are_not_written_into_and_nothing_is_left_behind(small_site):
    assert sorted(p.name for p in (small_site.root / "docs").iterdir()) == ["index.md"]
    assert not list(small_site.root.glob("briefings/**/*.html"))


def test_a_briefing_page_shows_header_linked_mentions_quotes_and_what_follows(small_site):
    html = small_site.article("briefings/nato-russia-council")
    assert "<h1>The NATO–Russia Council meets</h1>" in html
    assert '<time datetime="2022-01-12">12 January 2022</time>' in html
    assert "The council meets in Brussels for the first time since 2019." in html
    # A mention: linked, with the entry's name and summary on hover.
    assert re.search(
        r'<a class="briefing-mention briefing-mention--people" data-entity="jens-stoltenberg" '
        r'data-role="Secretary General, NATO" href="../../glossary/jens-stoltenberg/" '
        r'id="mention-jens-stoltenberg" title="Jens Stoltenberg — Secretary General, NATO. '
        r'Norwegian politician, NATO Secretary General from 2014 to 2024.">Stoltenberg</a>',
        html,
    )
    assert '<q class="briefing-quote" id="quote-1">“We are ready to talk,”</q>' in html
    who = text_of(section(html, "briefing-who"))
    assert "People Jens Stoltenberg" in who and "Organizations NATO" in who and "Countries Russia" in who
    assert "Places Brussels" in who
    events = section(html, "briefing-events")
    assert "NATO–Russia Council" in text_of(events)


def test_related_briefings_list_first_then_shared_entities_then_newest(small_site):
    html = small_site.article("briefings/osce")
    related = text_of(section(html, "briefing-related"))
    assert related.index("Talks in Geneva") < related.index("The NATO–Russia Council meets")


def test_a_briefing_named_by_its_stem_shows_its_title(small_site):
    html = small_site.article("briefings/osce")
    assert 'href="../nato-russia-council/"' in html
    assert ">The NATO–Russia Council meets</a>, the week ended" in html


def test_an_entity_page_leads_with_its_summary_then_roles_links_body_and_record(small_site):
    html = small_site.article("glossary/jens-stoltenberg")
    text = text_of(html)
    assert text.startswith(
        "Jens Stoltenberg Norwegian politician, NATO Secretary General from 2014 to 2024. Person"
    )
    assert "Secretary General, NATO 1 October 2014 – 1 October 2024" in text
    assert "Prime Minister of Norway 2005 – October 2013" in text
    assert text.index("Former prime minister") > text.index("Prime Minister of Norway")
    quotes = text_of(section(html, "briefing-quotes"))
    assert quotes.index("No door should be closed.") < quotes.index("We are ready to talk")  # newest first
    mentioned = section(html, "briefing-mentioned-in")
    assert 'href="../../briefings/osce/#mention-jens-stoltenberg"' in mentioned
    assert "The NATO allies met Russia in Brussels." not in mentioned  # not his sentence
    assert "Stoltenberg chaired the meeting." in text_of(mentioned)


def test_mentioned_in_has_one_row_per_briefing_newest_first_without_glossary_bodies(small_site):
    html = small_site.article("glossary/nato")
    rows = re.findall(r'<li>\s*<a href="([^"]+)">', section(html, "briefing-mentioned-in"))
    assert rows == [
        "../../briefings/nato-russia-council/#mention-nato",
        "../../briefings/geneva-talks/#mention-nato",
    ]
    assert "Official site" in html and 'href="https://www.nato.int/"' in html
    # The NATO entry's body mentions Stoltenberg, which must not count as a briefing.
    person = small_site.article("glossary/jens-stoltenberg")
    assert "nato/" not in section(person, "briefing-mentioned-in")


def test_appears_with_counts_shared_briefings(small_site):
    html = small_site.article("glossary/russia")
    listed = html[html.index('<ul class="briefing-appears-with">') :]
    appears = text_of(listed[: listed.index("</ul>")])
    # Ties (two briefings each) go A–Z.
    assert appears.startswith("Jens Stoltenberg 2 briefings NATO 2 briefings Brussels 1 briefing")


def test_the_glossary_index_groups_by_kind_a_to_z_with_counts(small_site):
    text = text_of(small_site.article("glossary"))
    assert text.index("People") < text.index("Organizations") < text.index("Countries")
    assert "Russia 3 briefings Country spanning eastern Europe and northern Asia." in text
    assert "security guarantees 1 briefing" in text


def test_the_briefings_index_is_newest_first_with_dates_summaries_and_tags(small_site):
    text = text_of(small_site.article("briefings"))
    assert (
        text.index("The OSCE talks end")
        < text.index("The NATO–Russia Council meets")
        < text.index("Talks in Geneva")
    )
    assert "The NATO–Russia Council meets 12 January 2022 The council meets in Brussels" in text
    assert "nato russia" in text


def test_the_timeline_is_in_date_order_with_months_before_their_days(small_site):
    html = small_site.article("timeline")
    text = text_of(html)
    assert text.index("January 2022 A month of talks") < text.index("10 January 2022 Strategic stability")
    assert text.index("Strategic stability") < text.index("12 January 2022 NATO–Russia Council")
    assert 'href="../glossary/brussels/"' in html and 'href="../briefings/nato-russia-council/"' in html


def test_search_finds_entities_by_name_and_alias(small_site):
    index = json.loads((small_site.site / "search/search_index.json").read_text())
    texts = {doc["location"]: doc["title"] + " " + doc["text"] for doc in index["docs"]}
    assert "North Atlantic Treaty Organization" in texts["glossary/nato/"]
    assert "Talks in Geneva" in texts["briefings/geneva-talks/"]


def test_the_minimal_config_turns_on_what_the_annotations_need(small_site):
    html = small_site.page("briefings/osce")
    assert '"content.tooltips"' in html and '"content.footnote.tooltips"' in html
    assert "assets/briefing/briefing.css" in html


def test_the_real_site_builds_strictly():
    build = mkdocs_build(ROOT, strict=True)
    assert build.code == 0, build.output
    assert build.warnings == []


def test_front_matter_values_are_escaped_everywhere(tmp_path):
    evil = '<script>alert(1)</script>" onmouseover="x'
    root = project(
        tmp_path,
        {
            "briefings/glossary/places/brussels.md": f"""
                ---
                name: 'Brussels {evil}'
                aliases: ['{evil}']
                summary: 'A city {evil}'
                roles:
                  - title: 'Capital {evil}'
                ---
                """,
            "briefings/2022-01-10-geneva-talks.md": f"""
                ---
                title: 'Talks {evil}'
                date: 2022-01-10
                summary: 'Sum {evil}'
                tags: ['{evil}']
                source:
                  publisher: 'Pub {evil}'
                  url: 'https://example.org/?q="><script>alert(2)</script>'
                events:
                  - date: 2022-01-10
                    title: 'Event {evil}'
                    place: Brussels
                ---

                We met in [[Brussels]] ([[2022-01-10-geneva-talks]]).
                """,
        },
    )
    build = mkdocs_build(root, strict=True)
    assert build.code == 0, build.output
    leaks = [
        p.relative_to(build.site).as_posix()
        for p in build.site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml") and injected(p.read_text())
    ]
    assert leaks == []
    assert "Talks &lt;script&gt;alert(1)&lt;/script&gt;" in build.page("briefings/geneva-talks")


def test_the_hover_says_the_role_held_on_the_briefings_date(tmp_path):
    later = """
        ---
        title: After his term
        date: 2025-03-01
        ---

        [[Jens Stoltenberg]] spoke, and [[NATO]] listened.
        """
    build = mkdocs_build(project(tmp_path, {"briefings/2025-03-01-later.md": later}), strict=True)
    assert build.code == 0, build.output

    def hover(url: str) -> str:
        return re.search(r'id="mention-jens-stoltenberg" title="([^"]*)"', build.page(url)).group(1)

    assert hover("briefings/nato-russia-council").startswith("Jens Stoltenberg — Secretary General, NATO. ")
    assert hover("briefings/later").startswith("Jens Stoltenberg — former Secretary General, NATO. ")
    assert 'title="NATO — Military alliance' in build.page("briefings/later")  # no roles: name and summary


def test_entity_pages_and_the_network_page_draw_who_appears_with_whom(small_site):
    html = small_site.article("glossary/russia")
    svg = html[html.index("<svg") : html.index("</svg>")]
    # The centre and its neighbours, each a link to its page; a line per shared tie.
    assert 'briefing-network__node--centre">' in svg  # the page itself, not a link
    assert re.findall(r'<a xlink:href="([^"]+)" class="briefing-network__node', svg)[:4] == [
        "../jens-stoltenberg/",
        "../nato/",
        "../brussels/",
        "../security-guarantees/",
    ]
    assert svg.count("<line ") == 4 and "Russia and NATO: 2 briefings" in svg
    network = small_site.article("network")
    assert network.count('" class="briefing-network__node') == 10  # circle and label; the legend aside
    assert '<a xlink:href="../glossary/nato/" class="briefing-network__node' in network


def test_the_network_layout_is_repeatable_and_draws_tied_entities_together():
    from briefing_site.render.network import spring_layout

    # Two groups of three, each tied within (10 briefings a pair), one weak tie across.
    weights = [[0] * 6 for _ in range(6)]
    for group in ((0, 1, 2), (3, 4, 5)):
        for a in group:
            for b in group:
                weights[a][b] = 10 if a != b else 0
    weights[2][3] = weights[3][2] = 1
    pos = spring_layout(weights, k=0.5, seed=7, iterations=200)
    assert pos == spring_layout(weights, k=0.5, seed=7, iterations=200)

    def far(a: int, b: int) -> float:
        return math.dist(pos[a], pos[b])

    within = max(far(a, b) for g in ((0, 1, 2), (3, 4, 5)) for a in g for b in g)
    across = min(far(a, b) for a in (0, 1, 2) for b in (3, 4, 5))
    assert within < across
    assert len({(round(x, 3), round(y, 3)) for x, y in pos}) == 6  # no two on one spot


def test_no_template_of_ours_is_copied_into_the_site(small_site):
    # The theme folder we add holds only theme templates: MkDocs copies anything else.
    assert not (small_site.site / "briefing").exists()


def test_a_home_page_gives_the_story_at_a_glance(tmp_path):
    """A docs page with ``template: briefing/home.html`` keeps its own text, then shows
    the latest briefings, the entries most briefings mention, and the dates."""
    home = "---\ntemplate: briefing/home.html\n---\n# Home\n\nWelcome to the [[NATO]] briefings.\n"
    built = mkdocs_build(project(tmp_path, {"docs/index.md": home}), strict=True)
    assert built.code == 0, built.output
    html = built.article("")
    text = text_of(html)
    assert text.startswith("Home") and "Welcome to the NATO briefings." in text
    latest = text[text.index("Latest briefings") : text.index("Key actors")]
    assert (
        latest.index("The OSCE talks end")
        < latest.index("The NATO–Russia Council meets")
        < latest.index("Talks in Geneva")
    )
    actors = text[text.index("Key actors") : text.index("The story in dates")]
    assert actors.startswith("Key actors Russia Country · 3 briefings")  # in all three, first
    assert "NATO Organization · 2 briefings" in actors
    dates = text[text.index("The story in dates") :]
    assert dates.index("10 January 2022 Strategic stability") < dates.index(
        "12 January 2022 NATO–Russia Council"
    )
    assert 'href="briefings/nato-russia-council/">NATO–Russia Council' in html


def test_other_docs_pages_get_no_home_lists(small_site):
    assert "Latest briefings" not in small_site.article("")


def test_a_build_defers_full_garbage_collections_and_restores_pythons_settings(tmp_path, monkeypatch):
    """In-process, as bench/ and API users build: thresholds are set for the build
    only, and put back after it, even when the build fails; a dirty session keeps them."""
    import gc

    from incremental_support import DirtySession, _plugins
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from briefing_site.mkdocs_plugin import plugin as plugin_module

    root = project(tmp_path, {})
    before = gc.get_threshold()
    seen = []
    real = gc.set_threshold
    monkeypatch.setattr(gc, "set_threshold", lambda *t: seen.append(t) or real(*t))
    with _plugins({}):  # a plugin object of this test's own, as a new process has
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out")))
        assert seen == [(*before[:2], 1000), before] and gc.get_threshold() == before
        seen.clear()
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
        monkeypatch.setattr(plugin_module, "outputs", lambda *a: 1 / 0)  # fails after the pages
        with pytest.raises(ZeroDivisionError):
            build(config)
        assert seen == [(*before[:2], 1000), before] and gc.get_threshold() == before
    monkeypatch.undo()
    seen.clear()
    monkeypatch.setattr(gc, "set_threshold", lambda *t: seen.append(t) or real(*t))
    DirtySession(root, tmp_path / "served").rebuild()
    assert seen == [] and gc.get_threshold() == before
