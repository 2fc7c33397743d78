"""The package's layers hold: import-linter's contracts (root pyproject.toml) are kept,
and each contract breaks, naming the import, when a module reaches where it must not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import ROOT

PACKAGE = ROOT / "plugins" / "briefing_site"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "statement", "contract", "named"),
    [
        pytest.param(
            "core/dates.py",
            "from ..render import pages",
            "The command over the front ends over render over core",
            "briefing_site.core.dates -> briefing_site.render.pages",
            id="core-imports-render",
        ),
        pytest.param(
            "render/feeds.py",
            "from ..mkdocs_plugin import config",
            "The command over the front ends over render over core",
            "briefing_site.render.feeds -> briefing_site.mkdocs_plugin.config",
            id="render-imports-a-front-end",
        ),
        pytest.param(
            "export/site.py",
            "from ..mkdocs_plugin import config",
            "The command over the front ends over render over core",
            "briefing_site.export.site -> briefing_site.mkdocs_plugin.config",
            id="export-imports-the-plugin",
        ),
        pytest.param(
            "mkdocs_plugin/plugin.py",
            "from ..command import cli",
            "The command over the front ends over render over core",
            "briefing_site.mkdocs_plugin.plugin -> briefing_site.command.cli",
            id="plugin-imports-the-command",
        ),
        pytest.param(
            "command/cli.py",
            "from ..mkdocs_plugin import plugin",
            "The command imports neither the MkDocs plugin nor MkDocs",
            "briefing_site.command.cli -> briefing_site.mkdocs_plugin.plugin",
            id="command-imports-the-plugin",
        ),
        pytest.param(
            "core/registry.py",
            "import mkdocs.utils",
            "Core, render and export import neither MkDocs nor Material",
            "briefing_site.core.registry -> mkdocs",
            id="core-imports-mkdocs",
        ),
        pytest.param(
            "export/config.py",
            "import mkdocs.config",
            "Core, render and export import neither MkDocs nor Material",
            "briefing_site.export.config -> mkdocs",
            id="export-imports-mkdocs",
        ),
    ],
)
def test_a_forbidden_import_breaks_a_contract_and_is_named(
    tmp_path: Path, module: str, statement: str, contract: str, named: str
):
    # A copy of the package with one import added: the real one is never touched.
    shutil.copytree(PACKAGE, tmp_path / "src" / "briefing_site", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "src" / "briefing_site" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{statement}\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = lint_imports(tmp_path, pythonpath=tmp_path / "src")
    out = " ".join(result.stdout.split())  # rich wraps long lines
    assert result.returncode == 1, out
    assert f"{contract}" in out and "BROKEN" in out, out
    assert named in out, out
