"""An author's `mkdocs serve --dirty` session on the benchmark corpus, edit by edit.

    python bench/serve.py [N ...] [--seed S] [--phases]      # default: 100 1000

For each N: generate the corpus (``generate.py``), build it once in a dirty session, then
make a fixed sequence of one-file edits, rebuilding after each as ``mkdocs serve --dirty``
does (a fresh ``load_config``, the same plugin objects). It prints each rebuild's seconds
and how many pages it rendered (Markdown) and wrote (template), and at the end compares
the served tree with a clean build of the same sources, file by file. With ``--phases``
it also prints where each rebuild's time went: the plugin's own phases (as ``measure.py``
reads them) and the garbage collector's share of the whole (``gc.callbacks``).

The session runs in this process through ``tests/incremental_support.py``, which the
oracle test (``tests/test_incremental.py``) uses too.
"""

from __future__ import annotations

import argparse
import gc
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from incremental_support import DirtySession, clean_build, differences  # noqa: E402


def _briefings(site: Path) -> list[Path]:
    return sorted((site / "briefings").glob("*.md"))


def _middle(site: Path) -> Path:
    files = _briefings(site)
    return files[len(files) // 2]


def body_edit(site: Path) -> str:
    path = _middle(site)
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence of prose.\n", encoding="utf-8")
    return path.name


def _name(entry: Path) -> str:
    return re.search(r"^name: (.+)$", entry.read_text(encoding="utf-8"), re.M)[1].strip("'\"")


def new_mention(site: Path) -> str:
    path, name = _middle(site), _name(sorted((site / "briefings/glossary/people").glob("*.md"))[0])
    path.write_text(path.read_text(encoding="utf-8") + f"\nThen [[{name}]] spoke.\n", encoding="utf-8")
    return f"{path.name} mentions {name}"


def summary_change(site: Path) -> str:
    path = _middle(site)
    text = re.sub(
        r"^summary: .*$", "summary: A new summary.", path.read_text(encoding="utf-8"), count=1, flags=re.M
    )
    path.write_text(text, encoding="utf-8")
    return path.name


def new_briefing(site: Path) -> str:
    """A short new briefing, dated after every other, that mentions three entries."""
    names = [_name(p) for p in sorted((site / "briefings/glossary").glob("*/*.md"))[:3]]
    path = site / "briefings/2030-01-01-a-new-briefing.md"
    mentions = ", ".join(f"[[{n}]]" for n in names)
    path.write_text(
        "---\ntitle: A new briefing\ndate: 2030-01-01\nsummary: What happened today.\n---\n\n"
        f"Talks went on between {mentions}.\n",
        encoding="utf-8",
    )
    return path.name


def deleted_briefing(site: Path) -> str:
    path = _briefings(site)[1]
    path.unlink()
    return path.name


EDITS = (
    ("body edit", body_edit),
    ("new mention", new_mention),
    ("summary change", summary_change),
    ("new briefing", new_briefing),
    ("deleted briefing", deleted_briefing),
)


PHASES = (
    "load sources",
    "resolve and generate pages",
    "render annotations",
    "index",
    "template context",
    "feeds and export",
)


class Collector:
    """Seconds spent in the garbage collector, from gc.callbacks."""

    def __init__(self) -> None:
        self.seconds, self._start = 0.0, 0.0
        gc.callbacks.append(self._tick)

    def _tick(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


def session(n: int, seed: int, phases: list[list[str]] | None = None) -> list[list[str]]:
    rows = []
    collector = Collector()
    with tempfile.TemporaryDirectory(prefix="bench-dirty-") as tmp:
        generate.generate(n, Path(tmp), seed)
        site = Path(tmp, "plugin")
        dirty = DirtySession(site, Path(tmp, "served"))

        def rebuild(name: str, what: str) -> None:
            collector.seconds = 0.0
            start = time.perf_counter()
            dirty.rebuild()
            wall = time.perf_counter() - start
            state = dirty.plugin().session
            if phases is not None:
                spent = dirty.plugin().timings.seconds
                own = [spent.get(p, 0.0) for p in PHASES]
                cells = [f"{n:,}", name, f"{wall:.2f}", *(f"{v:.2f}" for v in own)]
                phases.append([*cells, f"{wall - sum(own):.2f}", f"{collector.seconds:.2f}"])
            rows.append(
                [f"{n:,}", name, f"{wall:.2f}", str(len(state.rendered)), str(len(state.write)), what]
            )
            print(" | ".join(rows[-1]), file=sys.stderr)

        rebuild("full build", "")
        for name, edit in EDITS:
            time.sleep(0.01)  # a distinct mtime even on a coarse clock
            rebuild(name, edit(site))
        oracle = Path(tmp, "oracle")
        start = time.perf_counter()
        clean_build(site, oracle)
        wall = time.perf_counter() - start
        diff = differences(Path(tmp, "served"), oracle)
        rows.append([f"{n:,}", "clean build (oracle)", f"{wall:.2f}", "", "", f"{len(diff)} differences"])
        print(" | ".join(rows[-1]), file=sys.stderr)
        shutil.rmtree(oracle, ignore_errors=True)
    gc.callbacks.remove(collector._tick)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--phases", action="store_true", help="also print each rebuild's time by phase")
    args = ap.parse_args(argv)
    phases: list[list[str]] | None = [] if args.phases else None
    head = ["N", "step", "seconds", "Markdown rendered", "pages written", "what"]
    rows = [row for n in args.sizes for row in session(n, args.seed, phases)]
    _table(head, rows, numeric=5)
    if phases:
        print("\nWhere each build's seconds went: the plugin's timed phases; the rest (MkDocs, Material,")
        print("the templates, and the plugin's session bookkeeping); and, inside all of those, the")
        print("garbage collector.\n")
        _table(["N", "step", "seconds", *PHASES, "rest", "collector"], phases, numeric=len(PHASES) + 5)
    return 0


def _table(head: list[str], rows: list[list[str]], numeric: int) -> None:
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" if i < numeric and i != 1 else "---" for i in range(len(head))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
