"""The real briefing desk, as a reader finds it: the story across briefings.

Built once from the repository's own briefings. What the site says it holds (every
mention, event and quote) is read from its ``graph.json`` and checked against the
pages a reader sees.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from sitebuild import ROOT, Build, text_of

# Entities that run through the story: each must be in several briefings.
THROUGH_THE_STORY = [
    "nato", "russia", "ukraine", "osce", "finland", "sweden", "vladimir-putin", "josep-borrell",
    "jens-stoltenberg", "antony-blinken", "sergei-lavrov", "sergei-ryabkov",
]  # fmt: skip


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict]:
    site = tmp_path_factory.mktemp("desk") / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    build = Build(ROOT, site, proc.returncode, proc.stdout + proc.stderr)
    return build, json.loads((site / "graph.json").read_text(encoding="utf-8"))


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+/", "", url).rstrip("/")


def test_the_timeline_runs_from_december_2021_to_march_2024_in_order(desk):
    build, graph = desk
    dates = re.findall(r'<time datetime="(\d{4}-\d\d(?:-\d\d)?)"', build.article("timeline"))
    assert len(dates) >= 15
    assert dates == sorted(dates)
    assert dates[0].startswith("2021-12") and dates[-1].startswith("2024-03")
    assert len(dates) == len(graph["events"])


def test_entities_that_run_through_the_story_are_in_several_briefings(desk):
    _, graph = desk
    briefings: dict[str, set[str]] = {}
    for m in graph["mentions"]:
        briefings.setdefault(m["entity"], set()).add(m["briefing"])
    thin = {e: len(briefings.get(e, ())) for e in THROUGH_THE_STORY if len(briefings.get(e, ())) < 3}
    assert thin == {}


def test_mentioned_in_lists_every_briefing_newest_first_with_date_and_sentence(desk):
    """For every entity mentioned in two briefings or more: its page lists them all, newest
    first, each with its date and the sentence around a mention."""
    build, graph = desk
    dated = {b["id"]: (b["date"], b["title"], path_of(b["url"])) for b in graph["briefings"]}
    by_entity: dict[str, dict[str, list[str]]] = {}
    for m in graph["mentions"]:
        by_entity.setdefault(m["entity"], {}).setdefault(m["briefing"], []).append(m["sentence"])
    checked = 0
    for entity, mentions in by_entity.items():
        if len(mentions) < 2:
            continue
        checked += 1
        article = build.article(f"glossary/{entity}")
        listed = article[article.index("Mentioned in") :]
        listed = listed[: listed.index("</ul>")]
        items = re.findall(r'<li>\s*<a href="([^"#]*)[^"]*">(.*?)</li>', listed, re.S)
        urls = [path_of(u).removeprefix("../../") for u, _ in items]
        expected = sorted(mentions, key=lambda b: (dated[b][0], b), reverse=True)
        assert urls == [dated[b][2] for b in expected], entity
        for (_, item), stem in zip(items, expected, strict=True):
            shown = text_of(item)
            assert dated[stem][1] in shown
            assert re.search(r"\d{1,2} \w+ \d{4}", shown), shown
            assert any(s.rstrip("…")[:40] in shown for s in mentions[stem]), (entity, stem, shown)
    assert checked >= 20
