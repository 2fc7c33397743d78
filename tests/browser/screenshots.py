"""Screenshots of each kind of page, wide and narrow, light and dark, for a person to look at.

    python tests/browser/screenshots.py OUTDIR

Builds the real site (or serves BROWSER_TESTS_SITE), then writes OUTDIR/<kind>-<width>-<scheme>.png
(whole pages) and OUTDIR/tooltip-<width>-<scheme>.png (a mention's tooltip, as hovered). Not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from browser_support import (
    CHROMIUM_ARGS,
    DESKTOP,
    PAGE_KINDS,
    PHONE,
    SEED,
    build_site,
    find_chromium,
    new_reader,
    serve,
)
from playwright.sync_api import sync_playwright


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(os.environ.get("BROWSER_TESTS_SITE") or Path(tmp) / "site")
        if not os.environ.get("BROWSER_TESTS_SITE"):
            build_site(site)
        with serve(site) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            for viewport in (DESKTOP, PHONE):
                for scheme in ("light", "dark"):
                    reader = new_reader(browser, url, viewport, scheme)
                    for kind, path in PAGE_KINDS.items():
                        page = reader.open(path)
                        page.wait_for_load_state("networkidle")
                        name = f"{kind.replace(' ', '-')}-{viewport['width']}-{scheme}.png"
                        page.screenshot(path=outdir / name, full_page=True)
                        print(outdir / name)
                    page = reader.open(SEED)
                    nato = page.locator('article a.briefing-mention[href$="glossary/nato/"]').first
                    nato.scroll_into_view_if_needed()
                    nato.hover()
                    page.locator(".md-tooltip2--active").wait_for()
                    page.wait_for_timeout(300)
                    name = f"tooltip-{viewport['width']}-{scheme}.png"
                    page.screenshot(path=outdir / name)
                    print(outdir / name)
                    for problem in reader.console_errors + reader.foreign_requests:
                        print("  !", problem)
                    reader.context.close()
            browser.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
