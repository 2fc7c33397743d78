"""Annotated news briefings: a pure core, its renderers, and one folder per front end.

The folders draw the layers; import-linter enforces them (contracts in the root
``pyproject.toml``, run by ``tests/test_layers.py``). A layer imports only from
the layers below it, never from one above or from a sibling front end. From the
bottom: ``core``, ``render``, the front ends ``mkdocs_plugin`` and ``export``, and
``command`` on top:

- ``core/``: sources to model to index. Reading, validating and resolving sources
  (``frontmatter``, ``schema``, ``sources``, ``registry``), the domain's dataclasses
  and dates (``model``, ``dates``, ``roles``), the annotation syntax (``syntax``,
  ``scan``, ``text``), what the whole desk knows (``index``, ``cooccurrence``), the
  ``briefing suggest`` matcher, problems by level (``diagnostics``) and time by phase
  (``timings``). No MkDocs, no Markdown rendering.
- ``render/``: what the pages and files say, built from the core. The site's vocabulary
  (``vocabulary``: page roles, kinds, option defaults) and its words in each language
  (``messages``, from the catalogues in ``locales/``). The Python-Markdown
  extension (``markdown_ext``), generated pages and their addresses (``pages``), the
  data each template gets (``context``), Atom feeds (``feeds``), JSON-LD
  (``structured``), the network drawing (``network``) and ``graph.json`` (``graph``);
  the same annotations as standard Markdown for engines without the plugin (``portable``).
  Its package data: ``templates/`` (a theme folder of page templates extending the
  theme's ``main.html``), ``page_templates/`` (page stubs and the Atom feed, rendered
  by the renderers themselves) and ``assets/`` (the stylesheet); ``theme`` says where.
- Front ends, each thin and neither importing the other:
  - ``mkdocs_plugin/``: the MkDocs plugin, ``plugin`` (event wiring) and ``config``
    (its options); entry point ``briefing`` in ``mkdocs.plugins``;
  - ``export/``: ``briefing export``, the whole site as a standalone project of
    standard Markdown (``site``), its ``mkdocs.yml`` without the plugin (``config``)
    and the page frame (``templates/page.md``); no MkDocs.
- ``command/``, on top: the ``briefing`` command, ``cli`` (arguments and output; it
  runs ``export`` for ``briefing export``), ``checker`` (``briefing check`` without a
  build), ``project`` (``mkdocs.yml`` read without MkDocs) and ``skeletons`` (what
  ``briefing new`` and ``briefing entry`` write, from the templates in ``templates/``).
  It imports neither MkDocs nor the plugin.
"""
