"""The site speaks its reader's language: every word the plugin writes is a message of a
catalogue, English and French are complete, and a language is one more file.

The toy language here is English in brackets (``⟦Glossary⟧``), added as one file to a copy
of the package: a build with it must show nothing of the plugin's outside brackets, which
catches a word written by a template or a module instead of the catalogue.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from sitebuild import MINIMAL_CONFIG, ROOT, SMALL_SITE, Build, mkdocs_build, project, text_of, write

from briefing_site.core.dates import PartialDate, Timestamp
from briefing_site.render.messages import LOCALES, Messages, catalogues
from briefing_site.render.vocabulary import GENERATED_PAGES, KINDS

PACKAGE = ROOT / "plugins" / "briefing_site"
FIELD = re.compile(r"\{(\w+)\}")


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def messages_of(path: Path) -> dict[str, tuple[str, ...]]:
    """Message id -> its forms (one, or one per plural form)."""
    out = {}
    for m in read(path):
        if m.id:
            key = m.id[0] if isinstance(m.id, tuple) else m.id
            out[key] = m.string if isinstance(m.string, tuple) else (m.string,)
    return out


ENGLISH = messages_of(LOCALES / "en.po")
OTHERS = sorted(code for code in catalogues() if code != "en")


# -- catalogues ---------------------------------------------------------------------------


def test_english_and_french_are_shipped():
    assert {"en", "fr"} <= set(catalogues())


def gaps(path: Path) -> list[str]:
    """What a catalogue lacks or gets wrong, against English: messages, plural forms
    (as many as its Plural-Forms header says), fields."""
    catalog, theirs = read(path), messages_of(path)
    found = [f"lacks '{i}'" for i in sorted(set(ENGLISH) - set(theirs))]
    found += [f"has '{i}', which English has not" for i in sorted(set(theirs) - set(ENGLISH))]
    for message_id, forms in sorted(theirs.items()):
        wanted = catalog.num_plurals if len(ENGLISH.get(message_id, ())) > 1 else 1
        if len(forms) != wanted or not all(forms):
            found.append(f"'{message_id}' has {sum(map(bool, forms))} of {wanted} forms")
        fields = set(FIELD.findall(ENGLISH.get(message_id, ("",))[-1])) | {"count"}
        if any(not set(FIELD.findall(f)) <= fields for f in forms):
            found.append(f"'{message_id}' has a field English does not")
    found += [f"'{m.id}' is fuzzy" for m in catalog if m.id and m.fuzzy]
    return found


@pytest.mark.parametrize("code", OTHERS)
def test_a_catalogue_has_every_message_in_every_plural_form_with_the_same_fields(code):
    assert gaps(LOCALES / f"{code}.po") == []


def test_a_missing_message_or_plural_form_is_caught(tmp_path):
    text = (LOCALES / "fr.po").read_text(encoding="utf-8")
    text = text.replace('msgid "heading.quotes"\nmsgstr "Citations"\n', "")
    text = text.replace('msgstr[2] "{count} synthèses"\n', "", 1)
    text = text.replace("Qui et quoi", "Qui et {quoi}")
    (tmp_path / "fr.po").write_text(text, encoding="utf-8")
    assert gaps(tmp_path / "fr.po") == [
        "lacks 'heading.quotes'",
        "'count.briefings' has 2 of 3 forms",
        "'heading.who_and_what' has a field English does not",
    ]


def _ids_asked_for() -> set[str]:
    """Every message id that a template or module of ours names literally."""
    sources = [*PACKAGE.glob("render/**/*.html"), *PACKAGE.glob("render/**/*.md"), *PACKAGE.glob("**/*.py")]
    pattern = re.compile(r"""(?:msg|say|self)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    return {m for path in sources for m in pattern.findall(path.read_text(encoding="utf-8"))}


def test_every_message_asked_for_exists_and_every_message_is_asked_for():
    asked = _ids_asked_for() | {"date.day", "date.month", "date.year"}
    by_vocabulary = {k.one for k in KINDS} | {k.many for k in KINDS} | {r.title for r in GENERATED_PAGES}
    assert sorted(asked - set(ENGLISH)) == []
    assert sorted(set(ENGLISH) - asked - by_vocabulary) == []


# Reader-visible text in our templates: between tags and in these attributes. Jinja's own
# syntax is removed first; what is left must hold no letter (only punctuation such as · –).
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_VISIBLE_ATTRIBUTES = re.compile(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"')


@pytest.mark.parametrize(
    "template",
    sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in [
            *PACKAGE.glob("render/templates/**/*.html"),
            *PACKAGE.glob("render/page_templates/stubs/*.md"),
        ]
    ),
)
def test_no_template_holds_words_of_its_own(template):
    source = _JINJA.sub("", (PACKAGE / template).read_text(encoding="utf-8"))
    between_tags = re.sub(r"<[^>]*>", " ", source)
    visible = " ".join([between_tags, *_VISIBLE_ATTRIBUTES.findall(source)])
    assert re.findall(r"[^\W\d_]{2,}", visible) == []


# -- formatting ---------------------------------------------------------------------------


def test_dates_counts_and_plurals_follow_the_language():
    en, fr = Messages("en"), Messages("fr")
    day, month = PartialDate(2022, 1, 12), PartialDate(2022, 1)
    assert (en.date(day), en.date(month), en.date(PartialDate(2022))) == (
        "12 January 2022",
        "January 2022",
        "2022",
    )
    assert (fr.date(day), fr.date(month)) == ("12 janvier 2022", "janvier 2022")
    assert fr.stamp(Timestamp(PartialDate(2022, 1, 13), "19:16")) == "13 janvier 2022 à 19:16"
    counts = [en("count.briefings", count=n) for n in (0, 1, 3, 1200)]
    assert counts == ["0 briefings", "1 briefing", "3 briefings", "1,200 briefings"]
    counts = [fr("count.briefings", count=n) for n in (0, 1, 3, 1_000_000)]
    assert counts == ["0 synthèse", "1 synthèse", "3 synthèses", "1\u202f000\u202f000 de synthèses"]
    assert (en.language_name("ru"), fr.language_name("ru"), fr.language_name("xx")) == (
        "Russian",
        "russe",
        "xx",
    )
    assert (en.kind("people", plural=True), fr.kind("people"), fr.kind("ideas")) == (
        "People",
        "Personne",
        "Ideas",
    )


def test_a_regional_tag_uses_its_language_and_an_unknown_one_english():
    canadian = Messages("fr-CA")
    assert (canadian.code, canadian.tag, canadian.note) == ("fr", "fr-CA", "")
    assert canadian("heading.quotes") == "Citations"
    unknown = Messages("tlh")
    assert (unknown.code, unknown.tag) == ("en", "en")
    assert unknown.note == "no catalogue for language 'tlh': the plugin's words are in English"


def test_fields_are_escaped_in_templates_but_the_message_is_markup():
    fr = Messages("fr")
    assert (
        fr.markup("feed.entity_link", name="<b>A&B</b>")
        == "&lt;b&gt;A&amp;B&lt;/b&gt;\u00a0: toutes les synthèses qui en parlent"
    )


# -- builds ----------------------------------------------------------------------------------


def in_language(config: str, language: str) -> str:
    """mkdocs.yml with ``theme.language`` set (the theme given as a mapping or a name)."""
    if re.search(r"^theme:\s*\{name: material\}", config, re.M):
        return re.sub(
            r"^theme:\s*\{name: material\}",
            f"theme: {{name: material, language: {language}}}",
            config,
            flags=re.M,
        )
    return re.sub(
        r"^  name: material$", f"  name: material\n  language: {language}", config, count=1, flags=re.M
    )


def generated_pages(build: Build) -> dict[str, str]:
    """Every page the plugin generates, by path in the site."""
    pages = {}
    for role in GENERATED_PAGES:
        folder = role.uri.split("/")[0]
        for path in (build.site / folder).rglob("index.html"):
            pages[path.relative_to(build.site).as_posix()] = path.read_text(encoding="utf-8")
    return pages


# Whole English messages without fields, of two words or more: none may show in French.
SENTENCES = [
    forms[0]
    for forms in ENGLISH.values()
    if len(forms) == 1 and not FIELD.search(forms[0]) and " " in forms[0]
]
ENGLISH_MONTHS = (
    "January February March April May June July August September October November December".split()
)


def assert_french(build: Build) -> None:
    assert build.code == 0, build.output
    assert build.warnings == []
    pages = generated_pages(build)
    assert pages
    for path, page in pages.items():
        shown = html.unescape(page)
        leaks = [s for s in SENTENCES if s in shown]
        assert leaks == [], path
        dates = re.findall(r"<time [^>]*>([^<]*)</time>", page)
        assert not [d for d in dates if any(m in d for m in ENGLISH_MONTHS)], path
        assert '<html lang="fr"' in page  # Material follows the same setting
        assert '"inLanguage":"fr"' in page or "NewsArticle" not in page
    assert json.loads((build.site / "graph.json").read_text())["language"] == "fr"


@pytest.fixture(scope="module")
def french_small_site(tmp_path_factory) -> Build:
    root = project(tmp_path_factory.mktemp("fr"), {"mkdocs.yml": in_language(SMALL_SITE["mkdocs.yml"], "fr")})
    return mkdocs_build(root, strict=True)


def test_a_french_site_says_everything_in_french(french_small_site):
    build = french_small_site
    assert_french(build)
    briefing = text_of(build.article("briefings/nato-russia-council"))
    assert "12 janvier 2022" in briefing and "Qui et quoi" in briefing and "Organisations" in briefing
    assert "Où : BrusselsQui : NATO, Russia" in briefing and "En bref : The council" in briefing
    entity = build.article("glossary/jens-stoltenberg")
    assert "Souvent aux côtés de Russia 2 synthèses Brussels 1 synthèse" in text_of(entity)
    assert "Cité dans" in entity and "1 octobre 2014 – 1 octobre 2024" in text_of(entity)
    assert 'aria-label="Jens Stoltenberg et les fiches qui apparaissent' in entity
    assert "<title>Russia et NATO\u00a0: 2 synthèses</title>" in build.article("glossary/russia")
    timeline = text_of(build.article("timeline"))
    assert (
        timeline.startswith("Chronologie Chaque événement daté")
        and "dates. Janvier 2022 janvier 2022 A month of talks" in timeline
    )
    feed = (build.site / "glossary/nato/feed.xml").read_text()
    assert "<subtitle>Les dernières synthèses qui citent NATO, de la plus récente" in feed
    assert 'title="NATO\u00a0: toutes les synthèses qui en parlent"' in build.page("glossary/nato")


def test_the_hover_says_the_role_in_french(tmp_path):
    later = "---\ntitle: After his term\ndate: 2025-03-01\n---\n\n[[Jens Stoltenberg]] spoke.\n"
    config = in_language(SMALL_SITE["mkdocs.yml"], "fr")
    build = mkdocs_build(
        project(tmp_path, {"mkdocs.yml": config, "briefings/2025-03-01-later.md": later}), strict=True
    )
    assert build.code == 0, build.output
    hover = re.search(r'id="mention-jens-stoltenberg" title="([^"]*)"', build.page("briefings/later")).group(
        1
    )
    assert hover.startswith("Jens Stoltenberg — anciennement Secretary General, NATO. ")


def test_the_plugin_option_overrides_the_theme_and_an_unknown_language_is_said_once(tmp_path):
    config = SMALL_SITE["mkdocs.yml"].replace("  - briefing\n", "  - briefing:\n      language: tlh\n")
    build = mkdocs_build(project(tmp_path, {"mkdocs.yml": in_language(config, "fr")}), strict=True)
    assert build.code == 0, build.output
    notes = [line for line in build.output.splitlines() if "tlh" in line]
    assert notes == ["INFO    -  no catalogue for language 'tlh': the plugin's words are in English"]
    assert "Who and what" in build.article("briefings/nato-russia-council")
    assert '<html lang="fr"' in build.page("briefings/nato-russia-council")  # Material's own stays French


def copy_of(folder: Path, root: Path, config_name: str = "mkdocs.yml") -> None:
    for name in ("briefings", "docs"):
        shutil.copytree(folder / name, root / name)
    config = (folder / config_name).read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(in_language(config, "fr"), encoding="utf-8")


def test_the_real_site_builds_in_french(tmp_path):
    copy_of(ROOT, tmp_path)
    build = mkdocs_build(tmp_path, strict=True)
    assert_french(build)
    assert "Qui et quoi" in build.article("briefings/nato-russia-council-brussels")


def test_the_conformance_site_builds_in_french(tmp_path):
    copy_of(ROOT / "tests/conformance/site", tmp_path)
    build = mkdocs_build(tmp_path, strict=True)
    assert_french(build)


# -- a third language, as one file ---------------------------------------------------------------

TOY = "eo"  # a language Babel knows (month names, plural rules) and we do not ship


def toy_catalogue() -> str:
    """English, every message in brackets: ⟦Glossary⟧, ⟦{count} briefings⟧, ⟦d MMMM y⟧."""
    text = (
        (LOCALES / "en.po").read_text(encoding="utf-8").replace('"Language: en\\n"', f'"Language: {TOY}\\n"')
    )
    return re.sub(r'^(msgstr(?:\[\d\])? )"(.+)"$', r'\1"⟦\2⟧"', text, flags=re.M)


# Sources whose every word is made up: whatever else a page says is the plugin's.
NONSENSE = {
    "mkdocs.yml": in_language(MINIMAL_CONFIG.replace("Test", "Zeta"), TOY),
    "docs/index.md": "---\ntemplate: briefing/home.html\n---\n\n# Zib\n\nVlex [[Blimco]].\n",
    "briefings/glossary/people/zorvan-pell.md": """
        ---
        name: Zorvan Pell
        short: Pell
        aliases: [Zorvo]
        summary: Qwib zarn.
        links:
          Zib: https://example.org/zib
        roles:
          - title: Vorsk
            of: Blimco
            from: 2020-01-01
            to: 2021-06-30
          - title: Plonk
            from: 2021-07
            to: 2021-12-31
          - title: Glib
            from: 2023-01
          - title: Snurk
        ---

        Pell vorp.
        """,
    "briefings/glossary/organizations/blimco.md": "---\nname: Blimco\nsummary: Frab glim.\n---\n",
    "briefings/glossary/places/quarn.md": "---\nname: Quarn\nsummary: Drov skel.\n---\n",
    "briefings/glossary/countries/vesk.md": "---\nname: Vesk\nsummary: Plim vosk.\n---\n",
    "briefings/glossary/concepts/trall.md": "---\nname: trall\nsummary: Grib dwob.\n---\n",
    "briefings/2022-01-12-gromp.md": """
        ---
        title: Gromp snir
        date: 2022-01-12
        updated: 2022-01-13T19:16
        summary: Snib drat.
        tags: [zip]
        source:
          publisher: Kreb
          url: https://example.org/kreb
          language: ru
          translated_from: fr
        events:
          - date: 2022-01-12
            title: Wlop
            place: Quarn
            actors: [Zorvan Pell, Blimco]
          - date: 2022-01
            title: Flarn
        ---

        [[Zorvan Pell]] plix [[Blimco]] vorp [[Quarn]]. [[Vesk]] skrob [[trall]].

        [“Zib zab,”]{by="Zorvan Pell"} grob.

        > Dwib snoo.
        > — [[Blimco]]
        """,
    "briefings/2021-05-01-klemp.md": """
        ---
        title: Klemp
        date: 2021-05-01
        summary: Vrob.
        related: [2022-01-12-gromp]
        source:
          translated_from: fr
        ---

        [[Zorvan Pell]] frob [[Blimco]] [[Vesk]].
        """,
}


def build_with_package(package: Path, root: Path) -> Build:
    """``mkdocs build --strict`` with the plugin imported from ``package`` (a copy)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(package.parent)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env, timeout=300)
    return Build(root, root / "site", proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="module")
def toy_build(tmp_path_factory) -> Build:
    package = tmp_path_factory.mktemp("package") / "briefing_site"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "render/locales" / f"{TOY}.po").write_text(toy_catalogue(), encoding="utf-8")
    root = tmp_path_factory.mktemp("toy")
    write(root, NONSENSE)
    return build_with_package(package, root)


def _reader_text(page: str) -> str:
    """What a reader of a page reads of ours: the article, its tooltips and SVG titles and
    labels, the page's title, and the feed links' titles."""
    start = page.index('<article class="md-content__inner md-typeset">')
    article = page[start : page.index("</article>", start)]
    attributes = re.findall(r'\b(?:title|aria-label)="([^"]*)"', article)
    heads = re.findall(r"<title>([^<]*)</title>", page[:start]) + re.findall(
        r'<link rel="alternate feed"[^>]*title="([^"]*)"', page
    )
    article = re.sub(r"<script.*?</script>", " ", article, flags=re.S)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", article), *attributes, *heads]))


def test_a_third_language_is_one_file_and_every_word_of_ours_comes_from_it(toy_build):
    assert toy_build.code == 0, toy_build.output
    assert "no catalogue" not in toy_build.output
    made_up = set(re.findall(r"[^\W\d_]+", " ".join(NONSENSE.values()).lower()))
    esperanto = Locale.parse(TOY)  # Babel's month and language names
    babel_words = " ".join([*esperanto.months["format"]["wide"].values(), *esperanto.languages.values()])
    allowed = made_up | set(re.findall(r"[^\W\d_]+", babel_words.lower()))
    pages = {**generated_pages(toy_build), "index.html": (toy_build.site / "index.html").read_text()}
    for path, page in pages.items():
        text = _reader_text(page)
        while "⟦" in text:  # messages nest: a role inside a hover
            text, n = re.subn(r"⟦[^⟦⟧]*⟧", " ", text)
            assert n, f"{path}: unbalanced brackets in {text!r}"
        strays = sorted({w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in allowed})
        assert strays == [], f"{path}: words not from the catalogue"
        assert "⟦" in page, path
    briefing = toy_build.article("briefings/gromp")
    assert "⟦12 januaro 2022⟧" in briefing.lower()
    assert "⟦Translated from franca into rusa⟧" in text_of(briefing)
    feed = (toy_build.site / "feed.xml").read_text()
    assert "<subtitle>⟦The latest briefings, newest first.⟧</subtitle>" in feed
    assert json.loads((toy_build.site / "graph.json").read_text())["language"] == TOY


def test_the_toy_language_reaches_the_hover_and_the_role_list(toy_build):
    briefing = toy_build.page("briefings/gromp")
    hover = re.search(r'id="mention-zorvan-pell" title="([^"]*)"', briefing).group(1)
    assert html.unescape(hover) == "⟦Zorvan Pell — ⟦former Plonk⟧. Qwib zarn.⟧"
    entity = text_of(toy_build.article("glossary/zorvan-pell"))
    assert "⟦present⟧" in entity and "⟦current⟧" in entity and "⟦Short name:⟧ Pell" in entity


def test_the_export_speaks_the_sites_language(tmp_path):
    root = project(tmp_path / "src", {"mkdocs.yml": in_language(SMALL_SITE["mkdocs.yml"], "fr")})
    command = [str(Path(sys.executable).with_name("briefing")), "export", str(tmp_path / "out")]
    proc = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    docs = tmp_path / "out" / "docs"
    glossary = (docs / "glossary/index.md").read_text(encoding="utf-8")
    assert (
        glossary.startswith("---\ntitle: Glossaire\n")
        and "Personnes" in glossary
        and "2 synthèses" in glossary
    )
    timeline = (docs / "timeline/index.md").read_text(encoding="utf-8")
    assert "Janvier 2022" in timeline and "Où\u00a0:" in timeline
    assert json.loads((docs / "graph.json").read_text())["language"] == "fr"
