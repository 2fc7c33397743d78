"""Build one site in this process and print what it cost, as one line of JSON.

    python bench/measure.py build SITE_DIR      # a `mkdocs build`, measured
    python bench/measure.py rebuild SITE_DIR    # `mkdocs serve`-style: build, edit one briefing, rebuild
    python bench/measure.py profile SITE_DIR    # a build under cProfile: where the time goes

Run by ``bench/run.py``, one fresh process per measurement, so that peak memory
(``ru_maxrss``) and CPU time belong to that build alone.

``build`` prints:

* ``wall``: seconds from before ``import mkdocs`` to the end of the build, i.e. what
  ``mkdocs build`` costs minus the interpreter's own start-up (about 20 ms);
  ``build_wall`` is ``load_config`` plus ``build`` only (imports of MkDocs excluded,
  the plugin's imports included, as MkDocs loads plugins in ``load_config``);
* ``cpu``: user plus system CPU seconds of the whole process (``getrusage``);
* ``maxrss_kib``: the process's peak resident memory, in KiB (Linux);
* ``phases``: for a site with the ``briefing`` plugin, the plugin's own time by
  phase (``plugin.timings.seconds``), else ``null``;
* ``stages``: the build's time in MkDocs' per-page steps, for either twin: ``markdown``
  (every page's Markdown read and rendered, plugin hooks and annotations included),
  ``templates`` (every page's template rendered and written; template context and
  search indexing included) and ``rest`` (config, files, nav, ``on_env``, post-build:
  search index, sitemap, the plugin's feeds and exports, static files);
* ``warnings``: how many WARNING (or worse) records MkDocs and its plugins logged.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import mkdocs.commands.build as mkdocs_build  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

SERVE_URL = "http://127.0.0.1:8000/"
EDIT = "\n\nThe talks are expected to resume next week, officials said.\n"


class Count(logging.Handler):
    """Counts WARNING and worse; keeps the first few messages for the report."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(record.getMessage()[:300])


def quiet_logging() -> Count:
    counter = Count()
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [counter]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    return counter


def cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def phases(config) -> dict[str, float] | None:
    plugin = config.plugins.get("briefing")
    if plugin is None or not hasattr(plugin, "timings"):
        return None
    return {k: round(v, 4) for k, v in plugin.timings.seconds.items()}


STAGES: dict[str, float] = {"markdown": 0.0, "templates": 0.0}


def _stage(name: str, fn):
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            STAGES[name] += time.perf_counter() - start

    return run


# MkDocs' two per-page steps, timed for both twins: reading and rendering each page's
# Markdown (with on_page_markdown / on_page_content), and rendering its template and
# writing it (with on_page_context, where the search plugin indexes the page).
mkdocs_build._populate_page = _stage("markdown", mkdocs_build._populate_page)
mkdocs_build._build_page = _stage("templates", mkdocs_build._build_page)


def one_build(site: Path, site_dir: str, command: str = "build", serve_url: str | None = None):
    """``load_config``, ``on_startup`` and ``build``, as the ``mkdocs`` command does them."""
    start = time.perf_counter()
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=site_dir)
    if command == "serve":
        config.site_url = serve_url
    config.plugins.on_startup(command=command, dirty=False)
    build(config, serve_url=serve_url)
    return config, time.perf_counter() - start


def cmd_build(site: Path) -> dict:
    load = os.getloadavg()[0]  # other work on the machine: wall times are only comparable at low load
    counter = quiet_logging()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as out:
        config, build_wall = one_build(site, out)
        config.plugins.on_shutdown()
        wall = time.perf_counter() - T0
        pages = sum(1 for _ in Path(out).rglob("*.html"))
    return {
        "site": str(site),
        "wall": round(wall, 3),
        "build_wall": round(build_wall, 3),
        "cpu": round(cpu(), 3),
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "phases": phases(config),
        "stages": {
            "markdown": round(STAGES["markdown"], 3),
            "templates": round(STAGES["templates"], 3),
            "rest": round(build_wall - STAGES["markdown"] - STAGES["templates"], 3),
        },
        "html_pages": pages,
        "warnings": counter.count,
        "first_warnings": counter.first,
        "plugin_module": getattr(sys.modules.get("briefing_site"), "__file__", None),
        "loadavg": round(max(load, os.getloadavg()[0]), 2),
    }


def edited_briefing(site: Path) -> Path:
    """The middle briefing, by file name: the same one in every run."""
    files = sorted((site / "briefings").glob("*.md"))
    return files[len(files) // 2]


def cmd_rebuild(site: Path) -> dict:
    """What ``mkdocs serve`` does: one config per build, one plugin object across builds.

    MkDocs keeps a plugin that defines ``on_startup`` across ``load_config`` calls,
    so the second build sees the sources parsed by the first. A third build, after
    ``on_startup`` again (a fresh source cache) and with nothing edited, is the
    control: a full build in a warm process.
    """
    counter = quiet_logging()
    target = edited_briefing(site)
    original = target.read_bytes()
    stat = target.stat()
    result: dict = {"site": str(site), "edited": target.name}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as out:
        try:
            config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=out)
            config.site_url = SERVE_URL
            config.plugins.on_startup(command="serve", dirty=False)
            plugin = config.plugins["briefing"]

            def timed_build(cfg) -> tuple[float, dict | None]:
                start = time.perf_counter()
                build(cfg, serve_url=SERVE_URL)
                return time.perf_counter() - start, phases(cfg)

            wall, ph = timed_build(config)
            result["full"] = {"wall": round(wall, 3), "phases": ph}

            time.sleep(0.01)  # a distinct mtime even on coarse clocks
            target.write_bytes(original + EDIT.encode())
            start = time.perf_counter()
            config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=out)
            config.site_url = SERVE_URL
            assert config.plugins["briefing"] is plugin, "MkDocs did not keep the plugin object"
            wall, ph = timed_build(config)
            result["rebuild"] = {"wall": round(wall, 3), "phases": ph}
            result["rebuild"]["with_load_config"] = round(time.perf_counter() - start, 3)

            plugin.on_startup(command="serve", dirty=False)  # forget every parsed source
            config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=out)
            config.site_url = SERVE_URL
            wall, ph = timed_build(config)
            result["warm_full"] = {"wall": round(wall, 3), "phases": ph}
            config.plugins.on_shutdown()
        finally:
            target.write_bytes(original)
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["warnings"] = counter.count
    return result


def cmd_profile(site: Path, top: int = 30) -> dict:
    quiet_logging()
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="bench-prof-") as out:
        profiler.enable()
        config, wall = one_build(site, out)
        profiler.disable()
    buf = io.StringIO()
    stats = pstats.Stats(profiler, stream=buf)
    stats.sort_stats("cumulative").print_stats("briefing_site", top)
    stats.sort_stats("tottime").print_stats(top)
    print(buf.getvalue(), file=sys.stderr)
    return {"site": str(site), "wall_under_profiler": round(wall, 3), "phases": phases(config)}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("build", "rebuild", "profile"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, site = argv[0], Path(argv[1]).resolve()
    result = {"build": cmd_build, "rebuild": cmd_rebuild, "profile": cmd_profile}[mode](site)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
