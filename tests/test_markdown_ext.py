"""The Markdown extension on a plain ``markdown.Markdown``: no MkDocs involved."""

from __future__ import annotations

import markdown
import pytest

from briefing_site.core.model import Entity, PageRecord
from briefing_site.core.registry import Registry
from briefing_site.render.markdown_ext import BriefingExtension


def entity(id_: str, name: str, kind: str = "organizations", **kw) -> Entity:
    keys = ((id_, 1), (name, 2), (kw.get("short", ""), 3)) + tuple((a, 4) for a in kw.get("aliases", ()))
    return Entity(
        id=id_, kind=kind, name=name, summary=f"About {name}.", path=f"g/{id_}.md", key_lines=keys, **kw
    )


REGISTRY = Registry(
    [
        entity("nato", "NATO", aliases=("the Alliance",)),
        entity("jean-asselborn", "Jean Asselborn", "people", short="Asselborn"),
    ],
    [],
)


def render(source: str, offset: int = 0) -> tuple[str, PageRecord]:
    ext = BriefingExtension(REGISTRY, lambda t: f"glossary/{t.id}.md")
    ext.begin(PageRecord("b.md", line_offset=offset), "briefings/b.md")
    html = markdown.Markdown(extensions=[ext, "footnotes", "attr_list", "fenced_code"]).convert(source)
    return html, ext.end()


def test_a_mention_links_to_its_page_with_a_hover_summary():
    html, record = render("Hello [[NATO]].")
    assert (
        '<a class="briefing-mention briefing-mention--organizations" data-entity="nato" '
        'href="../glossary/nato.md" '
        'id="mention-nato" title="NATO — About NATO.">NATO</a>' in html
    )
    assert [(m.target, m.sentence) for m in record.mentions] == [("nato", "Hello NATO.")]


def test_shown_text_keeps_the_authors_wording_and_formatting():
    html, _ = render("[[nato|the *big* Alliance]]")
    assert ">the <em>big</em> Alliance</a>" in html


@pytest.mark.parametrize(
    ("source", "literal"),
    [
        ("Code `[[NATO]]` here.", "<code>[[NATO]]</code>"),
        ("```\n[[NATO]]\n```", "<code>[[NATO]]\n</code>"),
        ("    [[NATO]] indented", "<code>[[NATO]] indented\n</code>"),
        ("Escaped \\[[NATO]] here.", "Escaped [[NATO]] here."),
        ("[see [[NATO]]](https://example.org)", '<a href="https://example.org">see [[NATO]]</a>'),
        ('Code `[x]{by="NATO"}`.', '<code>[x]{by="NATO"}</code>'),
    ],
)
def test_nothing_fires_in_code_escapes_or_link_text(source, literal):
    html, record = render(source)
    assert literal in html
    assert record.mentions == [] and record.problems == []
    assert "briefing-mention" not in html


def test_unresolved_mentions_show_their_text_without_a_link():
    html, record = render("line one\n\nSee [[Natoo]] and [[Nobody|somebody]].", offset=10)
    assert '<span class="briefing-unresolved">Natoo</span>' in html
    assert '<span class="briefing-unresolved">somebody</span>' in html
    assert [str(p) for p in record.problems] == [
        "b.md:13: unknown reference 'Natoo' — did you mean 'NATO'?",
        "b.md:13: unknown reference 'Nobody'",
    ]


def test_unclosed_annotations_are_reported_on_their_line_and_shown_as_written():
    html, record = render('Fine.\n\nAn [[NATO mention\nthen [text]{by="NATO" and more.')
    assert "An [[NATO mention" in html and '[text]{by="NATO" and more.' in html
    assert [str(p) for p in record.problems] == [
        "b.md:3: unclosed '[[': shown as written",
        "b.md:4: unclosed '[...]{by=': shown as written",
    ]


def test_an_attributed_quote_is_marked_and_linked_to_its_speaker():
    html, record = render('He said [“No *door* [should] be closed”]{by="Asselborn"} yesterday.')
    assert '<q class="briefing-quote" id="quote-1">“No <em>door</em> [should] be closed”</q>' in html
    assert '<a class="briefing-quote__by" href="../glossary/jean-asselborn.md"' in html
    assert [(q.speaker, q.text) for q in record.quotes] == [
        ("jean-asselborn", "“No door [should] be closed”")
    ]
    assert [m.target for m in record.mentions] == ["jean-asselborn"]  # a quote mentions its speaker


def test_single_quoted_by_and_mentions_inside_quotes():
    _, record = render("[Join [[NATO]] now]{by='Jean Asselborn'}")
    assert [m.target for m in record.mentions] == ["jean-asselborn", "nato"]  # document order
    assert record.quotes[0].text == "Join NATO now"


def test_a_quote_by_an_unknown_speaker_is_kept_as_text():
    html, record = render('[“Hello”]{by="Nobody"}')
    assert "“Hello”" in html and "briefing-quote__by" not in html
    assert "unknown reference 'Nobody'" in str(record.problems[0])


@pytest.mark.parametrize("dash", ["—", "–", "--"])
def test_an_attributed_block_quote(dash):
    html, record = render(f"> No door should be closed.\n> {dash} [[Jean Asselborn]]\n")
    assert '<blockquote class="briefing-blockquote" id="quote-1">' in html
    assert "<p>No door should be closed.</p>" in html
    assert '<footer class="briefing-attribution">— <cite><a class="briefing-mention' in html
    assert [(q.speaker, q.text) for q in record.quotes] == [("jean-asselborn", "No door should be closed.")]


def test_a_block_quote_without_attribution_is_left_alone():
    html, record = render("> Just a [[NATO]] quote.\n")
    assert "briefing-blockquote" not in html and record.quotes == []


def test_mentions_in_footnotes_count_and_anchors_are_unique():
    html, record = render("[[NATO]] and [[NATO]][^1].\n\n[^1]: Note on [[the alliance]].\n")
    assert [m.anchor for m in record.mentions] == ["mention-nato", "mention-nato-1", "mention-nato-2"]
    assert record.mentions[2].sentence == "Note on the alliance."  # shown as written
    assert html.count('id="mention-nato"') == 1


def test_reference_keys_span_line_breaks():
    _, record = render("We met [[Jean\nAsselborn]] there.")
    assert [m.target for m in record.mentions] == ["jean-asselborn"]


def test_runaway_brackets_render_fast_and_as_written():
    import time

    body = "Open " + "[" * 20_000 + " end.\n\nDeep " + "[" * 2_000 + "x" + "]" * 2_000 + " and [[NATO]].\n"
    start = time.perf_counter()
    html, record = render(body)
    assert time.perf_counter() - start < 30  # plain Python-Markdown takes minutes on this
    assert "Open " + "[" * 20_000 + " end." in html  # shown as written
    assert "x" + "]" * 1_900 in html
    assert [m.target for m in record.mentions] == ["nato"]


def test_mentions_are_recorded_in_document_order_quotes_included():
    _, record = render('[“Yes.”]{by="Asselborn"} he said.\n\nLater, [[Jean Asselborn]] left.\n')
    assert [m.sentence for m in record.mentions] == ["“Yes.” he said.", "Later, Jean Asselborn left."]
