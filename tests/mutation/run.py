"""Mutation testing of the pure core: how many changed behaviours its fast tests catch.

    python tests/mutation/run.py [--min 90] [--max-children N] [--survivors] [MODULE ...]

mutmut (configured in the root pyproject.toml, [tool.mutmut]) changes the core's code one
small edit at a time (``<`` to ``<=``, a string to another, a ``break`` to ``return`` ...)
and runs the fast tests in ``tests/core/`` against each mutant. A mutant that no test
notices is a behaviour the tests do not pin. This script prints, per module of
``briefing_site/core`` and overall, how many mutants were killed (a test failed) or timed
out, and exits 1 when the overall share is below ``--min`` percent.

mutmut names a module after its file's path, less a leading ``src/``, and a mutant is
active only in the module of that name: the package, at ``plugins/briefing_site``, is
reached through ``src`` (a link to ``plugins`` at the root, so that plain ``mutmut run``
works there too). This script copies the package, the tests and pyproject.toml to
``.cache/mutation/`` with the package at ``src/briefing_site`` and runs mutmut there (its
``mutants/`` folder too), so that nothing in the checkout is touched. Name modules
(``dates registry``) to test only theirs; ``--survivors`` lists what no test caught, and
``cd .cache/mutation && python -m mutmut show NAME`` shows a mutant's diff.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".cache" / "mutation"
CORE = Path("src/briefing_site/core")
CAUGHT = ("killed", "timeout")


def lay_out() -> None:
    """A fresh scratch tree: results never come from an older copy of the code or tests."""
    shutil.rmtree(WORK, ignore_errors=True)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "plugins" / "briefing_site", WORK / "src" / "briefing_site", ignore=skip)
    shutil.copytree(ROOT / "tests", WORK / "tests", ignore=skip)
    shutil.copy2(ROOT / "pyproject.toml", WORK / "pyproject.toml")


def fast_tests() -> int:
    """The fast tests once, unmutated: a failure here is the tests', not a mutant's."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/core/"]
    result = subprocess.run(cmd, cwd=WORK, capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    print(result.stdout if result.returncode else f"fast tests: {lines[-1].strip('= ')}")
    return result.returncode


def run_mutmut(max_children: int | None, modules: list[str]) -> int:
    """Run mutmut in the scratch tree; its progress line goes to a log, not the terminal."""
    cmd = [sys.executable, "-m", "mutmut", "run", *(f"briefing_site.core.{m}.*" for m in modules)]
    if max_children:
        cmd += ["--max-children", str(max_children)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    log = WORK / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.run(cmd, cwd=WORK, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    lines = log.read_text(encoding="utf-8").replace("\r", "\n").splitlines()
    # Braille characters start mutmut's spinner lines: progress, not results.
    kept = [line for line in lines if line.strip() and not "\u2800" <= line.lstrip()[0] <= "\u28ff"]
    rate = [line for line in kept if "mutations/second" in line]
    print("\n".join(kept[-40:]) if code else f"mutmut: {rate[-1] if rate else kept[-1]}")
    return code


def statuses(only: list[str]) -> dict[str, Counter[str]]:
    """Per module, how many mutants ended in each of mutmut's statuses."""
    from mutmut.stats import status_by_exit_code  # mutmut's own reading of its exit codes

    by_module: dict[str, Counter[str]] = {}
    for meta in sorted((WORK / "mutants" / CORE).glob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        module = meta.name.removesuffix(".py.meta")
        if codes and (not only or module in only):
            by_module[module] = Counter(status_by_exit_code[code] for code in codes.values())
    return by_module


def share(counts: Counter[str]) -> float:
    total = sum(counts.values())
    return 100.0 * sum(counts[s] for s in CAUGHT) / total if total else 100.0


def table(by_module: dict[str, Counter[str]]) -> str:
    names = ("mutants", "killed", "timeout", "survived", "other", "score")
    head = f"{'module':<14}" + "".join(f" {n:>8}" for n in names)
    rows = [head, "-" * len(head)]
    overall: Counter[str] = Counter()
    for module, counts in [*by_module.items(), ("overall", None)]:
        if counts is None:
            rows.append("-" * len(head))
            counts = overall
        else:
            overall.update(counts)
        total = sum(counts.values())
        other = total - counts["killed"] - counts["timeout"] - counts["survived"]
        cells = (total, counts["killed"], counts["timeout"], counts["survived"], other)
        rows.append(f"{module:<14}" + "".join(f" {c:>8}" for c in cells) + f" {share(counts):>7.1f}%")
    return "\n".join(rows)


def survivors(only: list[str]) -> list[str]:
    from mutmut.stats import status_by_exit_code

    names = []
    for meta in sorted((WORK / "mutants" / CORE).glob("*.py.meta")):
        if only and meta.name.removesuffix(".py.meta") not in only:
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        names += [
            f"{k}  ({status_by_exit_code[c]})"
            for k, c in sorted(codes.items())
            if status_by_exit_code[c] not in CAUGHT
        ]
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min", type=float, default=90.0, help="lowest overall score that passes (percent)")
    parser.add_argument(
        "--max-children", type=int, help="mutants tested at once (mutmut's default: all cores)"
    )
    parser.add_argument("--survivors", action="store_true", help="list the mutants that no test caught")
    parser.add_argument("modules", nargs="*", help="modules of the core to mutate (default: all)")
    args = parser.parse_args(argv)
    lay_out()
    if fast_tests() != 0:
        return 2
    code = run_mutmut(args.max_children, args.modules)
    by_module = statuses(args.modules)
    if code != 0 or not by_module:
        print(f"mutmut run failed (exit {code}); no score", file=sys.stderr)
        return 2
    if args.survivors:
        print("\n".join(survivors(args.modules)))
    print(table(by_module))
    overall = share(sum(by_module.values(), Counter()))
    verdict = "passes" if overall >= args.min else "is below"
    print(f"\nmutation score {overall:.1f}% {verdict} the {args.min:g}% floor")
    return 0 if overall >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
