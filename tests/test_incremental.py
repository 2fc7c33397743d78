"""`mkdocs serve --dirty` serves exactly what a clean build gives, after any edits.

A Hypothesis state machine edits a small site as an author would (text, mentions, quotes,
notes, front-matter fields, briefings and entries added, deleted and renamed, aliases that
make a reference resolve elsewhere or fail, a docs page, mkdocs.yml, a half-written save),
rebuilds it in one dirty session after each edit, and compares the served tree with a
clean build of the same sources, file by file.

CI runs a few sequences. A long campaign (see tests/README.md):

    INCREMENTAL_EXAMPLES=2000 python3 -m pytest tests/test_incremental.py -k campaign
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from incremental_support import DirtySession, clean_build, differences

KINDS = {
    "alpha": "organizations",
    "beta": "countries",
    "carla": "people",
    "delta": "places",
    "echo": "concepts",
}
NAMES = {
    "alpha": "Alpha Org",
    "beta": "Beta Land",
    "carla": "Carla Diaz",
    "delta": "Delta City",
    "echo": "Echo Pact",
}
ALIASES = ["AO", "Beta", "Carla", "Delta", "The Pact"]
# What mentions say: names, aliases and a name no entry has (until an alias claims it).
SAID = [*NAMES.values(), *ALIASES, "Foxtrot"]
DAYS = ["2022-01-10", "2022-01-12", "2022-02-01", "2022-03-05"]
SLUGS = ["talks", "summit", "vote"]
WORDS = ["Talks resumed.", "Nothing was agreed.", "Ministers met again.", "The vote was close."]

# Lists split from the second item on, so that archive pages (an entry's too, added once
# the index is built) come and go with the edits.
MKDOCS_YML = (
    "site_name: {name}\ntheme:\n  name: material\nplugins:\n  - search\n"
    "  - briefing:\n      latest: 1\n      per_page: 1\n"
)


def paragraph(kind: str, said: str, words: str) -> str:
    if kind == "mention":
        return f"{words} [[{said}]] was there."
    if kind == "quote":
        return f'[“{words}”]{{by="{said}"}} was said.'
    if kind == "note":
        return f"{words}[^n]\n\n[^n]: A note on [[{said}]]."
    return words


class Site:
    """The sources, as data an edit changes, written out before each build."""

    def __init__(self) -> None:
        self.briefings: dict[str, dict] = {}  # file stem -> fields and paragraphs
        self.entries: dict[str, dict] = {}  # id -> fields
        self.docs = "# Home\n\nWelcome. [[Alpha Org]] is one of the actors.\n"
        self.site_name = "Desk"
        self.broken: str | None = None  # a file half-written by the last save

    def files(self) -> dict[str, str]:
        out = {"mkdocs.yml": MKDOCS_YML.format(name=self.site_name), "docs/index.md": self.docs}
        for stem, b in self.briefings.items():
            out[f"briefings/{stem}.md"] = self._briefing(stem, b)
        for eid, e in self.entries.items():
            out[f"briefings/glossary/{e['kind']}/{eid}.md"] = self._entry(e)
        return out

    @staticmethod
    def _briefing(stem: str, b: dict) -> str:
        lines = ["---", f"title: {b['title']}", f"date: {stem[:10]}", f"summary: {b['summary']}"]
        if b["tags"]:
            lines.append(f"tags: [{', '.join(b['tags'])}]")
        if b["related"]:
            lines.append(f"related: [{', '.join(b['related'])}]")
        if b["events"]:
            lines.append("events:")
            for day, who in b["events"]:
                lines += [f"  - date: {day}", f"    title: Meeting with {who}", f"    actors: [{who}]"]
        return "\n".join([*lines, "---", "", *("\n\n".join(b["paragraphs"]),), ""])

    @staticmethod
    def _entry(e: dict) -> str:
        lines = ["---", f"name: {e['name']}", f"summary: {e['summary']}"]
        if e["aliases"]:
            lines.append(f"aliases: [{', '.join(e['aliases'])}]")
        if e["role"]:
            lines += ["roles:", f"  - title: {e['role']}", "    from: 2022-01-11"]
        return "\n".join([*lines, "---", "", f"About {e['name']}.", ""])


class DirtyServe(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="dirty-"))
        self.root, self.site = self.dir / "project", self.dir / "served"
        self.session = DirtySession(self.root, self.site)
        self.model = Site()
        self.written: dict[str, str] = {}

    # -- the sources on disk, and a build after each edit -------------------------

    def _sync(self) -> None:
        files = self.model.files()
        for rel in set(self.written) - set(files):
            (self.root / rel).unlink()
        for rel, text in files.items():
            if self.written.get(rel) != text:
                path = self.root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        self.written = files
        if self.model.broken:  # a save cut off mid-write: YAML that never closes
            path = self.root / self.model.broken
            path.write_text(self.written[self.model.broken][:40], encoding="utf-8")
            self.written[self.model.broken] = ""
            self.model.broken = None
        self.session.rebuild()

    @initialize(
        n_briefings=st.integers(1, 3),
        n_entries=st.integers(2, 5),
        data=st.data(),
    )
    def start(self, n_briefings: int, n_entries: int, data) -> None:
        for eid in list(KINDS)[:n_entries]:
            self.model.entries[eid] = {
                "kind": KINDS[eid],
                "name": NAMES[eid],
                "summary": f"Summary of {NAMES[eid]}.",
                "aliases": [],
                "role": "",
            }
        for i in range(n_briefings):
            self._add_briefing(f"{DAYS[i]}-{SLUGS[i % len(SLUGS)]}", data)
        self._sync()

    def _add_briefing(self, stem: str, data) -> None:
        said = data.draw(st.sampled_from(SAID))
        self.model.briefings[stem] = {
            "title": f"Briefing {stem[-5:]}",
            "summary": "What happened.",
            "tags": [],
            "related": [],
            "events": [],
            "paragraphs": [paragraph("mention", said, "Today."), "Plain text."],
        }

    def _briefing(self, data) -> str | None:
        stems = sorted(self.model.briefings)
        return data.draw(st.sampled_from(stems)) if stems else None

    def _entry(self, data) -> str | None:
        ids = sorted(self.model.entries)
        return data.draw(st.sampled_from(ids)) if ids else None

    # -- edits of a briefing's text -------------------------------------------------

    @rule(
        data=st.data(),
        kind=st.sampled_from(["text", "mention", "quote", "note"]),
        said=st.sampled_from(SAID),
        words=st.sampled_from(WORDS),
    )
    def add_paragraph(self, data, kind: str, said: str, words: str) -> None:
        stem = self._briefing(data)
        if stem:
            self.model.briefings[stem]["paragraphs"].append(paragraph(kind, said, words))
            self._sync()

    @rule(data=st.data())
    def remove_paragraph(self, data) -> None:
        stem = self._briefing(data)
        if stem and self.model.briefings[stem]["paragraphs"]:
            paragraphs = self.model.briefings[stem]["paragraphs"]
            paragraphs.pop(data.draw(st.integers(0, len(paragraphs) - 1)))
            self._sync()

    @rule(data=st.data(), words=st.sampled_from(WORDS))
    def edit_text(self, data, words: str) -> None:
        stem = self._briefing(data)
        if stem:
            paragraphs = self.model.briefings[stem]["paragraphs"]
            paragraphs.insert(0, words)
            self._sync()

    # -- edits of a briefing's front matter -----------------------------------------

    @rule(
        data=st.data(),
        field=st.sampled_from(["title", "summary", "tags", "related", "events", "date"]),
        value=st.integers(0, 3),
    )
    def edit_field(self, data, field: str, value: int) -> None:
        stem = self._briefing(data)
        if not stem:
            return
        b = self.model.briefings[stem]
        if field == "title":
            b["title"] = f"Briefing {value} on {stem[-5:]}"
        elif field == "summary":
            b["summary"] = ["What happened.", "Talks.", "", "A vote."][value]
        elif field == "tags":
            b["tags"] = ["diplomacy", "security", "vote"][: value % 3]
        elif field == "related":
            others = sorted(set(self.model.briefings) - {stem})
            b["related"] = others[: value % 3]
        elif field == "events":
            who = data.draw(st.sampled_from(SAID))
            b["events"] = [(DAYS[value], who)] if value else []
        else:  # a new date: the file is renamed, as authors do
            new = f"{DAYS[value]}{stem[10:]}"
            if new not in self.model.briefings:
                self.model.briefings[new] = self.model.briefings.pop(stem)
        self._sync()

    # -- briefings added, deleted, renamed --------------------------------------------

    @rule(data=st.data(), day=st.sampled_from(DAYS), slug=st.sampled_from(SLUGS))
    def add_briefing(self, data, day: str, slug: str) -> None:
        stem = f"{day}-{slug}"
        if stem not in self.model.briefings:
            self._add_briefing(stem, data)
            self._sync()

    @rule(data=st.data())
    def delete_briefing(self, data) -> None:
        stem = self._briefing(data)
        if stem and len(self.model.briefings) > 1:
            del self.model.briefings[stem]
            self._sync()

    @rule(data=st.data(), slug=st.sampled_from(["renamed", "other", *SLUGS]))
    def rename_briefing(self, data, slug: str) -> None:
        stem = self._briefing(data)
        new = f"{stem[:10]}-{slug}" if stem else None
        if stem and new not in self.model.briefings:
            self.model.briefings[new] = self.model.briefings.pop(stem)
            self._sync()

    # -- entries --------------------------------------------------------------------

    @rule(eid=st.sampled_from(list(KINDS)))
    def add_entry(self, eid: str) -> None:
        if eid not in self.model.entries:
            self.model.entries[eid] = {
                "kind": KINDS[eid],
                "name": NAMES[eid],
                "summary": "New.",
                "aliases": [],
                "role": "",
            }
            self._sync()

    @rule(
        data=st.data(),
        field=st.sampled_from(["summary", "alias", "unalias", "role", "name"]),
        value=st.sampled_from(ALIASES),
    )
    def edit_entry(self, data, field: str, value: str) -> None:
        eid = self._entry(data)
        if not eid:
            return
        e = self.model.entries[eid]
        if field == "summary":
            e["summary"] = f"Changed: {value}."
        elif field == "alias" and value not in e["aliases"]:
            e["aliases"].append(value)  # may claim a key another entry has: ambiguous
        elif field == "unalias" and e["aliases"]:
            e["aliases"].pop()
        elif field == "role":
            e["role"] = "" if e["role"] else "Chair"
        elif field == "name":
            e["name"] = NAMES[eid] if e["name"] != NAMES[eid] else f"{NAMES[eid]} II"
        self._sync()

    @rule(data=st.data())
    def delete_entry(self, data) -> None:
        eid = self._entry(data)
        if eid:
            del self.model.entries[eid]
            self._sync()

    @rule(data=st.data(), new=st.sampled_from(list(KINDS)))
    def rename_entry(self, data, new: str) -> None:
        eid = self._entry(data)
        if eid and new not in self.model.entries:
            entry = self.model.entries.pop(eid)
            self.model.entries[new] = {**entry, "kind": KINDS[new]}
            self._sync()

    # -- the rest of the project ----------------------------------------------------

    @rule(said=st.sampled_from(SAID))
    def edit_docs_page(self, said: str) -> None:
        self.model.docs = f"# Home\n\nWelcome. [[{said}]] is one of the actors.\n"
        self._sync()

    @rule(name=st.sampled_from(["Desk", "The desk"]))
    def edit_mkdocs_yml(self, name: str) -> None:
        if name != self.model.site_name:
            self.model.site_name = name
            self._sync()

    @rule(data=st.data())
    def half_written_save(self, data) -> None:
        stem = self._briefing(data)
        if stem:
            self.model.broken = f"briefings/{stem}.md"
            self._sync()

    # -- the oracle --------------------------------------------------------------------

    @invariant()
    def served_equals_a_clean_build(self) -> None:
        if not self.session.builds:
            return
        oracle = self.dir / "oracle"
        shutil.rmtree(oracle, ignore_errors=True)
        clean_build(self.root, oracle)
        assert differences(self.site, oracle) == []

    def teardown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _run(examples: int, steps: int) -> None:
    case = DirtyServe.TestCase
    case.settings = settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=examples <= 20,  # CI: the same sequences every run
    )
    case("runTest").runTest()


def test_dirty_serve_equals_a_clean_build():
    _run(examples=6, steps=8)


@pytest.mark.skipif("INCREMENTAL_EXAMPLES" not in os.environ, reason="the long campaign: see the docstring")
def test_campaign():
    _run(examples=int(os.environ["INCREMENTAL_EXAMPLES"]), steps=10)


# -- what a rebuild touches ----------------------------------------------------------

# A titled navigation, as a desk has: a page in the navigation without a title is read
# again at every build, since every page's menu shows the title its Markdown gives.
NAV = "nav:\n  - Home: index.md\n  - Briefings: briefings/index.md\n  - Glossary: glossary/index.md\n"
# Files MkDocs and the search plugin write at every build, dirty or not.
ALWAYS_WRITTEN = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}


def _desk() -> Site:
    """Three briefings, each mentioning two of the five entries; all tagged alike."""
    site = Site()
    ids = list(KINDS)
    for i, stem in enumerate(["2022-01-10-talks", "2022-01-12-summit", "2022-02-01-vote"]):
        said = [NAMES[ids[i]], NAMES[ids[i + 1]]]
        site.briefings[stem] = {
            "title": f"Briefing {i}",
            "summary": f"What happened on day {i}.",
            "tags": ["Arms"],
            "related": [],
            "events": [],
            "paragraphs": [paragraph("mention", who, WORDS[i]) for who in said],
        }
    for eid in ids:
        site.entries[eid] = {"kind": KINDS[eid], "name": NAMES[eid], "summary": "", "aliases": [], "role": ""}
    return site


def _rewritten(tmp_path: Path, edit) -> tuple[set[str], list[str]]:
    """The files a dirty rebuild wrote again after ``edit(site)``, beyond those MkDocs
    always writes; and how the served tree then differs from a clean build."""
    root, served, model = tmp_path / "project", tmp_path / "served", _desk()

    def write() -> None:
        for rel, text in model.files().items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text + (NAV if rel == "mkdocs.yml" else ""), encoding="utf-8")

    write()
    session = DirtySession(root, served)
    session.rebuild()
    stamps = {p: p.stat().st_mtime_ns for p in served.rglob("*") if p.is_file()}
    time.sleep(0.05)  # a distinct modification time even on a coarse clock
    edit(model)
    write()
    session.rebuild()
    touched = {
        p.relative_to(served).as_posix()
        for p in served.rglob("*")
        if p.is_file() and stamps.get(p) != p.stat().st_mtime_ns
    }
    clean_build(root, tmp_path / "oracle")
    return touched - ALWAYS_WRITTEN, differences(served, tmp_path / "oracle")


def test_a_body_edit_rewrites_its_page_alone(tmp_path):
    def edit(site: Site) -> None:
        site.briefings["2022-01-12-summit"]["paragraphs"].append("One more sentence of prose.")

    touched, diff = _rewritten(tmp_path, edit)
    assert diff == []
    assert touched == {"briefings/summit/index.html"}


def test_a_new_summary_rewrites_the_pages_that_show_it_and_no_other(tmp_path):
    def edit(site: Site) -> None:
        site.briefings["2022-01-12-summit"]["summary"] = "A new summary."

    touched, diff = _rewritten(tmp_path, edit)
    assert diff == []
    # Lists hold one item a page here: the summit shows on archive pages (a year's second).
    shown = ["briefings/summit/index.html", "briefings/archive/2022-2/index.html", "feed.xml"]
    shown += ["glossary/beta/index.html", "glossary/carla/2022-2/index.html", "tags/arms/2022-2/index.html"]
    shown += ["briefings/talks/index.html", "briefings/vote/index.html"]  # their related lists
    for page in shown:
        assert page in touched
    # An entry it does not mention, and a briefing that does not list it, stay as they were.
    assert "glossary/echo/index.html" not in touched
    assert "glossary/echo/feed.xml" not in touched
