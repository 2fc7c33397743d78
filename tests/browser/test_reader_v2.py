"""Reader v2 in a real browser: the table of contents of generated sections, tag pages, and
the preview card of a mention."""

from __future__ import annotations

import re

import pytest
from browser_support import SEED, Reader, describe_violations, glossary_entries, new_reader, run_axe, squash
from playwright.sync_api import Browser, Page, expect

GLOSSARY = glossary_entries()
CARD = "#briefing-card"


def toc_link(page: Page, anchor: str):
    return page.locator(f'.md-sidebar--secondary a.md-nav__link[href$="#{anchor}"]')


@pytest.mark.parametrize(
    ("path", "anchor"),
    [("glossary/nato/", "briefing-events"), (SEED, "briefing-related"), ("", "home-events")],
)
def test_the_table_of_contents_scrolls_to_a_generated_section_and_highlights_it(
    reader: Reader, path: str, anchor: str
) -> None:
    page = reader.open(path)
    link = toc_link(page, anchor)
    expect(link).to_be_visible()
    link.click()
    heading = page.locator(f"article h2#{anchor}")
    expect(heading).to_be_in_viewport()
    expect(page.locator(".md-sidebar--secondary a.md-nav__link--active")).to_have_attribute(
        "href", re.compile(f"#{anchor}$")
    )


def test_a_tag_chip_leads_to_the_tag_page_and_on_to_the_tags_index(reader: Reader) -> None:
    page = reader.open(SEED)
    page.locator("article a.briefing-tag", has_text="nato").first.click()
    expect(page).to_have_url(reader.url("tags/nato/"))
    expect(page.locator("article h1")).to_have_text("Tag: nato")
    titles = page.locator("article .briefing-list__title")
    dates = page.locator("article .briefing-list time").evaluate_all("els => els.map(e => e.dateTime)")
    assert titles.count() >= 2 and dates == sorted(dates, reverse=True)  # newest first
    page.get_by_role("link", name="All tags").click()
    expect(
        page.locator("article .briefing-tag-index").get_by_role("link", name="nato", exact=True)
    ).to_be_visible()


def open_card(page: Page, entity: str):
    mention = page.locator(f'article a.briefing-mention[data-entity="{entity}"]').first
    mention.scroll_into_view_if_needed()
    mention.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    return mention, card


def test_hovering_a_mention_shows_its_card_without_moving_the_page(reader: Reader) -> None:
    page = reader.open(SEED)
    article = page.locator("article")
    page.locator('article a.briefing-mention[data-entity="josep-borrell"]').first.scroll_into_view_if_needed()
    before = article.bounding_box()
    mention, card = open_card(page, "josep-borrell")
    borrell = GLOSSARY["josep-borrell"]
    text = squash(card.inner_text())
    assert text.startswith("PERSON Josep Borrell")  # kind (with its icon) and name
    assert "High Representative of the Union for Foreign Affairs and Security Policy, EU" in text
    assert squash(borrell["summary"]) in text
    assert text.endswith("Mentioned in 4 briefings")
    expect(card.locator("svg path")).to_have_count(1)
    expect(mention).to_have_attribute("aria-describedby", "briefing-card")
    expect(page.locator(".md-tooltip2--active")).to_be_hidden()  # one hover text, not two
    assert article.bounding_box() == before  # no layout shift
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert not reader.console_errors and not reader.foreign_requests


def test_keyboard_focus_opens_the_card_and_escape_closes_it(reader: Reader) -> None:
    page = reader.open(SEED)
    mention = page.locator('article a.briefing-mention[data-entity="nato"]').first
    mention.focus()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card).to_contain_text("NATO")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_card_is_readable_and_accessible_at_375_px(chromium: Browser, site_url: str, scheme: str) -> None:
    reader = new_reader(chromium, site_url, {"width": 375, "height": 740}, scheme)
    try:
        page = reader.open(SEED)
        _, card = open_card(page, "josep-borrell")
        box = card.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
        violations = run_axe(page, {"include": [[CARD]]}, {"resultTypes": ["violations"]})
        assert not violations, describe_violations(violations)
        colours = card.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
        assert colours[0] != colours[1]
    finally:
        reader.context.close()


def test_the_card_works_after_instant_navigation(reader: Reader) -> None:
    page = reader.open("glossary/nato/")
    page.locator("article .briefing-mentioned-in a").first.click()  # Material's instant navigation
    page.wait_for_url("**/briefings/**")
    mention = page.locator("article a.briefing-mention[data-entity]").first
    mention.scroll_into_view_if_needed()
    mention.hover()
    expect(page.locator(CARD)).to_be_visible()


def test_without_javascript_the_hover_text_is_the_title(chromium: Browser, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + SEED)
        mention = page.locator('article a.briefing-mention[data-entity="josep-borrell"]').first
        assert "Josep Borrell" in (mention.get_attribute("title") or "")
    finally:
        context.close()
