"""Benchmark the briefing plugin against a plain twin of the same site.

    python bench/run.py [--sizes 100 1000 5000] [--repeat 2] [--keep DIR] [--json FILE]

For each N: generate the corpus (``bench/generate.py``: N briefings, N/5 entries,
and the plain-Markdown twin), export the plugin site (``briefing export``: the fourth
site, its honest twin, with the plugin measured), then

* build each twin ``--repeat`` times, alternately, each build in a fresh process
  (``bench/measure.py build``), and keep the run with the lowest wall time;
* run ``briefing check`` and ``briefing suggest`` in the plugin site (best of the
  repeats, but a run over 60 s is not repeated; exit status, output lines, CPU and
  peak memory from ``wait4``; killed after ``--cli-timeout`` seconds);
* do a ``mkdocs serve``-style rebuild after editing one briefing
  (``bench/measure.py rebuild``; at most twice, each of its builds at its best),

and print the tables. Figures are printed, never asserted. With ``--keep DIR`` the
corpora live in ``DIR/<N>/`` and are reused when already generated (same seed);
otherwise they go to a temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PHASE_ORDER = (
    "load sources",
    "resolve and generate pages",
    "render annotations",
    "index",
    "template context",
)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def corpus(root: Path, n: int, seed: int) -> tuple[Path, dict]:
    where = root / str(n)
    stamp = where / "stats.json"
    if stamp.exists():
        stats = json.loads(stamp.read_text())
        if stats.get("seed") == seed and (where / "linked").is_dir():
            log(f"N={n}: reusing {where}")
            return where, stats
    log(f"N={n}: generating in {where}")
    out = subprocess.run(
        [PY, str(BENCH / "generate.py"), str(n), str(where), "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    stats = {**json.loads(out.stdout), "seed": seed}
    stamp.write_text(json.dumps(stats))
    return where, stats


QUIET = {"max_load": 0.0, "max_wait": 0.0}  # set from the command line


def wait_quiet() -> None:
    """With ``--max-load``: wait (at most ``--max-wait`` s) until the 1-minute load average is below it."""
    if not QUIET["max_load"]:
        return
    deadline = time.monotonic() + QUIET["max_wait"]
    while os.getloadavg()[0] >= QUIET["max_load"] and time.monotonic() < deadline:
        time.sleep(5)


def export(where: Path) -> tuple[Path, float]:
    """``briefing export`` of the plugin site into ``where/export``, by the plugin measured
    (``--plugin-path`` included), every run: the export is the plugin's own output."""
    out = where / "export"
    start = time.perf_counter()
    cmd = [
        PY,
        "-m",
        "briefing_site.command.cli",
        "export",
        str(out),
        "-f",
        str(where / "plugin" / "mkdocs.yml"),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    if done.returncode != 0:
        raise RuntimeError(f"briefing export failed:\n{done.stderr[-3000:]}")
    return out, time.perf_counter() - start


def measure(mode: str, site: Path) -> dict:
    wait_quiet()
    out = subprocess.run(
        [PY, str(BENCH / "measure.py"), mode, str(site)], capture_output=True, text=True, env=ENV
    )
    if out.returncode != 0:
        raise RuntimeError(f"measure.py {mode} {site} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def command(args: list[str], cwd: Path, timeout: float) -> dict:
    """Run a command; wall, CPU and peak memory of the child (``wait4``), exit status, output lines.

    A command still running after ``timeout`` seconds is killed and reported as such.
    """
    wait_quiet()
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=stdout, stderr=stderr, env=ENV)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timed_out = not timer.is_alive() and wall >= timeout
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        lines = stdout.read().decode("utf-8", "replace").splitlines()
        err = stderr.read().decode("utf-8", "replace").strip().splitlines()
    return {
        "wall": round(wall, 3),
        "cpu": round(ru.ru_utime + ru.ru_stime, 3),
        "maxrss_kib": ru.ru_maxrss,
        "exit": proc.returncode,
        "timed_out": timed_out,
        "lines": len(lines),
        "first_lines": lines[:3],
        "stderr_tail": err[-2:],
    }


# The command's runs: a check that reads every file, one that re-reads the one file an
# author just saved (its cache under .cache/briefing/ holds the rest), and suggest.
CLI_RUNS = {
    "check --no-cache": ["check", "--no-cache"],
    "check, one file edited": ["check"],
    "suggest": ["suggest"],
}


@contextlib.contextmanager
def edited(site: Path):
    """One briefing with a sentence appended, as an author's save; put back afterwards."""
    briefings = sorted((site / "briefings").glob("*.md"))
    path = briefings[len(briefings) // 2]
    original = path.read_bytes()
    path.write_bytes(original + b"\nOne more sentence, as an author adds it.\n")
    try:
        yield
    finally:
        path.write_bytes(original)


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["wall"])


def bench_size(root: Path, n: int, repeat: int, seed: int, serve: bool, timeout: float) -> dict:
    where, stats = corpus(root, n, seed)
    plugin = where / "plugin"
    _, export_wall = export(where)
    log(f"N={n}: exported in {export_wall:.2f} s")
    builds: dict[str, list[dict]] = {"plain": [], "linked": [], "export": [], "plugin": []}
    for r in range(repeat):
        for twin in builds:
            site = where / twin
            result = measure("build", site)
            builds[twin].append(result)
            log(
                f"N={n} {twin} build {r + 1}/{repeat}: {result['wall']:.2f} s wall, "
                f"{result['maxrss_kib'] / 1024:.0f} MiB, {result['warnings']} warnings"
            )
    cli: dict[str, list[dict]] = {name: [] for name in CLI_RUNS}
    sibling = Path(PY).with_name("briefing")
    briefing = str(sibling) if sibling.exists() else shutil.which("briefing") or "briefing"
    command([briefing, "check"], plugin, timeout)  # fills the check's cache, untimed
    for r in range(repeat):
        for name, args in CLI_RUNS.items():
            if cli[name] and (cli[name][-1]["timed_out"] or cli[name][-1]["wall"] > 60):
                continue  # once is enough to know it is slow
            with edited(plugin) if name.endswith("edited") else contextlib.nullcontext():
                result = command([briefing, *args], plugin, timeout)
            cli[name].append(result)
            state = "killed (timeout)" if result["timed_out"] else f"exit {result['exit']}"
            log(f"N={n} briefing {name} {r + 1}/{repeat}: {result['wall']:.2f} s, {state}")
    rebuild = None
    if serve:
        runs = []
        for r in range(min(repeat, 2)):  # three builds each: twice is enough
            runs.append(measure("rebuild", plugin))
            log(
                f"N={n} serve {r + 1}/{min(repeat, 2)}: full {runs[-1]['full']['wall']:.2f} s, "
                f"rebuild {runs[-1]['rebuild']['wall']:.2f} s"
            )
        # Each build of the three at its best over the runs.
        rebuild = {
            k: min((run[k] for run in runs), key=lambda b: b["wall"])
            for k in ("full", "rebuild", "warm_full")
        }
    return {
        "n": n,
        "stats": stats,
        "plain": best(builds["plain"]),
        "linked": best(builds["linked"]),
        "export": best(builds["export"]),
        "export_wall": round(export_wall, 3),
        "plugin": best(builds["plugin"]),
        "all_walls": {k: [b["wall"] for b in v] for k, v in builds.items()},
        **{name: best(runs) for name, runs in cli.items()},
        "rebuild": rebuild,
    }


# -- report -------------------------------------------------------------------------------


def mib(kib: int) -> float:
    return kib / 1024


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def phase_names(results: list[dict]) -> list[str]:
    seen = {k for r in results for k in (r["plugin"]["phases"] or {})}
    return [p for p in PHASE_ORDER if p in seen] + sorted(seen - set(PHASE_ORDER))


def report(results: list[dict], repeat: int) -> str:
    out = []
    out.append(
        f"Builds: best wall of {repeat} runs per twin, each in a fresh process; CPU = user+sys of that "
        "process; memory = its peak RSS; warnings = plain/plugin; load = the machine's 1-minute load "
        "average during those two runs (wall times compare only when it is below the CPU count)."
    )
    rows = []
    for r in results:
        s, p, q = r["stats"], r["plain"], r["plugin"]
        rows.append(
            [
                f"{r['n']:,}",
                f"{s['entities']:,}",
                f"{s['mentions']:,}",
                f"{p['wall']:.2f}",
                f"{p['cpu']:.2f}",
                f"{mib(p['maxrss_kib']):.0f}",
                f"{q['wall']:.2f}",
                f"{q['cpu']:.2f}",
                f"{mib(q['maxrss_kib']):.0f}",
                f"{q['wall'] / p['wall']:.2f}x",
                f"{q['cpu'] / p['cpu']:.2f}x",
                f"{q['maxrss_kib'] / p['maxrss_kib']:.2f}x",
                f"{p['warnings']}/{q['warnings']}",
                f"{max(p.get('loadavg', 0), q.get('loadavg', 0)):.1f}",
            ]
        )
    out.append(
        table(
            [
                "N",
                "entities",
                "mentions",
                "plain wall s",
                "plain cpu s",
                "plain MiB",
                "plugin wall s",
                "plugin cpu s",
                "plugin MiB",
                "wall ratio",
                "cpu ratio",
                "mem ratio",
                "warnings",
                "load",
            ],
            rows,
        )
    )
    out.append("")
    out.append(
        "The floor: the linked twin is the plain twin with every annotation written as an ordinary "
        "Markdown link to the entry's page, titled with the plugin's hover text, built without the "
        "plugin. What it costs over the plain twin is what the links alone cost MkDocs and Material "
        "(link resolution, larger pages to parse and index), before any work of the plugin."
    )
    rows = [
        [
            f"{r['n']:,}",
            f"{r['plain']['wall']:.2f}",
            f"{r['linked']['wall']:.2f}",
            f"{r['plugin']['wall']:.2f}",
            f"{r['linked']['wall'] / r['plain']['wall']:.2f}x",
            f"{r['plugin']['wall'] / r['linked']['wall']:.2f}x",
            f"{mib(r['linked']['maxrss_kib']):.0f}",
            f"{r['linked']['maxrss_kib'] / r['plain']['maxrss_kib']:.2f}x",
        ]
        for r in results
    ]
    headers = ["N", "plain wall s", "linked wall s", "plugin wall s", "linked/plain", "plugin/linked"]
    out.append(table([*headers, "linked MiB", "linked/plain MiB"], rows))
    out.append("")
    out.append(
        "The honest twin: the plugin site's own export (`briefing export`), built by plain MkDocs + "
        "Material: the very pages the plugin makes, written out as Markdown. plugin/export is the "
        "plugin's true price, in time and memory; plugin/plain and plugin/linked beside it. 'export s' is "
        "the time `briefing export` took (not part of any build)."
    )
    rows = [
        [
            f"{r['n']:,}",
            f"{r['export_wall']:.2f}",
            f"{r['export']['wall']:.2f}",
            f"{r['plugin']['wall']:.2f}",
            f"{r['plugin']['wall'] / r['export']['wall']:.2f}x",
            f"{r['plugin']['wall'] / r['plain']['wall']:.2f}x",
            f"{r['plugin']['wall'] / r['linked']['wall']:.2f}x",
            f"{mib(r['export']['maxrss_kib']):.0f}",
            f"{mib(r['plugin']['maxrss_kib']):.0f}",
            f"{r['plugin']['maxrss_kib'] / r['export']['maxrss_kib']:.2f}x",
            f"{r['plugin']['maxrss_kib'] / r['plain']['maxrss_kib']:.2f}x",
            f"{r['plugin']['maxrss_kib'] / r['linked']['maxrss_kib']:.2f}x",
            str(r["export"]["warnings"]),
        ]
        for r in results
        if "export" in r
    ]
    headers = ["N", "export s", "export wall s", "plugin wall s", "plugin/export", "plugin/plain"]
    headers += ["plugin/linked", "export MiB", "plugin MiB", "plugin/export MiB", "plugin/plain MiB"]
    out.append(table([*headers, "plugin/linked MiB", "export warnings"], rows))
    out.append("")
    names = phase_names(results)
    out.append(
        "Plugin's own time by phase (seconds, in the best plugin build); 'sum' is their total, "
        "'extra' is plugin wall minus plain wall (all the plugin costs, its templates and extra pages too)."
    )
    rows = []
    for r in results:
        ph = r["plugin"]["phases"] or {}
        total = sum(ph.values())
        rows.append(
            [f"{r['n']:,}"]
            + [f"{ph.get(k, 0):.2f}" for k in names]
            + [f"{total:.2f}", f"{r['plugin']['wall'] - r['plain']['wall']:.2f}"]
        )
    out.append(table(["N", *names, "sum", "extra"], rows))
    by_n = {r["n"]: r for r in results}
    out.append("")
    out.append(
        "Where the build time goes, for both twins (seconds, best builds): 'markdown' = every page's "
        "Markdown rendered (plugin hooks and annotations included), 'templates' = every page's template "
        "rendered and written (template context and search indexing included), 'rest' = config, files, nav, "
        "on_env, post-build (search index, sitemap, the plugin's feeds and exports)."
    )
    rows = []
    for r in results:
        p, q = r["plain"].get("stages") or {}, r["plugin"].get("stages") or {}
        cells = [f"{r['n']:,}"]
        for k in ("markdown", "templates", "rest"):
            cells += [f"{p.get(k, 0):.2f}", f"{q.get(k, 0):.2f}"]
        rows.append(cells)
    headers = ["N"]
    for k in ("markdown", "templates", "rest"):
        headers += [f"{k}: plain", "plugin"]
    out.append(table(headers, rows))
    growth = []
    for a, b in zip(sorted(by_n), sorted(by_n)[1:], strict=False):
        pa = sum((by_n[a]["plugin"]["phases"] or {}).values())
        pb = sum((by_n[b]["plugin"]["phases"] or {}).values())
        if pa:
            growth.append(f"N={a:,} -> {b:,} ({b / a:g}x the sources): plugin's own time x{pb / pa:.2f}")
    if growth:
        out.append("")
        out += growth
    out.append("")
    out.append(f"The briefing command in the plugin site (best of {repeat}; wall includes Python start-up).")
    rows = []
    for r in results:
        for name in CLI_RUNS:
            c = r[name]
            rows.append(
                [
                    f"{r['n']:,}",
                    f"briefing {name}",
                    f">{c['wall']:.0f} (killed)" if c["timed_out"] else f"{c['wall']:.2f}",
                    f"{c['cpu']:.2f}",
                    f"{mib(c['maxrss_kib']):.0f}",
                    str(c["exit"]),
                    f"{c['lines']:,}",
                ]
            )
    out.append(table(["N", "command", "wall s", "cpu s", "MiB", "exit", "output lines"], rows))
    if any(r["rebuild"] for r in results):
        out.append("")
        out.append(
            "mkdocs serve: one process, one plugin object; a full build, then a rebuild after appending "
            "a sentence to one briefing, then (control) a full build in the same warm process with the "
            "source cache emptied. Build seconds, and the plugin's 'load sources' phase."
        )
        rows = []
        for r in results:
            rb = r["rebuild"]
            if not rb:
                continue
            load = lambda k, rb=rb: (rb[k]["phases"] or {}).get("load sources", 0.0)  # noqa: E731
            rows.append(
                [
                    f"{r['n']:,}",
                    f"{rb['full']['wall']:.2f}",
                    f"{load('full'):.3f}",
                    f"{rb['rebuild']['wall']:.2f}",
                    f"{load('rebuild'):.3f}",
                    f"{rb['warm_full']['wall']:.2f}",
                    f"{load('warm_full'):.3f}",
                    f"{rb['rebuild']['wall'] / rb['full']['wall']:.2f}x",
                ]
            )
        out.append(
            table(
                [
                    "N",
                    "full build s",
                    "load sources s",
                    "rebuild s",
                    "load sources s",
                    "warm full s",
                    "load sources s",
                    "rebuild/full",
                ],
                rows,
            )
        )
    return "\n".join(out)


def revision(plugin_path: Path | None) -> str:
    """The commit the plugin was measured at, and whether plugins/ had uncommitted changes."""
    if plugin_path:
        stamp = plugin_path.parent / "REVISION"
        commit = stamp.read_text().strip() if stamp.exists() else "unknown commit"
        return f"{commit} (imported from {plugin_path})"
    git = ["git", "-C", str(BENCH.parent)]
    try:
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "plugins"], capture_output=True, text=True
        ).stdout
    except OSError:
        return "unknown commit"
    return (head.strip() or "unknown commit") + (" + uncommitted changes" if dirty.strip() else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="generate (or reuse) corpora in DIR/<N>/ and keep them")
    ap.add_argument("--no-serve", action="store_true", help="skip the serve-style rebuild")
    ap.add_argument("--json", type=Path, help="also write the raw results to this file")
    ap.add_argument(
        "--cli-timeout", type=float, default=900, help="kill `briefing check/suggest` after this many seconds"
    )
    ap.add_argument(
        "--plugin-path",
        type=Path,
        help="import briefing_site from this folder instead (a snapshot: "
        "git archive HEAD plugins | tar -x -C DIR; echo COMMIT > DIR/REVISION; then DIR/plugins)",
    )
    ap.add_argument(
        "--max-load",
        type=float,
        default=0.0,
        help="before each measurement, wait until the 1-minute load average is below this (0: don't wait)",
    )
    ap.add_argument("--max-wait", type=float, default=600, help="wait at most this long for --max-load (s)")
    args = ap.parse_args(argv)
    QUIET.update(max_load=args.max_load, max_wait=args.max_wait)
    if args.plugin_path:
        args.plugin_path = args.plugin_path.resolve()
        ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(args.plugin_path), ENV.get("PYTHONPATH")]))

    root = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in args.sizes:
            results.append(bench_size(root, n, args.repeat, args.seed, not args.no_serve, args.cli_timeout))
            if args.json:
                args.json.write_text(json.dumps(results, indent=1))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    where = revision(args.plugin_path)
    print(f"Machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; plugin at {where}")
    print(report(results, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
