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


class Cooccurrence:
    def __init__(self, stems: list[str], entity_ids: list[str], mentions: dict[str, Iterable[str]]) -> None:
        """``stems`` newest first (ties are broken towards newer briefings)."""
        self.key = key(stems, entity_ids, mentions)
        self._closest: dict[int, dict[str, list[str]]] = {}
        self.stems = stems
        self.ids = entity_ids
        self.col = {e: j for j, e in enumerate(entity_ids)}
        self.m = np.zeros((len(stems), len(entity_ids)), dtype=np.float32)
        for i, stem in enumerate(stems):
            cols = [self.col[e] for e in mentions.get(stem, ()) if e in self.col]
            self.m[i, cols] = 1.0
        self.pairs = (self.m.T @ self.m).astype(np.int64)  # entity x entity: briefings shared

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
            self._closest[limit] = self._closest_briefings(limit)
        return self._closest[limit]

    def _closest_briefings(self, limit: int) -> dict[str, list[str]]:
        n = len(self.stems)
        newer = np.arange(n - 1, -1, -1, dtype=np.float64)  # larger for newer (earlier rows)
        out: dict[str, list[str]] = {}
        for start in range(0, n, _BLOCK):
            block = self.m[start : start + _BLOCK] @ self.m.T
            for r, counts in enumerate(block, start):
                counts[r] = 0  # not related to itself
                k = min(limit, int(np.count_nonzero(counts)))
                if k == 0:
                    out[self.stems[r]] = []
                    continue
                score = counts.astype(np.float64) * n + newer
                top = np.argpartition(-score, k - 1)[:k]
                top = top[np.argsort(-score[top])]
                out[self.stems[r]] = [self.stems[i] for i in top]
        return out
