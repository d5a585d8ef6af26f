"""The preview's Content-Security-Policy in a real browser (issue 18, point 7): a campaign stylesheet
that imports, or draws a background or a font, from another origin makes chromium fetch nothing,
while everything the preview itself needs (its script, its stylesheets, the page's @page style)
still loads. The other origin is a recorder on another loopback port."""

import http.server
import threading

import pytest

from tests.preview.test_browser import WAIT_MS, browser, served  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(b".salutation { color: rgb(0, 200, 0) !important; }")

    def log_message(self, *args):
        pass


@pytest.fixture
def elsewhere(campaign):
    """A server on another loopback port, and a campaign stylesheet that reaches for it three ways."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    (campaign / "templates" / "css").mkdir(parents=True)
    (campaign / "templates" / "css" / "letter.css").write_text(
        f'@import url("{origin}/imported.css");\n'
        f'@font-face {{ font-family: "Remote"; src: url("{origin}/remote.woff2"); }}\n'
        f'.salutation {{ color: rgb(0, 0, 200); font-family: "Remote", serif; '
        f'background-image: url("{origin}/background.png"); }}\n', encoding="utf-8")
    yield origin
    server.shutdown()
    server.server_close()


def test_a_campaign_stylesheet_cannot_make_the_browser_fetch_from_another_origin(browser, elsewhere, served):
    page = browser.new_page(viewport={"width": 1000, "height": 1200})
    refusals: list[str] = []
    page.on("console", lambda message: refusals.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(served)
    page.wait_for_selector("html[data-bk-ready]", timeout=WAIT_MS)
    page.wait_for_timeout(1000)  # time for any late fetch a stylesheet would start
    assert _Recorder.requests == []
    # The campaign's own stylesheet applies, and the imported one does not.
    assert page.evaluate("getComputedStyle(document.querySelector('.salutation')).color") == "rgb(0, 0, 200)"
    # The page's @page style (allowed by its nonce) still sizes the frames: A4, 96 CSS pixels to the inch.
    frame = page.locator(".bk-page").first.bounding_box()
    assert abs(frame["width"] - 210 * 96 / 25.4) < 1
    assert refusals and all(elsewhere.removeprefix("http://") in text for text in refusals), refusals
    page.close()
