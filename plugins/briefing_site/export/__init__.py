"""``briefing export``: the site as standard Markdown that engines without the plugin build."""
