"""One-line mistakes in a campaign's files are `path:line: message (hint: …)` problems, never a
traceback (issue 18, point 4): each case here raised a Python exception through the CLI before."""

import pytest
from click.testing import CliRunner

from briefkit.cli import main
from tests.helpers import snapshot, write


def _replace(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _template(campaign, body):
    write(campaign / "templates" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n' + body + "\n{% endblock %}\n")


CASES = {
    # _csv.Error: field larger than field limit (131072)
    "a 300 KB CSV cell": (
        lambda c: write(c / "signatories.csv", 'name,country,type\nFirst Org,,ngo\n"' + "x" * 300_000 + '",,ngo\n'),
        "signatories.csv:3: the 'name' cell holds 300,000 characters", "closing double quote"),
    "a CSV quote left open": (
        lambda c: write(c / "signatories.csv", 'name,country,type\n"First Org,,ngo\n' + "Second,,ngo\n" * 20_000),
        "signatories.csv:2: the 'name' cell holds", "closing double quote"),
    # RecursionError
    "a template that includes itself": (
        lambda c: write(c / "templates" / "letter.html.j2", '{% include "letter.html.j2" %}\n'),
        "templates/letter.html.j2:1: template calls itself without end", "condition that stops it"),
    "a macro that calls itself": (
        lambda c: _template(c, "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}"),
        "templates/letter.html.j2:3: template calls itself without end", "condition that stops it"),
    # OverflowError from the sandbox's range()
    "range(10**9)": (
        lambda c: _template(c, "{% for i in range(10**9) %}<p>{{ i }}</p>{% endfor %}"),
        "templates/letter.html.j2:3: template asks for a range() of more than 100,000 numbers",
        "loop over the campaign's data"),
    # UnicodeDecodeError inside Jinja2's loader
    "a cp1252 template": (
        lambda c: (c / "templates").mkdir() or (c / "templates" / "letter.html.j2").write_bytes(
            '{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n<p>Caf\u00e9 \u201cok\u201d</p>\n'
            '{% endblock %}\n'.encode("cp1252")),
        "templates/letter.html.j2:3: file is not valid UTF-8: byte 0xe9 at column 7", "save the template as UTF-8"),
    # Written as it was, the PDF built and the DOCX failed: lxml read the document two ways
    "a NUL in a template": (
        lambda c: (c / "templates").mkdir() or (c / "templates" / "letter.html.j2").write_bytes(
            b'{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n<p>a\x00b</p>\n{% endblock %}\n'),
        "templates/letter.html.j2:3: the template writes the control character U+0000", "delete it"),
    # ValueError from YAML's date constructor
    "date: 2024-02-30": (
        lambda c: _replace(c / "briefkit.yaml", "date: 2026-11-23", "date: 2024-02-30"),
        "briefkit.yaml:3: '2024-02-30' is not a real date: day is out of range for month", "YYYY-MM-DD"),
    "a month 13 in a position": (
        lambda c: _replace(c / "positions" / "01-safeguards.yaml", "priority: 1", "priority: 1\nreviewed: 2024-13-01"),
        "positions/01-safeguards.yaml:5: '2024-13-01' is not a real date: month must be in 1..12", "in quotes"),
    # babel.core.UnknownLocaleError while printing the date
    "locale: en_XX": (
        lambda c: write(c / "audiences" / "alpha.yaml", "id: alpha\nname: Alpha\nstance: ally\nlocale: en_XX\n"),
        "audiences/alpha.yaml:4: locale: 'en_XX' is not a locale briefkit knows", "did you mean"),
}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_one_line_mistake_is_a_problem_with_file_line_and_hint(campaign, case, command):
    make, where, hint = CASES[case]
    make(campaign)
    before = snapshot(campaign / "out")
    args = [command, "--campaign", str(campaign)] + (["letter", "-a", "alpha", "--jobs", "1"]
                                                      if command == "build" else [])
    result = CliRunner().invoke(main, args, prog_name="briefkit")
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    line = next((line for line in result.output.splitlines() if line.startswith(where)), None)
    assert line is not None, result.output
    assert "(hint: " in line and hint in line, line
    assert snapshot(campaign / "out") == before
