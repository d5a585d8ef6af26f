"""The preview server over loopback HTTP: pages, errors, events and what it refuses to serve."""

import http.client
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import lxml.html
import pytest
from click.testing import CliRunner

from briefkit.cli import main
from briefkit.preview import start
from tests.helpers import imports_weasyprint, write


@pytest.fixture
def preview(campaign):
    running = start(campaign, 0)
    yield running
    running.close()


def get(running, path, host=None):
    request = urllib.request.Request(running.url + path, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode()


def test_index_lists_every_audience_and_kind(preview):
    status, kind, body = get(preview, "/")
    assert status == 200 and kind.startswith("text/html")
    page = lxml.html.fromstring(body)
    links = [a.get("href") for a in page.iter("a")]
    for audience in ("alpha", "beta"):
        for document in ("letter", "briefing", "factsheet"):
            assert f"/doc/{audience}/{document}" in links


def test_document_page_has_the_print_styles_and_page_geometry(preview):
    status, _, body = get(preview, "/doc/beta/letter")
    assert status == 200
    page = lxml.html.fromstring(body)
    assert "Safeguards for journalists" in page.find(".//div[@id='bk-source']").text_content()
    sheets = [link.get("href") for link in page.iter("link")]
    assert sheets == ["/builtin/css/base.css", "/builtin/css/letter.css", "/_preview/preview.css"]
    style = page.find(".//style").text
    assert "@page { size: 215.9mm 279.4mm;" in style  # beta reads on Letter paper
    assert "--bk-page-width: 215.9mm" in style and "--bk-margin-left: 22.0mm" in style
    for href in sheets:
        status, kind, _ = get(preview, href)
        assert (status, kind) == (200, "text/css; charset=utf-8")


def test_a_campaign_stylesheet_is_linked_and_served(campaign, preview):
    write(campaign / "templates" / "css" / "letter.css", "p { color: #123456; }")
    preview.server.preview.bump()
    page = lxml.html.fromstring(get(preview, "/doc/alpha/letter")[2])
    assert "/campaign/templates/css/letter.css" in [link.get("href") for link in page.iter("link")]
    assert get(preview, "/campaign/templates/css/letter.css")[2] == "p { color: #123456; }"


def test_errors_show_in_the_page_with_file_and_line_and_clear_when_fixed(campaign, preview):
    position = campaign / "positions" / "01-safeguards.yaml"
    good = position.read_text()
    position.write_text(good.replace("title: Safeguards", "title: [Safeguards"))
    preview.server.preview.bump()
    status, _, body = get(preview, "/doc/alpha/letter")
    assert status == 500
    where = lxml.html.fromstring(body).find(".//code[@class='bk-where']").text
    assert where == "positions/01-safeguards.yaml:3"  # where YAML notices the bracket is unclosed
    assert "invalid YAML" in body
    position.write_text(good)
    preview.server.preview.bump()
    assert get(preview, "/doc/alpha/letter")[0] == 200


def test_template_error_names_the_template(campaign, preview):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n{{ nope }}\n{% endblock %}\n')
    preview.server.preview.bump()
    status, _, body = get(preview, "/doc/alpha/letter")
    assert status == 500
    assert lxml.html.fromstring(body).find(".//code").text == "templates/audiences/alpha/letter.html.j2:3"


@pytest.mark.parametrize("path", ["/doc/gamma/letter", "/doc/alpha/lettre"])
def test_unknown_documents_are_error_pages(preview, path):
    status, _, body = get(preview, path)
    assert status == 500 and "unknown" in body


@pytest.mark.parametrize("path", [
    "/campaign/../outside.css",           # climbing out of the campaign
    "/campaign/%2e%2e/outside.css",
    "/campaign/seeds/news.txt",           # not a stylesheet or font
    "/campaign/briefkit.yaml",
    "/campaign/link.css",                 # a link that leads outside
    "/campaign/.hidden/x.css",            # hidden folders
    "/builtin/letter.html.j2",            # templates are not served
    "/builtin/../../../pyproject.toml",
    "/_preview/../preview/server.py",
    "/etc/passwd",
])
def test_nothing_outside_the_campaign_and_assets_is_served(campaign, preview, path):
    write(campaign.parent / "outside.css", "secret")
    (campaign / "link.css").symlink_to(campaign.parent / "outside.css")
    write(campaign / ".hidden" / "x.css", "secret")
    status, _, body = get(preview, path)
    assert status == 404 and "secret" not in body


def test_requests_for_another_host_are_refused(preview):
    port = urlsplit(preview.url).port
    assert get(preview, "/", host=f"evil.example:{port}")[0] == 403
    assert get(preview, "/", host=f"localhost:{port}")[0] == 200


def test_events_send_the_version_and_every_change(preview):
    parts = urlsplit(preview.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/events", headers={"Host": parts.netloc})
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"

    def next_data():
        while True:
            line = response.fp.readline().decode()
            if line.startswith("data: "):
                return line.strip()

    assert next_data() == "data: 1"
    preview.server.preview.bump()
    assert next_data() == "data: 2"
    connection.close()


def test_cli_reports_a_busy_port_in_one_line(campaign, preview):
    port = urlsplit(preview.url).port
    result = CliRunner().invoke(main, ["preview", "--port", str(port), "--campaign", str(campaign)])
    assert result.exit_code == 1
    assert result.stderr == (f"error: port {port} on 127.0.0.1 is already in use (hint: choose another "
                             "with --port, or --port 0 for any free port)\n")


def test_cli_rejects_an_unknown_kind_before_serving(campaign):
    result = CliRunner().invoke(main, ["preview", "lettre", "--port", "0", "--campaign", str(campaign)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: unknown kind 'lettre' (hint: did you mean 'letter'?")


def test_the_preview_never_imports_weasyprint(campaign):
    assert not imports_weasyprint(
        "import urllib.request\nfrom pathlib import Path\nfrom briefkit.preview import start\n"
        f"running = start(Path({str(campaign)!r}), 0)\n"
        "for path in ('/', '/doc/alpha/letter', '/doc/beta/factsheet'):\n"
        "    urllib.request.urlopen(running.url + path, timeout=30).read()\n"
        "running.close()")


def test_index_shows_the_warnings_check_would_print(campaign, preview):
    write(campaign / "templates" / "audiences" / "beta" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block after_redlines %}\n<p>Thanks, Alpha.</p>\n'
          "{% endblock %}\n")
    preview.server.preview.bump()
    page = lxml.html.fromstring(get(preview, "/")[2])
    [warning] = page.findall(".//ul[@class='bk-warnings']/li")
    assert warning.find("code").text == "templates/audiences/beta/letter.html.j2:3"
    assert "names Alpha (audience alpha)" in warning.text_content()


def test_the_logo_is_shown_from_the_campaign_folder(campaign):
    from tests.conftest import add_logo

    logo = add_logo(campaign)
    running = start(campaign, 0)
    try:
        page = lxml.html.fromstring(get(running, "/doc/alpha/letter")[2])
        [image] = page.iter("img")
        assert image.get("alt") == "Example Coalition logo, a red square"
        with urllib.request.urlopen(running.url + image.get("src"), timeout=30) as response:
            assert (response.headers.get("Content-Type"), response.read()) == ("image/png", logo.read_bytes())
    finally:
        running.close()


def test_an_error_page_keeps_the_navigation_and_shows_the_offending_lines(campaign, preview):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n<p>Hello</p>\n{{ nope }}\n'
          '<p>Bye</p>\n{% endblock %}\n')
    preview.server.preview.bump()
    status, _, body = get(preview, "/doc/alpha/letter")
    assert status == 500
    page = lxml.html.fromstring(body)
    bar = page.find(".//nav[@id='bk-bar']")
    assert [a.get("href") for a in bar.iter("a")] == ["/", "/doc/alpha/letter", "/doc/alpha/briefing",
                                                       "/doc/alpha/factsheet", "/doc/alpha/amendments"]
    assert bar.get("data-kind") == "letter"
    assert [(o.text, o.get("selected") is not None) for o in bar.iter("option")] == [("alpha", True),
                                                                                       ("beta", False)]
    excerpt = page.find(".//ol[@class='bk-excerpt']")
    assert excerpt.get("start") == "1"
    lines = [(li.text_content(), li.get("class")) for li in excerpt.iter("li")]
    assert lines == [('{% extends "builtin/letter.html.j2" %}', None), ("{% block opening %}", None),
                     ("<p>Hello</p>", None), ("{{ nope }}", "bk-line-marked"), ("<p>Bye</p>", None),
                     ("{% endblock %}", None)]


def test_a_data_error_shows_its_line_and_keeps_the_audience_picker(campaign, preview):
    audience = campaign / "audiences" / "beta.yaml"
    audience.write_text(audience.read_text().replace("stance: reservations", "stance: [reservations"))
    preview.server.preview.bump()
    status, _, body = get(preview, "/doc/beta/briefing")
    page = lxml.html.fromstring(body)
    assert status == 500 and [o.text for o in page.iter("option")] == ["alpha", "beta"]
    marked = page.find(".//li[@class='bk-line-marked']")
    where = page.find(".//code[@class='bk-where']").text
    assert where.startswith("audiences/beta.yaml:")
    number = int(where.rsplit(":", 1)[1])
    assert marked.text_content() == audience.read_text().splitlines()[number - 1]
