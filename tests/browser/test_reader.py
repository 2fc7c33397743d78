"""What a reader does on the built site, in a real browser."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_support import (
    DESKTOP,
    PAGE_KINDS,
    SEED,
    Reader,
    all_events,
    describe_violations,
    glossary_entries,
    new_reader,
    run_axe,
    seed_footnotes,
    squash,
)
from playwright.sync_api import Browser, Locator, Page, expect

GLOSSARY = glossary_entries()
FOOTNOTES = seed_footnotes()
EVENTS = all_events()


@pytest.fixture(scope="module")
def seed(chromium: Browser, site_url: str) -> Iterator[Page]:
    """The seed briefing, opened once for the tests that only hover and read it."""
    reader = new_reader(chromium, site_url, DESKTOP)
    yield reader.open(SEED)
    reader.context.close()


def hover_tooltip(page: Page, target: Locator, *, described: bool = True) -> str:
    """Hover ``target`` as a reader would; return the text of the tooltip Material shows for it.

    Material's ``content.tooltips`` moves a link's ``title`` into a ``div.md-tooltip2[role=tooltip]``
    shown on hover, and points the link's ``aria-describedby`` at it (``described``). Its footnote
    tooltips (``content.footnote.tooltips``) show the note in the same kind of box, without the ARIA.
    """
    tooltip = page.locator(".md-tooltip2.md-tooltip2--active")
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)
    target.scroll_into_view_if_needed()
    target.hover()
    try:
        expect(tooltip).to_be_visible()
        shown = True
    except AssertionError:
        shown = False
    if not shown:  # said without Playwright's dump of the whole page
        hovered = target.evaluate("el => el.outerHTML")[:300]
        pytest.fail(f"no tooltip shows on hovering {hovered}", pytrace=False)
    expect(tooltip).to_have_css("opacity", "1")
    if described:
        described_by = target.get_attribute("aria-describedby")
        assert described_by, "the hovered link is not described by a tooltip (no aria-describedby)"
        expect(tooltip).to_have_id(described_by)
        expect(tooltip).to_have_attribute("role", "tooltip")
    box = tooltip.bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"tooltip off screen: {box}"
    return squash(tooltip.inner_text())


def mention(page: Page, text: str) -> Locator:
    return (
        page.locator("article a.briefing-mention").filter(has_text=re.compile(rf"^{re.escape(text)}$")).first
    )


# -- tooltips ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity"),
    [("NATO", "nato"), ("Joseph Borell", "josep-borrell"), ("Moscow", "russia")],
    ids=["name", "alias", "other-wording"],
)
def test_hovering_a_mention_shows_the_entity_summary(seed: Page, text: str, entity: str) -> None:
    # The preview card (test_reader_v2.py) has taken the place of Material's tooltip.
    seed.mouse.move(0, 0)
    target = mention(seed, text)
    target.scroll_into_view_if_needed()
    target.hover()
    card = seed.locator("#briefing-card")
    entry = GLOSSARY[entity]
    expect(card).to_be_visible()
    expect(card).to_contain_text(entry["name"])  # the card of this mention, once fetched
    shown = squash(card.inner_text())
    # The kind, the entity's name, (for a person) the role held at the time, its summary.
    assert f" {entry['name']} " in shown, shown
    assert squash(entry["summary"]) in shown, shown


@pytest.mark.parametrize("label", ["december", "borrell"])
def test_hovering_a_footnote_marker_shows_the_editors_note(seed: Page, label: str) -> None:
    marker = seed.locator(f'sup[id="fnref:{label}"] > a.footnote-ref')
    shown = hover_tooltip(seed, marker, described=False)
    assert squash(FOOTNOTES[label]) in shown


# -- mentions lead to entity pages ----------------------------------------------------------


def test_clicking_a_mention_lands_on_the_entity_page(reader: Reader) -> None:
    page = reader.open(SEED)
    mention(page, "Joseph Borell").click()
    expect(page).to_have_url(reader.url("glossary/josep-borrell/"))
    expect(page.locator("article h1")).to_have_text(GLOSSARY["josep-borrell"]["name"])


def test_every_mention_on_the_seed_briefing_leads_to_an_entity_page(seed: Page) -> None:
    hrefs = seed.eval_on_selector_all("article a.briefing-mention", "els => els.map(a => a.href)")
    assert len(hrefs) > 20
    broken = []
    for href in sorted(set(hrefs)):
        response = seed.request.get(href)
        if not response.ok or 'class="md-content__inner md-typeset"' not in response.text():
            broken.append(f"{href} (HTTP {response.status})")
    assert not broken, "mentions that lead nowhere: " + ", ".join(broken)


# -- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Joseph Borell", "glossary/josep-borrell/"),
        ("North Atlantic Treaty Organization", "glossary/nato/"),
        ("interlocutors", SEED),
    ],
    ids=["entity-by-alias", "entity-by-long-alias", "briefing-by-a-word-of-its-text"],
)
def test_search_finds_it(reader: Reader, query: str, expected: str) -> None:
    page = reader.open("")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_visible()
    hit = page.locator(f'.md-search-result__item > a[href^="{reader.url(expected)}"]')
    found = results.evaluate_all("links => links.map(a => a.href)")
    expect(hit.first, f"{query!r} does not find {expected}; results: {found}").to_be_visible()
    # The reader sees it among the first results, not buried below. Search ranks a match
    # in a page's title above one in its text (an alias): with entries titled "North
    # Atlantic Treaty", "North Atlantic Council" and "North Macedonia", NATO comes fourth.
    first_five = [href.split("?")[0].split("#")[0] for href in found[:5]]
    assert reader.url(expected) in first_five, f"{query!r}: {expected} is not in the top 5: {found}"


# -- text from sources ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("briefings/ukraine-diplomacy-fails/", "article a.briefing-mention"),
        ("briefings/ukraine-diplomacy-fails/", "article q.briefing-quote"),
        ("glossary/nato/", ".briefing-mentioned-in a"),
        ("timeline/", ".briefing-event__title"),
        ("glossary/", ".briefing-glossary dd"),
    ],
)
def test_names_from_sources_are_bidi_isolated(reader: Reader, path: str, selector: str) -> None:
    """A name with a right-to-left override it never closes must not reorder the text after
    it: every element that holds text from a source is a bidi isolate."""
    page = reader.open(path)
    styles = page.locator(selector).evaluate_all("els => els.map(e => getComputedStyle(e).unicodeBidi)")
    assert styles and set(styles) == {"isolate"}, styles


# -- timeline ---------------------------------------------------------------------------


def test_timeline_lists_every_event_in_date_order(reader: Reader) -> None:
    page = reader.open("timeline/")
    listed = page.locator("article ol.briefing-events > li").evaluate_all(
        """items => items.map(li => [
            li.querySelector('time').getAttribute('datetime'),
            li.querySelector('.briefing-event__title').textContent,
            li.closest('section').getAttribute('aria-labelledby'),
        ])"""
    )
    events = [(iso, squash(title)) for iso, title, _ in listed]
    assert sorted(events) == sorted(EVENTS), "the timeline does not list exactly the briefings' events"
    dates = [iso for iso, _ in events]
    assert dates == sorted(dates), f"events out of order: {dates}"
    misfiled = [(iso, section) for iso, _, section in listed if section != f"month-{iso[:7]}"]
    assert not misfiled, f"events under the wrong month: {misfiled}"


# -- small screens and dark mode ----------------------------------------------------------

# Anything in the content area that reaches past the right edge of the screen, unless it sits in a
# box that scrolls on purpose (code blocks, Material's table wrapper). Material gives <html>
# overflow-x: hidden, so such an element is not scrollable to, it is cut off.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsOnPurpose = el => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
      if (o !== 'visible') return false;
    }
    return false;
  };
  return [...document.querySelectorAll('.md-content *')]
    .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
    .filter(el => !scrollsOnPurpose(el))
    .map(el => `${el.tagName.toLowerCase()}.${el.className}: right edge at ${
      Math.round(el.getBoundingClientRect().right)} px`);
}"""


@pytest.mark.parametrize("kind", ["briefing", "entity", "timeline", "glossary index"])
def test_no_horizontal_scroll_at_375_px(phone_reader: Reader, kind: str) -> None:
    page = phone_reader.open(PAGE_KINDS[kind])
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]"
    )
    assert max(sizes[:2]) <= sizes[2], f"the page is wider than the screen: {sizes}"
    assert page.evaluate(OVERFLOWING) == []


def switch_to_dark(page: Page) -> None:
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.locator('[data-md-component="palette"] label[for="__palette_1"]').click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


# The briefing and the entity page between them carry every style of ours (events, cards, tags,
# counts, quotes, lists, the network); the other templates reuse those styles.
@pytest.mark.parametrize("kind", ["briefing", "entity"])
def test_dark_mode_keeps_text_readable(reader: Reader, kind: str) -> None:
    page = reader.open(PAGE_KINDS[kind])
    switch_to_dark(page)
    # The choice sticks when the reader moves on.
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    violations = run_axe(
        page,
        {"include": [["article.md-content__inner"]]},
        {"runOnly": ["color-contrast", "link-in-text-block"], "resultTypes": ["violations"]},
    )
    if violations:
        unreadable = describe_violations(violations)
        pytest.fail(f"unreadable in dark mode on {page.url}:\n{unreadable}", pytrace=False)


# -- nothing goes wrong behind the scenes ----------------------------------------------------

# One page of each template, and every other page of the nav.
QUIET_PAGES = [*PAGE_KINDS.values(), "briefings/", "glossary/josep-borrell/", "about/", "authoring/", "data/"]


@pytest.mark.parametrize("path", QUIET_PAGES, ids=lambda p: p or "home")
def test_no_console_error_and_no_other_host(reader: Reader, path: str) -> None:
    page = reader.open(path)
    page.wait_for_load_state("networkidle")
    problems = [f"console: {e}" for e in reader.console_errors]
    problems += [f"request to another host: {r}" for r in reader.foreign_requests]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
