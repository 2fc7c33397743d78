"""What a dirty build (``mkdocs serve --dirty``) renders again, and what it removes.

Under ``--dirty`` MkDocs skips every page whose File says it is not modified: it neither
renders its Markdown nor its template. A page's output is a function of two things, so
each gets a fingerprint:

- its **Markdown** fingerprint: the page's text, its date, and what every reference it
  resolved in its last render resolves to now (target, address, hover text, or problem).
  Known before MkDocs renders any Markdown; a change means the page is rendered again.
- its **output** fingerprint: the Markdown fingerprint, the data its template gets from
  the index, and the navigation. Known once the index is built (``on_env``); a change
  means the page is written again, its Markdown rendered late if it was skipped.

A page whose output fingerprint is unchanged is not rendered at all, and the output of a
page that is gone is removed. The oracle for all of this is a clean build of the same
sources (``tests/test_incremental.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..render.markdown_ext import Lookup


def digest(value: Any) -> str:
    """A short, stable hash of plain data (text, numbers, lists, dicts)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass
class Remembered:
    """What the last build of one page was made from."""

    markdown: str = ""  # Markdown fingerprint of the last render
    output: str = ""  # output fingerprint of the last write
    lookups: list[Lookup] = field(default_factory=list)
    template: str | None = None  # the template its front matter named


@dataclass
class Session:
    """State that lives across the builds of one ``mkdocs serve --dirty`` session."""

    pages: dict[str, Remembered] = field(default_factory=dict)  # by src_uri
    written: set[str] = field(default_factory=set)  # site-relative paths of the last build
    config: str = ""  # fingerprint of mkdocs.yml; a change starts afresh

    # -- per build ------------------------------------------------------------------

    def begin(self, config_fingerprint: str) -> None:
        if config_fingerprint != self.config:
            self.pages, self.config = {}, config_fingerprint
        self.markdown_now: dict[str, str] = {}
        self.rendered: set[str] = set()
        self.forced: set[str] = set()
        self.write: set[str] | None = None  # decided at on_env; until then, Markdown decides

    def remembered(self, uri: str) -> Remembered:
        return self.pages.setdefault(uri, Remembered())

    def modified(self, uri: str, dest: str) -> bool:
        """MkDocs asks this before rendering a page's Markdown, and again before writing it."""
        if self.write is not None:
            return uri in self.write
        known = self.pages.get(uri)
        return (
            known is None
            or uri in self.forced
            or known.markdown != self.markdown_now.get(uri)
            or not os.path.isfile(dest)
        )

    def render_done(self, uri: str, markdown: str, lookups: list[Lookup], template: str | None) -> None:
        page = self.remembered(uri)
        page.markdown, page.lookups, page.template = markdown, lookups, template
        self.markdown_now[uri] = markdown
        self.rendered.add(uri)

    def decide_writes(self, outputs: dict[str, str], dests: dict[str, str]) -> set[str]:
        """The pages whose output changes; the rest are skipped. Returns those whose
        Markdown must be rendered late (skipped before, needed now)."""
        self.write = {
            uri
            for uri, fingerprint in outputs.items()
            if self.remembered(uri).output != fingerprint or not os.path.isfile(dests[uri])
        }
        self.outputs_now = outputs
        return self.write - self.rendered

    def written_page(self, uri: str) -> None:
        self.remembered(uri).output = self.outputs_now[uri]

    def forget(self, keep: Iterable[str]) -> None:
        keep = set(keep)
        self.pages = {uri: page for uri, page in self.pages.items() if uri in keep}

    def remove_stale(self, site_dir: str, now: set[str]) -> list[str]:
        """Delete what the last build wrote and this one does not (a deleted or moved page,
        an entry's feed), and the folders that leaves empty."""
        gone = sorted(self.written - now)
        for rel in gone:
            path = Path(site_dir, rel)
            path.unlink(missing_ok=True)
            for folder in path.parents:
                if folder == Path(site_dir) or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()
        self.written = now
        return gone


def merge_search(prev: list[dict], new: list[dict], order: dict[str, int], built: set[str]) -> list[dict]:
    """The search index of a clean build, from the last one and the pages built now.

    Entries of the pages built now replace theirs; entries of pages that are gone go;
    the result is in the order a clean build gives (by page, then as the page gave them).
    """

    def page(entry: dict) -> str:
        return entry["location"].split("#", 1)[0]

    kept = [e for e in prev if page(e) in order and page(e) not in built]
    return sorted(kept + new, key=lambda e: order[page(e)])
