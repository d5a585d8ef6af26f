"""Hostile templates, bad data and faults: a clear error, nothing read or fetched outside, nothing lost."""

import errno
import http.server
import threading

import pytest
from click.testing import CliRunner

from briefkit import fsutil
from briefkit.build.run import build
from briefkit.cli import main
from briefkit.errors import BriefkitError, ProblemsFound
from tests.helpers import docx_text, pdf_text, snapshot, write


def override(campaign, body, kind="letter"):
    write(campaign / "templates" / f"{kind}.html.j2",
          '{% extends "builtin/' + kind + '.html.j2" %}\n{% block opening %}\n' + body + "\n{% endblock %}\n")


@pytest.fixture
def built(campaign):
    """A campaign already built once, so tests can prove out/ does not change."""
    build(campaign, kinds=["letter"], formats=["pdf"], jobs=1)
    return campaign


@pytest.mark.parametrize("body, message", [
    ("<p>{{ ''.__class__.__mro__ }}</p>", "sandbox forbids"),
    ("<p>{{ x|attr('format') }}</p>", "undefined value"),
    ("<p>{{ ('{0.__class__}' | attr('format'))('x') }}</p>", "sandbox forbids"),
    ('<img src="file:///etc/passwd" alt="x">', "an image must be a PNG or JPEG file in the campaign's assets/ folder"),
    ('<img src="assets/../../../etc/passwd.png" alt="x">', "an image must be a PNG or JPEG file"),
    ('<link rel="attachment" href="file:///etc/hostname">', "element <link> is outside"),
    ('<p style="background: url(file:///etc/hostname)">x</p>', "attribute 'style' on <p> is not allowed"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 100000 }}{% endfor %}{% endfor %}",
     "was stopped"),
])
def test_hostile_templates_get_a_clear_error_and_leave_out_alone(built, body, message):
    before = snapshot(built / "out")
    override(built, body)
    with pytest.raises(ProblemsFound) as caught:
        build(built, jobs=1)
    [problem] = caught.value.problems
    assert message in problem.message
    assert problem.path == "templates/letter.html.j2" and problem.line == 3
    assert snapshot(built / "out") == before


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def test_stylesheets_cannot_reach_the_network_or_files_outside(built, http_server, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    write(built / "templates" / "css" / "letter.css",
          f"@import url(http://127.0.0.1:{http_server}/evil.css);\n"
          "p {{ background: url(file:///etc/hostname); }}\n".replace("{{", "{").replace("}}", "}"))
    result = build(built, kinds=["letter"], formats=["pdf"], jobs=1, force=True)
    assert _Recorder.requests == []  # the server never heard from us
    messages = [w.format() for w in result.warnings]
    assert any(m.startswith("templates/css/letter.css") and f"refused to fetch http://127.0.0.1:{http_server}/"
               in m for m in messages), messages
    assert any("refused to fetch file:///etc/hostname" in m for m in messages), messages
    assert not result.failures


def test_a_refused_fetch_is_an_error_in_strict_mode_and_in_ci(built, http_server, monkeypatch):
    write(built / "templates" / "css" / "letter.css", f"@import url(http://127.0.0.1:{http_server}/x.css);\n")
    before = snapshot(built / "out")
    with pytest.raises(ProblemsFound) as caught:
        build(built, kinds=["letter"], formats=["pdf"], jobs=1, strict=True)
    assert "refused to fetch" in caught.value.problems[0].message
    monkeypatch.setenv("CI", "1")
    with pytest.raises(ProblemsFound):
        build(built, kinds=["letter"], formats=["pdf"], jobs=2)
    assert snapshot(built / "out") == before
    assert _Recorder.requests == []


@pytest.mark.parametrize("audience_id, message", [
    ("../evil", "is not a valid id"),
    ("con", "reserved file name on Windows"),
    ('""', "is not a valid id"),
    ("Canada", "is not a valid id"),
])
def test_ids_that_become_paths_are_checked(campaign, audience_id, message):
    write(campaign / "audiences" / "gamma.yaml", f"id: {audience_id}\nname: G\nstance: ally\n")
    with pytest.raises(ProblemsFound) as caught:
        build(campaign, jobs=1)
    assert any(p.path == "audiences/gamma.yaml" and message in p.message for p in caught.value.problems)


def test_markup_in_data_is_printed_literally_in_both_formats(campaign):
    write(campaign / "signatories.csv", 'name,country,type\n"</p><img src=x>",,ngo\n')
    build(campaign, kinds=["letter"], audiences=["alpha"], jobs=1)
    out = campaign / "out" / "alpha"
    assert "</p><img src=x>" in pdf_text(out / "letter.pdf")
    assert "</p><img src=x>" in docx_text(out / "letter.docx")


def test_python_tags_in_yaml_are_refused_and_never_run(campaign, tmp_path):
    marker = tmp_path / "ran"
    write(campaign / "audiences" / "gamma.yaml",
          f"id: gamma\nname: !!python/object/apply:os.system ['touch {marker}']\nstance: ally\n")
    with pytest.raises(ProblemsFound) as caught:
        build(campaign, jobs=1)
    assert caught.value.problems[0].format().startswith("audiences/gamma.yaml:2: unsupported YAML")
    assert not marker.exists()


def test_a_full_disk_is_a_clear_error_and_leaves_no_partial_file(built, monkeypatch):
    before = snapshot(built / "out")

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", full)
    result = build(built, kinds=["letter"], formats=["pdf", "docx"], jobs=1, force=True)
    assert {f.message for f in result.failures} == {"cannot write letter.pdf: No space left on device",
                                                    "cannot write letter.docx: No space left on device"}
    assert snapshot(built / "out") == before


def test_the_cli_prints_one_line_and_debug_the_traceback(campaign):
    override(campaign, "<p>{{ ''.__class__.__mro__ }}</p>")
    plain = CliRunner().invoke(main, ["build", "--campaign", str(campaign)])
    assert plain.exit_code == 1 and len(plain.stderr.splitlines()) == 2  # the problem, then the count
    assert "Traceback" not in plain.output
    debug = CliRunner().invoke(main, ["--debug", "build", "--campaign", str(campaign)])
    assert isinstance(debug.exception, BriefkitError)
