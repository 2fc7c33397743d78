"""Who appears with whom, drawn at build time as SVG data.

Edge weight = number of briefings that mention both entities. An entity page
shows its neighbourhood (itself in the middle, the entities it appears with most
around it, closer when they share more briefings); the site-wide view lays out
the most-mentioned entities with a force-directed (Fruchterman-Reingold) layout,
seeded, so builds are repeatable. Coordinates are rounded: the SVG text is the same
from run to run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.index import Index
from ..core.model import Entity

SITE_LIMIT = 30  # entities in the site-wide view: the most mentioned
TIES_SHOWN = 3  # in the site-wide view, each entity's strongest ties are drawn
SIZE = 600  # the site-wide SVG's viewBox is SIZE x SIZE
EGO_SIZE = 440  # an entity's: smaller, so its few labels read larger


@dataclass(frozen=True)
class Node:
    entity: Entity
    x: float
    y: float
    r: float  # radius, by how many briefings mention it
    centre: bool = False


@dataclass(frozen=True)
class Edge:
    a: Node
    b: Node
    weight: int


@dataclass(frozen=True)
class Picture:
    nodes: list[Node]
    edges: list[Edge]
    size: int = SIZE


def _radius(count: int, most: int) -> float:
    return round(6 + 14 * math.sqrt(count / most), 1) if most else 6.0


def _edges(index: Index, nodes: dict[str, Node], strongest: int = 0) -> list[Edge]:
    """Ties among ``nodes``; with ``strongest``, only each node's strongest few
    (a dense story would otherwise draw every pair)."""
    ids = sorted(nodes)
    ties = {(a, b): n for i, a in enumerate(ids) for b in ids[i + 1 :] if (n := index.together.shared(a, b))}
    if strongest:
        kept = set()
        for a in ids:
            mine = sorted((pair for pair in ties if a in pair), key=lambda p: (-ties[p], p))
            kept.update(mine[:strongest])
        ties = {pair: n for pair, n in ties.items() if pair in kept}
    return [Edge(nodes[a], nodes[b], n) for (a, b), n in sorted(ties.items())]


def neighbourhood(index: Index, entity_id: str) -> Picture | None:
    """The entity and those it appears with most, on a circle, joined to it by
    lines as thick as the briefings they share; None if it appears with no one."""
    around = index.appears_with.get(entity_id, [])
    if not around:
        return None
    entities = index.registry.entities
    counts = [index.count(entity_id)] + [index.count(e.id) for e, _ in around]
    most, strongest = max(counts), max(n for _, n in around)
    size = EGO_SIZE
    mid = size / 2
    centre = Node(entities[entity_id], mid, mid, _radius(counts[0], most), centre=True)
    nodes, edges = [centre], []
    for i, (e, shared) in enumerate(around):
        angle = 2 * math.pi * i / len(around) - math.pi / 2
        # Stronger ties sit closer to the centre.
        distance = size * (0.40 - 0.12 * shared / strongest)
        x, y = mid + distance * math.cos(angle), mid + distance * math.sin(angle)
        node = Node(e, round(x, 1), round(y, 1), _radius(index.count(e.id), most))
        nodes.append(node)
        edges.append(Edge(centre, node, shared))
    return Picture(nodes, edges, size)


def whole_story(index: Index) -> Picture | None:
    """The most-mentioned entities and their ties, in a seeded spring layout."""
    ranked = sorted(index.registry.entities.values(), key=lambda e: (-index.count(e.id), e.id))
    chosen = [e for e in ranked if index.count(e.id)][:SITE_LIMIT]
    if len(chosen) < 2:
        return None
    ids = [e.id for e in chosen]
    weights = [[index.together.shared(a, b) if a != b else 0 for b in ids] for a in ids]
    spread = 2.5 / math.sqrt(len(chosen))  # more room between nodes than the default
    placed = spring_layout(weights, k=spread, seed=20220113, iterations=200)
    layout = dict(zip(ids, placed, strict=True))
    most = index.count(chosen[0].id)
    xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
    margin, span = 50, SIZE - 100

    def scale(v: float, lo: float, hi: float) -> float:
        return round(margin + span * (v - lo) / ((hi - lo) or 1), 1)

    nodes = {
        e.id: Node(
            e,
            scale(layout[e.id][0], min(xs), max(xs)),
            scale(layout[e.id][1], min(ys), max(ys)),
            _radius(index.count(e.id), most),
        )
        for e in chosen
    }
    return Picture(list(nodes.values()), _edges(index, nodes, strongest=TIES_SHOWN))


def spring_layout(
    weights: list[list[int]], k: float, seed: int, iterations: int
) -> list[tuple[float, float]]:
    """Fruchterman-Reingold: ties pull (by weight), every pair pushes apart, and each step
    is capped by a temperature that cools linearly. The same steps as networkx's dense
    ``spring_layout`` (which this replaces, for one picture), so the same seed places the
    nodes where it did; only the scale differs, and the caller rescales."""
    import numpy as np  # imported here: only this page needs it

    a = np.asarray(weights, dtype=float)
    n = len(a)
    pos = np.random.RandomState(seed).rand(n, 2)
    t = max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])) * 0.1  # the largest step: a tenth of the square
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.clip(np.linalg.norm(delta, axis=-1), 0.01, None)
        displacement = np.einsum("ijk,ij->ik", delta, k * k / distance**2 - a * distance / k)
        length = np.clip(np.linalg.norm(displacement, axis=-1), 0.01, None)
        step = np.einsum("ij,i->ij", displacement, t / length)
        pos += step
        t -= dt
        if np.linalg.norm(step) / n < 1e-4:  # settled
            break
    return [(float(x), float(y)) for x, y in pos]
