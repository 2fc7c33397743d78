"""What each page's template data was read from: the dependency map of a dirty rebuild.

A page's template data is a function of what ``Context`` reads: the index's lists and
maps, the registry's sources, the layout's addresses and the pages' URLs. Under
``mkdocs serve --dirty`` the context reads them through the views below, which note every
read ``(source, key)`` of the page being made, or ``(source, ALL)`` for a read of the whole
(a list, an iteration). The next build compares each source with the last build's, key by
key (``changes``), and makes again only the pages that read something that changed; the
others keep the data they had, which is what they would be made from again.

A missed read would leave a stale page, so the views are the only way in: ``Context``
keeps nothing from one page to the next without its reads (``Reads.piece``), and the
oracle tests compare every dirty build with a clean one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

ALL = ("*all*",)  # the key of a read of a whole source (no key of a source is a tuple like it)
_MISSING = object()

Fact = tuple[str, Any]  # (source name, key or ALL)


class Reads:
    """The reads of the page being made (``frame``), and the sources they were made from."""

    def __init__(self, track: bool = True) -> None:
        self.track = track
        self.current: set[Fact] | None = None
        self.sources: dict[str, Any] = {}

    def note(self, name: str, key: Any = ALL) -> None:
        if self.current is not None:
            self.current.add((name, key))

    def watch(self, name: str, value: Any) -> Any:
        """``value`` as the context should read it: through a view that notes reads."""
        if not self.track:
            return value
        self.sources[name] = value
        return Watched(name, value, self) if isinstance(value, dict) else value

    def frame(self, make: Callable[[], Any]) -> tuple[Any, frozenset[Fact]]:
        """``make()`` and everything it read."""
        outer, self.current = self.current, set()
        try:
            value = make()
            found = self.current
        finally:
            self.current = outer
        if outer is not None:
            outer |= found
        return value, frozenset(found)

    def piece(self, cache: dict, key: Any, make: Callable[[], Any]) -> Any:
        """A piece made once per build and shared by pages (a briefing's link, an event):
        every page it goes into has read what it was made from."""
        if key in cache:
            value, found = cache[key]
            if self.current is not None:
                self.current |= found
            return value
        if not self.track:
            cache[key] = (value := make()), frozenset()
            return value
        cache[key] = value, _ = self.frame(make)
        return value


class Watched(Mapping):
    """A read-only view of a dict that notes which keys are read."""

    __slots__ = ("_name", "_data", "_reads")

    def __init__(self, name: str, data: dict, reads: Reads) -> None:
        self._name, self._data, self._reads = name, data, reads

    # The two reads of every page, by the thousand: noted without a call.
    def __getitem__(self, key: Any) -> Any:
        if (current := self._reads.current) is not None:
            current.add((self._name, key))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        if (current := self._reads.current) is not None:
            current.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.note(self._name, key)
        return key in self._data

    def __iter__(self) -> Iterator:
        self._reads.note(self._name)
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.note(self._name)
        return len(self._data)

    def items(self):
        self._reads.note(self._name)
        return self._data.items()

    def values(self):
        self._reads.note(self._name)
        return self._data.values()

    def keys(self):
        self._reads.note(self._name)
        return self._data.keys()


class View:
    """An object (the index, the registry) whose attributes are read through ``Reads``:
    a dict attribute key by key, any other as a whole, and its methods as if on the view,
    so that they read through it too. Every attribute in ``attrs`` (default: all) is a
    source of the build from the start, read or not, so that the next build compares
    like with like; ``inner`` gives attributes that are views of their own."""

    def __init__(
        self, name: str, target: Any, reads: Reads, attrs: tuple[str, ...] = (), **inner: Any
    ) -> None:
        self._reads, self._target, self._plain = reads, target, {}
        for attr in attrs or vars(target):
            value = getattr(target, attr)
            if attr in inner:
                setattr(self, attr, inner[attr])
            elif isinstance(value, dict):
                setattr(self, attr, reads.watch(f"{name}.{attr}", value))
            else:
                self._plain[attr] = f"{name}.{attr}"
                reads.sources[f"{name}.{attr}"] = value

    def __getattr__(self, attr: str) -> Any:
        # Only what is not set on the view comes here: a plain attribute or a method.
        if attr in self._plain:
            self._reads.note(self._plain[attr])
            return getattr(self._target, attr)
        method = getattr(type(self._target), attr, None)
        if not callable(method):
            raise AttributeError(f"{type(self._target).__name__}.{attr} is not read through the view")
        return method.__get__(self)


def changes(before: dict[str, Any], now: dict[str, Any]) -> set[Fact]:
    """What differs between two builds' sources: ``(name, key)`` for each key whose value
    differs, and ``(name, ALL)`` for a source that differs at all."""
    found: set[Fact] = set()
    for name in before.keys() | now.keys():
        old, new = before.get(name, _MISSING), now.get(name, _MISSING)
        if old is new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            keys = {
                k for k in old.keys() | new.keys() if not _same(old.get(k, _MISSING), new.get(k, _MISSING))
            }
            found |= {(name, k) for k in keys}
            if keys:
                found.add((name, ALL))
        elif not _same(old, new):
            found.add((name, ALL))
    return found


def _same(a: Any, b: Any) -> bool:
    return a is b or a == b
