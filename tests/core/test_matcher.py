"""The name matcher behind ``briefing suggest`` and autolinking: which unmarked names it finds."""

from __future__ import annotations

import pytest

from briefing_site.core.matcher import Matcher, _trie_regex, autolinker
from briefing_site.core.model import Briefing, Entity
from briefing_site.core.registry import Registry

# id, name, short, aliases
ENTITIES = [
    ("nato", "NATO", "", ("the Alliance",)),
    ("us", "United States", "US", ()),
    ("russia", "Russia", "", ()),
    ("jean-asselborn", "Jean Asselborn", "Asselborn", ()),
    ("paris", "Paris", "", ()),
    # Both clubs claim "Paris Club": an ambiguous key, left out of the pattern.
    ("club-a", "Club A", "", ("Paris Club",)),
    ("club-b", "Club B", "", ("Paris Club",)),
]
COUNCIL = "2022-01-12-council"


def entity(id_: str, name: str, short: str, aliases: tuple[str, ...]) -> Entity:
    keys = ((id_, 1), (name, 2)) + (((short, 3),) if short else ()) + tuple((a, 4) for a in aliases)
    return Entity(
        id=id_, kind="organizations", name=name, summary=f"About {name}.", path=f"g/{id_}.md",
        short=short, aliases=aliases, key_lines=keys,
    )  # fmt: skip


@pytest.fixture
def registry() -> Registry:
    council = Briefing(
        stem=COUNCIL,
        slug="council",
        title="The council meets",
        path=f"briefings/{COUNCIL}.md",
        key_lines=((COUNCIL, 1), ("The council meets", 2)),
    )
    return Registry([entity(*e) for e in ENTITIES], [council])


@pytest.fixture
def matcher(registry: Registry) -> Matcher:
    return Matcher(registry)


def found(matcher: Matcher, text: str) -> list[tuple[int, int, str, str]]:
    return [(o.start, o.end, o.text, o.entity) for o in matcher.occurrences(text)]


# -- the pattern: one trie for all keys ----------------------------------------------------


def test_keys_compile_into_one_trie_sharing_prefixes():
    assert _trie_regex(["NATO", "NAT", "Jean Asselborn", "Jeans"]) == r"(?:Jean(?:s|\s+Asselborn)|NAT(?:O)?)"
    assert _trie_regex(["U.S."]) == r"U\.S\."
    assert _trie_regex(["a", "b"]) == "(?:a|b)"


def test_short_capitals_match_case_sensitively_and_other_keys_in_any_case(matcher):
    insensitive = r"Asselborn|Club\s+(?:A|B)|Jean\s+Asselborn|Paris|Russia|United\s+States|the\s+Alliance"
    assert matcher.pattern.pattern == rf"(?<![\w\-])(?:(?i:(?:{insensitive}))|(?:NATO|US))(?![\w\-])"


def test_a_registry_without_entities_matches_nothing():
    matcher = Matcher(Registry([], []))
    assert matcher.pattern.pattern == r"(?<![\w\-])(?:(?!x)x)(?![\w\-])"
    assert matcher.occurrences("NATO and anything") == []


def test_a_registry_of_case_sensitive_keys_only():
    matcher = Matcher(Registry([entity("osce", "OSCE", "", ())], []))
    assert matcher.pattern.pattern == r"(?<![\w\-])(?:OSCE)(?![\w\-])"
    assert found(matcher, "OSCE, osce") == [(0, 4, "OSCE", "osce")]


# -- occurrences -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "us" is not the US; "the united states" is
        ("Tell us; the US and the united states.", [(13, 15, "US", "us"), (24, 37, "united states", "us")]),
        ("Russian is not Russia's.", [(15, 21, "Russia", "russia")]),  # whole words only
        ("pre-NATO NATO-led NATO", [(18, 22, "NATO", "nato")]),  # a hyphen joins words
        ("nato, Nato", []),
        (
            "jean  asselborn\nand JEAN\nASSELBORN",  # any run of white space between words
            [(0, 15, "jean  asselborn", "jean-asselborn"), (20, 34, "JEAN\nASSELBORN", "jean-asselborn")],
        ),
        (
            "Asselborn met THE ALLIANCE",
            [(0, 9, "Asselborn", "jean-asselborn"), (14, 26, "THE ALLIANCE", "nato")],
        ),
        ("Club A", [(0, 6, "Club A", "club-a")]),
        # An ambiguous key is never matched; the known name inside it still is.
        ("The Paris Club met in Paris.", [(4, 9, "Paris", "paris"), (22, 27, "Paris", "paris")]),
        ("The council meets NATO", [(18, 22, "NATO", "nato")]),  # a briefing's title is not an entity
    ],
)
def test_occurrences_of_known_names(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[NATO]] NATO", [(9, 13, "NATO", "nato")]),  # already annotated
        ("[[Josep Borrell|NATO]] NATO", [(23, 27, "NATO", "nato")]),
        ("\\[[NATO]] NATO", [(10, 14, "NATO", "nato")]),  # a literal [[...]]
        ("[q]{by='Russia'} Russia", [(17, 23, "Russia", "russia")]),  # a quote's speaker
        (
            "Russia[^Russia] Russia",
            [(0, 6, "Russia", "russia"), (16, 22, "Russia", "russia")],
        ),  # footnote mark
        (
            "Paris\n[^Paris]: Paris\nParis",
            [(0, 5, "Paris", "paris"), (22, 27, "Paris", "paris")],
        ),  # definition
        ("`NATO` NATO", [(7, 11, "NATO", "nato")]),  # code span
        ("```\nNATO\n```\nNATO", [(13, 17, "NATO", "nato")]),  # fenced code
        ("[NATO](https://nato.int) NATO", [(25, 29, "NATO", "nato")]),  # link text
        ('So <span title="NATO">x</span> NATO <!-- NATO -->', [(31, 35, "NATO", "nato")]),  # raw HTML
        ("<div>\nNATO\n</div>\n\nNATO", [(19, 23, "NATO", "nato")]),  # an HTML block
        ("`x`NATO", [(3, 7, "NATO", "nato")]),  # right after a masked region
        ("NATO`x`", [(0, 4, "NATO", "nato")]),  # right before one
        ("`a` `NATO` `c` NATO", [(15, 19, "NATO", "nato")]),  # in the second of three code spans
    ],
)
def test_no_name_is_found_inside_annotations_code_links_or_html(matcher, text, expected):
    assert found(matcher, text) == expected


def test_annotations_already_in_the_text_and_whom_they_name(matcher):
    text = (
        f"[[NATO]] and [[the alliance|them]], [x]{{by='Russia'}} [y]{{ by = \"US\"}} [[{COUNCIL}]] [[Nobody]]"
    )
    assert matcher.annotated(text) == [(0, "nato"), (13, "nato"), (39, "russia"), (56, "us")]


# -- what to link -------------------------------------------------------------------------------


def test_all_mode_links_every_occurrence(matcher):
    text = "NATO met NATO and Russia, [[NATO]]."
    assert [(o.start, o.entity) for o in matcher.to_link(text, "all")] == [
        (0, "nato"),
        (9, "nato"),
        (18, "russia"),
    ]
    assert matcher.link(text, "all") == "[[NATO]] met [[NATO]] and [[Russia]], [[NATO]]."


def test_first_mode_links_each_entity_once(matcher):
    text = "So NATO met NATO and Russia; the Alliance, Russia."
    assert [(o.start, o.entity) for o in matcher.to_link(text, "first")] == [(3, "nato"), (21, "russia")]
    assert matcher.link(text, "first") == "So [[NATO]] met NATO and [[Russia]]; the Alliance, Russia."


def test_first_mode_skips_an_entity_annotated_earlier_but_not_one_annotated_later(matcher):
    text = "[[US]] and the US; [[Russia]] and NATO; Paris and [[Paris]]."
    assert [(o.start, o.entity) for o in matcher.to_link(text, "first")] == [(34, "nato"), (40, "paris")]
    assert (
        matcher.link(text, "first") == "[[US]] and the US; [[Russia]] and [[NATO]]; [[Paris]] and [[Paris]]."
    )


def test_an_unknown_mode_links_nothing(matcher):
    assert matcher.link("NATO", "off") == "NATO"


def test_autolinker_is_off_unless_first_or_all(registry):
    assert autolinker(registry, "off") is None
    assert autolinker(registry, "First") is None
    first = autolinker(registry, "first")
    every = autolinker(registry, "all")
    assert first is not None and every is not None
    assert first("NATO and NATO") == "[[NATO]] and NATO"
    assert every("NATO and NATO") == "[[NATO]] and [[NATO]]"


@pytest.mark.parametrize("literal", ["\\[[NATO]]", "`[[NATO]]`"])
def test_first_mode_ignores_annotations_that_are_only_text(matcher, literal):
    assert matcher.link(f"{literal} and NATO", "first") == f"{literal} and [[NATO]]"


# -- names that might deserve an entry -------------------------------------------------------------


def test_candidates_are_recurring_unknown_capitalised_names_most_frequent_first(matcher):
    text = (
        "Olaf Scholz met Vladimir Putin. Putin spoke; Putin left; Vladimir Putin stayed; Putin slept. "
        "Olaf Scholz agreed. Monday came; Monday went. NATO met NATO; Russia, Russia. "
        "Prime Minister of the United Kingdom; Prime Minister of\nthe  United Kingdom. "
        "`Zed`, `Zed`, [Zed](u), [Zed](v), [[Zed]] and [[Zed]]. Kyiv."
    )
    assert matcher.candidates(text) == [
        ("Putin", 3),
        ("Olaf Scholz", 2),
        ("Prime Minister of the United Kingdom", 2),
        ("Vladimir Putin", 2),
    ]
