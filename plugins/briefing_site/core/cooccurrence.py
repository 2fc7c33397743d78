"""Which briefings mention which entities, as a 0/1 matrix, so that "entities two
briefings share" and "briefings two entities share" are matrix products.

Counting pairs one by one costs a briefing as many steps as there are briefings
mentioning its entities, which for an entity in nearly every briefing makes the
whole quadratic (measured: seconds at 1,000 briefings). The products run in
BLAS, in row blocks to bound memory; counts of 0/1 entries are exact in float32.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

_BLOCK = 512  # briefing rows per block of the briefing x briefing product


def key(stems: list[str], entity_ids: list[str], mentions: dict[str, Iterable[str]]) -> tuple:
    """Everything a ``Cooccurrence`` is computed from: equal keys, equal products."""
    return tuple(stems), tuple(entity_ids), tuple(tuple(mentions.get(s, ())) for s in stems)


# Beyond this many briefings changed since the last build, computing afresh is as quick.
_MOST_CHANGED = 64

Top = tuple[list[str], list[int]]  # a briefing's closest others, and how many entities each shares


class Cooccurrence:
    def __init__(
        self,
        stems: list[str],
        entity_ids: list[str],
        mentions: dict[str, Iterable[str]],
        previous: Cooccurrence | None = None,
    ) -> None:
        """``stems`` newest first (ties are broken towards newer briefings). A ``previous``
        one (``mkdocs serve``'s last build) lends the rows of the briefings that mention
        the same entities as then: only the changed rows are counted again."""
        self.key = key(stems, entity_ids, mentions)
        self._closest: dict[int, dict[str, list[str]]] = {}
        self._tops: dict[int, dict[str, Top]] = {}
        # The briefings whose closest ones were ranked again, by limit (None: all were).
        self.ranked_again: dict[int, frozenset[str] | None] = {}
        self.stems = stems
        self.ids = entity_ids
        self.col = {e: j for j, e in enumerate(entity_ids)}
        self.row = {s: i for i, s in enumerate(stems)}
        self._cols = {s: frozenset(self.col[e] for e in mentions.get(s, ()) if e in self.col) for s in stems}
        self._changes = _changes(previous, self)
        # The entities whose counts with others may differ from ``previous``'s (None: all).
        self.moved: frozenset[str] | None = None
        if self._changes is None:
            self.m = np.zeros((len(stems), len(entity_ids)), dtype=np.float32)
            for i, stem in enumerate(stems):
                self.m[i, list(self._cols[stem])] = 1.0
            self.pairs = (self.m.T @ self.m).astype(np.int64)  # entity x entity: briefings shared
            self._previous = None
        else:
            assert previous is not None
            self._update(previous, *self._changes)
            changed, removed = self._changes
            cols = [previous._cols.get(s, frozenset()) for s in changed | removed]
            cols += [self._cols[s] for s in changed]
            self.moved = frozenset(self.ids[j] for found in cols for j in found)
            self._previous = previous  # its closest briefings, until ours are known
            previous._previous = None  # no chain of builds kept alive

    def _update(self, previous: Cooccurrence, changed: set[str], removed: set[str]) -> None:
        old = np.array([previous.row.get(s, -1) for s in self.stems], dtype=np.int64)
        kept = old >= 0
        self.m = np.zeros((len(self.stems), len(self.ids)), dtype=np.float32)
        self.m[kept] = previous.m[old[kept]]
        self.pairs = previous.pairs.copy()
        for stem in sorted(changed | removed):
            if stem in previous.row:
                was = previous.m[previous.row[stem]]
                self.pairs -= np.outer(was, was).astype(np.int64)
        for stem in sorted(changed):
            i = self.row[stem]
            self.m[i] = 0.0
            self.m[i, list(self._cols[stem])] = 1.0
            self.pairs += np.outer(self.m[i], self.m[i]).astype(np.int64)

    def shared(self, a: str, b: str) -> int:
        """Briefings that mention both entities."""
        return int(self.pairs[self.col[a], self.col[b]])

    def appears_with(self, entity: str, limit: int, order: Callable[[str], tuple]) -> list[tuple[str, int]]:
        """Entities most often in the same briefings: by count, then ``order``."""
        j = self.col[entity]
        row = self.pairs[j]
        others = [(self.ids[k], int(row[k])) for k in np.flatnonzero(row) if k != j]
        return sorted(others, key=lambda kn: (-kn[1], *order(kn[0])))[:limit]

    def closest_briefings(self, limit: int) -> dict[str, list[str]]:
        """For each briefing, the others sharing the most entities (newest first on
        ties), at most ``limit``, only those sharing at least one."""
        if limit not in self._closest:  # the one product of the build that is N x N
            again = self._tops_again(limit)
            tops, self.ranked_again[limit] = again if again is not None else (self._all_tops(limit), None)
            self._tops[limit] = tops
            self._closest[limit] = {s: tops[s][0] for s in self.stems}
            self._previous = None
        return self._closest[limit]

    def _all_tops(self, limit: int) -> dict[str, Top]:
        tops: dict[str, Top] = {}
        for start in range(0, len(self.stems), _BLOCK):
            block = self.m[start : start + _BLOCK] @ self.m.T
            for r, counts in enumerate(block, start):
                tops[self.stems[r]] = self._top(r, counts, limit)
        return tops

    def _top(self, r: int, counts: np.ndarray, limit: int) -> Top:
        n = len(self.stems)
        counts[r] = 0  # not related to itself
        k = min(limit, int(np.count_nonzero(counts)))
        if k == 0:
            return [], []
        newer = np.arange(n - 1, -1, -1, dtype=np.float64)  # larger for newer (earlier rows)
        score = counts.astype(np.float64) * n + newer
        top = np.argpartition(-score, k - 1)[:k]
        top = top[np.argsort(-score[top])]
        return [self.stems[i] for i in top], [int(counts[i]) for i in top]

    def _tops_again(self, limit: int) -> tuple[dict[str, Top], frozenset[str]] | None:
        """The last build's closest briefings, each made again only where a changed
        briefing was among them or would now enter them, and those made again (None: no
        last build's)."""
        previous = self._previous
        before = previous._tops.get(limit) if previous is not None else None
        if before is None or self._changes is None:
            return None
        changed, removed = self._changes
        redo = set(changed)
        for stem, (listed, _) in before.items():
            if stem in self.row and not (changed.isdisjoint(listed) and removed.isdisjoint(listed)):
                redo.add(stem)
        for stem in changed:
            d = self.row[stem]
            shared = self.m @ self.m[d]
            for r in np.flatnonzero(shared):
                other = self.stems[r]
                if other in redo:
                    continue
                listed, counts = before[other]
                if len(listed) < limit or (int(shared[r]), -d) > (counts[-1], -self.row[listed[-1]]):
                    redo.add(other)
        tops = {s: before[s] for s in self.stems if s not in redo}
        for stem in redo:
            r = self.row[stem]
            tops[stem] = self._top(r, self.m[r] @ self.m.T, limit)
        return tops, frozenset(redo)


def _changes(previous: Cooccurrence | None, now: Cooccurrence) -> tuple[set[str], set[str]] | None:
    """The briefings whose entities changed (or that are new), and those gone, since
    ``previous``; None when a fresh count is needed: no previous, other entities, a
    briefing moved among the others (ties would break differently), or many changes."""
    if previous is None or previous.ids != now.ids:
        return None
    removed = previous._cols.keys() - now._cols.keys()
    changed = {s for s, cols in now._cols.items() if previous._cols.get(s) != cols}
    if len(changed) + len(removed) > _MOST_CHANGED:
        return None
    if [s for s in previous.stems if s in now.row] != [s for s in now.stems if s in previous.row]:
        return None
    return changed, removed
