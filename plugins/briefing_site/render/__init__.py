"""What the pages and files say, built from the core.

Imports the core, never a front end (import-linter checks it), and nothing from MkDocs:
a second front end renders the same pages without it.
"""
