"""Python's cyclic garbage collector during a one-off ``mkdocs build``, and between the
rebuilds of a ``mkdocs serve --dirty`` session.

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

A session (``SessionHeap``) instead freezes what outlives a build (``gc.freeze``): the
sources, the records, the index, what the session remembers of every page. A rebuild's
full collections then walk only what was made since, not the whole desk again (1.4 to
1.9 s a walk at N = 5,000 before). What the frozen part drops is freed as usual when
nothing refers to it; a cycle in it waits for the next thaw: once the unfrozen part has
grown to half the frozen one, the session thaws, collects everything once and freezes
again, so nothing piles up for longer than that.
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


# Thaw, collect and freeze again once the unfrozen heap is this share of the frozen one.
REFREEZE = 0.5


class SessionHeap:
    def settle(self) -> None:
        """After a session's build: freeze what lives on, when it is time to."""
        frozen = gc.get_freeze_count()
        if frozen == 0 or len(gc.get_objects()) > frozen * REFREEZE:
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    def end(self) -> None:
        """The session is over: the collector walks everything again."""
        gc.unfreeze()
