"""A CSS mistake is a warning naming the stylesheet and line; `build --strict` makes it an error."""

from click.testing import CliRunner

from briefkit.cli import main
from briefkit.writers.pdf import PdfWriter
from tests.helpers import document_from_html, snapshot, write

BAD_CSS = "p { margin: 0; }\n.subject {\n  colr: #8a1c1c;\n}\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_pdf_writer_names_the_stylesheet_and_line(tmp_path):
    css = write(tmp_path / "templates" / "css" / "letter.css", BAD_CSS)
    document = document_from_html("<p>Words.</p>", root=tmp_path)
    document.stylesheets[-1] = css
    writer = PdfWriter()
    [problem] = writer.prepare([document])
    assert problem.format().startswith("templates/css/letter.css:3: warning: WeasyPrint: Ignored "
                                       "`colr: #8a1c1c` at 3:3, unknown property.")
    writer.write(document, tmp_path / "out.pdf", "test/document")
    assert writer.warnings == [problem]  # reported once, however many documents use the sheet


def test_build_warns_and_writes(campaign):
    write(campaign / "templates" / "css" / "letter.css", BAD_CSS)
    result = run("build", "letter", "-f", "pdf", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0].startswith(
        "templates/css/letter.css:3: warning: WeasyPrint: Ignored `colr: #8a1c1c` at 3:3")
    assert result.stderr.splitlines()[-1] == "1 warning."
    assert (campaign / "out" / "alpha" / "letter.pdf").is_file()


def test_build_strict_fails_before_writing(campaign):
    write(campaign / "templates" / "css" / "letter.css", BAD_CSS)
    before = snapshot(campaign / "out")
    result = run("build", "letter", "--strict", "--campaign", campaign)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "templates/css/letter.css:3: WeasyPrint: Ignored `colr: #8a1c1c` at 3:3, unknown property. "
        "(hint: WeasyPrint skips this rule: fix or remove it; `briefkit build --strict` makes this an error)",
        "1 problem found; nothing was written."]
    assert snapshot(campaign / "out") == before


def test_clean_stylesheets_pass_strict(campaign):
    result = run("build", "factsheet", "-f", "pdf", "--strict", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_a_warning_while_laying_out_fails_that_document_under_strict(campaign, tmp_path):
    # a stylesheet may parse cleanly and still ask for something the fetcher refuses
    write(campaign / "templates" / "css" / "letter.css",
          f'.date {{ background: url("{(tmp_path / "outside.png").as_uri()}"); }}\n')
    result = run("build", "letter", "-f", "pdf", "-f", "docx", "-a", "alpha", "--strict",
                 "--campaign", campaign)
    assert result.exit_code == 1
    assert "failed: alpha/letter.pdf: refused to fetch file:///" in result.stderr
    # A document's formats are written together or not at all (issue 18): no DOCX without its PDF.
    assert "failed: alpha/letter.docx: not written, because the PDF of the same document failed" in result.stderr
    assert not (campaign / "out" / "alpha" / "letter.pdf").exists()
    assert not (campaign / "out" / "alpha" / "letter.docx").exists()


def test_a_document_with_a_page_budget_is_laid_out_by_check_which_finds_the_warning(campaign, tmp_path):
    write(campaign / "templates" / "css" / "factsheet.css",
          f'h1 {{ background: url("{(tmp_path / "outside.png").as_uri()}"); }}\n')
    checked = run("check", "--strict", "--campaign", campaign)
    assert checked.exit_code == 1
    assert "the factsheet for alpha (en) cannot be laid out: refused to fetch file:///" in checked.stderr
    built = run("build", "--strict", "--campaign", campaign)
    assert built.exit_code == 1 and "nothing was written" in built.stderr
    assert not list((campaign / "out").rglob("*.pdf"))
