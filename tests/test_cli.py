"""The ``briefing`` command, through its installed entry point: output, exit codes, files."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import SMALL_SITE, mkdocs_build, project, text_of, write

from briefing_site.core.matcher import Matcher
from briefing_site.core.registry import Registry
from briefing_site.core.sources import SourceCache, load

BRIEFING = Path(sys.executable).with_name("briefing")  # the console script pip installed


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BRIEFING), *args], cwd=root, capture_output=True, text=True, timeout=120)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, SMALL_SITE)
    return tmp_path


# -- new and entry ---------------------------------------------------------------


def test_new_writes_a_skeleton_that_checks_and_builds(site):
    result = run(site, "new", 'Talks: "no way", says Borrell', "--date", "2022-01-14")
    assert result.returncode == 0, result.stderr
    path = site / "briefings/2022-01-14-talks-no-way-says-borrell.md"
    assert result.stdout.strip() == "briefings/2022-01-14-talks-no-way-says-borrell.md"
    text = path.read_text()
    assert 'title: "Talks: \\"no way\\", says Borrell"' in text and "date: 2022-01-14" in text
    assert "[[NATO]]" in text and '{by="Josep Borrell"}' in text  # commented examples
    assert run(site, "check").returncode == 0
    build = mkdocs_build(site, strict=True)
    assert build.code == 0, build.output
    assert 'Talks: "no way", says Borrell' in text_of(build.article("briefings/talks-no-way-says-borrell"))


def test_new_refuses_to_overwrite_or_reuse_a_title(site):
    same_title = run(site, "new", "Talks in Geneva", "--date", "2022-01-11")
    assert same_title.returncode == 1
    assert "'Talks in Geneva' is already a key of briefings/2022-01-10-geneva-talks.md" in same_title.stderr
    assert run(site, "new", "Other", "--date", "2022-01-10").returncode == 0
    again = run(site, "new", "Other", "--date", "2022-01-10")
    assert again.returncode == 1
    assert "briefings/2022-01-10-other.md already exists; nothing was written" in again.stderr


def test_new_refuses_a_bad_date(site):
    result = run(site, "new", "X", "--date", "13/01/2022")
    assert result.returncode == 1 and "--date must be YYYY-MM-DD" in result.stderr


def test_entry_writes_a_skeleton_whose_missing_summary_is_reported(site):
    result = run(site, "entry", "people", "Antony Blinken")
    assert result.returncode == 0, result.stderr
    path = site / "briefings/glossary/people/antony-blinken.md"
    assert path.read_text().startswith('---\nname: "Antony Blinken"\n')
    check = run(site, "check")
    assert check.returncode == 1
    assert check.stdout == "briefings/glossary/people/antony-blinken.md:1: missing required field 'summary'\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("peoples", "X"),
            "unknown kind 'peoples' (kinds: people, organizations, countries, places, concepts)"
            " — did you mean 'people'?",
        ),
        (
            ("places", "Jens Stoltenberg"),
            "id 'jens-stoltenberg' already exists: briefings/glossary/people/jens-stoltenberg.md",
        ),
        (
            ("places", "The Alliance"),
            "'The Alliance' is already a key of briefings/glossary/organizations/nato.md",
        ),
    ],
)
def test_entry_refusals_say_where(site, args, message):
    result = run(site, "entry", *args)
    assert result.returncode == 1
    assert result.stderr.strip() == f"briefing entry: {message}"


# -- check -----------------------------------------------------------------------

BROKEN = {
    "briefings/2022-01-10-geneva-talks.md": (
        "---\ntitle: T\ndate: 2022-01-10\nsumary: x\n---\n\n[[Natoo]] and [[NATO\n"
    ),
    "briefings/glossary/places/brussels.md": "---\nname: Brussels\nsummary: s\nlinks:\n  X: ftp://x\n---\n",
    "docs/glossary/nato.md": "# Mine\n\nAbout [[Nobody]].\n",
}


def test_check_is_silent_and_succeeds_on_a_good_site(site):
    result = run(site, "check")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.strip() == "0 problems in 8 sources"


def test_check_and_the_build_report_the_same_problems(tmp_path):
    root = project(tmp_path, BROKEN)
    check = run(root, "check")
    build = mkdocs_build(root)
    assert check.returncode == 1
    from_check = check.stdout.splitlines()
    from_build = [w.removeprefix("WARNING -  ") for w in build.warnings]
    assert from_check == from_build
    assert len(from_check) == 6


def test_check_json_and_path_filter(tmp_path):
    root = project(tmp_path, BROKEN)
    result = run(root, "check", "briefings/glossary", "--format", "json")
    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "path": "briefings/glossary/places/brussels.md",
            "line": 5,
            "message": "link 'X' must be an http or https URL, got 'ftp://x'",
            "code": "url",
            "level": "warn",
        }
    ]
    clean = run(root, "check", "briefings/2022-01-13-osce.md")
    assert clean.returncode == 0 and clean.stdout == ""


# -- the check's cache --------------------------------------------------------------

EDITS = [
    # (path, new text or None to delete), each followed by a check with and without the cache
    (
        "briefings/2022-01-10-geneva-talks.md",
        "---\ntitle: T\ndate: 2022-01-10\nsummary: x\n---\n\n[[Natoo]]\n",
    ),
    (
        "briefings/2022-01-10-geneva-talks.md",
        "---\ntitle: T\ndate: 2022-01-10\nsummary: x\n---\n\n[[NATO]]\n",
    ),
    ("briefings/2022-02-01-new.md", "---\ntitle: New\ndate: 2022-02-01\nsummary: s\n---\n\n[[Nobody]]\n"),
    ("briefings/glossary/organizations/nato.md", None),
    ("docs/index.md", "# Home\n\n[[Ghost]] and [[Natoo]].\n"),
    ("briefings/2022-02-01-new.md", None),
]


def _edit(root: Path, rel: str, text: str | None) -> None:
    if text is None:
        (root / rel).unlink()
    else:
        write(root, {rel: text})


def test_check_with_its_cache_reports_what_a_fresh_check_reports_after_every_edit(site):
    first = run(site, "check")
    assert (site / ".cache/briefing/check.pickle").is_file()
    # The cache keeps itself out of git, and a fresh check neither reads nor writes it.
    assert (site / ".cache/briefing/.gitignore").read_text().endswith("\n*\n")
    assert run(site, "check").stdout == first.stdout
    for rel, text in EDITS:
        _edit(site, rel, text)
        cached, fresh = run(site, "check"), run(site, "check", "--no-cache")
        assert (cached.returncode, cached.stdout, cached.stderr) == (
            fresh.returncode,
            fresh.stdout,
            fresh.stderr,
        )
    assert "[[Ghost]]" not in first.stdout and "docs/index.md:3: unknown reference 'Ghost'" in cached.stdout


def test_a_check_after_one_edit_parses_only_that_file(site, monkeypatch):
    from briefing_site.command import cli
    from briefing_site.core import sources

    parsed = []
    real = sources._load
    monkeypatch.setattr(sources, "_load", lambda raw, rel, kind: parsed.append(rel) or real(raw, rel, kind))
    assert cli.main(["--project", str(site), "check"]) == 0
    assert len(parsed) == 8  # every source, once: the cache was empty
    parsed.clear()
    assert cli.main(["--project", str(site), "check"]) == 0
    # Files stamped in the clock tick of the save are read again (see cache._settled); none here.
    assert parsed == []
    write(
        site,
        {"briefings/2022-01-10-geneva-talks.md": "---\ntitle: T\ndate: 2022-01-10\nsummary: x\n---\n\nx\n"},
    )
    assert cli.main(["--project", str(site), "check"]) == 0
    assert parsed == ["briefings/2022-01-10-geneva-talks.md"]


def test_an_edit_that_keeps_the_size_within_one_clock_tick_is_still_seen(site):
    """On a file system with coarse timestamps, a file read by a check and written again
    in the same tick keeps its stamp; the clock is set by hand to make that happen here."""
    rel, tick = "briefings/2022-01-10-geneva-talks.md", 1_700_000_000_000_000_000
    for ref in ("NATO", "NATX"):  # the same length
        write(site, {rel: f"---\ntitle: T\ndate: 2022-01-10\nsummary: x\n---\n\n[[{ref}]]\n"})
        os.utime(site / rel, ns=(tick, tick))
        result = run(site, "check")
        os.utime(site / ".cache/briefing/check.pickle", ns=(tick, tick))  # saved in that tick
    assert "unknown reference 'NATX'" in result.stdout


@pytest.mark.parametrize("damage", [b"", b"not a pickle", None])
def test_a_damaged_or_unwritable_cache_is_ignored(site, damage):
    cache = site / ".cache/briefing"
    if damage is None:
        (site / ".cache").write_text("a file where the cache's folder would go")
    else:
        cache.mkdir(parents=True)
        (cache / "check.pickle").write_bytes(damage)
    result = run(site, "check")
    assert result.returncode == 0 and result.stderr.strip() == "0 problems in 8 sources", result.stderr
    if damage is not None:  # replaced by a good one
        assert run(site, "check").stderr == result.stderr and (cache / "check.pickle").stat().st_size > 100


def test_outside_a_project_the_command_says_so(tmp_path):
    result = run(tmp_path, "check")
    assert result.returncode == 2 and "no mkdocs.yml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["new", "entry", "check", "suggest"])
def test_every_subcommand_has_help_with_an_example(site, command):
    result = run(site, command, "--help")
    assert result.returncode == 0
    assert "example:\n  briefing " + command in result.stdout


# -- suggest ---------------------------------------------------------------------

UNANNOTATED = """
    ---
    title: Plain
    date: 2022-01-20
    ---

    NATO met Russia in Brussels. Tell us who spoke: the Russian side and `NATO` in code.
    See [NATO](https://www.nato.int/) and [[Brussels]]. Later NATO met again.
    Maria Zakharova spoke; then Maria Zakharova spoke again.
    """


def test_suggest_lists_unannotated_names_and_recurring_unknown_ones(site):
    write(site, {"briefings/2022-01-20-plain.md": UNANNOTATED})
    result = run(site, "suggest", "briefings/2022-01-20-plain.md")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "briefings/2022-01-20-plain.md:6:1: 'NATO' could be [[NATO]]",
        "briefings/2022-01-20-plain.md:6:10: 'Russia' could be [[Russia]]",
        "briefings/2022-01-20-plain.md:6:20: 'Brussels' could be [[Brussels]]",
        "briefings/2022-01-20-plain.md:7:59: 'NATO' could be [[NATO]]",
        "briefings/2022-01-20-plain.md: 'Maria Zakharova' appears 2 times and matches no entry: a new entry?",
    ]


def test_suggest_write_annotates_first_occurrences_and_changes_nothing_else(site):
    write(site, {"briefings/2022-01-20-plain.md": UNANNOTATED})
    path = site / "briefings/2022-01-20-plain.md"
    before = path.read_bytes()
    result = run(site, "suggest", "--write", "briefings/2022-01-20-plain.md")
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    # Brussels is annotated only after its first occurrence, so that one is linked too.
    assert b"[[NATO]] met [[Russia]] in [[Brussels]]." in after and after.count(b"[[NATO]]") == 1
    changes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    inserted = [after[j1:j2] for tag, _, _, j1, j2 in changes if tag != "equal"]
    assert {tag for tag, *_ in changes} == {"equal", "insert"}
    assert inserted == [b"[[", b"]]", b"[[", b"]]", b"[[", b"]]"]
    assert run(site, "check").returncode == 0


# -- the matcher -------------------------------------------------------------------


def test_the_matcher_respects_case_word_boundaries_and_masks(tmp_path):
    write(
        tmp_path,
        {
            **SMALL_SITE,
            "briefings/glossary/countries/us.md": "---\nname: United States\nshort: US\nsummary: s\n---\n",
        },
    )
    corpus = load(
        tmp_path, "briefings", ("people", "organizations", "countries", "places", "concepts"), SourceCache()
    )
    matcher = Matcher(Registry(corpus.entities, corpus.briefings))
    text = (
        "Tell us; the US and the united states. Russian is not Russia's. "
        '```\nNATO\n```\n<span title="NATO">x</span> \\[[NATO]] [[NATO]] <!-- NATO -->\n'
    )
    found = [(o.text, o.entity) for o in matcher.occurrences(text)]
    assert found == [("US", "us"), ("united states", "us"), ("Russia", "russia")]


def test_autolink_links_known_names_at_build_time(tmp_path):
    config = (
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - briefing:\n      autolink: first\n"
    )
    root = project(tmp_path, {"mkdocs.yml": config, "briefings/2022-01-20-plain.md": UNANNOTATED})
    build = mkdocs_build(root, strict=True)
    assert build.code == 0, build.output
    article = build.article("briefings/plain")
    html = article[: article.index('id="briefing-who"')]  # the text, not the cards after it
    assert html.count('href="../../glossary/nato/"') == 1
    # Brussels' first occurrence comes before the author's own annotation: both link.
    assert html.count('href="../../glossary/brussels/"') == 2
    assert "<h1>Plain</h1>" in html
