"""Split a source file into YAML front matter and Markdown body, keeping line numbers.

PyYAML gives line numbers only on its node graph, so the front matter is composed
into nodes first; a walk over them records the line of every key and list item,
rejects aliases (a "billion laughs" document is refused before it expands) and
reports duplicate keys, which plain PyYAML would silently merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

_FENCE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"


# libyaml's parser when PyYAML was built with it (ten times faster), else PyYAML's own.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that keeps dates as text, so that we validate them ourselves
    (PyYAML would raise on an impossible date such as 2022-02-30)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    """A source file split in two. ``data`` is None when there is no front matter."""

    data: Any
    body: str
    body_line: int  # 1-based line of the file where the body starts
    lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)
    controls: list[tuple[Path, str]] = field(default_factory=list)  # (where, first control)
    error: FrontMatterError | None = None

    def line(self, path: Path) -> int:
        """Line of a key or item; falls back to its nearest parent, then line 1."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def decode(raw: bytes) -> tuple[str, FrontMatterError | None]:
    """Bytes to text with normalised line ends, and the decoding error if any.

    Undecodable bytes are replaced, not dropped, so no text is lost.
    """
    error = None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        error = FrontMatterError(
            line,
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "undecodable bytes are shown as \N{REPLACEMENT CHARACTER}",
        )
        text = raw.decode("utf-8-sig", errors="replace")
    text, control = _without_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    if control:
        line = text.count("\n", 0, control.start()) + 1
        message = f"control character U+{ord(control[0]):04X} is not text; {SHOWN}"
        error = error or FrontMatterError(line, message)
    return text, error


# Control characters, but for the white space that HTML allows (tab, line feed, form feed):
# never valid in a page, so replaced, as undecodable bytes are.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
SHOWN = "shown as \N{REPLACEMENT CHARACTER}"


def _without_controls(text: str) -> tuple[str, re.Match[str] | None]:
    """``text`` with control characters replaced, and the first one found (or None)."""
    first = _CONTROL.search(text)
    return (_CONTROL.sub("\N{REPLACEMENT CHARACTER}", text) if first else text), first


def split(text: str) -> Document:
    """Split text into front matter and body.

    Bad front matter sets ``error`` and leaves ``data`` None; the body is then the
    text after the front matter, or the whole file if the front matter never
    closes, so that no text is lost.
    """
    lines = text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        return Document(None, text, 1)
    for i in range(1, len(lines)):
        if _CLOSE.fullmatch(lines[i]):
            yaml_text = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            doc = Document(None, body, i + 2)
            try:
                _load(yaml_text, doc)
            except FrontMatterError as exc:
                # What was read of it goes too: its values, lines and the controls in them.
                doc.data, doc.lines, doc.controls, doc.error = None, {}, [], exc
            return doc
    error = FrontMatterError(1, "front matter opened with '---' is never closed")
    return Document(None, text, 1, error=error)


def _load(yaml_text: str, doc: Document) -> None:
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.data = {}
            return
        doc.data = _walk(node, (), doc, set(), loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # Line 1 is the opening '---'; an error "at the end of the stream" belongs
        # to the last line of YAML, not to the closing '---'.
        last = yaml_text.count("\n") + 2
        line = min(mark.line + 2, last) if mark else 1
        reason = exc.problem or exc.context or "unreadable"
        raise FrontMatterError(line, f"front matter is not valid YAML: {reason}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, by offset
        line = yaml_text.count("\n", 0, _characters(yaml_text, exc.position)) + 2
        what = f"character U+{exc.character:04X}" if isinstance(exc.character, int) else "byte"
        raise FrontMatterError(line, f"front matter is not valid YAML: {what} is not allowed") from None
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())  # one line, whatever the library wrote
        raise FrontMatterError(1, f"front matter is not valid YAML: {reason}") from None
    finally:
        loader.dispose()


def _characters(yaml_text: str, position: int) -> int:
    """The offset in characters of a reader error's position: libyaml counts UTF-8 bytes,
    PyYAML's own reader characters."""
    if _Base is yaml.SafeLoader:
        return position
    return len(yaml_text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))


def _scalar(node: yaml.ScalarNode, loader: _Loader) -> Any:
    """A scalar's value. One whose explicit tag refuses it (``!!int abc``,
    ``!!timestamp 2022-02-30``) is a problem at its line, not a traceback."""
    if node.tag == _STR:
        return node.value
    try:
        return loader.construct_object(node)  # a scalar: nothing deeper to build
    except (ValueError, KeyError, TypeError, OverflowError):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        message = f"front matter is not valid YAML: '{node.value}' cannot be read as {tag}"
        raise FrontMatterError(node.start_mark.line + 2, message) from None


def _no_alias(node: yaml.Node, seen: set[int], line: int) -> None:
    """An alias arrives as the very node it names: meeting a node twice means one.
    (Refused, not expanded: a "billion laughs" document stops here at once.)"""
    if id(node) in seen:
        raise FrontMatterError(line, "YAML aliases (*name) are not allowed in front matter")


def _walk(node: yaml.Node, path: Path, doc: Document, seen: set[int], loader: _Loader) -> Any:
    """Build the value of ``node`` (one pass: values, lines, duplicates, no aliases)."""
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            _no_alias(key_node, seen, key_node.start_mark.line + 2)
            _no_alias(value_node, seen, key_node.start_mark.line + 2)
            key = _walk(key_node, path, doc, seen, loader)
            if isinstance(key, (list, dict)):  # `? [a, b]: x` is legal YAML, not a field
                key = str(key)
            at = path + (str(key),)
            line = key_node.start_mark.line + 2
            if key in data:
                doc.duplicates.append((at, line))
            doc.lines[at] = line
            data[key] = _walk(value_node, at, doc, seen, loader)
        return data
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            _no_alias(item, seen, doc.line(path))
            doc.lines[path + (i,)] = item.start_mark.line + 2
            items.append(_walk(item, path + (i,), doc, seen, loader))
        return items
    value = _scalar(node, loader)
    if isinstance(value, str):  # a control written as an escape ("\a") arrives here
        value, control = _without_controls(value)
        if control:
            doc.controls.append((path, control[0]))
    return value
