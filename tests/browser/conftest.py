"""Browser tests: the real site, built once, served on 127.0.0.1 and read in Debian's Chromium.

Chromium is $CHROMIUM_PATH when that is set, else `chromium` on PATH, else /usr/bin/chromium. When
none exists every test fails (none is skipped): CI installs Debian's chromium package, and a run
without it must not look green.

BROWSER_TESTS_SITE may name an already-built site folder to serve instead of building the
project (see README.md here: that is how the deliberate failures were shown).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    ChromiumMissing,
    Reader,
    build_site,
    find_chromium,
    new_reader,
    serve,
)
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    prebuilt = os.environ.get("BROWSER_TESTS_SITE")
    if prebuilt:
        site = Path(prebuilt)
        assert (site / "index.html").is_file(), f"BROWSER_TESTS_SITE={prebuilt} holds no built site"
        return site
    site = tmp_path_factory.mktemp("browser") / "site"
    try:
        build_site(site)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    try:
        executable = find_chromium()
    except ChromiumMissing as error:
        pytest.fail(str(error), pytrace=False)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def reader(chromium: Browser, site_url: str) -> Iterator[Reader]:
    """A desktop reader: 1280 px wide, light scheme."""
    r = new_reader(chromium, site_url, DESKTOP)
    yield r
    r.context.close()


@pytest.fixture
def phone_reader(chromium: Browser, site_url: str) -> Iterator[Reader]:
    """A reader on a phone: 375 px wide."""
    r = new_reader(chromium, site_url, PHONE)
    yield r
    r.context.close()
