"""Which briefings mention which entities: shared counts, "appears with" and closest briefings.

Stems are given newest first, as the index gives them; ties go to the newer briefing.
"""

from __future__ import annotations

import pytest

from briefing_site.core.cooccurrence import Cooccurrence

# Five briefings, newest first, and what each mentions.
MENTIONS = {
    "e": ["nato", "russia", "usa"],
    "d": ["nato", "russia"],
    "c": ["nato", "ukraine", "usa"],
    "b": ["russia"],
    "a": [],
}
STEMS = ["e", "d", "c", "b", "a"]
IDS = ["nato", "russia", "ukraine", "usa", "osce"]


def co(mentions=MENTIONS, stems=STEMS, ids=IDS) -> Cooccurrence:
    return Cooccurrence(list(stems), list(ids), mentions)


def alphabetical(entity: str) -> tuple:
    return (entity,)


# -- shared counts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "n"),
    [
        ("nato", "russia", 2),
        ("russia", "nato", 2),
        ("nato", "usa", 2),
        ("nato", "ukraine", 1),
        ("russia", "ukraine", 0),
        ("osce", "nato", 0),
        # An entity with itself: the briefings that mention it.
        ("nato", "nato", 3),
        ("russia", "russia", 3),
        ("osce", "osce", 0),
    ],
)
def test_shared_counts_the_briefings_that_mention_both(a, b, n):
    assert co().shared(a, b) == n


def test_shared_is_a_plain_int():
    assert type(co().shared("nato", "russia")) is int


def test_unknown_entities_repeated_mentions_and_briefings_without_mentions_are_harmless():
    mentions = {"x": ["nato", "ghost", "nato", "russia"], "y": ("russia", "ghost")}
    together = co(mentions, stems=["x", "y", "z"], ids=["nato", "russia"])
    assert together.shared("nato", "russia") == 1
    assert together.shared("nato", "nato") == 1
    assert together.shared("russia", "russia") == 2


# -- appears with ---------------------------------------------------------------------


def test_appears_with_orders_by_briefings_shared_then_by_the_given_order():
    assert co().appears_with("nato", 10, alphabetical) == [("russia", 2), ("usa", 2), ("ukraine", 1)]


def test_appears_with_ties_follow_the_order_function_not_the_id():
    def backwards(entity: str) -> tuple:
        return (-ord(entity[0]),)

    assert co().appears_with("nato", 10, backwards) == [("usa", 2), ("russia", 2), ("ukraine", 1)]


def test_appears_with_leaves_out_itself_and_entities_never_together():
    assert co().appears_with("russia", 10, alphabetical) == [("nato", 2), ("usa", 1)]
    assert co().appears_with("osce", 10, alphabetical) == []


def test_appears_with_keeps_at_most_the_limit():
    assert co().appears_with("nato", 2, alphabetical) == [("russia", 2), ("usa", 2)]
    assert co().appears_with("nato", 1, alphabetical) == [("russia", 2)]


def test_appears_with_counts_are_plain_ints():
    assert [type(n) for _, n in co().appears_with("nato", 10, alphabetical)] == [int, int, int]


# -- closest briefings ------------------------------------------------------------------


def test_closest_briefings_by_entities_shared_then_newest_first():
    assert co().closest_briefings(10) == {
        "e": ["d", "c", "b"],  # d shares 2; c shares 2 (nato, usa), older; b shares 1
        "d": ["e", "c", "b"],
        "c": ["e", "d"],  # e shares 2 (nato, usa); d shares 1
        "b": ["e", "d"],
        "a": [],  # mentions nothing: related to nothing
    }


def test_closest_briefings_keeps_at_most_the_limit_best():
    assert co().closest_briefings(1) == {"e": ["d"], "d": ["e"], "c": ["e"], "b": ["e"], "a": []}
    assert co().closest_briefings(2) == {
        "e": ["d", "c"],
        "d": ["e", "c"],
        "c": ["e", "d"],
        "b": ["e", "d"],
        "a": [],
    }


def test_more_entities_shared_beats_newer():
    # The oldest briefing shares three entities with 'x'; the newer ones one each.
    stems = ["n1", "n2", "n3", "n4", "n5", "x", "old"]
    mentions = {s: ["a"] for s in stems[:5]} | {"x": ["a", "b", "c"], "old": ["a", "b", "c"]}
    assert co(mentions, stems, ["a", "b", "c"]).closest_briefings(3)["x"] == ["old", "n1", "n2"]


def test_a_briefing_sharing_with_just_one_other_lists_it():
    assert co({"p": ["a"], "q": ["a"], "r": []}, ["r", "p", "q"], ["a"]).closest_briefings(5) == {
        "r": [],
        "p": ["q"],
        "q": ["p"],
    }


def test_a_briefing_is_never_its_own_closest():
    together = co({"p": ["a", "b"], "q": ["a"]}, ["p", "q"], ["a", "b"])
    assert together.closest_briefings(5) == {"p": ["q"], "q": ["p"]}


def test_the_best_few_are_picked_from_many_candidates():
    # 'x' shares i entities with briefing c<i>; stems in an order unrelated to the counts.
    ids = [f"e{j}" for j in range(12)]
    counts = [3, 11, 7, 1, 9, 5, 12, 2, 8, 10, 4, 6]
    stems = ["x"] + [f"c{n}" for n in counts]
    mentions = {"x": ids} | {f"c{n}": ids[:n] for n in counts}
    closest = co(mentions, stems, ids).closest_briefings(4)
    assert closest["x"] == ["c12", "c11", "c10", "c9"]
    assert closest["c1"] == ["x", "c3", "c11", "c7"]  # all share e0: newest first


@pytest.mark.parametrize("limit", [1, 2])
def test_many_briefings_spanning_several_blocks_each_get_their_own_closest(limit):
    # Briefing i mentions entity i % 7: its closest are the newest others of its group.
    # (Rows are multiplied 512 at a time; 1,100 briefings make three blocks.)
    n = 1100
    stems = [f"b{i:04d}" for i in range(n)]
    mentions = {s: [f"e{i % 7}"] for i, s in enumerate(stems)}
    closest = co(mentions, stems, [f"e{j}" for j in range(7)]).closest_briefings(limit)
    assert len(closest) == n
    for i in (0, 5, 511, 512, 513, 1023, 1024, 1099):
        group = [stems[j] for j in range(i % 7, n, 7) if j != i]
        assert closest[stems[i]] == group[:limit], i


# -- counted again from the last build's ------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ENTITIES = ["p", "q", "r", "s", "t"]
NAMES = [f"b{i:02}" for i in range(24)]
desks = st.dictionaries(st.sampled_from(NAMES), st.lists(st.sampled_from(ENTITIES), max_size=4), min_size=1)


def newest_first(mentions: dict) -> list[str]:
    return sorted(mentions, reverse=True)


def same(a: Cooccurrence, b: Cooccurrence, limits: tuple[int, ...]) -> None:
    assert a.stems == b.stems
    assert (a.pairs == b.pairs).all() and (a.m == b.m).all()
    for limit in limits:
        assert a.closest_briefings(limit) == b.closest_briefings(limit)


edits = st.lists(  # a briefing's entities set anew, or the briefing deleted (None)
    st.tuples(st.sampled_from(NAMES), st.none() | st.lists(st.sampled_from(ENTITIES), max_size=4)),
    min_size=1,
    max_size=3,
)


@settings(max_examples=200, deadline=None)
@given(desk=desks, builds=st.lists(edits, min_size=1, max_size=5), limit=st.sampled_from([1, 2, 3, 10]))
def test_a_count_from_the_last_builds_equals_a_fresh_one(desk, builds, limit):
    """Briefings added, removed and changed between builds, a few at a time: the rows
    kept from the last build and those counted again give what counting afresh gives."""
    last = Cooccurrence(newest_first(desk), ENTITIES, desk)
    last.closest_briefings(limit)
    for edit in builds:
        for name, mentions in edit:
            if mentions is None:
                desk.pop(name, None)
            else:
                desk[name] = mentions
        stems = newest_first(desk)
        again = Cooccurrence(stems, ENTITIES, desk, last)
        same(again, Cooccurrence(stems, ENTITIES, desk), (limit,))
        for e in set(ENTITIES) - (again.moved or set(ENTITIES)):  # said unchanged: is
            assert (again.pairs[again.col[e]] == last.pairs[last.col[e]]).all()
        last = again


def test_a_briefing_that_moves_among_the_others_is_counted_afresh():
    before = Cooccurrence(["c", "b", "a"], IDS, {"a": ["nato"], "b": ["nato"], "c": ["nato"]})
    before.closest_briefings(1)
    moved = Cooccurrence(["a", "c", "b"], IDS, {"a": ["nato"], "b": ["nato"], "c": ["nato"]}, before)
    assert moved.closest_briefings(1) == {"a": ["c"], "c": ["a"], "b": ["a"]}


def test_many_changes_are_counted_afresh_and_give_the_same():
    stems = [f"s{i:03}" for i in range(200, 0, -1)]
    before = Cooccurrence(stems, IDS, {s: ["nato"] for s in stems})
    before.closest_briefings(3)
    now = {s: ["nato", "osce"] if int(s[1:]) % 2 else ["osce"] for s in stems}
    same(Cooccurrence(stems, IDS, now, before), Cooccurrence(stems, IDS, now), (3,))


def test_a_rebuild_counts_and_ranks_again_only_what_an_edit_touched():
    before = co()
    before.closest_briefings(1)
    now = {**MENTIONS, "a": ["ukraine"]}  # the oldest briefing now mentions Ukraine
    again = Cooccurrence(STEMS, IDS, now, before)
    assert again.moved == {"ukraine"}
    assert again.closest_briefings(1) == co(now).closest_briefings(1)
    # 'a' itself, and 'c', whose closest ('e', 2 shared) 'a' does not beat: only 'a' is
    # ranked again ('c' shares 1 with it).
    assert again.ranked_again[1] == {"a"}
    # 'd' is gone: 'e', whose closest it was, is ranked again; no other listed it.
    gone = {k: v for k, v in MENTIONS.items() if k != "d"}
    later = Cooccurrence([s for s in STEMS if s != "d"], IDS, gone, before)
    assert later.closest_briefings(1) == co(gone, [s for s in STEMS if s != "d"]).closest_briefings(1)
    assert later.ranked_again[1] == {"e"}
    assert later.moved == {"nato", "russia"}
    fresh = co()
    assert fresh.closest_briefings(1) and fresh.ranked_again[1] is None  # a fresh count ranks all


@pytest.mark.parametrize(("changed", "again"), [(64, True), (65, False)])
def test_up_to_64_changed_briefings_are_counted_again_and_more_afresh(changed, again):
    stems = [f"s{i:03}" for i in range(100, 0, -1)]
    before = Cooccurrence(stems, IDS, {s: ["nato"] for s in stems})
    before.closest_briefings(2)
    now = {s: ["nato", "osce"] if i < changed else ["nato"] for i, s in enumerate(stems)}
    after = Cooccurrence(stems, IDS, now, before)
    assert after.closest_briefings(2) == Cooccurrence(stems, IDS, now).closest_briefings(2)
    assert (after.moved is not None) is again
    assert (after.ranked_again[2] is not None) is again
