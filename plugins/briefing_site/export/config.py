"""The exported project's mkdocs.yml: the site's own settings, without the plugin.

mkdocs.yml is read as YAML that keeps its tags (``!ENV``, ``!relative``,
``!!python/name:``) as they were written, so that the export's mkdocs.yml says the
same; for rendering here, the tags are resolved as MkDocs resolves them.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..render.theme import CSS_URI, MARKDOWN_EXTENSIONS, MATERIAL_FEATURES

PLUGIN = "briefing"
# MkDocs always runs these (its config's built-in Markdown extensions).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


class ConfigError(Exception):
    """mkdocs.yml cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Tagged:
    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _text(dumper: _Dumper, data: str) -> yaml.Node:
    """Lines as a literal block (``not_in_nav: |``), as people write them."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Dumper.add_representer(Tagged, _represent)
_Dumper.add_representer(str, _text)


def read(path: Path) -> dict[str, Any]:
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ConfigError(f"{path.name}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name}:1: cannot be read: {exc}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{path.name}:1: not a mapping of settings")
    return config


def resolved(value: Any) -> Any:
    """A value with its tags resolved as MkDocs does (for rendering in this process)."""
    if isinstance(value, Tagged):
        if value.tag.startswith("tag:yaml.org,2002:python/name:"):
            module, _, name = value.tag.split(":", 3)[-1].rpartition(".")
            return getattr(importlib.import_module(module), name)
        if value.tag == "!ENV":  # a variable, or the first set of several, else the last item
            names = value.value if isinstance(value.value, list) else [value.value, None]
            return next((os.environ[str(n)] for n in names[:-1] if str(n) in os.environ), names[-1])
        return resolved(value.value)
    if isinstance(value, list):
        return [resolved(v) for v in value]
    if isinstance(value, dict):
        return {k: resolved(v) for k, v in value.items()}
    return value


def extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """Markdown extensions and their settings as MkDocs would run them with the plugin."""
    names, settings = list(BUILTIN_EXTENSIONS), {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(str(name))
        if options:
            settings[str(name)] = resolved(options)
    names += [n for n in MARKDOWN_EXTENSIONS if n not in names]
    return names, settings


def _renamed(nav: Any, moved: dict[str, str]) -> Any:
    """A nav whose entries name generated pages by their new files."""
    if isinstance(nav, list):
        return [_renamed(item, moved) for item in nav]
    if isinstance(nav, dict):
        return {k: _renamed(v, moved) for k, v in nav.items()}
    if isinstance(nav, str):
        return moved.get(nav.lstrip("./"), nav)
    return nav


def exported(config: dict[str, Any], not_in_nav: list[str], moved: dict[str, str]) -> str:
    """The export's mkdocs.yml: the plugin out, what its pages need in; a nav that names
    a generated page names the file it moved to (``moved``)."""
    out = {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir", "watch")}
    if "nav" in out:
        out["nav"] = _renamed(out["nav"], moved)
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        out["plugins"] = {k: v for k, v in plugins.items() if k != PLUGIN}
    elif isinstance(plugins, list):
        out["plugins"] = [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    listed = [next(iter(i)) if isinstance(i, dict) else i for i in config.get("markdown_extensions") or []]
    out["markdown_extensions"] = list(config.get("markdown_extensions") or []) + [
        n for n in MARKDOWN_EXTENSIONS if n not in listed
    ]
    theme = config.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme}
    if theme.get("name") == "material":
        features = list(theme.get("features") or [])
        theme["features"] = features + [f for f in MATERIAL_FEATURES if f not in features]
    out["theme"] = theme
    out["extra_css"] = list(config.get("extra_css") or []) + [CSS_URI]
    hidden = str(config.get("not_in_nav") or "").splitlines()
    out["not_in_nav"] = "\n".join([*hidden, *not_in_nav]) + "\n"
    head = "# Written by `briefing export` from the site's mkdocs.yml, without the briefing plugin.\n"
    return head + yaml.dump(out, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
