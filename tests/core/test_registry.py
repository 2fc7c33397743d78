"""References to targets: keys, duplicates, ambiguity, wrong types and near-miss suggestions.

Every registry here is built from model objects inside the test, so that a mutant of
``registry.py`` is seen (mutmut activates mutants only at call time).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing_site.core.model import Briefing, Entity, Problem, Ref
from briefing_site.core.registry import Registry, Target

# -- helpers ----------------------------------------------------------------------


def entity(eid: str, name: str, *, kind: str = "people", short: str = "", aliases: tuple[str, ...] = ()):
    """An entry whose keys are claimed on the lines sources.py gives them: id 1, name 2,
    short 3, aliases 4, 5 ..."""
    keys = [(eid, 1), (name, 2)] + ([(short, 3)] if short else [])
    keys += [(alias, 4 + i) for i, alias in enumerate(aliases)]
    path = f"briefings/glossary/{kind}/{eid}.md"
    return Entity(eid, kind, name, "s", path, short=short, aliases=aliases, key_lines=tuple(keys))


def briefing(stem: str, title: str) -> Briefing:
    path = f"briefings/{stem}.md"
    return Briefing(stem, stem[11:], title, path, key_lines=((stem, 1), (title, 2)))


NATO = "briefings/glossary/organizations/nato.md"
STOLTENBERG = "briefings/glossary/people/jens-stoltenberg.md"
GENEVA = "briefings/2022-01-10-geneva-talks.md"


def small() -> Registry:
    return Registry(
        [
            entity("nato", "NATO", kind="organizations", aliases=("North Atlantic Treaty Organization",)),
            entity("jens-stoltenberg", "Jens Stoltenberg", short="Stoltenberg"),
        ],
        [briefing("2022-01-10-geneva-talks", "Talks in Geneva")],
    )


def ref(text: str, line: int = 7) -> Ref:
    return Ref(text, "briefings/2022-01-13-x.md", line)


def problem(line: int, message: str, code: str) -> Problem:
    return Problem("briefings/2022-01-13-x.md", line, message, code)


# -- keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["nato", "NATO", "  north  atlantic\ntreaty ORGANIZATION ", "North Atlantic Treaty Organization"]
)
def test_every_key_of_an_entity_resolves_to_the_entity_after_folding(text):
    assert small().resolve(ref(text)) == Target("entity", "nato", NATO, "NATO")


@pytest.mark.parametrize("text", ["jens-stoltenberg", "Jens Stoltenberg", "stoltenberg"])
def test_id_name_and_short_name_are_keys(text):
    expected = Target("entity", "jens-stoltenberg", STOLTENBERG, "Jens Stoltenberg")
    assert small().resolve(ref(text)) == expected


@pytest.mark.parametrize("text", ["2022-01-10-geneva-talks", "talks in GENEVA"])
def test_a_briefing_resolves_by_file_stem_and_by_title(text):
    expected = Target("briefing", "2022-01-10-geneva-talks", GENEVA, "Talks in Geneva")
    assert small().resolve(ref(text)) == expected


def test_lookup_finds_a_key_without_building_a_message():
    reg = small()
    assert reg.lookup("STOLTENBERG") == Target("entity", "jens-stoltenberg", STOLTENBERG, "Jens Stoltenberg")
    assert reg.lookup("Stoltenbreg") is None
    assert reg.lookup("") is None


def test_the_registry_keeps_entities_by_id_and_briefings_by_stem():
    nato = entity("nato", "NATO")
    talks = briefing("2022-01-10-geneva-talks", "Talks in Geneva")
    reg = Registry([nato], [talks])
    assert reg.entities == {"nato": nato}
    assert reg.briefings == {"2022-01-10-geneva-talks": talks}


def test_a_target_claiming_one_key_several_times_is_no_problem():
    # 'nato' is the id and, folded, the name and an alias.
    reg = Registry([entity("nato", "NATO", aliases=("Nato", " nato "))], [])
    assert reg.problems == []
    assert reg.lookup("nato").id == "nato"


def test_empty_keys_are_skipped_and_the_keys_after_them_still_count():
    e = Entity("x", "people", "X", "s", "x.md", key_lines=(("", 1), ("  \n ", 2), ("Xavier", 3)))
    reg = Registry([e], [])
    assert reg.problems == []
    assert reg.lookup("xavier") == Target("entity", "x", "x.md", "X")


# -- duplicates and ambiguity ---------------------------------------------------------


def test_a_key_claimed_by_two_entries_is_reported_at_the_second_and_owned_by_neither():
    reg = Registry(
        [
            entity("nato", "NATO", kind="organizations", aliases=("The Alliance",)),
            entity("alliance-hq", "Alliance HQ", kind="places", aliases=("the  alliance",)),
        ],
        [],
    )
    assert reg.problems == [
        Problem(
            "briefings/glossary/places/alliance-hq.md",
            4,
            "'the  alliance' is claimed by briefings/glossary/organizations/nato.md and "
            "briefings/glossary/places/alliance-hq.md",
            "duplicate",
        )
    ]
    assert reg.lookup("the alliance") is None
    assert reg.resolve(ref("The Alliance", 2)) == problem(
        2,
        "ambiguous reference 'The Alliance': 'The Alliance' is claimed by "
        "briefings/glossary/organizations/nato.md and briefings/glossary/places/alliance-hq.md",
        "ambiguous_reference",
    )
    # The other keys of both entries still work.
    assert reg.lookup("NATO").id == "nato" and reg.lookup("Alliance HQ").id == "alliance-hq"


def test_a_third_claimant_of_an_ambiguous_key_does_not_own_it_and_is_reported_too():
    reg = Registry(
        [entity("a", "Washington"), entity("b", "Washington"), entity("c", "WASHINGTON")],
        [],
    )
    assert [(p.path, p.line, p.message, p.code) for p in reg.problems] == [
        (
            "briefings/glossary/people/b.md",
            2,
            "'Washington' is claimed by briefings/glossary/people/a.md and briefings/glossary/people/b.md",
            "duplicate",
        ),
        (
            "briefings/glossary/people/c.md",
            2,
            "'WASHINGTON' is claimed by briefings/glossary/people/a.md and briefings/glossary/people/c.md",
            "duplicate",
        ),
    ]
    assert reg.lookup("washington") is None
    # The message for a use names the first two claimants.
    assert reg.resolve(ref("washington")) == problem(
        7,
        "ambiguous reference 'washington': 'washington' is claimed by briefings/glossary/people/a.md "
        "and briefings/glossary/people/b.md",
        "ambiguous_reference",
    )


def test_entries_claim_before_briefings_so_the_briefing_is_the_one_reported():
    reg = Registry([entity("geneva", "Geneva", kind="places")], [briefing("2022-01-10-geneva", "geneva")])
    assert reg.problems == [
        Problem(
            "briefings/2022-01-10-geneva.md",
            2,
            "'geneva' is claimed by briefings/glossary/places/geneva.md and briefings/2022-01-10-geneva.md",
            "duplicate",
        )
    ]
    assert reg.lookup("2022-01-10-geneva") == Target(
        "briefing", "2022-01-10-geneva", "briefings/2022-01-10-geneva.md", "geneva"
    )


def test_a_duplicate_key_message_shows_invisible_characters_as_escapes():
    reg = Registry([entity("a", "\u200bNATO"), entity("b", "\u200bnato")], [])
    assert [p.message for p in reg.problems] == [
        "'\\u200bnato' is claimed by briefings/glossary/people/a.md and briefings/glossary/people/b.md"
    ]


# -- unknown references and suggestions ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # The suggestion is the target's name or title, whichever key was close.
        ("Stoltenbreg", "unknown reference 'Stoltenbreg' — did you mean 'Jens Stoltenberg'?"),
        ("Jens Stoltenburg", "unknown reference 'Jens Stoltenburg' — did you mean 'Jens Stoltenberg'?"),
        (
            "2022-01-10-geneva-talk",
            "unknown reference '2022-01-10-geneva-talk' — did you mean 'Talks in Geneva'?",
        ),
        ("Talks in Genf", "unknown reference 'Talks in Genf' — did you mean 'Talks in Geneva'?"),
        ("NAT0", "unknown reference 'NAT0' — did you mean 'NATO'?"),
        # Nothing close enough: no suggestion.
        ("Zanzibar", "unknown reference 'Zanzibar'"),
        ("OSCE", "unknown reference 'OSCE'"),
        # Invisible characters are shown, so that the author sees why it did not match.
        ("NATO\u202e", "unknown reference 'NATO\\u202e' — did you mean 'NATO'?"),
    ],
)
def test_an_unknown_reference_names_the_closest_target(text, message):
    assert small().resolve(ref(text, 12)) == problem(12, message, "unknown_reference")


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_reference_is_unknown_and_says_empty(text):
    assert small().resolve(ref(text, 3)) == problem(3, "empty reference", "unknown_reference")


def test_an_ambiguous_key_is_never_suggested():
    reg = Registry([entity("a", "Washington"), entity("b", "Washington")], [])
    assert reg.resolve(ref("Washingtn")) == problem(7, "unknown reference 'Washingtn'", "unknown_reference")


# -- the type a field wants -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want", "field", "message"),
    [
        (
            "Talks in Geneva",
            "entity",
            "place",
            "'place' must name an entity; 'Talks in Geneva' is a briefing",
        ),
        ("NATO", "briefing", "related", "'related' must name a briefing; 'NATO' is an entity"),
        ("nato", "briefing", "", "this reference must name a briefing; 'nato' is an entity"),
        (
            "2022-01-10-geneva-talks",
            "entity",
            "",
            "this reference must name an entity; '2022-01-10-geneva-talks' is a briefing",
        ),
    ],
)
def test_a_reference_of_the_wrong_type_says_what_the_field_wants(text, want, field, message):
    found = small().resolve(ref(text, 4), want, field) if field else small().resolve(ref(text, 4), want)
    assert found == problem(4, message, "wrong_reference_type")


def test_a_reference_of_the_wanted_type_or_of_any_type_resolves():
    reg = small()
    assert reg.resolve(ref("NATO"), "entity", "place").id == "nato"
    assert reg.resolve(ref("Talks in Geneva"), "briefing", "related").type == "briefing"
    assert reg.resolve(ref("Talks in Geneva"), None, "related").id == "2022-01-10-geneva-talks"


def test_claims_give_each_key_its_target_or_the_two_that_claim_it():
    nato = entity("nato", "NATO", kind="organizations", aliases=("The Alliance",))
    hq = entity("alliance-hq", "Alliance HQ", kind="places", aliases=("the alliance",))
    claims = Registry([nato, hq], [briefing("2022-01-10-geneva-talks", "Talks in Geneva")]).claims()
    assert claims["nato"] == Target("entity", "nato", nato.path, "NATO")
    assert claims["talks in geneva"].id == "2022-01-10-geneva-talks"
    assert [t.id for t in claims["the alliance"]] == ["nato", "alliance-hq"]
    assert "north atlantic" not in claims


def test_a_source_is_equal_by_what_the_site_lists_of_it_not_by_its_text():
    # A serve session compares sources to know which pages change; the text is compared
    # where it is rendered.
    a, b = briefing("2022-01-10-x", "Talks"), briefing("2022-01-10-x", "Talks")
    assert replace(a, body="One.", body_line=5) == replace(b, body="Two.", body_line=9)
    assert replace(a, summary="One.") != b
    e = entity("nato", "NATO")
    assert replace(e, body="About NATO.") == e and replace(e, name="OTAN") != e
