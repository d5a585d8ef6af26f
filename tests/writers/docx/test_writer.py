import datetime as dt

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Pt, Mm

from briefkit.errors import WriterError
from briefkit.writers.docx.writer import DocxWriter
from tests.helpers import document_from_html, docx_text


def write(tmp_path, body, **kwargs):
    path = tmp_path / "out.docx"
    DocxWriter().write(document_from_html(body, **kwargs), path, "test/document")
    return docx.Document(str(path)), path


def test_blocks_take_word_styles_from_tags_and_classes(tmp_path):
    word, _ = write(tmp_path, """
        <h1>Title</h1><h2>Part</h2><h3>Sub</h3>
        <p class="date">29 July 2024</p>
        <div class="addressee"><p>The Chair</p></div>
        <blockquote><p>Quoted words</p><p class="attribution">Speaker</p></blockquote>
        <p>Plain</p>""")
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert styles == [("Heading 1", "Title"), ("Heading 2", "Part"), ("Heading 3", "Sub"),
                      ("bk-date", "29 July 2024"), ("bk-addressee", "The Chair"),
                      ("Quote", "Quoted words"), ("bk-attribution", "Speaker"), ("Normal", "Plain")]


def test_inline_formatting_and_whitespace_follow_html(tmp_path):
    word, _ = write(tmp_path, "<p>\n  Ask  <strong>firmly</strong>,\n <em>now</em> <br>again </p>")
    paragraph = word.paragraphs[0]
    assert paragraph.text == "Ask firmly, now\nagain"
    runs = {r.text: r for r in paragraph.runs}
    assert runs["firmly"].bold and runs["now"].italic


def test_each_ordered_list_restarts_at_one(tmp_path):
    word, _ = write(tmp_path, "<ol><li>a</li><li>b</li></ol><p>x</p><ol><li>c</li></ol>"
                              "<ul><li>bullet</li></ul>")
    num_ids = [p._p.pPr.numPr.numId.val if p._p.pPr.numPr is not None else None
               for p in word.paragraphs]
    assert num_ids[0] == num_ids[1] != num_ids[3]
    numbering = word.part.numbering_part.element
    for num_id in (num_ids[0], num_ids[3]):
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"
    assert word.paragraphs[4].style.name == "List Bullet"


def test_columns_become_a_continuous_section_with_columns(tmp_path):
    word, _ = write(tmp_path, '<p>Before</p><div class="columns-3"><ul class="signatory-list">'
                              "<li>One</li><li>Two</li></ul></div>")
    sections = word.sections
    assert len(sections) == 3
    cols = [s._sectPr.find(qn("w:cols")) for s in sections]
    assert [c.get(qn("w:num")) if c is not None else "1" for c in cols] == ["1", "3", "1"]
    assert sections[1].start_type == sections[2].start_type == WD_SECTION.CONTINUOUS
    assert [p.style.name for p in word.paragraphs[1:3]] == ["bk-signatory-list"] * 2
    # The empty last section gets a paragraph of one point, so that it cannot take a page of its own.
    closing = word.paragraphs[3]
    assert closing.text == "" and closing.paragraph_format.line_spacing == Pt(1)


def test_tables_keep_cells_header_and_declared_widths(tmp_path):
    word, _ = write(tmp_path, '<table class="timeline"><colgroup><col width="25%"><col width="75%">'
                              "</colgroup><thead><tr><th>When</th><th>What</th></tr></thead>"
                              "<tbody><tr><td>2022</td><td>Talks begin.</td></tr></tbody></table>")
    table = word.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["When", "What"], ["2022", "Talks begin."]]
    assert table.style.name == "bk-table-timeline"
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    widths = [table.rows[1].cells[i].width for i in range(2)]
    assert abs(widths[1] / widths[0] - 3) < 0.01


def test_page_geometry_and_metadata_come_from_the_html(tmp_path):
    word, _ = write(tmp_path, "<p>x</p>", paper="Letter", margins="10mm 15mm 20mm 25mm",
                    page_numbers="yes")
    section = word.sections[0]
    assert abs(section.page_width - Mm(215.9)) < Mm(0.1)
    assert abs(section.page_height - Mm(279.4)) < Mm(0.1)
    assert [round(m / 36000) for m in (section.top_margin, section.right_margin,
                                       section.bottom_margin, section.left_margin)] == [10, 15, 20, 25]
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    props = word.core_properties
    assert (props.title, props.author, props.subject, props.keywords, props.language) == \
        ("Test title", "Test Coalition", "Test subject", "one, two", "en")
    assert props.created == dt.datetime(2024, 7, 29, tzinfo=dt.timezone.utc)


def test_links_are_real_hyperlinks(tmp_path):
    word, path = write(tmp_path, '<p>See <a href="https://example.org/x">the text</a>.</p>')
    assert word.paragraphs[0]._p.find(qn("w:hyperlink")) is not None
    assert "https://example.org/x" in [r.target_ref for r in word.part.rels.values()]
    assert docx_text(path) == "See the text."


def test_a_list_holding_something_other_than_items_is_an_error(tmp_path):
    with pytest.raises(WriterError, match="only hold <li>"):
        write(tmp_path, "<ul><p>not an item</p></ul>")


def test_notes_become_numbered_word_footnotes(tmp_path):
    word, path = write(tmp_path, '<p>Claim one.<span class="note">Source <em>A</em>, line 3.</span> '
                                 'Claim two.<span class="note">Source B.</span></p><p>After.</p>')
    from tests.helpers import docx_footnotes

    assert word.paragraphs[0].text == "Claim one. Claim two."
    refs = word.paragraphs[0]._p.findall(".//" + qn("w:footnoteReference"))
    assert [r.get(qn("w:id")) for r in refs] == ["1", "2"]
    assert docx_footnotes(path) == ["Source A, line 3.", "Source B."]


ARABIC = "نطلب من الدول"


def test_right_to_left_paragraphs_runs_lists_tables_and_sections(tmp_path):
    word, _ = write(tmp_path, f"""
        <p>{ARABIC} <strong>بوضوح</strong> <em>تام</em> Human Rights Watch.</p>
        <ol><li>{ARABIC}</li></ol>
        <table><tbody><tr><td>التاريخ</td><td>2022</td></tr></tbody></table>""",
        lang="ar", direction="rtl", locale="ar_EG")
    paragraph, item = word.paragraphs[0], word.paragraphs[1]
    for p in (paragraph, item):
        assert p._p.pPr.find(qn("w:bidi")) is not None
    runs = {r.text: r._r for r in paragraph.runs}
    arabic = runs[ARABIC + " "]
    assert arabic.rPr.find(qn("w:rtl")) is not None
    assert arabic.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-EG"
    bold = runs["بوضوح"].rPr
    assert bold.find(qn("w:b")) is not None and bold.find(qn("w:bCs")) is not None  # bold holds in Arabic
    italic = runs["تام"].rPr
    assert italic.find(qn("w:i")) is not None and italic.find(qn("w:iCs")) is not None
    latin = next(r for text, r in runs.items() if "Human Rights Watch" in text)
    assert latin.rPr is None or latin.rPr.find(qn("w:rtl")) is None  # Latin words stay left to right
    table = word.tables[0]._tbl
    assert table.tblPr.find(qn("w:bidiVisual")) is not None  # the first column on the right
    assert table.find(".//" + qn("w:p")).pPr.find(qn("w:bidi")) is not None
    assert word.sections[0]._sectPr.find(qn("w:bidi")) is not None
    defaults = word.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert defaults.get(qn("w:bidi")) == "ar-EG"


def test_left_to_right_documents_get_no_bidi_and_passages_get_their_language(tmp_path):
    word, _ = write(tmp_path, '<p>Nous demandons <span lang="en">the Convention as a whole</span>.</p>',
                    lang="fr", locale="fr_FR")
    p = word.paragraphs[0]._p
    assert p.pPr.find(qn("w:bidi")) is None and not p.findall(".//" + qn("w:rtl"))
    passage = next(r for r in word.paragraphs[0].runs if r.text == "the Convention as a whole")
    assert passage._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert word.sections[0]._sectPr.find(qn("w:bidi")) is None


def test_an_english_passage_in_an_arabic_document_is_a_left_to_right_paragraph(tmp_path):
    word, _ = write(tmp_path, '<p lang="en" dir="ltr">The draft lets authorities collect data.</p>',
                    lang="ar", direction="rtl")
    p = word.paragraphs[0]
    assert p._p.pPr.find(qn("w:bidi")) is None
    assert p.runs[0]._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_the_page_label_is_in_the_documents_words(tmp_path):
    word, _ = write(tmp_path, "<p>نص</p>", page_numbers="yes", lang="ar", direction="rtl",
                    page_label="الصفحة {page} من {pages}")
    footer = word.sections[0].footer.paragraphs[0]._p
    parts = [el.get(qn("w:instr")) if el.tag == qn("w:fldSimple") else el.findtext(qn("w:t"))
             for el in footer if el.tag in (qn("w:r"), qn("w:fldSimple"))]
    assert parts == ["الصفحة ", "PAGE", " من ", "NUMPAGES"]
    assert footer.pPr.find(qn("w:bidi")) is not None


def test_text_is_cut_into_runs_by_direction():
    from briefkit.writers.docx.runs import by_direction as _by_direction

    assert _by_direction("Plain English, 2024.") == [("Plain English, 2024.", False)]
    assert _by_direction("29 يوليو 2024 Human Rights Watch، نعم") == [
        ("29 يوليو 2024 ", True), ("Human Rights Watch", False), ("، نعم", True)]


def test_an_image_is_placed_only_from_inside_the_campaign(tmp_path):
    from PIL import Image

    root = tmp_path / "campaign"
    (root / "assets").mkdir(parents=True)
    Image.new("RGB", (30, 10), "red").save(root / "assets" / "logo.png")
    Image.new("RGB", (30, 10), "red").save(tmp_path / "outside.png")
    (root / "assets" / "link.png").symlink_to(tmp_path / "outside.png")
    word, _ = write(tmp_path, '<p><img src="assets/logo.png" alt="Our logo" height="30"> Text</p>', root=root)
    [shape] = word.inline_shapes
    assert (shape._inline.docPr.get("descr"), shape.height, shape.width) == ("Our logo", 30 * 9525, 90 * 9525)
    assert word.paragraphs[0].text == " Text"
    with pytest.raises(WriterError, match="cannot place the image assets/link.png: this image links to a file "
                                          "outside the campaign folder"):
        write(tmp_path, '<p><img src="assets/link.png" alt="Linked"></p>', root=root)
