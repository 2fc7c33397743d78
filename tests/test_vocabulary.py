"""The vocabulary is declared once and every part of the package finds its facts there."""

from __future__ import annotations

from sitebuild import ROOT

from briefing_site.render import context
from briefing_site.render.theme import TEMPLATE_DIR, stylesheet
from briefing_site.render.vocabulary import KINDS, ROLES, kind

STUBS = ROOT / "plugins/briefing_site/render/page_templates/stubs"


def test_every_page_role_has_a_template_a_stub_and_its_template_data():
    assert set(context._BUILDERS) == set(ROLES)
    for role in ROLES.values():
        assert (TEMPLATE_DIR / role.template).is_file(), role.name
        assert not role.stub or (STUBS / role.stub).is_file(), role.name
        assert bool(role.title) == (role.uri.endswith("index.md")), role.name  # index pages have a title


def test_each_kind_is_coloured_by_the_stylesheet_and_a_sites_own_kind_too():
    css = stylesheet((*(k.folder for k in KINDS), "ideas"))
    for k in (*KINDS, kind("ideas")):
        assert f".briefing-network__node--{k.folder} circle," in css and k.colour in css
    assert kind("ideas").schema_type == "Thing" and kind("people").schema_type == "Person"
