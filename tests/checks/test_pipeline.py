"""One check pipeline: `check`, `build` and the preview report the same problems and warnings.

Each campaign below plants problems of several kinds in different files; the three commands
must print the same list, and `check --strict` must turn the warnings into errors.
"""

import urllib.error
import urllib.request

import lxml.html
import pytest
from click.testing import CliRunner

from briefkit.cli import main
from briefkit.preview import start
from tests.helpers import snapshot, write


def from_check(root) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--campaign", str(root)])
    assert result.exit_code == 1, result.output
    return result.stderr.splitlines()[:-1]  # the count line differs: check writes nothing


def from_build(root) -> list[str]:
    before = snapshot(root / "out")
    result = CliRunner().invoke(main, ["build", "--campaign", str(root)])
    assert result.exit_code == 1, result.output
    assert snapshot(root / "out") == before
    assert result.stderr.splitlines()[-1].endswith("; nothing was written.")
    return result.stderr.splitlines()[:-1]


def from_preview(root) -> list[str]:
    running = start(root, 0)
    try:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(running.url + "/", timeout=60)
        page = lxml.html.fromstring(caught.value.read().decode())
    finally:
        running.close()
    return [" ".join(item.text_content().split()) for item in page.iter("li")]


def same_everywhere(root) -> list[str]:
    listed = from_check(root)
    assert from_build(root) == listed
    assert from_preview(root) == [" ".join(line.split()) for line in listed]
    return listed


def test_field_reference_and_evidence_problems_come_from_all_three_at_once(campaign):
    write(campaign / "audiences" / "alpha.yaml", "id: alpha\nname: Alpha\nstance: ally\npaper: A5\n")
    (campaign / "audiences" / "beta.yaml").rename(campaign / "audiences" / "beta.yml")
    beta = campaign / "audiences" / "beta.yml"
    beta.write_text(beta.read_text() + "lead_with: [safeguard]\n")
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("without safeguards", "without protections"))
    listed = same_everywhere(campaign)
    assert [line.split(": ")[0] for line in listed] == [
        "audiences/alpha.yaml:4", "audiences/beta.yml:6", "positions/01-safeguards.yaml:14"]
    assert "lead_with names unknown position 'safeguard'" in listed[1]


def test_template_and_glyph_problems_with_stylesheet_and_tailoring_warnings(campaign):
    write(campaign / "templates" / "audiences" / "beta" / "briefing.html.j2",
          '{% extends "builtin/briefing.html.j2" %}{% block summary %}{{ oops }}{% endblock %}')
    write(campaign / "templates" / "audiences" / "beta" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block after_redlines %}\n'
          "<p>We thank Alpha for its statement.</p>\n{% endblock %}\n")
    write(campaign / "templates" / "css" / "letter.css", "p {\n  colr: red;\n}\n")
    path = campaign / "audiences" / "alpha.yaml"
    path.write_text(path.read_text() + "salutation: Dear Alpha \U00016a40,\n")
    listed = same_everywhere(campaign)
    assert len(listed) == 4, listed
    assert listed[0].startswith("audiences/alpha.yaml:4: salutation: 1 character has no glyph")
    assert listed[1].startswith("templates/audiences/beta/briefing.html.j2:1: template uses an undefined value")
    assert listed[2].startswith("templates/audiences/beta/letter.html.j2:3: warning: the letter for beta "
                                "names Alpha")
    assert listed[3].startswith("templates/css/letter.css:2: warning: WeasyPrint: Ignored `colr: red`")


def test_warnings_alone_pass_and_strict_makes_them_errors(campaign):
    write(campaign / "templates" / "css" / "letter.css", "p {\n  colr: red;\n}\n")
    plain = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    assert plain.exit_code == 0 and plain.stderr.splitlines()[-1] == "1 warning."
    strict = CliRunner().invoke(main, ["check", "--strict", "--campaign", str(campaign)])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [
        plain.stderr.splitlines()[0].replace(": warning: ", ": "), "1 problem found."]
