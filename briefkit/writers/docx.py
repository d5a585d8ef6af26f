"""DOCX writer: walks the same semantic HTML as the PDF writer and builds Word paragraphs.

Styles come from briefkit/assets/reference.docx. A block element takes the
Word style `bk-<class>` for the nearest class (its own, then its ancestors')
that the reference document defines, else the default for its tag. Page size
and margins come from the document's meta lines, as in the PDF.
"""

from __future__ import annotations

import copy
import io
import datetime as dt
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import PartFactory, XmlPart
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from briefkit.compose import Document
from briefkit.errors import WriterError
from briefkit.writers import Writer
from briefkit.writers.geometry import page_setup

REFERENCE = Path(__file__).resolve().parent.parent / "assets" / "reference.docx"
HEADING_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
CONTAINERS = {"header", "footer", "section", "div"}
_SPACE = re.compile(r"\s+")
_COLUMNS = re.compile(r"^columns-(\d)$")
_DECIMAL_ABSTRACT = "1"  # see tools/make_reference_docx.py
_BULLET_NUM = "2"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_REFERENCE_BYTES = REFERENCE.read_bytes()
# python-docx has no footnotes part of its own; load ours as XML so notes can be added to it.
PartFactory.part_type_for.setdefault(CT.WML_FOOTNOTES, XmlPart)


@dataclass(frozen=True)
class Format:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    superscript: bool = False
    small: bool = False
    char_style: str | None = None  # a Word character style, from a <span class="…">
    change: str | None = None  # "ins" or "del": a tracked change


@dataclass
class Segment:
    """A piece of a paragraph: text with formatting, a line break, a link, or a footnote."""

    text: str
    fmt: Format
    href: str | None = None
    is_break: bool = False
    note: list[Segment] | None = None  # the content of a footnote called here


class DocxWriter(Writer):
    name = "docx"
    suffix = ".docx"

    def write(self, document: Document, path: Path) -> None:
        word = docx.Document(io.BytesIO(_REFERENCE_BYTES))
        setup = page_setup(document)
        section = word.sections[0]
        section.page_width, section.page_height = Mm(setup.width_mm), Mm(setup.height_mm)
        section.top_margin, section.bottom_margin = Mm(setup.top_mm), Mm(setup.bottom_mm)
        section.left_margin, section.right_margin = Mm(setup.left_mm), Mm(setup.right_mm)
        section.footer_distance = Mm(max(setup.bottom_mm / 2 - 2, 4))
        if setup.page_numbers:
            _page_number_footer(section)
        _set_language(word, document.lang)
        _core_properties(word, document)
        body = document.tree.find("body")
        if body is None:
            raise WriterError(f"the {document.kind} for {document.audience} has no <body>")
        revisions = _Revisions(document.meta("author") or "briefkit", _revision_date(document))
        _Walker(word, revisions).blocks(body)
        _save(word, path, _zip_time(document))


class _Walker:
    """Turns block elements into Word paragraphs and tables, in document order."""

    def __init__(self, word: docx.Document, revisions: _Revisions) -> None:
        self.word = word
        self.revisions = revisions
        # python-docx looks a style up by scanning every style on each assignment; for a
        # briefing that is most of the writing time, so map names to ids once.
        self.style_ids = {style.name: style.style_id for style in word.styles}
        self.body_end = word.element.body.sectPr  # new blocks go before the final section properties
        self.footnotes = _Footnotes(word, self.style_ids)
        self.last_paragraph: Paragraph | None = None

    # -- blocks ---------------------------------------------------------------

    def blocks(self, parent: etree._Element) -> None:
        self._loose_text(parent.text, parent)
        for child in parent:
            if isinstance(child.tag, str):
                self.block(child)
            self._loose_text(child.tail, parent)

    def block(self, el: etree._Element) -> None:
        tag = el.tag
        if tag in HEADING_STYLES:
            self.paragraph(el, self.style_for(el, HEADING_STYLES[tag]))
        elif tag == "p":
            default = "Quote" if _inside(el, "blockquote") else "Normal"
            self.paragraph(el, self.style_for(el, default))
        elif tag in ("ul", "ol"):
            self.list(el, level=0, num_id=None)
        elif tag == "blockquote":
            self.blocks(el)
        elif tag == "table":
            self.table(el)
        elif tag in CONTAINERS:
            columns = next((int(m.group(1)) for c in _classes(el) if (m := _COLUMNS.match(c))), 0)
            if columns:
                self.start_columns(columns)
                self.blocks(el)
                self.end_columns(columns)
            else:
                self.blocks(el)
        elif tag == "br":
            return
        else:
            # An inline element standing alone between blocks gets its own paragraph.
            self.paragraph(el, self.style_for(el, "Normal"), include_self=True)

    def _loose_text(self, text: str | None, parent: etree._Element) -> None:
        if text and text.strip():
            paragraph = self.new_paragraph(self.style_for(parent, "Normal"))
            self.fill(paragraph, [Segment(text, Format())])

    def paragraph(self, el: etree._Element, style: str, include_self: bool = False) -> Paragraph:
        paragraph = self.new_paragraph(style)
        segments = _segments_of(el, Format()) if include_self else _segments(el, Format())
        self.fill(paragraph, segments)
        return paragraph

    def new_paragraph(self, style: str) -> Paragraph:
        # Built with lxml directly: python-docx's generic insertion is the slow part of a briefing.
        p = self.body_end.makeelement(qn("w:p"), {})
        self.body_end.addprevious(p)
        paragraph = Paragraph(p, self.word._body)
        self.set_style(paragraph, style)
        self.last_paragraph = paragraph
        return paragraph

    def set_style(self, paragraph: Paragraph, style: str) -> None:
        p = paragraph._p
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = p.makeelement(qn("w:pPr"), {})
            p.insert(0, ppr)
        for old in ppr.findall(qn("w:pStyle")):
            ppr.remove(old)
        ppr.insert(0, ppr.makeelement(qn("w:pStyle"), {qn("w:val"): self.style_ids[style]}))

    def list(self, el: etree._Element, level: int, num_id: str | None) -> None:
        ordered = el.tag == "ol"
        default = "List Number" if ordered else "List Bullet"
        if ordered and num_id is None:
            num_id = _restart_numbering(self.word)
        for li in el:
            if not isinstance(li.tag, str):
                continue
            if li.tag != "li":
                raise WriterError(f"<{el.tag}> may only hold <li> items, not <{li.tag}>")
            style = self.style_for(li, default)
            paragraph = self.new_paragraph(style)
            if style == default and level:
                _set_numbering(paragraph, num_id or _BULLET_NUM, level)
            elif style == default and ordered:
                _set_numbering(paragraph, num_id, level)
            self.fill(paragraph, _segments(li, Format(), skip={"ul", "ol"}))
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
        style = next((f"bk-table-{c}" for c in _classes(el) if f"bk-table-{c}" in self.style_ids),
                     "Table Grid")
        table._tbl.tblStyle_val = self.style_ids[style]
        table.autofit = False
        widths = _column_widths(el, grid, columns, self.text_width())
        for r, (tr, cells) in enumerate(zip(rows, grid)):
            if tr.getparent() is not None and tr.getparent().tag == "thead":
                _repeat_header(table.rows[r])
            for c in range(columns):
                table.columns[c].width = widths[c]
                cell = table.cell(r, c)
                cell.width = widths[c]
                if c < len(cells):
                    self.cell(cell, cells[c])
        self.last_paragraph = None

    def cell(self, cell, el: etree._Element) -> None:
        base = Format(bold=el.tag == "th")
        blocks = [child for child in el if isinstance(child.tag, str) and child.tag == "p"]
        first = cell.paragraphs[0]
        if not blocks:
            self.set_style(first, self.style_for(el, "Normal"))
            self.fill(first, _segments(el, base))
            return
        for index, p in enumerate(blocks):
            paragraph = first if index == 0 else cell.add_paragraph()
            self.set_style(paragraph, self.style_for(p, "Normal"))
            self.fill(paragraph, _segments(p, base))

    def text_width(self):
        section = self.word.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    # -- columns --------------------------------------------------------------

    def start_columns(self, count: int) -> None:
        """End the current one-column section at the last paragraph; what follows has `count` columns."""
        if self.last_paragraph is None:
            self.last_paragraph = self.new_paragraph("Normal")
        _end_section_at(self.word, self.last_paragraph, columns=1)
        _set_columns(self.word.sections[-1]._sectPr, count)

    def end_columns(self, count: int) -> None:
        if self.last_paragraph is None:
            raise WriterError("a columns container must hold at least one paragraph")
        _end_section_at(self.word, self.last_paragraph, columns=count)
        _set_columns(self.word.sections[-1]._sectPr, 1)

    # -- inline ---------------------------------------------------------------

    def fill(self, paragraph: Paragraph, segments: list[Segment]) -> None:
        p = paragraph._p
        for segment in _collapse(segments):
            if segment.is_break:
                run = p.makeelement(qn("w:r"), {})
                run.append(run.makeelement(qn("w:br"), {}))
                p.append(run)
            elif segment.note is not None:
                p.append(self.footnotes.add(segment.note))
            elif segment.href:
                _add_hyperlink(paragraph, segment)
            else:
                run = _run(p, segment.text, segment.fmt, self.char_style(segment.fmt))
                p.append(self.revisions.wrap(p, run, segment.fmt.change) if segment.fmt.change else run)

    def char_style(self, fmt: Format) -> str | None:
        """The id of the Word character style `bk-<class>` for a span's class, if the reference has one."""
        return self.style_ids.get(f"bk-{fmt.char_style}") if fmt.char_style else None

    def style_for(self, el: etree._Element, default: str) -> str:
        node = el
        while node is not None:
            for cls in _classes(node):
                if f"bk-{cls}" in self.style_ids:
                    return f"bk-{cls}"
            node = node.getparent()
        return default


# -- segments: inline HTML to formatted text -----------------------------------

def _segments(el: etree._Element, fmt: Format, skip: set[str] = frozenset()) -> list[Segment]:
    """Inline content of a block: its text and its inline children (not their tails outside)."""
    out: list[Segment] = []
    if el.text:
        out.append(Segment(el.text, fmt))
    for child in el:
        if isinstance(child.tag, str) and child.tag not in skip:
            if child.tag == "p":  # a paragraph inside a list item or cell: keep it, on a new line
                if out:
                    out.append(Segment("", fmt, is_break=True))
                out.extend(_segments(child, fmt))
            else:
                out.extend(_segments_of(child, fmt))
        if child.tail:
            out.append(Segment(child.tail, fmt))
    return out


def _segments_of(el: etree._Element, fmt: Format) -> list[Segment]:
    """An inline element itself, with the formatting its tag adds."""
    tag = el.tag
    if tag == "br":
        return [Segment("", fmt, is_break=True)]
    if tag == "span" and "note" in _classes(el):
        return [Segment("", fmt, note=_segments(el, Format()))]
    if tag in ("ins", "del"):
        fmt = replace(fmt, change=tag)
    elif tag == "span" and _classes(el):
        fmt = replace(fmt, char_style=_classes(el)[0])
    if tag == "strong":
        fmt = replace(fmt, bold=True)
    elif tag == "em":
        fmt = replace(fmt, italic=True)
    elif tag == "sup":
        fmt = replace(fmt, superscript=True)
    elif tag == "small":
        fmt = replace(fmt, small=True)
    elif tag == "a":
        href = el.get("href", "")
        segments = _segments(el, replace(fmt, underline=True))
        if href.startswith(("http://", "https://", "mailto:")):
            for segment in segments:
                segment.href = href
        return segments
    return _segments(el, fmt)


def _collapse(segments: list[Segment]) -> list[Segment]:
    """HTML whitespace rules: runs of whitespace become one space; none at the ends of a paragraph."""
    out: list[Segment] = []
    space_before = True  # start of paragraph swallows leading space
    for segment in segments:
        if segment.note is not None:
            out.append(segment)  # a footnote call takes no room in the text around it
            continue
        if segment.is_break:
            if out and not out[-1].is_break:
                out[-1].text = out[-1].text.rstrip(" ")
            out.append(segment)
            space_before = True
            continue
        text = _SPACE.sub(" ", segment.text)
        if space_before:
            text = text.lstrip(" ")
        if not text:
            continue
        space_before = text.endswith(" ")
        out.append(Segment(text, segment.fmt, segment.href))
    text_segments = [s for s in out if not s.is_break and s.note is None]
    while text_segments and text_segments[-1].text.endswith(" "):
        text_segments[-1].text = text_segments[-1].text.rstrip(" ")
        if text_segments[-1].text:
            break
        out.remove(text_segments.pop())
    return out


def _run(parent, text: str, fmt: Format, char_style: str | None = None):
    """A w:r holding `text`, its properties in the order the schema requires.

    Deleted text of a tracked change goes in w:delText, as Word requires.
    """
    run = parent.makeelement(qn("w:r"), {})
    props = []
    if fmt.bold:
        props += [qn("w:b"), qn("w:bCs")]
    if fmt.italic:
        props += [qn("w:i"), qn("w:iCs")]
    if props or fmt.small or fmt.underline or fmt.superscript or char_style:
        rpr = run.makeelement(qn("w:rPr"), {})
        if char_style:
            rpr.append(rpr.makeelement(qn("w:rStyle"), {qn("w:val"): char_style}))
        for tag in props:
            rpr.append(rpr.makeelement(tag, {}))
        if fmt.small:
            rpr.append(rpr.makeelement(qn("w:sz"), {qn("w:val"): "17"}))  # 8.5pt, as CSS small
        if fmt.underline:
            rpr.append(rpr.makeelement(qn("w:u"), {qn("w:val"): "single"}))
        if fmt.superscript:
            rpr.append(rpr.makeelement(qn("w:vertAlign"), {qn("w:val"): "superscript"}))
        run.append(rpr)
    t = run.makeelement(qn("w:delText" if fmt.change == "del" else "w:t"), {_XML_SPACE: "preserve"})
    t.text = text
    run.append(t)
    return run


def _add_hyperlink(paragraph: Paragraph, segment: Segment) -> None:
    rel_id = paragraph.part.relate_to(segment.href, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    link.append(_run(link, segment.text, segment.fmt))
    paragraph._p.append(link)


class _Revisions:
    """Tracked changes: w:ins and w:del with the coalition as author and the document's date.

    Accepting every change in Word or LibreOffice leaves the proposed text,
    rejecting every change the current one (see redline.py).
    """

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.next_id = 1

    def wrap(self, parent, run, change: str):
        mark = parent.makeelement(qn(f"w:{change}"), {qn("w:id"): str(self.next_id),
                                                      qn("w:author"): self.author, qn("w:date"): self.date})
        self.next_id += 1
        mark.append(run)
        return mark


def _revision_date(document: Document) -> str:
    """The build date for w:date: the document's own date, so equal inputs give equal bytes."""
    created = document.meta("dcterms.created") or "1980-01-01"
    return f"{created}T00:00:00Z"


class _Footnotes:
    """Real Word footnotes, numbered in order of their calls as the PDF numbers its own."""

    def __init__(self, word: docx.Document, style_ids: dict[str, str]) -> None:
        part = next((rel.target_part for rel in word.part.rels.values() if rel.reltype == RT.FOOTNOTES),
                    None)
        if part is None or not hasattr(part, "element"):
            raise WriterError("the reference document has no footnotes part",
                              hint="regenerate it with tools/make_reference_docx.py")
        self.root = part.element
        self.text_style = style_ids["footnote text"]
        self.mark_style = style_ids["footnote reference"]
        self.next_id = 1

    def add(self, content: list[Segment]):
        """Append a footnote holding `content`; return the run that calls it."""
        note_id = str(self.next_id)
        self.next_id += 1
        note = self.root.makeelement(qn("w:footnote"), {qn("w:id"): note_id})
        p = note.makeelement(qn("w:p"), {})
        ppr = p.makeelement(qn("w:pPr"), {})
        ppr.append(ppr.makeelement(qn("w:pStyle"), {qn("w:val"): self.text_style}))
        p.append(ppr)
        p.append(self._mark(p, qn("w:footnoteRef"), {}))
        p.append(_run(p, " ", Format()))
        for segment in _collapse(content):
            if segment.note is None and not segment.is_break:
                p.append(_run(p, segment.text, segment.fmt))
        note.append(p)
        self.root.append(note)
        return self._mark(p, qn("w:footnoteReference"), {qn("w:id"): note_id})

    def _mark(self, parent, tag: str, attrs: dict):
        run = parent.makeelement(qn("w:r"), {})
        rpr = run.makeelement(qn("w:rPr"), {})
        rpr.append(rpr.makeelement(qn("w:rStyle"), {qn("w:val"): self.mark_style}))
        run.append(rpr)
        run.append(run.makeelement(tag, attrs))
        return run


class _Collector:
    """Stands in for python-docx's zip writer to receive the package's members in order."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.members.append((pack_uri.membername, blob))


def _save(word: docx.Document, path: Path, stamp: tuple[int, ...]) -> None:
    """Save with fixed entry times and a fixed order, so equal inputs give equal bytes."""
    package = word.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    collector = _Collector()
    PackageWriter._write_content_types_stream(collector, parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, blob in collector.members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, blob)


def _zip_time(document: Document) -> tuple[int, ...]:
    """Entry times from the document's date (zip cannot hold dates before 1980)."""
    created = document.meta("dcterms.created")
    try:
        day = dt.date.fromisoformat(created)
    except ValueError:
        day = dt.date(1980, 1, 1)
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)


# -- helpers over Word's XML ---------------------------------------------------

def _classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()


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
        longest = max((len(_SPACE.sub(" ", "".join(row[c].itertext())).strip())
                       for row in grid if c < len(row)), default=0)
        weights.append(min(max(longest, 8), 60))
    scale = sum(weights)
    return [int(total * w / scale) for w in weights]


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def _set_numbering(paragraph: Paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, numpr)


def _restart_numbering(word: docx.Document) -> str:
    """A new w:num over the decimal list, starting again at 1 (one per <ol>)."""
    numbering = word.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = str(max(ids, default=0) + 1)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), _DECIMAL_ABSTRACT)
    num.append(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return num_id


def _end_section_at(word: docx.Document, paragraph: Paragraph, columns: int) -> None:
    """Make `paragraph` the last of a section with `columns` columns; the next section starts continuous."""
    body_sectpr = word.element.body.sectPr
    sectpr = copy.deepcopy(body_sectpr)
    _set_columns(sectpr, columns)
    paragraph._p.get_or_add_pPr().append(sectpr)
    word.sections[-1].start_type = WD_SECTION.CONTINUOUS


def _set_columns(sectpr, count: int) -> None:
    cols = sectpr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sectpr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "240")  # 12pt, as CSS column-gap


def _page_number_footer(section) -> None:
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "bk-page-number"
    for index, instruction in enumerate(("PAGE", "NUMPAGES")):
        if index:
            paragraph.add_run(" / ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), instruction)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)


def _set_language(word: docx.Document, lang: str) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    rpr.append(el)


def _core_properties(word: docx.Document, document: Document) -> None:
    props = word.core_properties
    props.title = document.title
    props.author = document.meta("author")
    props.last_modified_by = document.meta("author")
    props.subject = document.meta("description")
    props.keywords = document.meta("keywords")
    props.language = document.lang
    props.revision = 1
    created = document.meta("dcterms.created")
    if created:
        stamp = dt.datetime.combine(dt.date.fromisoformat(created), dt.time(), dt.timezone.utc)
        props.created = props.modified = stamp.replace(tzinfo=None)
