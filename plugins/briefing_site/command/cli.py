"""The ``briefing`` command: start, check and improve briefings without building the site.

It is a second front end to the same core as the MkDocs plugin: the same reader,
registry, Markdown extension and messages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..core.frontmatter import decode, split
from ..core.matcher import Matcher
from ..core.registry import Registry
from ..core.sources import GLOSSARY
from ..render.messages import Messages
from . import cache, skeletons
from .checker import Site, analyse, problems_at_levels
from .project import Options, ProjectError, find_root, read_options

EXAMPLES = {
    "new": 'briefing new "NATO and Russia meet in Brussels" --date 2022-01-12',
    "entry": 'briefing entry people "Jens Stoltenberg"',
    "check": "briefing check                      # the whole site\n"
    "  briefing check briefings/2022-01-12-nato-russia-council.md --format json",
    "suggest": "briefing suggest briefings/2022-01-12-nato-russia-council.md --write",
    "export": "briefing export ../briefings-export && cd ../briefings-export && mkdocs build --strict",
}


class CommandError(Exception):
    """Refused: the message says why. Exit status 1."""


def slugify(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return slug[:60].rsplit("-", 1)[0] if len(slug) > 60 else slug


def _analysed(options: Options, args: argparse.Namespace) -> Site:
    """The whole site checked, re-reading only the files changed since the last run
    (``.cache/briefing/`` in the project, unless ``--no-cache``)."""
    if getattr(args, "no_cache", False):
        return analyse(options)
    found = cache.read(options.root)
    site = analyse(options, found)
    cache.write(options.root, found)
    return site


def _rel(options: Options, path: Path) -> str:
    return path.resolve().relative_to(options.root.resolve()).as_posix()


# -- new and entry ---------------------------------------------------------------


def cmd_new(options: Options, args: argparse.Namespace) -> int:
    date = args.date or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, got {date!r}") from None
    slug = slugify(args.title)
    if not slug:
        raise CommandError(f"cannot make a file name from the title {args.title!r}")
    path = options.root / options.briefings_dir / f"{date}-{slug}.md"
    if path.exists():
        raise CommandError(f"{_rel(options, path)} already exists; nothing was written")
    registry = _analysed(options, args).registry
    for b in registry.briefings.values():
        if b.slug == slug:
            raise CommandError(f"slug '{slug}' is already used by {b.path}")
    _refuse_taken_keys(registry, [args.title])
    _write_new(path, skeletons.briefing(args.title, date))
    print(_rel(options, path))
    return 0


def cmd_entry(options: Options, args: argparse.Namespace) -> int:
    if args.kind not in options.kinds:
        close = difflib.get_close_matches(args.kind, options.kinds, n=1)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        raise CommandError(f"unknown kind '{args.kind}' (kinds: {', '.join(options.kinds)}){hint}")
    entry_id = slugify(args.name)
    if not entry_id:
        raise CommandError(f"cannot make an id from the name {args.name!r}")
    site = _analysed(options, args)
    registry = site.registry
    if entry_id in registry.entities:
        raise CommandError(f"id '{entry_id}' already exists: {registry.entities[entry_id].path}")
    _refuse_taken_keys(registry, [args.name, entry_id])
    path = options.root / options.briefings_dir / GLOSSARY / args.kind / f"{entry_id}.md"
    _write_new(path, skeletons.entry(args.name))
    print(_rel(options, path))
    return 0


def _refuse_taken_keys(registry: Registry, keys: list[str]) -> None:
    """A new source must not claim a key that another already has (it would be ambiguous)."""
    for key in keys:
        found = registry.lookup(key)
        if found is not None:
            raise CommandError(f"'{key}' is already a key of {found.path}")


def _write_new(path: Path, text: str) -> None:
    if path.exists():
        raise CommandError(f"{path.name} already exists; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# -- check -----------------------------------------------------------------------


def _selected(options: Options, paths: Sequence[str]):
    """A predicate on project-relative paths: inside one of ``paths``, or all."""
    wanted = [_rel(options, Path(p)) for p in paths]
    return lambda rel: not wanted or any(rel == w or rel.startswith(w.rstrip("/") + "/") for w in wanted)


def cmd_check(options: Options, args: argparse.Namespace) -> int:
    site = _analysed(options, args)
    chosen = _selected(options, args.paths)
    found = [(p, level) for p, level in problems_at_levels(site) if chosen(p.path)]
    if args.format == "json":
        rows = [
            {"path": p.path, "line": p.line, "message": p.message, "code": p.code, "level": level}
            for p, level in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for p, level in found:
            print(str(p) if level == "warn" else f"{p.path}:{p.line}: note: {p.message}")
        warned = sum(level == "warn" for _, level in found)
        checked = len(site.registry.briefings) + len(site.registry.entities)
        print(f"{warned} problem{'s' * (warned != 1)} in {checked} sources", file=sys.stderr)
    return 1 if any(level == "warn" for _, level in found) else 0


# -- suggest ---------------------------------------------------------------------


def cmd_suggest(options: Options, args: argparse.Namespace) -> int:
    site = _analysed(options, args)
    matcher = Matcher(site.registry)
    chosen = _selected(options, args.paths)
    for b in sorted(site.registry.briefings.values(), key=lambda b: b.path):
        if not chosen(b.path):
            continue
        if args.write:
            _write_links(options.root / b.path, matcher, b.path)
            continue
        _print_suggestions(b, matcher)
    return 0


def _print_suggestions(b, matcher: Matcher) -> None:
    body = b.body
    line_starts = [0] + [i + 1 for i, c in enumerate(body) if c == "\n"]
    for occ in matcher.occurrences(body):
        line = _line_index(line_starts, occ.start)
        col = occ.start - line_starts[line] + 1
        print(f"{b.path}:{b.body_line + line}:{col}: '{occ.text}' could be [[{occ.text}]]")
    for name, count in matcher.candidates(body):
        print(f"{b.path}: '{name}' appears {count} times and matches no entry: a new entry?")


def _line_index(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _write_links(path: Path, matcher: Matcher, rel: str) -> None:
    """Annotate first occurrences in the body; every other byte stays as it was."""
    raw = path.read_bytes()
    text, error = decode(raw)
    if error or raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw:
        # Decoding changed the bytes (BOM, line ends, bad UTF-8): leave the file alone.
        print(f"{rel}: not rewritten: only UTF-8 files with \\n line ends are edited in place")
        return
    doc = split(text)
    start = len(text) - len(doc.body)
    linked = text[:start] + matcher.link(text[start:], "first")
    if linked != text:
        path.write_bytes(linked.encode("utf-8"))
        print(f"{rel}: {linked.count('[[') - text.count('[[')} annotations added")


# -- export ----------------------------------------------------------------------


def cmd_export(options: Options, args: argparse.Namespace) -> int:
    # Imported here: the renderer and Jinja would add a twentieth to every check's time.
    from ..export import config as export_config
    from ..export import site as export_site

    config_file = options.config_file or options.root / "mkdocs.yml"
    try:
        config = export_config.read(config_file)
    except export_config.ConfigError as exc:
        raise CommandError(str(exc)) from None
    out = Path(args.out)
    root, target = options.root.resolve(), out.resolve()
    sources = [root / options.docs_dir, root / options.briefings_dir]
    if target in (root, *root.parents) or any(target == s or s in target.parents for s in sources):
        raise CommandError(
            f"{args.out} holds or is inside the site's own sources; export into another folder"
        )
    settings = export_site.Options(
        briefings_dir=options.briefings_dir,
        kinds=options.kinds,
        docs_dir=options.docs_dir,
        autolink=options.autolink,
        use_directory_urls=options.use_directory_urls,
        limits=options.limits,
        material_tags=options.material_tags,
        language=options.language or options.theme_language,
    )
    try:
        result = export_site.export(options.root, config, settings)
        levels = [(p, options.level(p.code)) for p in result.problems]
        warned = [p for p, level in levels if level == "warn"]
        if warned and args.strict:
            for p in warned:
                print(str(p), file=sys.stderr)
            raise CommandError(f"{len(warned)} problem(s) with --strict; nothing was written")
        export_site.write(result, out)
    except export_site.ExportError as exc:
        raise CommandError(str(exc)) from None
    for p, level in levels:
        if level != "ignore":
            print(str(p) if level == "warn" else f"{p.path}:{p.line}: note: {p.message}", file=sys.stderr)
    note = Messages(settings.language).note
    if note:
        print(f"note: {note}", file=sys.stderr)
    pages = sum(1 for rel in result.files if rel.endswith(".md"))
    print(f"{len(result.files)} files ({pages} pages) written to {args.out}", file=sys.stderr)
    return 0


# -- the parser --------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefing",
        description="Start, check and improve briefings without building the site.",
    )
    top.add_argument("--project", metavar="DIR", help="the folder of mkdocs.yml (default: found upwards)")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"example:\n  {EXAMPLES[name]}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    new = command(
        "new",
        "Write briefings/YYYY-MM-DD-<slug>.md with a front-matter skeleton and "
        "a commented example of each annotation. Never overwrites a file.",
    )
    new.add_argument("title", help="the briefing's title")
    new.add_argument("--date", help="the source's publication date, YYYY-MM-DD (default: today)")
    new.set_defaults(run=cmd_new)

    entry = command(
        "entry",
        "Write briefings/glossary/KIND/<id>.md with a skeleton. Refuses an "
        "unknown kind, and an id or name that already exists.",
    )
    entry.add_argument("kind", help="people, organizations, countries, places, concepts (or as configured)")
    entry.add_argument("name", help="the entry's name")
    entry.set_defaults(run=cmd_entry)

    check = command(
        "check",
        "Validate sources without building the site: front matter, references, "
        "duplicate keys, dates, links. Prints each problem as path:line: message (the "
        "same text the build logs); exits 1 when there is any problem, 0 otherwise.",
    )
    check.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.set_defaults(run=cmd_check)

    suggest = command(
        "suggest",
        "List unannotated occurrences of known names, short names and aliases "
        "(path:line:col), and capitalised names that recur but match no entry. With "
        "--write, annotate the first unannotated occurrence of each entity in place.",
    )
    suggest.add_argument("paths", nargs="*", help="briefings or folders (default: all briefings)")
    suggest.add_argument("--write", action="store_true", help="annotate first occurrences in place")
    suggest.set_defaults(run=cmd_suggest)

    for reader in (new, entry, check, suggest):
        reader.add_argument(
            "--no-cache",
            action="store_true",
            help="read every source again, ignoring and not writing .cache/briefing/",
        )

    export = command(
        "export",
        "Write the whole site as a standalone project of standard Markdown (OUT/mkdocs.yml "
        "and OUT/docs/) that plain MkDocs, ProperDocs and Zensical build without the plugin. "
        "Refuses a non-empty OUT that is not a previous export.",
    )
    export.add_argument(
        "out", metavar="OUT", help="the folder to write (empty, missing, or a previous export)"
    )
    export.add_argument(
        "-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml (default: found upwards)"
    )
    export.add_argument("--strict", action="store_true", help="write nothing if the sources have a problem")
    export.set_defaults(run=cmd_export)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        config_file = getattr(args, "config_file", None)
        if config_file:
            return args.run(read_options(Path(config_file).resolve().parent, Path(config_file)), args)
        root = Path(args.project) if args.project else find_root(Path.cwd())
        return args.run(read_options(root.resolve()), args)
    except (ProjectError, CommandError) as exc:
        print(f"briefing {args.command}: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, CommandError) else 2
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
