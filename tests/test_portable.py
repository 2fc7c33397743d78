"""Annotations as standard Markdown (``render.portable``), on a plain ``markdown.Markdown``.

The rewritten Markdown, rendered with only standard extensions, must give the reader
what the extension gives: the same links, hover texts, ids and visible text.
"""

from __future__ import annotations

import re

import markdown
import pytest

from briefing_site.core.model import Entity, PageRecord
from briefing_site.core.registry import Registry
from briefing_site.render.markdown_ext import BriefingExtension
from briefing_site.render.portable import link_title, markdown_text, portable, relinked


def entity(id_: str, name: str, kind: str = "organizations", **kw) -> Entity:
    keys = ((id_, 1), (name, 2), (kw.get("short", ""), 3))
    return Entity(
        id=id_, kind=kind, name=name, summary=f"About {name}.", path=f"g/{id_}.md", key_lines=keys, **kw
    )


REGISTRY = Registry(
    [
        entity("nato", "NATO"),
        entity("jean-asselborn", "Jean Asselborn", "people", short="Asselborn"),
    ],
    [],
)
STANDARD = ["footnotes", "attr_list", "fenced_code"]


def both(source: str) -> tuple[str, str]:
    """(HTML with the extension, HTML of the rewritten Markdown without it)."""
    ext = BriefingExtension(REGISTRY, lambda t: f"glossary/{t.id}.md")
    ext.begin(PageRecord("b.md"), "briefings/b.md")
    plugin = markdown.Markdown(extensions=[ext, *STANDARD]).convert(source)
    rendered = ext.end()
    ext.begin(PageRecord("b.md"), "briefings/b.md")
    rewritten = portable(source, ext, rendered)
    ext.end()
    return plugin, markdown.Markdown(extensions=STANDARD).convert(rewritten)


def links(html: str) -> list[tuple[str, ...]]:
    # data-* attributes feed the preview card's script, which an export does not ship.
    return sorted(re.sub(r' data-[\w-]+="[^"]*"', "", a) for a in re.findall(r"<a ([^>]*)>", html))


@pytest.mark.parametrize(
    "source",
    [
        "Hello [[NATO]] and [[nato|the *big* Alliance]], twice [[NATO]].",
        "[“We stay,”]{by=\"Jean Asselborn\"} he said; [bare]{by='NATO'}.",
        "[outer [inner]{by='NATO'} words]{by=\"Jean Asselborn\"}",
        "Code `[[NATO]]`, escaped \\[[NATO]], in a link [see [[NATO]]](https://example.org).",
        "Unknown [[Nobody]] and [text]{by='Nobody'}.",
        "> No door should be closed.\n> — [[Jean Asselborn]]",
        "## A heading with [[NATO]]\n\n| a | b |\n|---|---|\n| [[NATO]] | x |",
    ],
)
def test_the_rewrite_renders_the_links_ids_and_hover_texts_of_the_extension(source):
    plugin, export = both(source)
    assert links(export) == links(plugin)
    assert re.findall(r'id="([^"]+)"', export) == re.findall(r'id="([^"]+)"', plugin)
    text = lambda html: " ".join(re.sub(r"<[^>]+>", " ", html).split())  # noqa: E731
    assert text(export) == text(plugin)


def test_plain_text_lands_as_itself_in_link_text_and_titles():
    hostile = "a *b* [c] <d> & e\\f | \"g\" 'h'"
    html = markdown.Markdown(extensions=["attr_list"]).convert(
        f'[{markdown_text(hostile)}](x "{link_title(hostile)}")'
    )
    title = re.search(r'title="([^"]*)"', html)[1]
    import html as html_lib

    assert html_lib.unescape(title) == hostile
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", html)) == hostile


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[a](../glossary/nato.md)", "[a](../../glossary/nato/index.md)"),
        ("[a](../about.md#x) ![i](../img/i.png)", "[a](../../about.md#x) ![i](../../img/i.png)"),
        (
            "[a](https://x.org/y.md) [b](#here) [c](/abs.md)",
            "[a](https://x.org/y.md) [b](#here) [c](/abs.md)",
        ),
        ("[r]: ../glossary/nato.md\n", "[r]: ../../glossary/nato/index.md\n"),
        ("[^1]: a note\n", "[^1]: a note\n"),  # a footnote is not a link
        ("`[a](../x.md)`", "`[a](../x.md)`"),  # code stays as written
    ],
)
def test_links_are_made_right_from_where_the_page_moved(body, expected):
    moved = {"glossary/nato.md": "glossary/nato/index.md", "briefings/b.md": "briefings/b/index.md"}
    assert relinked(body, "briefings/b.md", "briefings/b/index.md", moved) == expected
