"""A project as the ``briefing`` command sees it: its root and the plugin's options,
read from mkdocs.yml without MkDocs (the command must work where only the core is)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.diagnostics import CODES, LEVELS
from ..render.paging import Limits
from ..render.theme import MATERIAL_TAGS
from ..render.vocabulary import CHOICES, DEFAULT_LEVEL, DEFAULTS

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class ProjectError(Exception):
    """mkdocs.yml is missing or the plugin's options in it are wrong."""


@dataclass(frozen=True)
class Options:
    """The plugin's options (defaults from ``render.vocabulary``, as the plugin's) and the
    settings of mkdocs.yml that the command needs."""

    root: Path
    briefings_dir: str = DEFAULTS.briefings_dir
    kinds: tuple[str, ...] = DEFAULTS.kinds
    validation: dict[str, str] = field(default_factory=dict)
    docs_dir: str = "docs"
    autolink: str = DEFAULTS.autolink
    language: str = DEFAULTS.language
    theme_language: str = ""
    use_directory_urls: bool = True
    config_file: Path | None = None
    limits: Limits = Limits()
    material_tags: bool = False  # the site enables Material's tags plugin

    def level(self, code: str) -> str:
        return self.validation.get(code, DEFAULT_LEVEL)

    @property
    def latest(self) -> int:
        return self.limits.latest

    @property
    def per_page(self) -> int:
        return self.limits.per_page


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the tags MkDocs understands (!ENV, !relative, ...)."""


def _ignore_tag(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _ignore_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if any((folder / name).is_file() for name in CONFIG_NAMES):
            return folder
    raise ProjectError(f"no mkdocs.yml in {start} or any folder above it")


def read_options(root: Path, config_file: Path | None = None) -> Options:
    if config_file is not None and not config_file.is_file():
        raise ProjectError(f"{config_file}: no such file")
    path = config_file or next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)
    if path is None:
        raise ProjectError(f"no mkdocs.yml in {root}")
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise ProjectError(f"{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{path.name}: not a mapping of settings")
    plugin = _plugin_options(config.get("plugins") or [])
    validation = plugin.get("validation") or {}
    for code, level in validation.items():
        if code not in CODES or level not in LEVELS:
            raise ProjectError(f"{path.name}: validation: '{code}: {level}' is not a known problem and level")
    for name, choices in CHOICES.items():
        if plugin.get(name, getattr(DEFAULTS, name)) not in choices:
            raise ProjectError(f"{path.name}: {name}: '{plugin[name]}' is not one of {', '.join(choices)}")
    theme = config.get("theme")
    return Options(
        root=root,
        briefings_dir=str(plugin.get("briefings_dir", DEFAULTS.briefings_dir)),
        kinds=tuple(plugin.get("kinds") or DEFAULTS.kinds),
        validation=dict(validation),
        docs_dir=str(config.get("docs_dir", "docs")),
        autolink=str(plugin.get("autolink", DEFAULTS.autolink)),
        language=str(plugin.get("language") or DEFAULTS.language),
        theme_language=str(theme.get("language") or "") if isinstance(theme, dict) else "",
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        config_file=path,
        limits=Limits.of(
            int(plugin.get("latest", DEFAULTS.latest)), int(plugin.get("per_page", DEFAULTS.per_page))
        ),
        material_tags=any(name in MATERIAL_TAGS for name in _plugin_names(config.get("plugins") or [])),
    )


def _plugin_names(plugins: Any) -> list[str]:
    if isinstance(plugins, dict):
        return list(plugins)
    return [next(iter(p)) if isinstance(p, dict) else str(p) for p in plugins]


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The ``briefing`` plugin's options, from a list or a mapping of plugins."""
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else [next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins]
    )
    for name, options in items:
        if name == "briefing":
            return options or {}
    return {}
