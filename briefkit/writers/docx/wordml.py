"""WordprocessingML that python-docx has no API for, built with lxml on its elements.

Runs split by direction with their language, hyperlinks, tracked changes
(w:ins / w:del), footnotes, list numbering that restarts, sections with
columns, right-to-left paragraphs and sections, the page-number footer, and
a zip written with fixed times so that equal inputs give equal bytes. See
TECH-NOTES: each of these needs oxml in python-docx 1.2.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.text.paragraph import Paragraph

from briefkit.errors import WriterError
from briefkit.render.document import Document
from briefkit.render.i18n import direction as language_direction
from briefkit.render.i18n import language_tag
from briefkit.writers.docx.inline import Format, Segment, collapse

_DECIMAL_ABSTRACT = "1"  # the numbered list of reference.docx (see tools/make_reference_docx.py)
BULLET_NUM = "2"  # its bulleted list
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…, and their presentation forms).
_RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_LTR_LETTER = re.compile(r"[^\W\d_]")


def runs(parent, text: str, fmt: Format, languages: Languages, char_style: str | None = None) -> list:
    """The w:r elements holding `text`: one per stretch of one direction (see by_direction)."""
    return [run(parent, piece, fmt, char_style, languages, rtl) for piece, rtl in by_direction(text)]


def by_direction(text: str) -> list[tuple[str, bool]]:
    """`text` cut where its script changes direction, each piece with whether it is right to left.

    Neutral characters (spaces, digits, punctuation) stay with the piece they
    follow, or, at the start, with the first piece; Word's bidi algorithm
    places them as a browser does.
    """
    if not _RTL_SCRIPT.search(text):
        return [(text, False)]
    pieces: list[list] = []
    for char in text:
        rtl = True if _RTL_SCRIPT.match(char) else False if _LTR_LETTER.match(char) else None
        if pieces and (rtl is None or rtl == pieces[-1][1] or pieces[-1][1] is None):
            pieces[-1][0] += char
            if pieces[-1][1] is None:
                pieces[-1][1] = rtl
        else:
            pieces.append([char, rtl])
    return [(piece, bool(rtl)) for piece, rtl in pieces]


def run(parent, text: str, fmt: Format, char_style: str | None = None,
         languages: Languages | None = None, rtl: bool = False):
    """A w:r holding `text`, its properties in the order the schema requires.

    Deleted text of a tracked change goes in w:delText, as Word requires.
    Right-to-left text carries w:rtl, and bold, italic and size as complex
    script properties too (w:bCs, w:iCs, w:szCs), which Word applies to it.
    """
    run = parent.makeelement(qn("w:r"), {})
    props = []
    if fmt.bold:
        props += [qn("w:b"), qn("w:bCs")]
    if fmt.italic:
        props += [qn("w:i"), qn("w:iCs")]
    lang = languages.run_language(fmt.lang, rtl) if languages is not None else {}
    if props or fmt.small or fmt.underline or fmt.superscript or char_style or rtl or lang:
        rpr = run.makeelement(qn("w:rPr"), {})
        if char_style:
            rpr.append(rpr.makeelement(qn("w:rStyle"), {qn("w:val"): char_style}))
        for tag in props:
            rpr.append(rpr.makeelement(tag, {}))
        if rtl:  # spacing letters apart (the kicker's style) would break Arabic's joined letters
            rpr.append(rpr.makeelement(qn("w:spacing"), {qn("w:val"): "0"}))
        if fmt.small:
            rpr.append(rpr.makeelement(qn("w:sz"), {qn("w:val"): "17"}))  # 8.5pt, as CSS small
            rpr.append(rpr.makeelement(qn("w:szCs"), {qn("w:val"): "17"}))
        if fmt.underline:
            rpr.append(rpr.makeelement(qn("w:u"), {qn("w:val"): "single"}))
        if fmt.superscript:
            rpr.append(rpr.makeelement(qn("w:vertAlign"), {qn("w:val"): "superscript"}))
        if rtl:
            rpr.append(rpr.makeelement(qn("w:rtl"), {}))
        if lang:
            rpr.append(rpr.makeelement(qn("w:lang"), {qn(f"w:{k}"): v for k, v in lang.items()}))
        run.append(rpr)
    t = run.makeelement(qn("w:delText" if fmt.change == "del" else "w:t"), {_XML_SPACE: "preserve"})
    t.text = text
    run.append(t)
    return run


def picture(paragraph: Paragraph, path: Path, height_px: int | None, alt: str) -> None:
    """An inline picture at `height_px` CSS pixels (96 to the inch, as in the PDF), its alternative
    text in wp:docPr/@descr, which is what Word's Alt Text pane shows and screen readers read."""
    height = Emu(height_px * 9525) if height_px else None  # 914400 EMU to the inch / 96
    # The styles set exact line heights for text; a line holding a picture must grow to fit it.
    paragraph.paragraph_format.line_spacing = 1.0
    shape = paragraph.add_run().add_picture(str(path), height=height)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("name", alt[:60] or path.name)


def add_hyperlink(paragraph: Paragraph, segment: Segment, languages: Languages) -> None:
    rel_id = paragraph.part.relate_to(segment.href, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    for run in runs(link, segment.text, segment.fmt, languages):
        link.append(run)
    paragraph._p.append(link)


class Languages:
    """The document's language and direction, and the Word language tags runs need."""

    def __init__(self, document: Document) -> None:
        self.lang = document.lang
        self.locale = document.meta("briefkit-locale") or None
        self.rtl = (document.tree.get("dir") or language_direction(self.lang)) == "rtl"

    def tag(self, lang: str) -> str:
        return language_tag(lang, self.locale if lang == self.lang else None)

    def document_language(self) -> dict[str, str]:
        """w:lang of the document defaults: its language, as Latin, East Asian or bidi text.

        In a Chinese or Arabic document the Latin text is English (sources,
        names): tagging it Chinese would let Word and LibreOffice break Latin
        words anywhere, as Chinese breaks between any two characters.
        """
        east_asian = self.lang in ("zh", "ja", "ko")
        tags = {"val": language_tag("en") if east_asian or self.rtl else self.tag(self.lang)}
        if east_asian:
            tags["eastAsia"] = self.tag(self.lang)
        if self.rtl:
            tags["bidi"] = self.tag(self.lang)
        return tags

    def run_language(self, passage: str | None, rtl: bool) -> dict[str, str]:
        """w:lang of a run: its bidi language when right to left; a passage's own language."""
        if rtl:
            lang = passage if passage and language_direction(passage) == "rtl" else (
                self.lang if self.rtl else "ar")
            return {"bidi": self.tag(lang)}
        if passage:
            return {"eastAsia" if passage in ("zh", "ja", "ko") else "val": self.tag(passage)}
        return {}


class Revisions:
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


def revision_date(document: Document) -> str:
    """The build date for w:date: the document's own date, so equal inputs give equal bytes."""
    created = document.meta("dcterms.created") or "1980-01-01"
    return f"{created}T00:00:00Z"


class Footnotes:
    """Real Word footnotes, numbered in order of their calls as the PDF numbers its own."""

    def __init__(self, word: docx.Document, style_ids: dict[str, str], languages: Languages) -> None:
        self.languages = languages
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
        if self.languages.rtl:
            paragraph_bidi(p)
        p.append(self._mark(p, qn("w:footnoteRef"), {}))
        p.append(run(p, " ", Format()))
        for segment in collapse(content):
            if segment.note is None and not segment.is_break:
                p.extend(runs(p, segment.text, segment.fmt, self.languages))
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


def save(word: docx.Document, path: Path, stamp: tuple[int, ...]) -> None:
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


def zip_time(document: Document) -> tuple[int, ...]:
    """Entry times from the document's date (zip cannot hold dates before 1980)."""
    created = document.meta("dcterms.created")
    try:
        day = dt.date.fromisoformat(created)
    except ValueError:
        day = dt.date(1980, 1, 1)
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)


def paragraph_bidi(p) -> None:
    """w:bidi: the paragraph runs right to left (in w:pPr after pStyle and numPr, as the schema orders)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = p.makeelement(qn("w:pPr"), {})
        p.insert(0, ppr)
    if ppr.find(qn("w:bidi")) is not None:
        return
    _insert_before_first(ppr, ppr.makeelement(qn("w:bidi"), {}),
                         ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:rPr", "w:sectPr"))


def section_bidi(sectpr) -> None:
    """w:bidi on a section: its columns and page furniture run right to left."""
    if sectpr.find(qn("w:bidi")) is not None:
        return
    _insert_before_first(sectpr, sectpr.makeelement(qn("w:bidi"), {}),
                         ("w:rtlGutter", "w:docGrid", "w:printerSettings"))


def _insert_before_first(parent, element, later_tags: tuple[str, ...]) -> None:
    """Put `element` where the schema wants it: before the first of `later_tags` present, else last."""
    anchor = next((found for tag in later_tags if (found := parent.find(qn(tag))) is not None), None)
    if anchor is not None:
        anchor.addprevious(element)
    else:
        parent.append(element)


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def set_numbering(paragraph: Paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(ilvl)
    numpr.append(nid)
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, numpr)


def restart_numbering(word: docx.Document) -> str:
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


def end_section_at(word: docx.Document, paragraph: Paragraph, columns: int) -> None:
    """Make `paragraph` the last of a section with `columns` columns; the next section starts continuous."""
    body_sectpr = word.element.body.sectPr
    sectpr = copy.deepcopy(body_sectpr)
    set_columns(sectpr, columns)
    paragraph._p.get_or_add_pPr().append(sectpr)
    word.sections[-1].start_type = WD_SECTION.CONTINUOUS


def set_columns(sectpr, count: int) -> None:
    cols = sectpr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sectpr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "240")  # 12pt, as CSS column-gap


def page_number_footer(section, parts: list[str], languages: Languages) -> None:
    """The footer's "page N of M", in the words of the document's language, with PAGE and NUMPAGES fields."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "bk-page-number"
    if languages.rtl:
        paragraph_bidi(paragraph._p)
    for part in parts:
        if part in ("{page}", "{pages}"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE" if part == "{page}" else "NUMPAGES")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)
        else:
            paragraph._p.extend(runs(paragraph._p, part, Format(), languages))


def set_language(word: docx.Document, languages: Languages) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    for key, value in languages.document_language().items():
        el.set(qn(f"w:{key}"), value)
    rpr.append(el)


def core_properties(word: docx.Document, document: Document) -> None:
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
