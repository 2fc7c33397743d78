"""schema.org structured data (JSON-LD) for briefing and entity pages.

The author marks what a briefing is chiefly about with ``about:``; every other
entity it mentions goes under ``mentions``. Without ``about:``, every mentioned
entity is a mention. JSON is serialised so that no ``<``, ``>`` or ``&`` appears
literally: a ``</script>`` in a source cannot close the script element.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..core.index import Index
from ..core.model import Briefing, Entity
from .vocabulary import kind

WIKIDATA = "https://www.wikidata.org/wiki/"

Url = Callable[[str], str]  # src_uri -> absolute (or site-relative) URL


def script_json(data: Any, indent: int | None = None) -> str:
    """JSON safe inside <script> (and anywhere HTML might be sniffed): markup
    characters escaped as \\u sequences, which every JSON parser reads back."""
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent, separators=separators)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def same_as(e: Entity) -> list[str]:
    links = [url for _, url in e.links]
    if e.wikidata:
        links.append(WIKIDATA + e.wikidata)
    return list(dict.fromkeys(links))


def entity_item(e: Entity, url: str, *, full: bool = False) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": kind(e.kind).schema_type, "name": e.name, "url": url}
    if same_as(e):
        item["sameAs"] = same_as(e)
    if full:
        item["@context"] = "https://schema.org"
        if e.summary:
            item["description"] = e.summary
        names = [n for n in dict.fromkeys([e.short, *e.aliases]) if n and n != e.name]
        if names:
            item["alternateName"] = names
    return item


def news_article(
    b: Briefing, index: Index, url_of: Callable[[str, str], str], language: str = "en"
) -> dict[str, Any]:
    """``url_of(kind, key)`` gives the URL of a briefing ('briefing', stem) or entity ('entity', id);
    ``language`` is the page's (the site's), as a BCP 47 tag."""
    entities = index.registry.entities
    mentioned = [e for group in index.briefing_entities.get(b.stem, {}).values() for e in group]
    about_ids = index.about.get(b.stem, ())
    about = [entities[i] for i in about_ids]
    others = [e for e in mentioned if e.id not in about_ids]
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "url": url_of("briefing", b.stem),
        "inLanguage": language,
    }
    if b.date:
        article["datePublished"] = b.date.iso
        article["dateModified"] = b.updated.iso if b.updated else b.date.iso
    if b.summary:
        article["description"] = b.summary
    if b.tags:
        article["keywords"] = list(b.tags)
    source = _source(b)
    if source:
        article["isBasedOn"] = source
    if about:
        article["about"] = [entity_item(e, url_of("entity", e.id)) for e in about]
    if others:
        article["mentions"] = [entity_item(e, url_of("entity", e.id)) for e in others]
    return article


def _source(b: Briefing) -> dict[str, Any] | None:
    s = b.source
    if not (s.url or s.publisher):
        return None
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if s.url:
        work["url"] = s.url
    if s.publisher:
        work["publisher"] = {"@type": "Organization", "name": s.publisher}
    if s.language:
        work["inLanguage"] = s.language
    return work
