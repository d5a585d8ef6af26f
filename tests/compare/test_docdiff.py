import lxml.html
from click.testing import CliRunner

from briefkit.cli import main
from briefkit.compare import diffreport
from briefkit.compare.docdiff import diff_audiences
from briefkit.render.document import blocks
from tests.helpers import document_from_html, write

ALPHA_ONLY = ('{% extends "builtin/letter.html.j2" %}\n'
              "{% block after_redlines %}<p>Only Alpha reads this paragraph.</p>{% endblock %}\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_blocks_are_headings_paragraphs_items_and_cells_in_reading_order():
    doc = document_from_html("<h1>Title</h1><p>One <strong>bold</strong>\n word.</p>"
                             "<ul><li>Item<ul><li>Nested</li></ul></li></ul>"
                             "<table><tr><td><p>In a cell</p></td><td>Bare cell</td></tr></table>"
                             "<blockquote><p>Quoted</p></blockquote><p>a<br>b</p>")
    assert [(b.tag, b.text) for b in blocks(doc.tree)] == [
        ("h1", "Title"), ("p", "One bold word."), ("li", "Item"), ("li", "Nested"), ("p", "In a cell"),
        ("td", "Bare cell"), ("p", "Quoted"), ("p", "a b")]


def test_diff_shows_changed_words_and_paragraphs_only_one_side_has(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", ALPHA_ONLY)
    diff = diff_audiences(campaign, "alpha", "beta")
    changed = [c for c in diff.changes if c.op == "changed"]
    assert [c.words for c in changed] == [(("equal", "Dear"), ("delete", " Chair"), ("insert", " Beta"),
                                           ("equal", ","))]
    assert [c.a.text for c in diff.changes if c.op == "only_a"] == ["Only Alpha reads this paragraph."]
    assert not [c for c in diff.changes if c.op == "only_b"]
    assert diff.count("same") > 5 and not diff.identical


def test_reordered_positions_are_moves_not_removals(campaign):
    write(campaign / "positions" / "02-second.yaml", """\
id: second
title: A second redline
demand: Do the second thing.
priority: 2
rationale: Because.
facts:
  - id: twelve
    value: "12 days"
    label: again
    source: news
    evidence: ended after 12 days
""")
    path = campaign / "audiences" / "beta.yaml"
    path.write_text(path.read_text() + "lead_with: [second]\n")
    diff = diff_audiences(campaign, "alpha", "beta")
    assert [c.b.text for c in diff.changes if c.op == "moved"] == ["A second redline. Do the second thing."]
    assert not [c for c in diff.changes if c.op in ("only_a", "only_b")]


def test_diff_command_prints_a_readable_diff_and_writes_html(campaign, tmp_path):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", ALPHA_ONLY)
    report = tmp_path / "reports" / "alpha-beta.html"
    result = run("diff", "alpha", "beta", "--html", report, "--campaign", campaign)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "letter: alpha → beta"
    assert lines[1].startswith("1 changed, 1 only in alpha, 0 only in beta, 0 moved, ")
    assert "~ p   Dear [-Chair-] {+Beta+}," in lines  # the comma did not change
    assert "- p   Only Alpha reads this paragraph.  (only alpha)" in lines
    page = lxml.html.parse(str(report)).getroot()
    assert page.findtext(".//title") == "letter: alpha and beta"
    assert [d.text for d in page.iter("del")] == ["Chair"] and [i.text for i in page.iter("ins")] == ["Beta"]
    only = page.find(".//td[@class='only-a']")
    assert only.text == "Only Alpha reads this paragraph."
    assert "<link" not in report.read_text() and "<script" not in report.read_text()


def test_diff_of_equal_documents_and_bad_arguments(campaign):
    write(campaign / "audiences" / "gamma.yaml", "id: gamma\nname: Alpha\nstance: ally\n")
    same = run("diff", "alpha", "gamma", "factsheet", "--campaign", campaign)
    assert same.exit_code == 0, same.output
    assert same.output.splitlines()[1].startswith("The two factsheets say the same words (")
    result = run("diff", "alpha", "beta", "lettre", "--campaign", campaign)
    assert result.exit_code == 2  # a usage error, as click's own
    assert result.stderr.splitlines()[-1] == ("Error: unknown kind 'lettre' (hint: did you mean 'letter'? "
                                              "choose from: amendments, briefing, factsheet, letter)")
    mistyped = run("diff", "alpha", "alpah", "--campaign", campaign)
    assert mistyped.exit_code == 2 and mistyped.stderr.splitlines()[-1].startswith("Error: unknown audience 'alpah'")


def test_report_escapes_campaign_text(campaign, tmp_path):
    write(campaign / "signatories.csv", "name,country,type\n<script>x</script>,,ngo\n")
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", ALPHA_ONLY)
    html = diffreport.render(diff_audiences(campaign, "alpha", "beta"))
    assert "<script>" not in html and "&lt;script&gt;" in html
