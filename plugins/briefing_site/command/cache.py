"""What ``briefing check`` read last time, kept under the site's ``.cache/briefing/``.

A check reads every source, so its cost would grow with the desk; with this cache a
re-run parses only the files whose modification time or size changed, and takes the
rest (each file's fields, problems and annotations) from the previous run. The cache
is safe to delete, ignores itself in git, and is thrown away whole when the code
that filled it changes (another version of this package, or another Python).
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.sources import SourceCache

FOLDER = Path(".cache", "briefing")
FILE = "check.pickle"
# A text's annotations as (kind, reference, line): what a check resolves against the registry.
Marks = tuple[tuple[str, str, int], ...]
Stamp = tuple[int, int]


@dataclass
class CheckCache:
    sources: SourceCache = field(default_factory=SourceCache)
    marks: dict[str, tuple[Stamp, Marks]] = field(default_factory=dict)
    # The sources' stamps and the marks' count as read from disk; None for a new cache.
    read_as: tuple[dict[str, Stamp], int] | None = None

    def marks_of(self, rel: str, stamp: Stamp, scan: Callable[[], Marks]) -> Marks:
        """The annotations of ``rel``, scanned again only when its stamp changed."""
        hit = self.marks.get(rel)
        if hit and hit[0] == stamp:
            return hit[1]
        marks = scan()
        self.marks[rel] = (stamp, marks)
        self.read_as = None
        return marks

    def stamp(self, rel: str) -> Stamp:
        """The stamp the source cache read ``rel`` at."""
        return self.sources.entries[rel][0]

    def prune(self, keep: set[str]) -> None:
        for rel in set(self.marks) - keep:
            del self.marks[rel]

    def snapshot(self) -> tuple[dict[str, Stamp], int]:
        return {rel: entry[0] for rel, entry in self.sources.entries.items()}, len(self.marks)

    @property
    def changed(self) -> bool:
        return self.read_as != self.snapshot()


def stamp_of(path: Path) -> Stamp:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _code_stamp() -> tuple:
    """Which code filled a cache: this package's files and the Python running it."""
    package = Path(__file__).resolve().parent.parent
    files = sorted(package.glob("*/*.py"))
    return sys.version, tuple((p.relative_to(package).as_posix(), *stamp_of(p)) for p in files)


def read(root: Path) -> CheckCache:
    """The cache of the site at ``root``, or an empty one if it is missing, unreadable
    or was written by other code."""
    try:
        with open(root / FOLDER / FILE, "rb") as f:
            saved = os.fstat(f.fileno()).st_mtime_ns
            code, sources, marks = pickle.load(f)
    except Exception:  # any damage (truncated, foreign, old classes) means: start afresh
        return CheckCache()
    if code != _code_stamp() or not isinstance(sources, dict) or not isinstance(marks, dict):
        return CheckCache()
    cache = CheckCache(SourceCache(_settled(sources, saved)), _settled(marks, saved))
    cache.read_as = cache.snapshot()
    return cache


def _settled(entries: dict, saved: int) -> dict:
    """The entries of files last modified before the cache was saved. A file stamped in
    the same clock tick as the save could have changed again within that tick, keeping
    its size: its stamp proves nothing, so it is read again (git's "racily clean")."""
    return {rel: entry for rel, entry in entries.items() if entry[0][0] < saved}


def write(root: Path, cache: CheckCache) -> None:
    """Save ``cache`` if this run changed it; a read-only site is checked all the same."""
    if not cache.changed:
        return
    folder = root / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# made by `briefing check`; safe to delete\n*\n", encoding="utf-8")
        # Written aside, then moved into place: two checks at once never read half a file.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".check-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            saved = (_code_stamp(), cache.sources.entries, cache.marks)
            pickle.dump(saved, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / FILE)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
