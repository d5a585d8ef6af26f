"""Where the PDF's pages begin, as the DOCX writer and the page-budget check read it."""

import dataclasses

import docx
from docx.oxml.ns import qn

from briefkit.writers.docx.writer import DocxWriter
from briefkit.writers.pagemap import PageMap, ordinals
from briefkit.writers.pdf import PdfWriter
from tests.helpers import document_from_html

LONG = " ".join(["A sentence of an invented report that runs on for a while."] * 40)


def test_page_starts_name_the_block_each_page_begins_on(tmp_path):
    # Block ordinals: h1=0, p=1, h2=2, p=3 (long), h2=4, p=5.
    body = (f"<h1>Tidal fisheries</h1><p>{LONG}</p><h2>Second part</h2><p>{LONG} {LONG}</p>"
            "<h2 style='break-before: page'>Third part</h2><p>Closing words.</p>")
    laid = PdfWriter().page_map(document_from_html(body), "test")
    assert laid.pages >= 3
    # The last page begins on the heading forced onto a new page, a block of its own.
    assert laid.starts[-1] == 4 and laid.continued[-1] is None
    # Some page goes on with the long paragraph the page before began.
    assert 3 in laid.continued
    labels = dict(laid.room)
    assert set(labels) == {"Tidal fisheries", "Second part", "Third part"}
    assert labels["Second part"] > labels["Third part"]


def test_a_page_map_survives_its_json():
    laid = PageMap(3, (2, None), (None, 1), (("Signed by", 1.8), ("", 0.4)))
    assert PageMap.from_json(laid.to_json()) == laid


def test_the_docx_breaks_before_the_paragraph_the_pdf_page_starts_on(tmp_path):
    body = "<h1>Heading</h1><p>One</p><p>Two</p><h2>Part</h2><p>Three</p>"
    document = dataclasses.replace(document_from_html(body), page_starts=(3,), page_continues=(None,))
    path = tmp_path / "out.docx"
    DocxWriter().write(document, path, "test/document")
    breaks = [p.text for p in docx.Document(str(path)).paragraphs
              if p._p.pPr is not None and p._p.pPr.find(qn("w:pageBreakBefore")) is not None]
    assert breaks == ["Part"]


def test_a_table_row_moves_to_the_next_page_whole_in_both_formats(tmp_path):
    cell = " ".join(["Words of an invented timeline entry that wrap over several lines."] * 3)
    rows = "".join(f"<tr><td>Day {i}</td><td>{cell}</td><td>line {i}</td></tr>" for i in range(40))
    document = document_from_html(f"<h1>Timeline</h1><table><thead><tr><th>When</th><th>What</th><th>Source</th>"
                                  f"</tr></thead><tbody>{rows}</tbody></table>")
    laid = PdfWriter().page_map(document, "test")
    assert laid.pages >= 2
    cells = {number for number, element in ordinals(document.tree.find("body")) if element.tag == "td"}
    assert not cells & set(laid.continued)  # no cell goes on over a page break
    assert set(laid.starts) <= cells  # each page starts on a row (the header row repeats above it)
    path = tmp_path / "out.docx"
    DocxWriter().write(document, path, "test/document")
    rows = docx.Document(str(path)).tables[0].rows
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_the_docx_breaks_its_columns_where_the_pdf_does(tmp_path):
    items = "".join(f"<li>Fictional Coastal Network {i:03d}</li>" for i in range(1, 31))
    document = document_from_html(f'<p>Before.</p><div class="columns-3"><ul class="signatory-list">{items}</ul></div>')
    laid = PdfWriter().page_map(document, "test")
    assert len(laid.columns) == 2  # one page, three columns: two of them start after the first
    names = {number: element.text for number, element in ordinals(document.tree.find("body"))}
    path = tmp_path / "out.docx"
    DocxWriter().write(dataclasses.replace(document, column_starts=laid.columns), path, "test/document")
    word = docx.Document(str(path))
    broken = [p.text.strip() for p in word.paragraphs
              if any(br.get(qn("w:type")) == "column" for br in p._p.iter(qn("w:br")))]
    assert broken == [names[number] for number in laid.columns]
