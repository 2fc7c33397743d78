"""Front-matter schemas for briefings and glossary entries, and their validator.

A schema is a tuple of ``Field``s. ``validate`` turns raw YAML data into clean
Python values, and every deviation into a ``Problem`` at the line of the key that
caused it. Invalid values are dropped (as if absent), so that the page still
builds without them. (MkDocs' config option types would do this too, but the
core must not import MkDocs.)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .dates import parse_partial, parse_timestamp
from .frontmatter import SHOWN, Document, Path
from .model import Problem, Ref


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of _CHECKS, or 'record' / 'records' with ``fields``
    required: bool = False
    fields: tuple[Field, ...] = ()


SOURCE = (
    Field("publisher", "text"),
    Field("url", "url"),
    Field("language", "text"),
    Field("translated_from", "text"),
)
EVENT = (
    Field("date", "day_or_month", required=True),
    Field("title", "text", required=True),
    Field("place", "ref"),
    Field("actors", "refs"),
)
ROLE = (
    Field("title", "text", required=True),
    Field("of", "ref"),
    Field("from", "partial"),
    Field("to", "partial"),
)
BRIEFING = (
    Field("title", "text", required=True),
    Field("date", "day", required=True),
    Field("updated", "timestamp"),
    Field("summary", "text"),
    Field("source", "record", fields=SOURCE),
    Field("tags", "texts"),
    Field("events", "records", fields=EVENT),
    Field("related", "refs"),
    Field("about", "refs"),
)
ENTITY = (
    Field("name", "text", required=True),
    Field("short", "text"),
    Field("aliases", "texts"),
    Field("summary", "text", required=True),
    Field("roles", "records", fields=ROLE),
    Field("links", "links"),
    Field("wikidata", "wikidata"),
)


class Invalid(Exception):
    """A value that does not fit its field; the message completes "'x' must ..."."""

    def __init__(self, message: str, code: str = "field") -> None:
        super().__init__(message)
        self.code = code


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


def _text(value: Any) -> str:
    # Numbers are text too: a title "1984" arrives from YAML as an int.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise Invalid(f"must be text, got {_type_name(value)}")
    return value.strip()


def _texts(value: Any) -> tuple[str, ...]:
    # A lone string is taken as a one-item list: `aliases: the Alliance`.
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise Invalid(f"must be a list of text, got {_type_name(value)}")
    return tuple(t for t in (_text(v) for v in items) if t)


def _date_check(allow: str, form: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        parsed = parse_partial(value, allow=allow)
        if parsed is None:
            raise Invalid(f"must be {form}, got {value!r}", "date")
        return parsed

    return check


def _timestamp(value: Any) -> Any:
    parsed = parse_timestamp(value)
    if parsed is None:
        raise Invalid(f"must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS], got {value!r}", "date")
    return parsed


def _url(value: Any) -> str:
    text = _text(value)
    scheme, sep, rest = text.partition(":")
    if not sep or scheme.lower() not in ("http", "https") or not rest.startswith("//"):
        raise Invalid(f"must be an http or https URL, got {text!r}", "url")
    return text


def _wikidata(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"Q[1-9][0-9]*", text):
        raise Invalid(f"must be a Wikidata item identifier such as Q7184, got {text!r}")
    return text


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "texts": _texts,
    "url": _url,
    "day": _date_check("d", "YYYY-MM-DD"),
    "day_or_month": _date_check("dm", "YYYY-MM-DD or YYYY-MM"),
    "partial": _date_check("dmy", "YYYY-MM-DD, YYYY-MM or YYYY"),
    "timestamp": _timestamp,
    "wikidata": _wikidata,
}


class Validator:
    """Validates one document's front matter against a schema."""

    def __init__(self, doc: Document, path: str) -> None:
        self.doc = doc
        self.path = path
        self.problems: list[Problem] = []
        for at, line in doc.duplicates:
            self._report((), f"duplicate key '{_label(at)}': the last value is used", "field", line)
        for at, char in doc.controls:
            control = f"control character U+{ord(char):04X}"
            self._report(at, f"'{_label(at)}' holds {control}, which is not text; {SHOWN}")

    def _report(self, at: Path, message: str, code: str = "field", line: int = 0) -> None:
        self.problems.append(Problem(self.path, line or self.doc.line(at), message, code))

    def record(self, data: Any, schema: tuple[Field, ...], at: Path = ()) -> dict[str, Any]:
        """Validate a mapping; returns {field name: clean value} for valid fields."""
        label = _label(at)
        if not isinstance(data, dict):
            where = f"{label} " if label else "front matter "
            self._report(at, f"{where}must be a mapping of fields, got {_type_name(data)}")
            data = {}
        known = {f.name for f in schema}
        for key in data:
            if str(key) not in known:
                self._unknown(str(key), known, at)
        clean: dict[str, Any] = {}
        for f in schema:
            value = data.get(f.name)
            if value is None or value == [] or (isinstance(value, str) and not value.strip()):
                if f.required:
                    self._report(at, f"missing required field '{_label(at + (f.name,))}'")
                continue
            try:
                clean[f.name] = self._value(f, value, at + (f.name,))
            except Invalid as exc:
                self._report(at + (f.name,), f"'{_label(at + (f.name,))}' {exc}", exc.code)
        return clean

    def _unknown(self, key: str, known: set[str], at: Path) -> None:
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = (
            f" — did you mean '{close[0]}'?" if close else f" (expected one of: {', '.join(sorted(known))})"
        )
        self._report(at + (key,), f"unknown field '{_label(at + (key,))}'{hint}")

    def _value(self, f: Field, value: Any, at: Path) -> Any:
        if f.kind == "record":
            return self.record(value, f.fields, at)
        if f.kind == "records":
            if not isinstance(value, list):
                raise Invalid(f"must be a list, got {_type_name(value)}")
            return tuple(self.record(item, f.fields, at + (i,)) for i, item in enumerate(value))
        if f.kind == "ref":
            return Ref(_text(value), self.path, self.doc.line(at))
        if f.kind == "refs":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list):
                raise Invalid(f"must be a list of references, got {_type_name(value)}")
            return tuple(Ref(_text(v), self.path, self.doc.line(at + (i,))) for i, v in enumerate(items) if v)
        if f.kind == "links":
            return self._links(value, at)
        return _CHECKS[f.kind](value)

    def _links(self, value: Any, at: Path) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping of label to URL, got {_type_name(value)}")
        links = []
        for label, url in value.items():
            try:
                links.append((_text(label), _url(url)))
            except Invalid as exc:
                self._report(at + (str(label),), f"link '{label}' {exc}", exc.code)
        return tuple(links)


def _label(at: Path) -> str:
    """A field path as an author reads it: events[2].date (items counted from 1)."""
    out = ""
    for part in at:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
