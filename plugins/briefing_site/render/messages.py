"""Every word the pages say, by message id, from a gettext catalogue per language.

Catalogues are the ``.po`` files in ``locales/`` (``en.po``, ``fr.po``...), read with
Babel and compiled in memory: adding a language is adding one file. English is complete
and every other catalogue falls back on it, message by message. Plural forms follow each
catalogue's ``Plural-Forms`` header; dates, numbers and the names of languages come from
Babel's locale data, in the patterns the catalogue gives (``date.day``...).

Messages for authors (problems, the ``briefing`` command) are not here: they stay English.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from ..core.dates import PartialDate, Timestamp
from .vocabulary import kind

LOCALES = Path(__file__).parent / "locales"
SOURCE = "en"  # the complete catalogue, which every other one falls back on


def catalogues(dirs: Sequence[Path] = (LOCALES,)) -> dict[str, Path]:
    """Every catalogue by language code; a file in an earlier folder wins."""
    found: dict[str, Path] = {}
    for folder in reversed(dirs):
        found.update({p.stem: p for p in sorted(folder.glob("*.po"))})
    return found


@functools.lru_cache(maxsize=32)
def _compiled(path: Path, mtime: float) -> bytes:
    """The catalogue at ``path`` as a .mo file, in memory (once per version of the file)."""
    with path.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _translations(path: Path) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(_compiled(path, path.stat().st_mtime)))


def _catalogue_code(language: str, known: dict[str, Path]) -> str | None:
    """The catalogue for a language tag: itself ('pt-BR'), else its language ('pt')."""
    tag = language.strip().replace("_", "-")
    for code in (tag, tag.split("-")[0]):
        for candidate in (code, code.replace("-", "_"), code.lower()):
            if candidate in known:
                return candidate
    return None


def _locale(tag: str, fallback: str) -> Locale:
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(fallback)


class Messages:
    """The words of one language: ``messages(id, count=n, **fields)``, dates and numbers."""

    def __init__(self, language: str = SOURCE, dirs: Sequence[Path] = (LOCALES,)) -> None:
        known = catalogues(dirs)
        code = _catalogue_code(language or SOURCE, known)
        self.requested = language or SOURCE
        self.found = code is not None
        self.code = code or SOURCE
        # The tag pages declare (lang, inLanguage): the one asked for, when it is served.
        self.tag = self.requested.replace("_", "-") if self.found else SOURCE
        self.locale = _locale(self.tag, self.code)
        self._t = _translations(known[self.code])
        if self.code != SOURCE:
            self._t.add_fallback(_translations(known[SOURCE]))
        # A build words the same few messages and dates tens of thousands of times.
        self._patterns: dict[tuple[str, int | None], str] = {}
        self._dates: dict[PartialDate, str] = {}
        self._numbers: dict[int, str] = {}

    @property
    def note(self) -> str:
        """What to tell the author when the language asked for has no catalogue."""
        if self.found:
            return ""
        return f"no catalogue for language '{self.requested}': the plugin's words are in English"

    def _pattern(self, message_id: str, count: int | None, fields: dict[str, object]) -> str:
        if count is not None:
            fields["count"] = self.number(count)
        key = (message_id, count)
        if key not in self._patterns:
            t = self._t
            found = t.gettext(message_id) if count is None else t.ngettext(message_id, message_id, count)
            self._patterns[key] = found
        return self._patterns[key]

    def __call__(self, message_id: str, count: int | None = None, **fields: object) -> str:
        """The message, its ``{fields}`` filled in; with ``count``, in its plural form."""
        text = self._pattern(message_id, count, fields)
        return text.format(**fields) if fields else text

    def markup(self, message_id: str, count: int | None = None, **fields: object) -> Markup:
        """For templates: the message as HTML, its fields escaped (unless already markup),
        whether or not the template escapes what it prints."""
        return escape(self._pattern(message_id, count, fields)).format(**fields)

    def number(self, n: int) -> str:
        if n not in self._numbers:
            self._numbers[n] = format_decimal(n, locale=self.locale)
        return self._numbers[n]

    def date(self, d: PartialDate | None) -> str:
        """'12 January 2022', 'January 2022' or '2022', as the language writes them."""
        if d is None:
            return ""
        if d not in self._dates:
            pattern = self("date.day" if d.day else "date.month" if d.month else "date.year")
            self._dates[d] = format_date(d.start(), pattern, locale=self.locale)
        return self._dates[d]

    def stamp(self, ts: Timestamp) -> str:
        day = self.date(ts.date)
        return self("date.time", date=day, time=ts.time[:5]) if ts.time else day

    def kind(self, folder: str, plural: bool = False) -> str:
        """The label of a kind of entry; a site's own kind shows its folder name."""
        k = kind(folder)
        message_id = k.many if plural else k.one
        text = self(message_id)
        return folder.replace("-", " ").replace("_", " ").capitalize() if text == message_id else text

    def language_name(self, code: str) -> str:
        """The name of a language (a source's), in this language; an unknown code as written."""
        return self.locale.languages.get(code.strip().lower().replace("-", "_"), code)

    def template_globals(self) -> dict[str, object]:
        """What templates call: ``msg(id, count=n, **fields)``, ``date(d)``, ``language_name(code)``."""
        return {
            "msg": self.markup,
            "date": _escaped(self.date),
            "stamp": _escaped(self.stamp),
            "language_name": _escaped(self.language_name),
        }


def _escaped(function: Callable[..., str]) -> Callable[..., Markup]:
    return lambda *args: escape(function(*args))
