"""The WordprocessingML python-docx 1.2 has no API for, built on its own elements.

Each helper writes one OOXML construct and says why python-docx cannot. Where
a child must go in its parent's schema order and python-docx declares no
property for it, it goes in with `insert_element_before` and the successors
the schema gives it (ECMA-376 Part 1, §17), listed once here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.section import CT_SectPr
from docx.oxml.shape import CT_Inline
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Length, Pt
from docx.table import _Row
from docx.text.paragraph import Paragraph

from briefkit.errors import WriterError

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# The children that follow, in the schema's order, those python-docx does not model.
_AFTER = {
    ("w:pPr", "w:bidi"): ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                          "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                          "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                          "w:pPrChange"),
    ("w:sectPr", "w:bidi"): ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
    ("w:sectPr", "w:cols"): ("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                             "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
    ("w:rPr", "w:spacing"): ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                             "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    ("w:rPr", "w:szCs"): ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                          "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    ("w:rPr", "w:lang"): ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
    ("w:pPr", "w:rPr"): ("w:sectPr", "w:pPrChange"),
    ("w:rPr", "w:sz"): ("w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                        "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    ("w:trPr", "w:tblHeader"): ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange"),
    ("w:trPr", "w:cantSplit"): ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins",
                                "w:del", "w:trPrChange"),
}


def _put(parent: BaseOxmlElement, tag: str, attrs: dict[str, str] | None = None) -> BaseOxmlElement:
    """The child `tag` of `parent` (added where the schema wants it if missing), its attributes set."""
    child = parent.find(qn(tag))
    if child is None:
        parent_tag = parent.prefix + ":" + parent.tag.rsplit("}", 1)[-1]
        child = parent.insert_element_before(OxmlElement(tag), *_AFTER[(parent_tag, tag)])
    for key, value in (attrs or {}).items():
        child.set(qn(key), value)
    return child


# -- runs --------------------------------------------------------------------------------------

def letter_spacing(rpr: CT_RPr, twentieths: int) -> None:
    """w:rPr/w:spacing: the space between letters (python-docx's Font has no such property)."""
    _put(rpr, "w:spacing", {"w:val": str(twentieths)})


def complex_script_size(rpr: CT_RPr, size: Length) -> None:
    """w:rPr/w:szCs: the size of right-to-left text (python-docx sets w:sz only)."""
    _put(rpr, "w:szCs", {"w:val": str(int(size.pt * 2))})


def run_language(rpr: CT_RPr, tags: dict[str, str]) -> None:
    """w:rPr/w:lang: a run's language, Latin, East Asian or bidi (python-docx has no language API)."""
    _put(rpr, "w:lang", {f"w:{key}": value for key, value in tags.items()})


def deleted_text(text: str) -> BaseOxmlElement:
    """w:delText: the text of a tracked deletion (python-docx writes only w:t)."""
    element = OxmlElement("w:delText")
    element.set(_XML_SPACE, "preserve")
    element.text = text
    return element


def alternative_text(inline: CT_Inline, alt: str, file_name: str) -> None:
    """wp:docPr/@descr and @name: what Word's Alt Text pane shows and screen readers read
    (python-docx's add_picture gives none)."""
    inline.docPr.set("descr", alt)
    inline.docPr.set("name", alt[:60] or file_name)


# -- paragraphs and sections ------------------------------------------------------------------

def paragraph_bidi(p: CT_P) -> None:
    """w:pPr/w:bidi: the paragraph runs right to left (python-docx 1.2 has no paragraph direction)."""
    _put(p.get_or_add_pPr(), "w:bidi")


def section_bidi(sectpr: CT_SectPr) -> None:
    """w:sectPr/w:bidi: a section's columns and page furniture run right to left (not in python-docx)."""
    _put(sectpr, "w:bidi")


def set_columns(sectpr: CT_SectPr, count: int) -> None:
    """w:sectPr/w:cols: text columns (python-docx has no columns API), 12pt apart as CSS column-gap."""
    _put(sectpr, "w:cols", {"w:num": str(count), "w:space": "240"})


def end_section_at(word: docx.Document, paragraph: Paragraph, columns: int) -> None:
    """A w:sectPr inside `paragraph`'s properties, ending a section there with `columns` columns;
    the next section starts continuous (python-docx adds sections only at the end, with a break)."""
    sectpr = copy.deepcopy(word.element.body.sectPr)
    set_columns(sectpr, columns)
    paragraph._p.get_or_add_pPr().append(sectpr)
    word.sections[-1].start_type = WD_SECTION.CONTINUOUS


def close_last_section(word: docx.Document) -> None:
    """When the document ends with the end of a columns section, an empty last section follows it
    (it carries the body's own properties). Word and LibreOffice give that section a paragraph of
    the default style, which can take a page of its own; this gives it one no taller than a point."""
    body = word.element.body
    last = body.sectPr.getprevious() if body.sectPr is not None else None
    if last is None or last.tag != qn("w:p") or last.find(qn("w:pPr") + "/" + qn("w:sectPr")) is None:
        return
    paragraph = Paragraph(body.sectPr.makeelement(qn("w:p"), {}), word._body)
    body.sectPr.addprevious(paragraph._p)
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(1)
    _put(_put(paragraph._p.get_or_add_pPr(), "w:rPr"), "w:sz", {"w:val": "2"})  # its mark: 1 pt


def page_number_footer(section: Section, parts: list[str], run_for: Callable[[str], list]) -> Paragraph:
    """The footer's "page N of M": w:fldSimple PAGE and NUMPAGES fields between the label's words
    (python-docx has no fields). `run_for(text)` makes the runs of the words."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "bk-page-number"
    for part in parts:
        if part in ("{page}", "{pages}"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE" if part == "{page}" else "NUMPAGES")
            field.append(OxmlElement("w:r"))
            field[-1].add_t("1")
            paragraph._p.append(field)
        else:
            paragraph._p.extend(run_for(part))
    return paragraph


def document_language(word: docx.Document, tags: dict[str, str]) -> None:
    """w:docDefaults/w:rPrDefault/w:rPr/w:lang: the language every run has unless it says otherwise."""
    rpr = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    run_language(rpr, tags)


def repeat_header(row: _Row) -> None:
    """w:trPr/w:tblHeader: a header row, repeated on each page the table runs onto (python-docx
    reads table rows but sets no header flag)."""
    _put(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_row_together(row: _Row) -> None:
    """w:trPr/w:cantSplit: a row moves to the next page whole, as the stylesheet's
    `tr { break-inside: avoid }` moves it in the PDF, so that no row leaves its date on one page and
    its text on the next."""
    _put(row._tr.get_or_add_trPr(), "w:cantSplit")


# -- tracked changes and footnotes ------------------------------------------------------------

class Revisions:
    """Tracked changes: w:ins and w:del (python-docx has no revisions), with the coalition as author
    and the document's date. Accepting every change in Word or LibreOffice leaves the proposed text,
    rejecting every change the current one (see redline.py)."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.next_id = 1

    def wrap(self, run: CT_R, change: str) -> BaseOxmlElement:
        mark = OxmlElement(f"w:{change}")
        for key, value in (("w:id", str(self.next_id)), ("w:author", self.author), ("w:date", self.date)):
            mark.set(qn(key), value)
        self.next_id += 1
        mark.append(run)
        return mark


class Footnotes:
    """Real Word footnotes, numbered in order of their calls as the PDF numbers its own: w:footnote
    elements in the reference document's footnotes part (python-docx has no footnotes API)."""

    def __init__(self, word: docx.Document, style_ids: dict[str, str], rtl: bool) -> None:
        part = next((rel.target_part for rel in word.part.rels.values() if rel.reltype == RT.FOOTNOTES),
                    None)
        if part is None or not hasattr(part, "element"):
            raise WriterError("the reference document has no footnotes part",
                              hint="regenerate it with tools/make_reference_docx.py")
        self.root = part.element
        self.text_style = style_ids["footnote text"]
        self.mark_style = style_ids["footnote reference"]
        self.rtl = rtl
        self.next_id = 1

    def add(self, content_runs: list[CT_R]) -> CT_R:
        """Append a footnote holding `content_runs`; return the run that calls it."""
        note_id = str(self.next_id)
        self.next_id += 1
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), note_id)
        p = OxmlElement("w:p")
        note.append(p)
        p.get_or_add_pPr().style = self.text_style
        if self.rtl:
            paragraph_bidi(p)
        p.append(self._mark("w:footnoteRef", {}))
        separator = OxmlElement("w:r")
        separator.add_t(" ").set(_XML_SPACE, "preserve")
        p.append(separator)
        p.extend(content_runs)
        self.root.append(note)
        return self._mark("w:footnoteReference", {"w:id": note_id})

    def _mark(self, tag: str, attrs: dict[str, str]) -> CT_R:
        r = OxmlElement("w:r")
        r.get_or_add_rPr().style = self.mark_style
        mark = OxmlElement(tag)
        for key, value in attrs.items():
            mark.set(qn(key), value)
        r.append(mark)
        return r
