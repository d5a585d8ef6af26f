"""Bounds on laid-out pages (issue 18, point 5): a page of another size than the document's paper
(past the PDF format's 14,400 pt, or only turned), or more pages than the kind's limit, refuses the
document in both formats with an error naming the stylesheet or the template; an interrupted or
refused build leaves no empty out/<audience>/."""

from dataclasses import replace

import pytest

from briefkit.build.run import build
from briefkit.campaign.config import DEFAULT_PAGE_LIMIT, Settings
from briefkit.writers import pdf
from briefkit.writers.pagebounds import PageBounds
from briefkit.writers.pdf import PdfWriter
from tests.helpers import document_from_html, write

BIG_TYPE = "p, li, h1, h2, h3 { font-size: 120pt !important; line-height: 1.2 !important; }\n"


@pytest.mark.parametrize("css, size", [
    ("@page :first { size: 100000in; }", "7,200,000 × 7,200,000 pt, past the PDF format's limit of 14,400 pt"),
    ("p { color: black; }\n@page {\n  size: 300in 300in !important;\n}", "21,600 × 21,600 pt, past the PDF"),
    ("@page { size: A4 landscape !important; }", "842 × 595 pt; its paper, A4, is 595 × 842 pt"),
])
def test_a_page_not_of_the_paper_size_refuses_both_formats_naming_the_stylesheet(campaign, css, size):
    write(campaign / "templates" / "css" / "letter.css", css + "\n")
    line = css[:css.index("size")].count("\n") + 1
    result = build(campaign, kinds=["letter"], audiences=["alpha"], jobs=1)
    assert {failure.format for failure in result.failures} == {"pdf", "docx"}
    for failure in result.failures:
        assert failure.message.startswith(f"templates/css/letter.css:{line}: page 1 of the letter for alpha is {size}")
        assert "remove `size` from the @page rule" in failure.message
    assert not (campaign / "out" / "alpha").exists()  # no file, and no empty folder either


def test_more_pages_than_the_kind_may_take_refuses_both_formats(campaign):
    write(campaign / "templates" / "css" / "letter.css", BIG_TYPE)
    config = campaign / "briefkit.yaml"
    config.write_text(config.read_text() + "settings:\n  page_limits:\n    letter: 3\n", encoding="utf-8")
    result = build(campaign, kinds=["letter"], audiences=["alpha", "beta"], jobs=1)
    assert {(failure.audience, failure.format) for failure in result.failures} == {
        ("alpha", "pdf"), ("alpha", "docx"), ("beta", "pdf"), ("beta", "docx")}
    message = result.failures[0].message
    assert message.startswith("builtin/letter.html.j2: the letter for")
    assert "more than the 3 a letter may take" in message and "settings.page_limits (letter: " in message
    assert "templates/css/letter.css" in message  # where to look for what makes it long
    assert not (campaign / "out" / "alpha").exists() and not (campaign / "out" / "beta").exists()


def test_every_kind_may_take_200_pages_unless_the_campaign_says_otherwise():
    assert DEFAULT_PAGE_LIMIT == 200
    assert Settings().page_limit("letter") == Settings().page_limit("briefing") == 200
    assert Settings(page_limits={"briefing": 400}).page_limit("briefing") == 400
    with pytest.raises(ValueError):
        Settings(page_limits={"letter": 100_000})


def test_the_limit_is_checked_on_the_pages_laid_out(tmp_path):
    body = "".join(f"<p>Paragraph {i} of a document that runs to several pages.</p>" for i in range(160))
    document = replace(document_from_html(body), page_limit=2)
    with pytest.raises(PageBounds, match=r"runs to [3-9] pages, more than the 2 a letter may take"):
        PdfWriter().write(document, tmp_path / "out.pdf", "test/document")
    assert PdfWriter().write(replace(document, page_limit=DEFAULT_PAGE_LIMIT), tmp_path / "out.pdf", "x") > 2


class _Interrupted(BaseException):
    """What Ctrl-C does to a build, without being Ctrl-C (which pytest would take for its own)."""


def test_an_interrupted_build_leaves_no_empty_audience_folder(campaign, monkeypatch):
    lay_out = PdfWriter.lay_out

    def interrupt_beta(self, document, shown):
        if document.audience == "beta":
            raise _Interrupted()
        return lay_out(self, document, shown)

    monkeypatch.setattr(pdf.PdfWriter, "lay_out", interrupt_beta)
    with pytest.raises(_Interrupted):
        build(campaign, kinds=["letter"], formats=["pdf"], jobs=1)
    assert (campaign / "out" / "alpha" / "letter.pdf").is_file()
    assert not (campaign / "out" / "beta").exists()
    assert not list((campaign / "out").glob("**/*.tmp"))
