"""The ``briefing`` command: check, suggest and new sources, without a site build."""
