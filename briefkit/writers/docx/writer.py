"""DOCX writer: walks the same semantic HTML as the PDF writer and builds Word paragraphs.

Styles come from briefkit/assets/reference.docx. A block element takes the
Word style `bk-<class>` for the nearest class (its own, then its ancestors')
that the reference document defines, else the default for its tag. Page size
and margins come from the document's meta lines, as in the PDF.

Right to left: a block whose direction (`dir` on it or an ancestor) is rtl
becomes a paragraph with w:bidi, a table with w:bidiVisual, and a document
whose <html dir="rtl"> gets sections with w:bidi (columns flow right to
left). Text is cut into runs by direction: runs of right-to-left script get
w:rtl and w:lang w:bidi, and their bold, italic and size also as the complex
script properties (w:bCs, w:iCs, w:szCs) that Word uses for them. A passage
in another language (`lang` on a span or block) gets its w:lang.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_DIRECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import PartFactory, XmlPart
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from briefkit.errors import BriefkitError, WriterError
from briefkit.filerule import IMAGE, check_campaign_path
from briefkit.render import vocabulary
from briefkit.render.document import Document
from briefkit.resources import REFERENCE_DOCX
from briefkit.writers import Writer
from briefkit.writers.docx import wordml
from briefkit.writers.docx.inline import (
    SPACE,
    Format,
    Segment,
    classes,
    collapse,
    segments,
    segments_of,
)
from briefkit.writers.docx.package import (
    BULLET_NUM,
    core_properties,
    restart_numbering,
    revision_date,
    save,
    set_numbering,
)
from briefkit.writers.docx.paging import Breaks
from briefkit.writers.docx.runs import MARK_STYLES, Languages, add_hyperlink, picture, runs
from briefkit.writers.docx.scale import scale_type
from briefkit.writers.geometry import page_setup

HEADING_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
_COLUMNS = re.compile(r"^columns-(\d)$")


class DocxWriter(Writer):
    """Writes each document over the styles of reference.docx, read once per writer."""

    name = "docx"

    def __init__(self, strict: bool = False) -> None:
        super().__init__(strict)
        self.reference = REFERENCE_DOCX.read_bytes()
        # python-docx has no footnotes part of its own; load ours as XML so notes can be added to it.
        PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)

    def write(self, document: Document, path: Path, shown: str) -> None:
        word = docx.Document(io.BytesIO(self.reference))
        setup = page_setup(document)
        section = word.sections[0]
        section.page_width, section.page_height = Mm(setup.width_mm), Mm(setup.height_mm)
        section.top_margin, section.bottom_margin = Mm(setup.top_mm), Mm(setup.bottom_mm)
        section.left_margin, section.right_margin = Mm(setup.left_mm), Mm(setup.right_mm)
        section.footer_distance = Mm(max(setup.bottom_mm / 2 - 2, 4))
        languages = Languages(document)
        if languages.rtl:
            wordml.section_bidi(section._sectPr)
        if setup.page_numbers:
            footer = wordml.page_number_footer(section, setup.page_label_parts(),
                                               lambda text: runs(text, Format(), languages))
            if languages.rtl:
                wordml.paragraph_bidi(footer._p)
        wordml.document_language(word, languages.document_language())
        core_properties(word, document)
        body = document.tree.find("body")
        if body is None:
            raise WriterError(f"the {document.kind} for {document.audience} has no <body>")
        revisions = wordml.Revisions(document.meta("author") or "briefkit", revision_date(document))
        try:
            _Walker(word, revisions, languages, document).blocks(body)
        except WriterError as exc:  # markup the walker cannot place: say which template made it
            raise WriterError(f"{document.template or document.kind}: {exc.message}", hint=exc.hint) from exc
        wordml.close_last_section(word)
        scale_type(word, setup.scale)
        save(word, path, document)


class _Walker:
    """Turns block elements into Word paragraphs and tables, in document order."""

    def __init__(self, word: docx.Document, revisions: wordml.Revisions, languages: Languages,
                 document: Document) -> None:
        self.word = word
        self.document = document
        self.campaign_root = document.campaign_root
        self.revisions = revisions
        self.languages = languages
        # python-docx looks a style up by scanning every style on each assignment; for a
        # briefing that is most of the writing time, so map names to ids once.
        self.style_ids = {style.name: style.style_id for style in word.styles}
        self.body_end = word.element.body.sectPr  # new blocks go before the final section properties
        self.footnotes = wordml.Footnotes(word, self.style_ids, languages.rtl)
        # A redline's <del>/<ins> as Word's tracked changes (settings.redline: tracked), or as struck and
        # underlined words that every DOCX reader shows (marked, also when a template gives no meta).
        self.tracked = document.meta("briefkit-redline") == "tracked"
        self.last_paragraph: Paragraph | None = None
        self.breaks = Breaks(document)  # where the PDF's pages and columns begin (paging.py)

    # -- blocks ---------------------------------------------------------------

    def blocks(self, parent: etree._Element) -> None:
        self._loose_text(parent.text, parent)
        for child in parent:
            if isinstance(child.tag, str):
                self.block(child)
            self._loose_text(child.tail, parent)

    def block(self, el: etree._Element) -> None:
        """Write one element, by the role the vocabulary gives its tag."""
        role = vocabulary.ELEMENTS.get(el.tag)
        handler = _Walker.standalone if role in vocabulary.INLINE_ROLES else self.HANDLERS.get(role)
        if handler is None:
            where = ("may stand only inside its list or table" if role in _WRITTEN_BY_PARENT
                     else "has no DOCX handler")
            raise WriterError(f"<{el.tag}> {where}",
                              hint="a template may use only the elements of the vocabulary, each where "
                                   "HTML allows it (docs/templates.md, The template vocabulary)")
        handler(self, el)

    def heading(self, el: etree._Element) -> None:
        self.paragraph(el, self.style_for(el, HEADING_STYLES[el.tag]))

    def paragraph_block(self, el: etree._Element) -> None:
        self.paragraph(el, self.style_for(el, "Quote" if _inside(el, "blockquote") else "Normal"))

    def container(self, el: etree._Element) -> None:
        columns = next((int(m.group(1)) for c in classes(el) if (m := _COLUMNS.match(c))), 0)
        if columns:
            self.start_columns(columns)
        self.blocks(el)
        if columns:
            self.end_columns(columns)

    def standalone(self, el: etree._Element) -> None:
        """An inline element standing alone between blocks gets its own paragraph (a break, none)."""
        if el.tag != "br":
            self.paragraph(el, self.style_for(el, "Normal"), include_self=True)

    def _loose_text(self, text: str | None, parent: etree._Element) -> None:
        if text and text.strip():
            paragraph = self.new_paragraph(self.style_for(parent, "Normal"), _rtl(parent))
            self.fill(paragraph, [Segment(text, self.base(parent))])

    def paragraph(self, el: etree._Element, style: str, include_self: bool = False) -> Paragraph:
        paragraph = self.new_paragraph(style, _rtl(el))
        self.page_start(paragraph, el)
        base = self.base(el.getparent() if include_self and el.getparent() is not None else el)
        content = segments_of(el, base) if include_self else segments(el, base)
        self.fill(paragraph, content)
        return paragraph

    def base(self, el: etree._Element, **kwargs) -> Format:
        """The format a block's text starts with: its language, when not the document's."""
        lang = _lang(el)
        return Format(lang=lang if lang and lang != self.languages.lang else None, **kwargs)

    def new_paragraph(self, style: str, rtl: bool = False) -> Paragraph:
        # Built with lxml directly: python-docx's generic insertion is the slow part of a briefing.
        p = self.body_end.makeelement(qn("w:p"), {})
        self.body_end.addprevious(p)
        paragraph = Paragraph(p, self.word._body)
        self.set_style(paragraph, style)
        if rtl:
            wordml.paragraph_bidi(p)
        self.last_paragraph = paragraph
        return paragraph

    def page_start(self, paragraph: Paragraph, el: etree._Element) -> None:
        self.breaks.apply(paragraph, el)

    def set_style(self, paragraph: Paragraph, style: str) -> None:
        paragraph._p.get_or_add_pPr().style = self.style_ids[style]

    def list_block(self, el: etree._Element) -> None:
        self.list(el, level=0, num_id=None)

    def list(self, el: etree._Element, level: int, num_id: int | None) -> None:
        ordered = el.tag == "ol"
        default = "List Number" if ordered else "List Bullet"
        if ordered and num_id is None:
            num_id = restart_numbering(self.word)
        for li in el:
            if not isinstance(li.tag, str):
                continue
            if li.tag != "li":
                raise WriterError(f"<{el.tag}> may only hold <li> items, not <{li.tag}>")
            style = self.style_for(li, default)
            paragraph = self.new_paragraph(style, _rtl(li))
            self.page_start(paragraph, li)
            if style == default and level:
                set_numbering(paragraph, num_id or BULLET_NUM, level)
            elif style == default and ordered:
                set_numbering(paragraph, num_id, level)
            self.fill(paragraph, segments(li, self.base(li), skip={"ul", "ol"}))
            for nested in li:
                if isinstance(nested.tag, str) and nested.tag in ("ul", "ol"):
                    self.list(nested, level + 1, num_id if nested.tag == "ol" else None)

    def table(self, el: etree._Element) -> None:
        rows = [tr for tr in el.iter("tr")]
        if not rows:
            return
        grid = [[cell for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
                for tr in rows]
        columns = max(len(r) for r in grid)
        table = self.word.add_table(rows=len(grid), cols=columns)
        style = next((f"bk-table-{c}" for c in classes(el) if f"bk-table-{c}" in self.style_ids),
                     "Table Grid")
        table._tbl.tblStyle_val = self.style_ids[style]
        table.autofit = False
        if _rtl(el):
            table.table_direction = WD_TABLE_DIRECTION.RTL  # w:bidiVisual: the first column on the right
        widths = _column_widths(el, grid, columns, self.text_width())
        for r, (tr, cells) in enumerate(zip(rows, grid)):
            if tr.getparent() is not None and tr.getparent().tag == "thead":
                wordml.repeat_header(table.rows[r])
            wordml.keep_row_together(table.rows[r])
            for c in range(columns):
                table.columns[c].width = widths[c]
                cell = table.cell(r, c)
                cell.width = widths[c]
                if c < len(cells):
                    self.cell(cell, cells[c])
        self.last_paragraph = None

    def cell(self, cell: _Cell, el: etree._Element) -> None:
        blocks = [child for child in el if isinstance(child.tag, str) and child.tag == "p"]
        first = cell.paragraphs[0]
        self.page_start(first, el)
        if not blocks:
            self.set_style(first, self.style_for(el, "Normal"))
            if _rtl(el):
                wordml.paragraph_bidi(first._p)
            self.fill(first, segments(el, self.base(el, bold=el.tag == "th")))
            return
        for index, p in enumerate(blocks):
            paragraph = first if index == 0 else cell.add_paragraph()
            self.set_style(paragraph, self.style_for(p, "Normal"))
            if _rtl(p):
                wordml.paragraph_bidi(paragraph._p)
            self.fill(paragraph, segments(p, self.base(p, bold=el.tag == "th")))

    def text_width(self) -> Length:
        section = self.word.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    # -- columns --------------------------------------------------------------

    def start_columns(self, count: int) -> None:
        """End the current one-column section at the last paragraph; what follows has `count` columns."""
        if self.last_paragraph is None:
            self.last_paragraph = self.new_paragraph("Normal")
        wordml.end_section_at(self.word, self.last_paragraph, columns=1)
        wordml.set_columns(self.word.sections[-1]._sectPr, count)

    def end_columns(self, count: int) -> None:
        if self.last_paragraph is None:
            raise WriterError("a columns container must hold at least one paragraph")
        wordml.end_section_at(self.word, self.last_paragraph, columns=count)
        wordml.set_columns(self.word.sections[-1]._sectPr, 1)

    # -- inline ---------------------------------------------------------------

    def fill(self, paragraph: Paragraph, segments: list[Segment]) -> None:
        p = paragraph._p
        for segment in collapse(segments):
            if segment.is_break:
                p.add_r().add_br()
            elif segment.note is not None:
                p.append(self.footnotes.add([run for part in collapse(segment.note)
                                             if part.note is None and not part.is_break
                                             for run in runs(part.text, part.fmt, self.languages)]))
            elif segment.image is not None:
                picture(paragraph, self.image_file(segment.image.src), segment.image.height_px,
                        segment.image.alt)
            elif segment.href:
                add_hyperlink(paragraph, segment, self.languages)
            else:
                fmt = segment.fmt
                if fmt.change and not self.tracked:  # a marked redline: struck and underlined words
                    fmt = replace(fmt, change=None, mark=fmt.change)
                for run in runs(segment.text, fmt, self.languages, self.char_style(fmt)):
                    p.append(self.revisions.wrap(run, fmt.change) if fmt.change else run)

    def image_file(self, src: str) -> Path:
        """The file an <img> names, proven to be a regular file inside the campaign (as the PDF's fetcher does)."""
        try:
            return check_campaign_path(self.campaign_root, src, IMAGE, src)
        except BriefkitError as exc:  # the file rule's words, as composing gives them for both formats
            raise WriterError(f"cannot place the image {src}: {exc.message}", path=exc.path,
                              hint=exc.hint) from exc

    def char_style(self, fmt: Format) -> str | None:
        """The id of the Word character style: Deleted Text or Inserted Text for marked words, else
        `bk-<class>` for a span's class, if the reference has one."""
        if fmt.mark:
            return self.style_ids[MARK_STYLES[fmt.mark]]
        return self.style_ids.get(f"bk-{fmt.char_style}") if fmt.char_style else None

    def style_for(self, el: etree._Element, default: str) -> str:
        node = el
        while node is not None:
            for cls in classes(node):
                if f"bk-{cls}" in self.style_ids:
                    return f"bk-{cls}"
            node = node.getparent()
        return default


_Walker.HANDLERS = {"container": _Walker.container, "heading": _Walker.heading,
                    "paragraph": _Walker.paragraph_block, "quotation": _Walker.blocks,
                    "list": _Walker.list_block, "table": _Walker.table}
# Roles written by their parents, never met as a block: a list's items, a table's rows and cells.
_WRITTEN_BY_PARENT = {"document", "item", "table-part", "cell"}


def _rtl(el: etree._Element) -> bool:
    """Whether the nearest `dir` (on the element or an ancestor) is rtl."""
    for node in (el, *el.iterancestors()):
        if node.get("dir"):
            return node.get("dir") == "rtl"
    return False


def _lang(el: etree._Element) -> str | None:
    for node in (el, *el.iterancestors()):
        if node.get("lang"):
            return node.get("lang")
    return None


def _inside(el: etree._Element, tag: str) -> bool:
    return any(a.tag == tag for a in el.iterancestors())


def _column_widths(table: etree._Element, grid: list[list[etree._Element]], columns: int,
                   total) -> list:
    """Widths from <col width="N%"> when the template gives them (the PDF obeys the same),
    else in proportion to each column's longest text, as CSS auto layout roughly does."""
    declared = [col.get("width", "") for col in table.iter("col")]
    if len(declared) == columns and all(re.fullmatch(r"\d+(\.\d+)?%", w) for w in declared):
        percents = [float(w[:-1]) for w in declared]
        return [int(total * p / sum(percents)) for p in percents]
    weights = []
    for c in range(columns):
        longest = max((len(SPACE.sub(" ", "".join(row[c].itertext())).strip())
                       for row in grid if c < len(row)), default=0)
        weights.append(min(max(longest, 8), 60))
    scale = sum(weights)
    return [int(total * w / scale) for w in weights]


