"""Every case of the hostile corpus (``cases/*/``), built for real beside the small site.

Each case must give correct output or a clear ``path:line: message`` (the messages its
``expect.toml`` lists, and no others): never a traceback, never a hang (the build is
killed at the case's time limit), and no other briefing affected (the small site's pages
keep their text and links, and no message names one of its files).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile_corpus import (
    HERE,
    Case,
    Corpus,
    Page,
    Run,
    about,
    load_cases,
    materialize,
    message_problems,
    timed_build,
)
from sitebuild import text_of

CASES = load_cases()

# What the small site's readers see, which no hostile file may change.
INTACT = {
    "": ["Welcome to the NATO briefings."],
    "briefings/nato-russia-council": [
        "The NATO allies met Russia in Brussels. Stoltenberg chaired the meeting.",
        "“We are ready to talk,”Stoltenberg said the Secretary General.",
    ],
    "briefings/geneva-talks": ["Russia asked for security guarantees. NATO was not at the table."],
    "briefings/osce": [
        "After The NATO–Russia Council meets, the week ended with no agreement for Russia.",
        "No door should be closed. — Jens Stoltenberg",
    ],
    "glossary/nato": [
        "Military alliance of North American and European states, founded in 1949.",
        "An alliance; see also Jens Stoltenberg.",
    ],
    "glossary/jens-stoltenberg": [
        "Norwegian politician, NATO Secretary General from 2014 to 2024.",
        "Former prime minister of Norway.",
        "“We are ready to talk,” The NATO–Russia Council meets, 12 January 2022",
    ],
    "glossary/russia": ["Country spanning eastern Europe and northern Asia."],
    "glossary/brussels": ["Capital of Belgium, seat of NATO's headquarters."],
    "glossary/security-guarantees": ["Binding promises about the security of a state."],
    "timeline": ["A month of talks", "Strategic stability dialogue", "NATO–Russia Council"],
    "briefings": ["The OSCE talks end", "The NATO–Russia Council meets", "Talks in Geneva"],
    "glossary": ["Jens Stoltenberg", "NATO", "Russia", "Brussels", "security guarantees"],
}
INTACT_LINKS = {
    "briefings/nato-russia-council": [
        "../../glossary/nato/",
        "../../glossary/russia/",
        "../../glossary/brussels/",
    ],
    "briefings/geneva-talks": [
        "../../glossary/russia/",
        "../../glossary/security-guarantees/",
        "../../glossary/nato/",
    ],
    "briefings/osce": ["../nato-russia-council/", "../../glossary/jens-stoltenberg/"],
}


class _Links(HTMLParser):
    """Every href and src value of a page, and every id with how often it occurs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)
            if name == "id" and value:
                self.ids[value] = self.ids.get(value, 0) + 1


def links_of(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser


def check_page(run: Run, page: Page) -> list[str]:
    try:
        html = run.page(page.url)
        article = run.article(page.url)
    except (FileNotFoundError, ValueError) as exc:
        return [f"page {page.url or '(home)'}: missing or without an article ({exc})"]
    text = text_of(article)
    archived = _archived_text(run, page.url, article) if any(s not in text for s in page.shows) else ""
    failures = [
        f"page {page.url}: does not show {s!r}, nor do its archive pages\n    it shows: {text[:3000]!r}"
        for s in page.shows
        if s not in text and s not in archived
    ]
    failures += [f"page {page.url}: shows {s!r}" for s in page.hides if s in text]
    in_article = links_of(article).urls
    failures += [
        f"page {page.url}: no link to {url!r} (links: {in_article})"
        for url in page.links
        if url not in in_article
    ]
    whole = links_of(html)
    for prefix in page.no_links:
        bad = [u for u in whole.urls if u.strip().lower().startswith(prefix)]
        failures += [f"page {page.url}: links to {u!r}" for u in bad]
    failures += [f"page {page.url}: id {i!r} is used {n} times" for i, n in whole.ids.items() if n > 1]
    return failures


def _archived_text(run: Run, url: str, article: str) -> str:
    """The text of the archive pages a page links to (an entry's older mentions and quotes,
    one page per year, in its folder): what the page no longer shows, it links to."""
    years = {u.split("/")[0] for u in links_of(article).urls if re.fullmatch(r"\d{4}[^/]*/", u)}
    return "\n".join(text_of(run.article(f"{url}/{year}")) for year in sorted(years))


def small_site_intact(run: Run) -> list[str]:
    failures = []
    for url, shows in INTACT.items():
        failures += check_page(run, Page(url, tuple(shows), links=tuple(INTACT_LINKS.get(url, ()))))
    return failures


def graph_counts(run: Run, case: Case) -> list[str]:
    if not case.graph:
        return []
    graph = json.loads((run.site / "graph.json").read_text(encoding="utf-8"))
    stem = case.graph["briefing"]
    failures = []
    for key in ("mentions", "quotes"):
        found = sum(1 for item in graph[key] if item["briefing"] == stem)
        if found != case.graph[key]:
            failures.append(f"graph.json: {found} {key} of {stem}, expected {case.graph[key]}")
    anchors = [m["anchor"] for m in graph["mentions"] if m["briefing"] == stem]
    if len(set(anchors)) != len(anchors):
        failures.append(f"graph.json: {len(anchors) - len(set(anchors))} anchors of {stem} are used twice")
    return failures


def expected_messages(run: Run, case: Case, paths: tuple[str, ...]) -> list[str]:
    """The case's messages are there, every message about its files is one of them, and
    each is a clear ``path:line: message``."""
    mine = about(run.warnings, paths)
    failures = [
        f"no message {expected!r}\n    messages about the case: {mine}"
        for expected in case.warnings
        if not any(expected in line for line in mine)
    ]
    failures += [
        f"a message the case does not expect: {w}" for w in mine if not any(e in w for e in case.warnings)
    ]
    return failures + message_problems(mine, paths)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, request: pytest.FixtureRequest, tmp_path: Path):
    """An ``isolated`` case is built on its own, timed and measured; the others are read
    from the combined corpus site, built once for all of them."""
    if case.isolated:
        paths = tuple(materialize([case], tmp_path))
        run = timed_build(tmp_path, time_limit=case.time_limit)
    else:
        paths, run = tuple(case.files()), request.getfixturevalue("corpus").lenient
    assert not run.timed_out, f"{case.name}: still building after {case.time_limit:.0f} s; killed"
    assert "Traceback" not in run.output, run.output[-5000:]
    assert run.code == 0, run.output[-5000:]

    failures = expected_messages(run, case, paths)
    if case.isolated:  # alone with the small site: every message is about the case
        failures += message_problems([w for w in run.warnings if w not in about(run.warnings, paths)], paths)
    if case.max_rss_mb and run.max_rss_mb > case.max_rss_mb:
        failures.append(f"peak memory {run.max_rss_mb:.0f} MB, over {case.max_rss_mb:.0f} MB")
    for page in case.pages:
        failures += check_page(run, page)
    failures += graph_counts(run, case)
    failures += [f"the small site changed: {f}" for f in small_site_intact(run)]
    assert not failures, f"{case.name} ({run.seconds:.1f} s):\n" + "\n".join(failures)


def test_the_corpus_builds_together_with_no_stray_message(corpus: Corpus):
    """All combined cases in one site: every message is a ``path:line: message`` about a
    hostile file that some case expects, and the small site is intact."""
    run = corpus.lenient
    assert not run.timed_out and "Traceback" not in run.output, run.output[-5000:]
    assert run.code == 0, run.output[-5000:]
    failures = message_problems(run.warnings, tuple(corpus.files))
    expected = [e for c in corpus.cases for e in c.warnings]
    failures += [f"a message no case expects: {w}" for w in run.warnings if not any(e in w for e in expected)]
    failures += [f"the small site changed: {f}" for f in small_site_intact(run)]
    assert not failures, "\n".join(failures)


def test_the_corpus_fails_a_strict_build_with_the_same_messages(corpus: Corpus, corpus_strict: Run):
    assert not corpus_strict.timed_out and "Traceback" not in corpus_strict.output
    assert corpus_strict.code == 1, corpus_strict.output[-5000:]
    assert "Aborted with" in corpus_strict.output and "warnings in strict mode" in corpus_strict.output
    assert sorted(corpus_strict.warnings) == sorted(corpus.lenient.warnings)


def test_the_readme_describes_every_case():
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    assert [c.name for c in CASES if f"`{c.name}`" not in readme] == []


def test_the_hostile_site_has_no_broken_link_or_anchor(corpus: Corpus):
    """lychee over the combined corpus site: pages moved for reserved names, percent-encoded
    file names and anchors of 10 kinds of hostile text all resolve (see tests/linkcheck)."""
    script = HERE.parent / "linkcheck" / "check_site.sh"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    cmd = ["bash", str(script), str(corpus.lenient.site), "--only", "links"]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
