"""What the browser tests share: where Chromium is, how it is started, the reader's tab, and
what the project's sources say (the tests compare the pages with the sources, not with the HTML).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request

ROOT = Path(__file__).resolve().parents[2]
BRIEFINGS = ROOT / "briefings"
HOST = "127.0.0.1"
AXE_SCRIPT = Axe().axe_script

# No sandbox (root in a container), no GPU, and nothing that makes Chromium itself call Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no other host even resolves, so a stray request cannot leave the
    # machine. It is still seen as a request, and test_no_console_error_and_no_other_host fails.
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {HOST}",
]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

# The seed briefing, and one page of each kind (each kind comes from one template).
SEED = "briefings/ukraine-diplomacy-fails/"
SEED_SOURCE = BRIEFINGS / "2022-01-13-ukraine-diplomacy-fails.md"
PAGE_KINDS = {
    "home": "",
    "briefing": SEED,
    "entity": "glossary/nato/",
    "glossary index": "glossary/",
    "timeline": "timeline/",
    "network": "network/",
}


class ChromiumMissing(RuntimeError):
    pass


def find_chromium() -> str:
    """$CHROMIUM_PATH if set (it must then exist), else `chromium` on PATH, else /usr/bin/chromium."""
    chosen = os.environ.get("CHROMIUM_PATH")
    candidates = [chosen] if chosen else [shutil.which("chromium"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    where = f"CHROMIUM_PATH={chosen}" if chosen else "`chromium` on PATH, /usr/bin/chromium"
    raise ChromiumMissing(
        f"Chromium not found ({where}). The browser tests drive Debian's chromium package, "
        "which CI installs: apt-get install -y chromium"
    )


def build_site(site: Path) -> None:
    """The real project, built as CI builds it: ``mkdocs build --strict``."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{proc.stdout}{proc.stderr}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` from a background http.server thread on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer((HOST, 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Reader:
    """One reader's tab: the page, plus what it logged and which other hosts it asked for."""

    context: BrowserContext
    page: Page
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def open(self, path: str) -> Page:
        response = self.page.goto(self.url(path))
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return self.page


def new_reader(browser: Browser, base_url: str, viewport: dict[str, int], scheme: str = "light") -> Reader:
    """A fresh tab; ``scheme`` is the system's light or dark preference, which Material follows."""
    context = browser.new_context(
        viewport=viewport,
        color_scheme=scheme,
        locale="en-GB",
        reduced_motion="reduce",
        service_workers="block",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    reader = Reader(context, page, base_url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url") or ""
            reader.console_errors.append(f"{page.url}: {message.text} {source}".strip())

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != HOST:
            reader.foreign_requests.append(f"{page.url} -> {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: reader.console_errors.append(f"{page.url}: uncaught {error}"))
    context.on("request", on_request)
    return reader


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n?(.*)$", text, re.S)
    assert match, f"{path} has no front matter"
    return yaml.safe_load(match.group(1)) or {}, match.group(2)


def glossary_entries() -> dict[str, dict]:
    """Every glossary entry's front matter, by id (its file name)."""
    entries = {path.stem: front_matter(path)[0] for path in sorted((BRIEFINGS / "glossary").glob("*/*.md"))}
    assert entries, "no glossary entries found"
    return entries


def seed_footnotes() -> dict[str, str]:
    """The seed briefing's editor's notes, by label, as the author wrote them."""
    _, body = front_matter(SEED_SOURCE)
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"^\[\^([^\]]+)\]:(.*)$", body, re.M)}


def all_events() -> list[tuple[str, str]]:
    """(ISO date, title) of every event in every briefing's front matter."""
    events = []
    for path in sorted(BRIEFINGS.glob("*.md")):
        for event in front_matter(path)[0].get("events") or []:
            events.append((str(event["date"]), squash(str(event["title"]))))
    assert events, "no events in the briefings"
    return events


def run_axe(page: Page, context: dict, options: dict) -> list[dict]:
    """axe-core (the copy that axe-playwright-python ships) on the page; its violations."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("([context, options]) => axe.run(context, options)", [context, options])
    return results["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One line per rule, element kind and reason, with a count: readable when there are 80."""
    groups: dict[tuple[str, str, str], int] = {}
    for violation in violations:
        for node in violation["nodes"]:
            opening = re.match(r"<([\w:-]+)(?:[^>]*?\sclass=\"([^\"]*)\")?", node["html"])
            assert opening, node["html"]
            element = ".".join([opening.group(1), *(opening.group(2) or "").split()])
            reason = node["failureSummary"].splitlines()[-1].strip()
            key = (f"{violation['id']} ({violation['impact']})", element, reason)
            groups[key] = groups.get(key, 0) + 1
    lines = [f"{rule}: {count}x <{element}>: {reason}" for (rule, element, reason), count in groups.items()]
    return "\n".join(lines)
