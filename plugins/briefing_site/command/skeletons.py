"""Skeletons that ``briefing new`` and ``briefing entry`` write."""

from __future__ import annotations

import json

from jinja2 import Environment, PackageLoader

_env = Environment(
    loader=PackageLoader("briefing_site.command", "templates"),
    keep_trailing_newline=True,
)
# JSON strings are valid YAML double-quoted strings: any title is safe in front matter.
_env.filters["yaml_str"] = lambda s: json.dumps(s, ensure_ascii=False)


def briefing(title: str, date: str) -> str:
    return _env.get_template("briefing.md").render(title=title, date=date)


def entry(name: str) -> str:
    return _env.get_template("entry.md").render(name=name)
