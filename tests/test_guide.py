"""The author guide (docs/authoring.md) cannot drift from what the plugin does.

Its examples are built: every fenced block after a ``<!-- guide-example: PATH -->``
comment is written to PATH (blocks with the same PATH are joined) in a copy of the real
project, the site is built strictly, and what the guide says the reader gets is checked
in the HTML. Every message of its table of problems is produced by a real build, and
together they cover every problem code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import ROOT, Build, mkdocs_build, text_of

from briefing_site.core.diagnostics import CODES

GUIDE = ROOT / "docs" / "authoring.md"
EXAMPLE = re.compile(r"<!-- guide-example: (\S+) -->\n```[a-z]*\n(.*?)^```\n", re.S | re.M)
RENDERED = re.compile(r'<div class="guide-example" markdown>\n\n(.*?)\n</div>', re.S)
BRIEFING = Path(sys.executable).with_name("briefing")  # the console script pip installed
EXAMPLE_BRIEFING = "briefings/2022-01-14-no-common-ground.md"


def guide_examples() -> dict[str, str]:
    files: dict[str, str] = {}
    for path, block in EXAMPLE.findall(GUIDE.read_text(encoding="utf-8")):
        files[path] = files.get(path, "") + ("\n" if path in files else "") + block
    return files


def copy_of_the_project(root: Path) -> None:
    for name in ("briefings", "docs"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("guide")
    copy_of_the_project(root)
    for path, content in guide_examples().items():
        (root / path).write_text(content, encoding="utf-8")
    return mkdocs_build(root, strict=True)


def test_the_guide_has_its_examples():
    files = guide_examples()
    assert set(files) == {EXAMPLE_BRIEFING, "briefings/glossary/people/josep-borrell.md"}
    assert files[EXAMPLE_BRIEFING].startswith("---\ntitle:") and "[[NATO]]" in files[EXAMPLE_BRIEFING]


def test_the_rendered_example_is_the_example_itself():
    """The guide shows the annotation example twice, as Markdown and rendered live."""
    text = GUIDE.read_text(encoding="utf-8")
    (live,) = RENDERED.findall(text)
    body = guide_examples()[EXAMPLE_BRIEFING].split("\n---\n", 1)[1]
    assert live.strip() == body.strip()


def test_the_examples_build_strictly_with_no_message(built: Build):
    assert built.code == 0, built.output[-3000:]
    assert built.warnings == []


def test_the_example_briefing_shows_what_the_guide_says(built: Build):
    article = built.article("briefings/no-common-ground")
    assert "After a week of talks, no common ground between Moscow and NATO" in article
    assert "In brief" in article and "ends with no common ground" in article
    for href, shown in [
        ("../../glossary/russia/", "Russia"),
        ("../../glossary/nato/", "NATO"),
        ("../../glossary/josep-borrell/", "Joseph Borell"),
        ("../../glossary/jean-asselborn/", "Jean Asselborn"),
        ("../nato-russia-council-brussels/", "NATO and Russia sit down together for the first time"),
    ]:
        link = rf'<a class="briefing-mention[^"]*"[^>]* href="{re.escape(href)}"[^>]*>{shown}'
        assert re.search(link, article), href
    quote = r'<q class="briefing-quote"[^>]*>“the door is open”</q><sup><a class="briefing-quote__by" '
    quote += r'href="([^"]*)"'
    assert re.search(quote, article)[1] == "../../glossary/jens-stoltenberg/"
    attributed = r'<blockquote class="briefing-blockquote".*?No door should be closed.*?'
    attributed += r"<footer[^>]*>— <cite><a "
    assert re.search(attributed + r"[^>]*>Jean Asselborn", article, re.S)
    assert "[[not a link]]" in text_of(article)
    assert 'The source spells his name "Borell".' in text_of(article)
    for listed in ("Who and what", "Events", "US–Russia talks in Geneva", "Related briefings"):
        assert listed in article


def test_the_example_entry_shows_what_the_guide_says(built: Build):
    article = built.article("glossary/josep-borrell")
    shown = text_of(article)
    assert "Spanish politician; EU High Representative" in shown
    assert "High Representative for Foreign Affairs and Security Policy" in shown
    assert "Also known as" in shown and "the EU's foreign-policy chief" in shown
    assert 'href="https://www.eeas.europa.eu/"' in article
    mentioned = article[article.index("Mentioned in") :]
    assert re.search(r'href="../../briefings/no-common-ground/[#"]', mentioned)
    assert "was not at the table" in mentioned
    timeline = text_of(built.article("timeline"))
    assert "US–Russia talks in Geneva" in timeline


# -- the table of problems -------------------------------------------------------------

# A source that gives each documented message (beside the guide's own examples).
TRIGGERS = {
    "unknown reference 'Borel'": {"briefings/2022-02-01-misspelt.md": "[[Borel]] spoke."},
    "'Washington' is claimed by": {
        "briefings/glossary/places/washington-state.md": "name: Washington State\n"
        "aliases: Washington\nsummary: A state.",
        "briefings/glossary/people/george-washington.md": "name: George Washington\n"
        "aliases: Washington\nsummary: A president.",
        "briefings/2022-02-02-ambiguous.md": "[[Washington]] said so.",
    },
    "'place' must name an entity": {
        "briefings/2022-02-03-place.md": "events:\n  - date: 2022-02-03\n    title: A meeting\n"
        "    place: 2022-01-10-geneva-strategic-stability-dialogue",
    },
    "not valid YAML": {"briefings/2022-02-04-yaml.md": "---\ntitle: Talks: day two\ndate: 2022-02-04\n---\n"},
    "never closed": {"briefings/2022-02-05-open.md": "---\ntitle: Open\ndate: 2022-02-05\nText."},
    "YAML aliases": {"briefings/2022-02-06-alias.md": "summary: &s A\ntags: *s"},
    "duplicate key 'title'": {"briefings/2022-02-07-dup.md": "title: Again"},
    "missing required field 'summary'": {"briefings/glossary/concepts/no-summary.md": "name: No summary"},
    "unknown field 'sumary'": {"briefings/2022-02-08-typo.md": "sumary: Oops."},
    "'tags' must be": {"briefings/2022-02-09-type.md": "tags: 7"},
    "'date' must be YYYY-MM-DD, got '13/01/2022'": {
        "briefings/2022-02-10-date.md": "---\ntitle: Date\ndate: 13/01/2022\n---\n"
    },
    "file name must be": {"briefings/no-date-here.md": "---\ntitle: No date\ndate: 2022-02-11\n---\n"},
    "'date' is 2022-02-09 but": {"briefings/2022-02-08-late.md": "---\ntitle: Late\ndate: 2022-02-09\n---\n"},
    "not valid UTF-8": {"briefings/2022-02-12-latin.md": "Caf\udce9 in Latin-1."},
    "control character U+0000": {"briefings/2022-02-18-nul.md": "A NUL \x00 here."},
    "control character U+0007": {"briefings/2022-02-19-bell.md": 'summary: "A bell \\a"'},
    "slug 'same'": {
        "briefings/2022-02-13-same.md": "---\ntitle: Same one\ndate: 2022-02-13\n---\n",
        "briefings/2022/2022-02-14-same.md": "---\ntitle: Same two\ndate: 2022-02-14\n---\n",
    },
    "slug 'index'": {"briefings/2022-02-15-index.md": "---\ntitle: Index\ndate: 2022-02-15\n---\n"},
    "docs/glossary/nato.md": {"docs/glossary/nato.md": "# NATO, by hand\n"},
    "'source.url'": {"briefings/2022-02-16-url.md": "source:\n  url: javascript:alert(1)"},
    "link 'Home'": {
        "briefings/glossary/places/bad-link.md": "name: Bad link\nsummary: x.\nlinks:\n  Home: ftp://x.org"
    },
    "unclosed '": {"briefings/2022-02-17-unclosed.md": '[[NATO and [“x”]{by="NATO"'},
}


def documented_messages() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    table = text[text.index("## Problems and their fixes") :]
    table = table[: table.index("\n\n", table.index("| --- |"))]
    rows = [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| `")]
    return [m for row in rows for m in re.findall(r"`([^`]+)`", row)]


def as_file(path: str, text: str) -> str:
    """A trigger is a whole file (starting '---' or '#'), front-matter lines for a
    file that is otherwise correct, or a briefing's body."""
    if text.startswith(("---", "#")):
        return text + "\n"
    if "/glossary/" in path:
        return f"---\n{text}\n---\n"
    date, stem = re.match(r".*/(\d{4}-\d\d-\d\d)-(.+)\.md", path).groups()
    head = f"title: {stem.capitalize()}\ndate: {date}"
    if ":" in text.split("\n", 1)[0] and not text.startswith("["):
        return f"---\n{head}\n{text}\n---\nText.\n"
    return f"---\n{head}\n---\n{text}\n"


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], Build]:
    root = tmp_path_factory.mktemp("guide-problems")
    copy_of_the_project(root)
    for files in TRIGGERS.values():
        for path, text in files.items():
            content = as_file(path, text)
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content.encode("utf-8", "surrogateescape"))
    cmd = [str(BRIEFING), "check", "--format", "json"]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    return json.loads(proc.stdout), mkdocs_build(root)


def pattern(documented: str) -> re.Pattern[str]:
    return re.compile(".*?".join(re.escape(part) for part in documented.split("...")))


@pytest.mark.parametrize("documented", documented_messages())
def test_each_documented_problem_is_what_the_plugin_says(documented: str, problems):
    """Each message in the guide's table is given, word for word, by the build and by
    ``briefing check``."""
    checked, build = problems
    assert any(key in documented for key in TRIGGERS), f"no trigger for {documented!r}: add one to TRIGGERS"
    assert any(pattern(documented).search(p["message"]) for p in checked), (documented, checked)
    assert pattern(documented).search(build.output), (documented, build.output[-3000:])


def test_the_table_covers_every_problem_code(problems):
    checked, _ = problems
    messages = documented_messages()
    covered = {p["code"] for p in checked if any(pattern(m).search(p["message"]) for m in messages)}
    assert covered == set(CODES), sorted(set(CODES) - covered)


def test_the_guide_lists_every_validation_key():
    settings = GUIDE.read_text(encoding="utf-8").split("## Settings", 1)[1]
    assert {k for k in CODES if f"`{k}`" in settings} == set(CODES)


def test_the_guides_commands_exist():
    """The commands the guide tells authors to run are the package's commands."""
    text = GUIDE.read_text(encoding="utf-8")
    for command in sorted(set(re.findall(r"`briefing ([a-z]+)", text))):
        proc = subprocess.run([str(BRIEFING), command, "--help"],
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert proc.returncode == 0, (command, proc.stderr)
