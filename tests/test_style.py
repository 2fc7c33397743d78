"""The code follows the project's lint and format rules (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_lint():
    result = ruff("check", "plugins", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_format():
    result = ruff("format", "--check", "plugins", "tests")
    assert result.returncode == 0, result.stdout + result.stderr
