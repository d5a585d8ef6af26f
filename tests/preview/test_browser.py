"""The preview in a real headless browser: Debian's chromium, driven by Playwright.

The test runs `briefkit preview` as a user would, loads the page, edits the
campaign's files and waits for the page to follow: the new text, then an
error with its file and line, then the document again.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
WAIT_MS = 30_000  # an upper bound for a slow machine, not a measured time
# Playwright's wait_for_function evaluates its expression as a string, which the preview's policy
# (script-src 'self', no eval) refuses; these tests look inside the page, so they let it.
# test_browser_policy.py keeps the policy.
LOOK_INSIDE = {"bypass_csp": True}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def served(campaign):
    """`briefkit preview` on a free loopback port, as a user starts it; stopped after the test."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefkit", "preview", "letter", "--audience", "alpha", "--port", "0",
         "--campaign", str(campaign)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        found = re.search(r"Previewing at (http://127\.0\.0\.1:\d+/doc/alpha/letter)", line)
        assert found, line + process.stderr.read()
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_page_follows_edits_errors_and_fixes(browser, campaign, served, tmp_path):
    page = browser.new_page(viewport={"width": 1000, "height": 1200}, **LOOK_INSIDE)
    page.goto(served)
    page.wait_for_selector("html[data-bk-live]", timeout=WAIT_MS)  # laid out, and listening for changes
    assert "Safeguards for journalists" in page.inner_text(".bk-page")
    # one A4 frame per page: 210 mm wide at 96 CSS pixels to the inch
    frame = page.locator(".bk-page").first.bounding_box()
    assert abs(frame["width"] - 210 * 96 / 25.4) < 1 and abs(frame["height"] - 297 * 96 / 25.4) < 1
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)

    position = campaign / "positions" / "01-safeguards.yaml"
    good = position.read_text()
    position.write_text(good.replace("title: Safeguards for journalists", "title: Protection for reporters"))
    page.wait_for_function("document.body.innerText.includes('Protection for reporters')", timeout=WAIT_MS)

    position.write_text(good.replace("title: Safeguards", "title: [Safeguards"))
    page.wait_for_selector(".bk-error", timeout=WAIT_MS)
    assert page.inner_text(".bk-where") == "positions/01-safeguards.yaml:3"
    assert "invalid YAML" in page.inner_text(".bk-error")
    # The toolbar stays, and the offending line is shown, marked, among its neighbours.
    assert page.locator("#bk-bar .bk-kinds a").count() == 4 and page.locator("#bk-audience").is_visible()
    assert page.inner_text(".bk-line-marked") == good.splitlines()[2]  # line 3, where YAML notices

    position.write_text(good)
    page.wait_for_selector(".bk-page", timeout=WAIT_MS)
    assert "Safeguards for journalists" in page.inner_text(".bk-page")
    assert page.locator(".bk-error").count() == 0
    page.close()


def test_a_template_change_and_a_stylesheet_change_reach_the_page(browser, campaign, served):
    page = browser.new_page(**LOOK_INSIDE)
    page.goto(served)
    page.wait_for_selector("html[data-bk-live]", timeout=WAIT_MS)
    # templates/ did not exist when the preview started: the new folder is watched too
    (campaign / "templates" / "audiences" / "alpha").mkdir(parents=True)
    (campaign / "templates" / "audiences" / "alpha" / "letter.html.j2").write_text(
        '{% extends "builtin/letter.html.j2" %}\n{% block after_redlines %}\n'
        "<p>Only Alpha reads this.</p>\n{% endblock %}\n")
    page.wait_for_function("document.body.innerText.includes('Only Alpha reads this.')", timeout=WAIT_MS)
    (campaign / "templates" / "css").mkdir()
    (campaign / "templates" / "css" / "letter.css").write_text(".salutation { color: rgb(200, 0, 0); }\n")
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.salutation')).color === 'rgb(200, 0, 0)'", timeout=WAIT_MS)
    page.close()


def test_a_fact_sheet_too_long_for_one_page_says_so(browser, campaign, served):
    position = campaign / "positions" / "01-safeguards.yaml"
    text = position.read_text()
    long_demand = "Protect journalists in every article. " * 6
    position.write_text(text.replace("demand: Protect journalists in every article.", f"demand: {long_demand}"))
    page = browser.new_page(**LOOK_INSIDE)
    page.goto(served.replace("/letter", "/factsheet"))
    page.wait_for_selector("html[data-bk-ready]", timeout=WAIT_MS)
    assert page.inner_text("#bk-status") == "1 page"
    config = campaign / "briefkit.yaml"
    long_ask = "Support the safeguards in every article of the example treaty. " * 60
    config.write_text(config.read_text().replace("call_to_action: Support the safeguards.",
                                                 f"call_to_action: {long_ask}"))
    page.wait_for_function("document.querySelectorAll('.bk-page').length > 1", timeout=WAIT_MS)
    assert re.fullmatch(r"\d+ pages: must fit on 1", page.inner_text("#bk-status"))
    page.close()
