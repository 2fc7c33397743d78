"""Shared helpers: write a small project into a temp folder and build it for real.

(Not named conftest: each test folder may have its own conftest.py, and two modules
named conftest cannot both be imported by name.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL_CONFIG = "site_name: Test\ntheme:\n  name: material\nplugins:\n  - search\n  - briefing\n"


def write(root: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


@dataclass
class Build:
    root: Path
    site: Path
    code: int
    output: str

    def page(self, url: str) -> str:
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return path.read_text(encoding="utf-8")

    def article(self, url: str) -> str:
        """The page's main content: what the reader reads, without the theme's chrome."""
        html = self.page(url)
        start = html.index('<article class="md-content__inner md-typeset">')
        return html[start : html.index("</article>", start)]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("WARNING")]


def mkdocs_build(root: Path, *, strict: bool = False, env: dict[str, str] | None = None) -> Build:
    """Run ``mkdocs build`` in ``root`` as an author would, through the CLI."""
    site = root / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        cmd.append("--strict")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=full_env, timeout=300)
    return Build(root, site, proc.returncode, proc.stdout + proc.stderr)


# A small but complete project: three briefings, five entries, one of each kind.
SMALL_SITE = {
    "mkdocs.yml": MINIMAL_CONFIG,
    "docs/index.md": "# Home\n\nWelcome to the [[NATO]] briefings.\n",
    "briefings/glossary/organizations/nato.md": """
        ---
        name: NATO
        aliases: [North Atlantic Treaty Organization, the Alliance]
        summary: Military alliance of North American and European states, founded in 1949.
        links:
          Official site: https://www.nato.int/
        ---

        An alliance; see also [[Jens Stoltenberg]].
        """,
    "briefings/glossary/people/jens-stoltenberg.md": """
        ---
        name: Jens Stoltenberg
        short: Stoltenberg
        summary: Norwegian politician, NATO Secretary General from 2014 to 2024.
        roles:
          - title: Secretary General
            of: NATO
            from: 2014-10-01
            to: 2024-10-01
          - title: Prime Minister of Norway
            from: 2005
            to: 2013-10
        ---

        Former prime minister of Norway.
        """,
    "briefings/glossary/countries/russia.md": """
        ---
        name: Russia
        aliases: [Russian Federation]
        summary: Country spanning eastern Europe and northern Asia.
        ---
        """,
    "briefings/glossary/places/brussels.md": """
        ---
        name: Brussels
        summary: Capital of Belgium, seat of NATO's headquarters.
        ---
        """,
    "briefings/glossary/concepts/security-guarantees.md": """
        ---
        name: security guarantees
        summary: Binding promises about the security of a state.
        ---
        """,
    "briefings/2022-01-12-nato-russia-council.md": """
        ---
        title: The NATO–Russia Council meets
        date: 2022-01-12
        summary: The council meets in Brussels for the first time since 2019.
        tags: [nato, russia]
        events:
          - date: 2022-01-12
            title: NATO–Russia Council
            place: Brussels
            actors: [NATO, Russia]
        ---

        The [[NATO]] allies met [[Russia]] in [[Brussels]]. [[Jens Stoltenberg|Stoltenberg]]
        chaired the meeting.

        [“We are ready to talk,”]{by="Jens Stoltenberg"} said the Secretary General.
        """,
    "briefings/2022-01-10-geneva-talks.md": """
        ---
        title: Talks in Geneva
        date: 2022-01-10
        summary: American and Russian diplomats meet.
        events:
          - date: 2022-01
            title: A month of talks
          - date: 2022-01-10
            title: Strategic stability dialogue
            actors: [Russia]
        ---

        [[Russia]] asked for [[security guarantees]]. [[NATO]] was not at the table.
        """,
    "briefings/2022-01-13-osce.md": """
        ---
        title: The OSCE talks end
        date: 2022-01-13
        related: [2022-01-10-geneva-talks]
        ---

        After [[2022-01-12-nato-russia-council]], the week ended with no agreement for [[Russia]].

        > No door should be closed.
        > — [[Jens Stoltenberg]]
        """,
}


def project(tmp_path: Path, changes: dict[str, str | None]) -> Path:
    """The small site with some files replaced (None deletes a file)."""
    files = {**SMALL_SITE, **changes}
    write(tmp_path, {k: v for k, v in files.items() if v is not None})
    return tmp_path


def text_of(html: str) -> str:
    """Visible text of an HTML fragment, white space folded."""
    import html as html_lib

    inline = re.sub(r"</?(?:a|span|em|strong|q|time|sup|code|cite|abbr)\b[^>]*>", "", html)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", inline)).split())
