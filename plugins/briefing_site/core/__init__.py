"""The pure core: sources to model to index, with no MkDocs and no Markdown rendering.

Imports nothing from ``render`` or any front end (import-linter checks it).
"""
