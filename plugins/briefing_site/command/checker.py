"""Check a whole site without building it: the same problems as a build, fast.

Sources are read, validated and resolved by the same code as in the plugin; page
addresses are allotted by the same code; annotations are found in the raw
Markdown with the same parsing functions as the Markdown extension uses
(``scan``), which is what makes a check of a thousand briefings take well under
a second, where rendering them would take several.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core import index
from ..core.diagnostics import ordered
from ..core.model import Problem, Ref
from ..core.registry import ENTITY, Registry
from ..core.scan import annotations, line_of, line_starts
from ..core.sources import load
from ..render import pages
from .cache import CheckCache, Marks, stamp_of
from .project import Options

# MkDocs' own front-matter rule for pages in docs/ (mkdocs.utils.meta.get_data).
_DOCS_META = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
UNCLOSED = {"unclosed-mention": "[[", "unclosed-quote": "[...]{by="}


@dataclass
class Site:
    options: Options
    registry: Registry
    problems: list[Problem] = field(default_factory=list)


def analyse(options: Options, cache: CheckCache | None = None) -> Site:
    """Read every source and every page's annotations; collect all problems.

    With a ``cache`` (``cache.read``), only files changed since it was filled are
    parsed and scanned again."""
    cache = cache or CheckCache()
    corpus = load(options.root, options.briefings_dir, options.kinds, cache.sources)
    registry = Registry(corpus.entities, corpus.briefings)
    site = Site(options, registry, corpus.problems + registry.problems)
    docs = dict(_docs_pages(options.root / options.docs_dir))
    docs_prefix = Path(options.docs_dir).as_posix()
    docs_paths = {uri: f"{docs_prefix}/{uri}" for uri in docs}
    site.problems += pages.layout(registry, docs_paths, options.use_directory_urls, render=False).problems
    site.problems += index.resolve_references(registry).problems
    sources = [*registry.briefings.values(), *registry.entities.values()]
    for source in sources:
        stamp = cache.stamp(source.path)
        marks = cache.marks_of(source.path, stamp, lambda s=source: marked(s.body, s.body_line))
        site.problems += mark_problems(registry, marks, source.path)
    for uri, path in docs.items():
        marks = cache.marks_of(docs_paths[uri], stamp_of(path), lambda p=path: _docs_marks(p))
        site.problems += mark_problems(registry, marks, docs_paths[uri])
    cache.prune({s.path for s in sources} | set(docs_paths.values()))
    return site


def text_problems(registry: Registry, body: str, path: str, first_line: int) -> list[Problem]:
    """What the build would report about the annotations of one page's Markdown."""
    return mark_problems(registry, marked(body, first_line), path)


def marked(body: str, first_line: int) -> Marks:
    """Every annotation of a page's Markdown as (kind, reference, line)."""
    starts = line_starts(body)
    return tuple((f.kind, f.target, first_line - 1 + line_of(starts, f.offset)) for f in annotations(body))


def mark_problems(registry: Registry, marks: Marks, path: str) -> list[Problem]:
    problems = []
    for kind, target, line in marks:
        if kind in UNCLOSED:
            message = f"unclosed '{UNCLOSED[kind]}': shown as written"
            problems.append(Problem(path, line, message, "unclosed_annotation"))
            continue
        ref = Ref(target, path, line)
        result = registry.resolve(ref, ENTITY, "by") if kind == "quote" else registry.resolve(ref)
        if isinstance(result, Problem):
            problems.append(result)
    return problems


def _docs_marks(path: Path) -> Marks:
    text = path.read_text(encoding="utf-8", errors="replace")
    body = _strip_docs_meta(text)
    return marked(body, text.count("\n") - body.count("\n") + 1)


def problems_at_levels(site: Site) -> list[tuple[Problem, str]]:
    """Every problem once, in order, with its configured level (ignored ones left out)."""
    levels = ((p, site.options.level(p.code)) for p in ordered(site.problems))
    return [(p, level) for p, level in levels if level != "ignore"]


def _docs_pages(docs: Path) -> Iterator[tuple[str, Path]]:
    if not docs.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".md") and not name.startswith("."):
                path = Path(dirpath, name)
                yield path.relative_to(docs).as_posix(), path


def _strip_docs_meta(text: str) -> str:
    m = _DOCS_META.match(text)
    if not m:
        return text
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return text
    return text[m.end() :].lstrip("\n") if isinstance(data, dict) else text
