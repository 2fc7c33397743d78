"""Fixtures shared by the test modules in this folder."""

from __future__ import annotations

import pytest
from sitebuild import SMALL_SITE, Build, mkdocs_build, write


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("small")
    write(root, SMALL_SITE)
    build = mkdocs_build(root, strict=True)
    assert build.code == 0, build.output
    return build
