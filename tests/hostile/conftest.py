"""The combined corpus: the small site with every case marked ``combined`` (all but the
slow generated ones), built once per session, leniently and strictly."""

from __future__ import annotations

import pytest
from hostile_corpus import Corpus, Run, load_cases, materialize, timed_build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("corpus")
    cases = [c for c in load_cases() if c.combined]
    files = materialize(cases, root)
    return Corpus(root, cases, files, timed_build(root, time_limit=300))


@pytest.fixture(scope="session")
def corpus_strict(corpus: Corpus) -> Run:
    return timed_build(corpus.root, strict=True, time_limit=300, site=corpus.root / "site-strict")
