"""The MkDocs front end: the ``briefing`` plugin, thin event wiring over core and render."""
