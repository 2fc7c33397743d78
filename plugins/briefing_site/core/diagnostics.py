"""Problems: collected from every stage, sorted, de-duplicated, and emitted once
per build at the level configured for their code."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from .model import Problem

LEVELS = ("warn", "info", "ignore")

# Every code a problem can carry, with what it covers (documented in docs/).
CODES = {
    "unknown_reference": "a reference that matches no key",
    "ambiguous_reference": "a reference to a key that two targets claim",
    "wrong_reference_type": "a briefing where an entity is needed, or the reverse",
    "front_matter": "front matter that cannot be read (YAML, encoding, never closed)",
    "field": "a missing, unknown, duplicate or wrongly typed front-matter field",
    "date": "a date that is malformed or impossible",
    "file_name": "a file name or folder that does not follow the layout",
    "duplicate": "two files claiming the same slug, id, key or URL",
    "reserved_name": "a slug or id that is the name of a generated page",
    "url": "a URL that is not http or https",
    "unclosed_annotation": "an unclosed [[ or [...]{by=",
}


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by file, line and message."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.message, p.code))


def emit(problems: Iterable[Problem], levels: Mapping[str, str], log: logging.Logger) -> list[Problem]:
    """Log each problem at its level; returns those logged as warnings."""
    warned = []
    for p in ordered(problems):
        level = levels.get(p.code, "warn")
        if level == "warn":
            log.warning(str(p))
            warned.append(p)
        elif level == "info":
            log.info(str(p))
    return warned
