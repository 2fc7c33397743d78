"""Annotated news briefings for MkDocs.

The pure core imports nothing from MkDocs:

- ``dates``, ``model``: partial dates and the frozen dataclasses of the domain;
- ``frontmatter``, ``schema``, ``sources``: read, split and validate source files;
- ``registry``, ``text``: reference keys to targets; key folding and sentences;
- ``markdown_ext``: the Python-Markdown extension (mentions, quotes, block quotes);
- ``index``, ``roles``, ``network``: what the whole site knows, every ordering in one place;
- ``pages``, ``context``: generated pages, their addresses, and the data templates get;
- ``structured``, ``feeds``, ``export``: JSON-LD, Atom feeds, graph.json;
- ``matcher``, ``checker``, ``project``, ``cli``, ``templates_cli``: the ``briefing`` command;
- ``diagnostics``, ``timings``: problems by level; time by phase.

The MkDocs adapter is ``config`` (the plugin's options) and ``plugin`` (event wiring).
Jinja2 templates: ``templates/`` is a theme folder (page templates extending the
theme's ``main.html``); ``page_templates/`` holds what the core renders itself
(page stubs, skeletons for new sources, the Atom feed).
"""
