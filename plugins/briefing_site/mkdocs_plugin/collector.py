"""Python's cyclic garbage collector during a one-off ``mkdocs build``.

A build keeps every page, its HTML and the whole index alive until it ends, and each
full collection walks all of it again: CPython starts one whenever the objects that
survived into the oldest generation grew by a quarter, so a growing build pays for
several walks of an ever larger heap (3.4 s of a 75 s build at 5,000 briefings).
Young collections still run as usual and free the short-lived cycles (each page's
Markdown converter); only the full walks wait until the build is over, or until a large
build has allocated enough to reach the raised threshold. Not in a ``mkdocs serve
--dirty`` session: its rebuilds allocate too little to reach it, so the cycles that a
walk would free (each rebuild's MkDocs pages and files) would pile up, about 30 MB a
rebuild at N = 1,000 when measured.
"""

from __future__ import annotations

import gc

# Full collections after this many young-generation ones, not after 10 (CPython's default).
DEFERRED = 1000


class Deferral:
    def __init__(self) -> None:
        self.saved: tuple[int, int, int] | None = None

    def begin(self) -> None:
        if self.saved is None:
            self.saved = gc.get_threshold()
            gc.set_threshold(self.saved[0], self.saved[1], DEFERRED)

    def end(self) -> None:
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None
