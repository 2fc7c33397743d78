"""The hostile corpus: load the cases under ``cases/``, write them into a project, build it.

A case is a folder ``cases/<name>/`` holding ``expect.toml`` (what must happen) and the
hostile source file(s) at their paths in a project (``briefings/...``). Large or binary
inputs are made at run time by a generator named in ``expect.toml`` instead of being
committed. Every case is built on top of the small site of ``sitebuild.SMALL_SITE``, so
that a test can also see that no other briefing was affected.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import SMALL_SITE, Build, write

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"

# -- the cases -------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    url: str  # a page of the built site, as for Build.page / Build.article
    shows: tuple[str, ...] = ()  # text the reader sees in the article (after unescaping)
    hides: tuple[str, ...] = ()  # text that must not be in the article's visible text
    links: tuple[str, ...] = ()  # href values that must be in the article
    no_links: tuple[str, ...] = ()  # href prefixes (lower case) that must not be in the page


@dataclass(frozen=True)
class Case:
    name: str
    about: str
    folder: Path
    generate: str = ""  # name of a generator in GENERATORS, or "" for committed files
    encoding: str = "utf-8"  # how the committed .md files are written: utf-8, utf-8-sig, latin-1
    newline: str = "\n"  # and with which line ends
    warnings: tuple[str, ...] = ()  # each must appear in a WARNING line
    pages: tuple[Page, ...] = ()
    time_limit: float = 120.0  # seconds for one lenient build, hostile file included
    max_rss_mb: float = 0.0  # peak memory of that build, if bounded (0: not checked)
    combined: bool = True  # part of the combined corpus site (see conftest.py)
    isolated: bool = False  # also built on its own, with its time limit and memory reading
    graph: dict = field(default_factory=dict)  # {briefing, mentions, quotes} counted in graph.json

    def files(self) -> dict[str, bytes]:
        """Project-relative path -> bytes of every hostile file of this case."""
        if self.generate:
            return GENERATORS[self.generate]()
        out = {}
        for path in sorted(self.folder.rglob("*")):
            if path.is_file() and path.name != "expect.toml":
                rel = path.relative_to(self.folder).as_posix()
                out[rel] = self._encode(path.read_text(encoding="utf-8"))
        return out

    def _encode(self, text: str) -> bytes:
        return text.replace("\n", self.newline).encode(self.encoding)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(self.files())


def load_case(folder: Path) -> Case:
    data = tomllib.loads((folder / "expect.toml").read_text(encoding="utf-8"))
    pages = tuple(
        Page(
            p["url"],
            tuple(p.get("shows", ())),
            tuple(p.get("hides", ())),
            tuple(p.get("links", ())),
            tuple(p.get("no_links", ())),
        )
        for p in data.pop("pages", ())
    )
    newline = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}[data.pop("newline", "lf")]
    return Case(
        name=folder.name,
        folder=folder,
        pages=pages,
        newline=newline,
        warnings=tuple(data.pop("warnings", ())),
        **data,
    )


def load_cases() -> list[Case]:
    return [load_case(f) for f in sorted(CASES_DIR.iterdir()) if (f / "expect.toml").is_file()]


def materialize(cases: list[Case], root: Path) -> dict[str, bytes]:
    """Write the small site and the hostile files of ``cases`` into ``root``; returns the
    hostile files (path -> bytes)."""
    write(root, SMALL_SITE)
    written: dict[str, bytes] = {}
    for case in cases:
        for rel, data in case.files().items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written[rel] = data
    return written


def payload(tag: str) -> str:
    """The markup payload the injection cases put in a field, marked with its field's tag."""
    return (
        f'XSS-{tag} </script><script>alert("XSS-{tag}")</script><!--<script> '
        f'" onmouseover="alert(\'XSS-{tag}\')" \'><img src=x onerror=alert("XSS-{tag}")> & end'
    )


# -- the generated cases -------------------------------------------------------------------

FRONT = "---\ntitle: {title}\ndate: {date}\n---\n\n"  # the body starts on line 6
TEN_MEGABYTES_PARAGRAPH = (
    "The [[NATO]] ministers met again on Tuesday; the talks with [[Russia]] went on late "
    "into the night, and no one would say what had been agreed, or whether anything had.\n\n"
)
TEN_MEGABYTES_COUNT = (10 * 1024 * 1024) // len(TEN_MEGABYTES_PARAGRAPH) + 1
TEN_MEGABYTES_LAST_LINE = 6 + 2 * TEN_MEGABYTES_COUNT  # 124,098: see the case's expect.toml


def ten_megabytes() -> dict[str, bytes]:
    """A 10 MiB briefing of ordinary prose; an unknown reference on its very last line."""
    head = FRONT.format(title="Ten megabytes", date="2022-03-10")
    body = TEN_MEGABYTES_PARAGRAPH * TEN_MEGABYTES_COUNT
    text = head + body + "The end mentions [[Nobody at the very end]].\n"
    assert text.split("\n")[TEN_MEGABYTES_LAST_LINE - 1].startswith("The end mentions")
    return {"briefings/2022-03-10-ten-megabytes.md": text.encode("utf-8")}


_ANNOTATIONS = (
    "[[NATO]]",
    "[[Russia|the Russians]]",
    '[“We talk.”]{by="Jens Stoltenberg"}',
    "[[the Alliance]]",
    "[[Brussels]]",
)


def _annotated(count: int, per_paragraph: int) -> str:
    sentences = [f"Sentence {i} names {_ANNOTATIONS[i % len(_ANNOTATIONS)]}." for i in range(count)]
    paragraphs = [" ".join(sentences[i : i + per_paragraph]) for i in range(0, count, per_paragraph)]
    return "\n\n".join(paragraphs) + "\n"


def ten_thousand_annotations() -> dict[str, bytes]:
    """10,000 annotations, 100 to a paragraph."""
    text = FRONT.format(title="Ten thousand annotations", date="2022-03-11") + _annotated(10_000, 100)
    return {"briefings/2022-03-11-ten-thousand.md": text.encode("utf-8")}


def ten_thousand_annotations_one_paragraph() -> dict[str, bytes]:
    """10,000 annotations in a single paragraph (no blank line)."""
    text = FRONT.format(title="One paragraph", date="2022-03-12") + _annotated(10_000, 10_000)
    return {"briefings/2022-03-12-one-paragraph.md": text.encode("utf-8")}


NESTING = 1_000


def deeply_nested_brackets() -> dict[str, bytes]:
    """Brackets nested 1,000 deep, as a mention, as a quote, and as plain text."""
    deep = "[" * NESTING + "deep" + "]" * NESTING
    body = (
        f"Nested plain: {deep} end of plain.\n\n"
        f"Nested mention: [[{deep}]] end of mention.\n\n"
        f'Nested quote: [{deep}]{{by="NATO"}} end of quote.\n'
    )
    text = FRONT.format(title="Nested brackets", date="2022-03-13") + body
    return {"briefings/2022-03-13-nested-brackets.md": text.encode("utf-8")}


UNBALANCED = 20_000


def unbalanced_brackets() -> dict[str, bytes]:
    """20,000 unclosed '[', then closers and unclosed annotation openers: about 60 kB."""
    body = (
        "Openers: " + "[" * UNBALANCED + " end of openers.\n\n"
        "Closers: " + "]]" * (UNBALANCED // 4) + " end of closers.\n\n"
        "Mentions: " + "[[x " * (UNBALANCED // 4) + " end of mentions.\n\n"
        "Quotes: " + '[x]{by="NATO" ' * (UNBALANCED // 8) + " end of quotes.\n"
    )
    text = FRONT.format(title="Unbalanced brackets", date="2022-03-14") + body
    return {"briefings/2022-03-14-unbalanced-brackets.md": text.encode("utf-8")}


def binary_files() -> dict[str, bytes]:
    """A binary file named like a briefing, and binary files that are no source at all."""
    noise = bytes((i * 151 + 7) % 256 for i in range(8192))  # every byte value, NUL included
    return {
        "briefings/2022-03-15-binary.md": b"\x00\xff\xfe" + noise,
        "briefings/scan.pdf": b"%PDF-1.4\n" + noise,
        "briefings/glossary/people/photo.jpg": b"\xff\xd8\xff\xe0" + noise,
    }


def control_characters() -> dict[str, bytes]:
    """Control characters in a title and in the text: NUL, backspace, vertical tab, escape
    (a terminal colour sequence), DEL, and the C1 controls NEL and CSI. Valid UTF-8, so
    only this check sees them; none of them may reach a page."""
    text = (
        '---\ntitle: "Control\\u0007 characters"\ndate: 2022-03-17\n---\n\n'
        "First [[Russia]] and a NUL \x00 here.\n\n"
        "Then \x08 backspace, \x0b tab, \x1b[31mred\x1b[0m, \x7f, \x85 and \x9b in [[NATO]]'s text.\n"
    )
    return {"briefings/2022-03-17-control-characters.md": text.encode("utf-8")}


def hostile_file_names() -> dict[str, bytes]:
    """File names that carry markup: an entry id and a briefing slug (not committed: such
    names cannot be checked out on every system)."""
    entry = "---\nname: Quoted File\nsummary: An entry whose file name holds quotes.\n---\n"
    briefing = (
        "---\ntitle: Angle slug\ndate: 2022-03-16\n---\n\n"
        "Angle-slug text mentions [[Quoted File]] and [[NATO]].\n"
    )
    return {
        'briefings/glossary/people/x" onmouseover="alert(1).md': entry.encode(),
        "briefings/2022-03-16-<script>alert(2)<.md": briefing.encode(),
    }


GENERATORS: dict[str, Callable[[], dict[str, bytes]]] = {
    f.__name__: f
    for f in (
        ten_megabytes,
        ten_thousand_annotations,
        ten_thousand_annotations_one_paragraph,
        deeply_nested_brackets,
        unbalanced_brackets,
        binary_files,
        control_characters,
        hostile_file_names,
    )
}

# -- building, with a time limit and a memory reading --------------------------------------


@dataclass
class Run(Build):
    seconds: float = 0.0
    max_rss_mb: float = 0.0
    timed_out: bool = False
    problems: list[str] = field(default_factory=list)


# Linux hands a forked child the parent's peak memory as its own starting peak: a build
# forked from a grown test process would report the test process's size. So the build is
# forked from this small launcher, which reports the build's own peak (in KiB).
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
sys.stdout.write(f"\\n{PEAK} {usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""
_PEAK = "[peak-rss-kib]"


def timed_build(
    root: Path, *, strict: bool = False, time_limit: float = 300.0, site: Path | None = None
) -> Run:
    """``mkdocs build`` in ``root``, killed after ``time_limit`` seconds; with its run time
    and its peak resident memory (from the kernel's accounting of that one process)."""
    site = site or root / "site"
    launcher = _LAUNCHER.replace("{PEAK}", _PEAK)
    cmd = [sys.executable, "-c", launcher, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        proc = subprocess.Popen(
            cmd, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        timed_out = False
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > time_limit:
                os.killpg(proc.pid, signal.SIGKILL)  # the launcher and the build
                pid, status, _ = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.05)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        output = out.read().decode("utf-8", errors="replace")
    output, _, peak = output.rpartition(f"\n{_PEAK} ")
    if not _:  # killed before the launcher could report
        output, peak = peak, "0"
    return Run(
        root,
        site,
        proc.returncode,
        output,
        seconds=seconds,
        max_rss_mb=int(peak.strip() or 0) / 1024,  # kilobytes on Linux
        timed_out=timed_out,
    )


@dataclass
class Corpus:
    """The combined corpus site (see conftest.py)."""

    root: Path
    cases: list[Case]
    files: dict[str, bytes]  # the hostile files, by project path
    lenient: Run


# -- what a message must look like ---------------------------------------------------------

# Invisible or direction-changing characters: a message that holds one raw can read as
# something it is not (a zero-width space makes 'NA\u200bTO' look like 'NATO'; a right-to-left
# override reverses the rest of the terminal line). Categories Cf (format) and Cc (control).
INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def message_problems(warnings: list[str], paths: tuple[str, ...]) -> list[str]:
    """Every WARNING line that is not ``<one of paths>:<line>: <message>``, or that holds
    an invisible character."""
    bad = []
    for line in warnings:
        text = line.removeprefix("WARNING").lstrip(" -")
        if not any(re.match(re.escape(p) + r":[1-9]\d*: \S", text) for p in paths):
            bad.append(f"not a 'path:line: message' about {', '.join(paths)}: {line!r}")
        elif INVISIBLE.search(text):
            bad.append(f"holds an invisible character: {line!r}")
    return bad


def about(warnings: list[str], paths: tuple[str, ...]) -> list[str]:
    """The WARNING lines about one of ``paths``."""
    return [w for w in warnings if any(w.startswith(f"WARNING -  {p}:") for p in paths)]
