"""Every request to the preview gets an answer (issue 18, point 7): a 400 for a name no file can have,
a listen backlog that holds 200 requests at once, and a Content-Security-Policy without a network
origin on every response. Loopback only."""

import http.client
import re
import threading

import lxml.html
import pytest

from briefkit.preview import start


@pytest.fixture
def preview(campaign):
    running = start(campaign, 0)
    yield running
    running.close()


def request(running, path, *, timeout=30.0, headers_only=False):
    """(status, headers, body) of one GET, sent as given: no quoting of the path on the way."""
    host, port = running.server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        body = b"" if headers_only else response.read()
        return response.status, response.headers, body
    finally:
        connection.close()


@pytest.mark.parametrize("path", [
    "/campaign/x%00.css",
    "/campaign/" + "a" * 5000 + ".css",
    "/builtin/css/%01base.css",
    "/doc/" + "b" * 5000 + "/letter",
    "/campaign/" + "/".join(["dir"] * 400) + "/x.css",
])
def test_a_name_no_file_can_have_is_a_400_and_no_traceback(preview, capfd, path):
    status, headers, body = request(preview, path)
    assert status == 400, body
    assert body.startswith(b"bad request: ")
    assert "Content-Security-Policy" in headers
    assert request(preview, "/_preview/preview.css")[0] == 200  # the server goes on answering
    assert "Traceback" not in capfd.readouterr().err


def test_200_concurrent_loopback_requests_are_all_answered(preview):
    count = 200
    start_together = threading.Barrier(count)
    statuses: list[object] = [None] * count

    def one(index: int) -> None:
        start_together.wait()
        try:
            statuses[index] = request(preview, "/_preview/preview.css", timeout=5.0)[0]
        except OSError as exc:
            statuses[index] = repr(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    unanswered = [status for status in statuses if status != 200]
    assert not unanswered, f"{len(unanswered)} of {count} unanswered: {unanswered[:3]}"


def _policy(headers) -> dict[str, list[str]]:
    policy = headers["Content-Security-Policy"]
    return {directive.split()[0]: directive.split()[1:] for directive in policy.split(";") if directive.strip()}


@pytest.mark.parametrize("path, expected", [
    ("/", 200), ("/doc/alpha/letter", 200), ("/doc/alpha/nonsense", 500), ("/_preview/preview.js", 200),
    ("/builtin/css/base.css", 200), ("/campaign/missing.css", 404), ("/nowhere", 404), ("/events", 200),
    ("/campaign/x%00.css", 400),
])
def test_every_response_carries_a_policy_without_network_origins(preview, path, expected):
    status, headers, _ = request(preview, path, headers_only=path == "/events")
    assert status == expected
    policy = _policy(headers)
    assert policy["default-src"] == ["'self'"]
    for directive in ("script-src", "connect-src", "font-src", "img-src", "style-src"):
        assert policy[directive][0] == "'self'", directive
    for sources in policy.values():
        for source in sources:  # 'self', 'none', data: and a nonce; no scheme or host of the network
            assert re.fullmatch(r"'self'|'none'|data:|'nonce-[\w-]+'", source), source
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


def test_the_document_page_style_carries_the_nonce_its_policy_allows(preview):
    status, headers, body = request(preview, "/doc/alpha/letter")
    assert status == 200
    [nonce] = [s for s in _policy(headers)["style-src"] if s.startswith("'nonce-")]
    [style] = lxml.html.fromstring(body).iter("style")
    assert f"'nonce-{style.get('nonce')}'" == nonce
    again = request(preview, "/doc/alpha/letter")[1]
    assert _policy(again)["style-src"] != _policy(headers)["style-src"]  # one nonce per response
