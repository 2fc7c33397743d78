"""axe-core on each kind of page: no serious or critical violation outside Material's own chrome."""

from __future__ import annotations

import pytest
from browser_support import PAGE_KINDS, Reader, describe_violations, run_axe

# Material's chrome, left out of the check, each with the reason. Everything else on the page,
# above all the article (our templates and the authors' content), is checked.
MATERIAL_CHROME = {
    ".md-search": "Material's search box: a role=dialog with no accessible name (aria-dialog-name)",
    ".md-tabs": "Material's tab bar: 70% white on the indigo primary colour, 4.28:1 (color-contrast)",
    ".md-copyright": "Material's 'Made with Material for MkDocs' line: #7f7f7f on #171717 (color-contrast)",
}
SEVERE = {"serious", "critical"}


@pytest.mark.parametrize("kind", ["home", "briefing", "entity", "glossary index", "timeline", "network"])
def test_no_serious_accessibility_violation(reader: Reader, kind: str) -> None:
    page = reader.open(PAGE_KINDS[kind])
    violations = run_axe(
        page,
        {"exclude": [[selector] for selector in MATERIAL_CHROME]},
        {"resultTypes": ["violations"]},
    )
    severe = [v for v in violations if v["impact"] in SEVERE]
    if severe:
        pytest.fail(f"{page.url}:\n{describe_violations(severe)}", pytrace=False)
