"""Annotated news briefings for MkDocs.

The package is split into a pure core (``dates``, ``model``, ``frontmatter``,
``schema``, ``sources``, ``registry``, ``markdown_ext``, ``index``, ``pages``,
``context``, ``diagnostics``) that imports nothing from MkDocs, and a thin
adapter (``config``, ``plugin``) that wires MkDocs events to that core.
"""
