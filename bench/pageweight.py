"""Page weight: the largest page of each kind, in KB of HTML, at each desk size.

    python bench/pageweight.py [N ...] [--keep DIR] [--json FILE]

For each N (default 1,000 and 5,000) it generates the benchmark corpus (bench/generate.py),
builds the plugin site with ``mkdocs build`` in a fresh process, and prints, for each kind
of page, how many there are and the largest one (its size and URL). The acceptance limits
of the light pages are 150 KB at N = 1,000 and 200 KB at N = 5,000 (every page, HTML only).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMITS = {1000: 150, 5000: 200}  # KB


def kind_of(url: str) -> str:
    """The kind of a page from its URL (folder of its index.html, from the site's root)."""
    parts = [p for p in url.split("/") if p]
    if not parts:
        return "home"
    top, depth = parts[0], len(parts)
    kinds = {
        "briefings": ["briefings index", "briefing", "briefings archive"],
        "glossary": ["glossary index", "entry", "entry archive"],
        "timeline": ["timeline", "timeline archive", "timeline archive"],
        "tags": ["tags index", "tag", "tag archive"],
    }
    if top in kinds:
        if top == "briefings" and depth == 3 and parts[1] == "archive":
            return "briefings archive"
        if top == "glossary" and depth == 3 and parts[1] == "kinds":
            return "glossary kind"
        return kinds[top][min(depth, 3) - 1]
    return top  # network, search, hand-written pages


def weigh(site: Path) -> dict[str, dict]:
    """Kind -> count, largest size in bytes and its URL."""
    found: dict[str, dict] = {}
    for path in sorted(site.rglob("*.html")):
        url = path.parent.relative_to(site).as_posix() if path.name == "index.html" else path.name
        if url == ".":
            url = ""
        kind = kind_of(url)
        size = path.stat().st_size
        entry = found.setdefault(kind, {"count": 0, "largest": 0, "url": ""})
        entry["count"] += 1
        if size > entry["largest"]:
            entry["largest"], entry["url"] = size, url + "/"
    return found


def build(n: int, keep: Path | None) -> Path:
    corpus = (keep or Path(tempfile.mkdtemp())) / str(n)
    if not (corpus / "plugin" / "mkdocs.yml").is_file():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(n), str(corpus)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    site = corpus / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)]
    subprocess.run(cmd, cwd=corpus / "plugin", check=True, env=env)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the corpora in DIR/<N>/")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    results = {}
    for n in args.sizes:
        results[n] = weigh(build(n, args.keep))
    print("| N | kind | pages | largest (KB) | largest page |")
    print("|---:|---|---:|---:|---|")
    for n, kinds in results.items():
        for kind, e in sorted(kinds.items(), key=lambda kv: -kv[1]["largest"]):
            print(f"| {n:,} | {kind} | {e['count']:,} | {e['largest'] / 1000:.0f} | `{e['url']}` |")
    for n, kinds in results.items():
        worst = max(kinds.values(), key=lambda e: e["largest"])
        limit = LIMITS.get(n)
        met = "met" if limit and worst["largest"] <= limit * 1000 else "NOT met"
        verdict = f" (limit {limit} KB: {met})" if limit else ""
        print(f"N = {n:,}: largest page {worst['largest'] / 1000:.0f} KB, {worst['url']}{verdict}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
