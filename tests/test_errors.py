"""One test per row of the spec's error table, through the real ``mkdocs build``.

Each broken site is built twice: without ``--strict`` the build finishes, the
problem is a warning in ``path:line: message`` form and no text is lost; with
``--strict`` the same problem fails the build. Never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sitebuild import mkdocs_build, project, text_of

GENEVA = "briefings/2022-01-10-geneva-talks.md"


def briefing(body: str, front: str = "title: Talks in Geneva\ndate: 2022-01-10\n") -> str:
    return f"---\n{front}---\n\n{body}\n"


@dataclass
class Case:
    files: dict[str, str | None]
    messages: list[str]  # each must appear in a WARNING line
    page: str = ""  # a page that must still exist, and
    shows: list[str] = field(default_factory=list)  # text it must show


CASES = {
    "unknown reference": Case(
        {GENEVA: briefing("Intro.\n\nThen [[Stoltenbreg]] spoke.")},
        [f"{GENEVA}:8: unknown reference 'Stoltenbreg' — did you mean 'Jens Stoltenberg'?"],
        "briefings/geneva-talks",
        ["Then Stoltenbreg spoke."],
    ),
    "ambiguous reference": Case(
        {
            "briefings/glossary/places/brussels.md": (
                "---\nname: Brussels\naliases: [NATO]\nsummary: A city.\n---\n"
            ),
            GENEVA: briefing("We met [[NATO]]."),
        },
        [
            "briefings/glossary/places/brussels.md:3: 'NATO' is claimed by "
            "briefings/glossary/organizations/nato.md and briefings/glossary/places/brussels.md",
            f"{GENEVA}:6: ambiguous reference 'NATO': 'NATO' is claimed by "
            "briefings/glossary/organizations/nato.md and briefings/glossary/places/brussels.md",
        ],
        "briefings/geneva-talks",
        ["We met NATO."],
    ),
    "reference of the wrong type": Case(
        {
            GENEVA: briefing(
                "Text.",
                "title: Talks in Geneva\ndate: 2022-01-10\nevents:\n  - date: 2022-01-10\n"
                "    title: Talks\n    place: 2022-01-13-osce\nrelated: [NATO]\n",
            )
        },
        [
            f"{GENEVA}:7: 'place' must name an entity; '2022-01-13-osce' is a briefing",
            f"{GENEVA}:8: 'related' must name a briefing; 'NATO' is an entity",
        ],
        "timeline",
        ["Talks"],
    ),
    "invalid YAML": Case(
        {GENEVA: briefing("The body survives.", "title: Talks\ndate: [2022\n")},
        [f"{GENEVA}:3: front matter is not valid YAML"],
        "briefings/geneva-talks",
        ["2022-01-10-geneva-talks", "The body survives."],
    ),
    "missing, mistyped and unknown fields": Case(
        {
            GENEVA: briefing("Body.", "date: 2022-01-10\nsumary: x\ntags: {a: 1}\n"),
        },
        [
            f"{GENEVA}:1: missing required field 'title'",
            f"{GENEVA}:3: unknown field 'sumary' — did you mean 'summary'?",
            f"{GENEVA}:4: 'tags' must be a list of text, got a mapping",
        ],
        "briefings/geneva-talks",
        ["Body."],
    ),
    "bad and impossible dates": Case(
        {
            GENEVA: briefing(
                "Body.",
                "title: T\ndate: 13/01/2022\nevents:\n  - date: 2022-02-30\n    title: E\n",
            )
        },
        [
            f"{GENEVA}:3: 'date' must be YYYY-MM-DD, got '13/01/2022'",
            f"{GENEVA}:5: 'events[1].date' must be YYYY-MM-DD or YYYY-MM, got '2022-02-30'",
        ],
        "briefings/geneva-talks",
        ["Body."],
    ),
    "file name and date": Case(
        {
            "briefings/geneva.md": briefing("Named badly."),
            "briefings/2022-01-11-late.md": briefing("Late.", "title: Late\ndate: 2022-01-12\n"),
        },
        [
            "briefings/geneva.md:1: file name must be YYYY-MM-DD-<slug>.md, got 'geneva.md'",
            "briefings/2022-01-11-late.md:3: 'date' is 2022-01-12 but the file name says 2022-01-11",
        ],
        "briefings/geneva",
        ["Named badly."],
    ),
    "duplicate slug and reserved name": Case(
        {
            "briefings/2022-02-01-geneva-talks.md": briefing("Again.", "title: Again\ndate: 2022-02-01\n"),
            "briefings/2022-02-02-index.md": briefing("Index.", "title: Index\ndate: 2022-02-02\n"),
        },
        [
            "briefings/2022-02-01-geneva-talks.md:1: slug 'geneva-talks' is used by "
            "briefings/2022-01-10-geneva-talks.md and briefings/2022-02-01-geneva-talks.md",
            "briefings/2022-02-02-index.md:1: slug 'index' is the name of a generated page",
        ],
        "briefings/geneva-talks-2",  # moved, not lost
        ["Again", "Again."],
    ),
    "docs page at a generated URL": Case(
        {"docs/glossary/nato.md": "# My own NATO page\n"},
        [
            "docs/glossary/nato.md:1: docs/glossary/nato.md is at the URL of "
            "briefings/glossary/organizations/nato.md; the hand-written page is kept"
        ],
        "glossary/nato-2",  # the entry moved, not lost; the hand-written page kept its address
        ["NATO", "Military alliance"],
    ),
    "duplicate entity id and key": Case(
        {
            "briefings/glossary/places/nato.md": "---\nname: NATO HQ\nsummary: A building.\n---\n",
            "briefings/glossary/places/hq.md": "---\nname: HQ\nshort: Stoltenberg\nsummary: s.\n---\n",
        },
        [
            "briefings/glossary/places/nato.md:1: id 'nato' is used by "
            "briefings/glossary/organizations/nato.md and briefings/glossary/places/nato.md",
            "briefings/glossary/places/hq.md:3: 'Stoltenberg' is claimed by "
            "briefings/glossary/people/jens-stoltenberg.md and briefings/glossary/places/hq.md",
        ],
        "glossary/nato",
        ["Military alliance"],
    ),
    "URL that is not http or https": Case(
        {
            "briefings/glossary/places/brussels.md": (
                "---\nname: Brussels\nsummary: A city.\nlinks:\n  Site: javascript:alert(1)\n---\n"
            ),
            GENEVA: briefing("Body.", "title: T\ndate: 2022-01-10\nsource:\n  url: data:text/html,x\n"),
        },
        [
            "briefings/glossary/places/brussels.md:5: link 'Site' must be an http or https URL, "
            "got 'javascript:alert(1)'",
            f"{GENEVA}:5: 'source.url' must be an http or https URL, got 'data:text/html,x'",
        ],
        "glossary/brussels",
        ["A city."],
    ),
    "unclosed annotations": Case(
        {GENEVA: briefing('One.\n\nTwo [[NATO is open.\n\nThree [“no”]{by="Jens Stoltenberg" here.')},
        [
            f"{GENEVA}:8: unclosed '[[': shown as written",
            f"{GENEVA}:10: unclosed '[...]{{by=': shown as written",
        ],
        "briefings/geneva-talks",
        ["Two [[NATO is open.", 'Three [“no”]{by="Jens Stoltenberg" here.'],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_error_table_row(name, tmp_path):
    case = CASES[name]
    root = project(tmp_path, case.files)

    lenient = mkdocs_build(root)
    assert lenient.code == 0, lenient.output
    assert "Traceback" not in lenient.output
    for message in case.messages:
        assert any(message in w for w in lenient.warnings), (message, lenient.warnings)
    if case.page:
        text = text_of(lenient.article(case.page))
        for shown in case.shows:
            assert shown in text, (shown, text)

    strict = mkdocs_build(root, strict=True)
    assert strict.code == 1, strict.output
    assert "Traceback" not in strict.output
    assert "Aborted with" in strict.output and "warnings in strict mode" in strict.output


def test_validation_levels_turn_a_problem_into_information(tmp_path):
    config = (
        "site_name: Test\ntheme:\n  name: material\nplugins:\n  - search\n"
        "  - briefing:\n      validation:\n        unknown_reference: info\n"
    )
    root = project(tmp_path, {"mkdocs.yml": config, GENEVA: briefing("Then [[Nobody]] spoke.")})
    build = mkdocs_build(root, strict=True)
    assert build.code == 0, build.output
    assert "INFO    -  briefings/2022-01-10-geneva-talks.md:6: unknown reference 'Nobody'" in build.output
