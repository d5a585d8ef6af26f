"""Regenerate briefkit/assets/reference.docx, the Word styles the DOCX writer uses.

Run with `python tools/make_reference_docx.py`. Every size and spacing here
mirrors briefkit/assets/templates/css/*.css, so a document lays out alike in
the PDF and in Word or LibreOffice: change both together.

Style names: Word's own for headings, lists and quotes; `bk-<class>` for a
paragraph whose HTML element (or an ancestor) carries that class.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

SERIF = "Noto Serif"
SANS = "Noto Sans"
# The font Word uses for each kind of text, as the CSS stacks name them: Latin and
# Cyrillic (ascii, hAnsi), Arabic and other complex scripts (cs), Chinese (eastAsia).
SCRIPT_FONTS = {
    SERIF: {"w:ascii": SERIF, "w:hAnsi": SERIF, "w:cs": "Noto Naskh Arabic", "w:eastAsia": "Noto Serif CJK SC"},
    SANS: {"w:ascii": SANS, "w:hAnsi": SANS, "w:cs": "Noto Sans Arabic", "w:eastAsia": "Noto Sans CJK SC"},
}
INK = RGBColor(0x1A, 0x1A, 0x1A)
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
RED = RGBColor(0x8A, 0x1C, 0x1C)
GREY = RGBColor(0x4D, 0x4D, 0x4D)
DELETED = RGBColor(0xB0, 0x00, 0x20)
INSERTED = RGBColor(0x0B, 0x6E, 0x2F)

OUT = Path(__file__).resolve().parent.parent / "briefkit" / "assets" / "reference.docx"


def set_font(style, name: str, size: float, *, bold=False, italic=False, color=INK,
             caps=False, spacing_pt: float = 0) -> None:
    """Set an explicit font on a style, replacing any theme font the template had.

    Size, bold and italic are set for complex scripts too (szCs, bCs, iCs):
    Word formats Arabic text with those, not with sz, b and i.
    """
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attr, family in SCRIPT_FONTS[name].items():
        fonts.set(qn(attr), family)
    rpr.insert(0, fonts)
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = color
    font.all_caps = caps
    if spacing_pt:
        el = OxmlElement("w:spacing")
        el.set(qn("w:val"), str(int(spacing_pt * 20)))
        rpr.append(el)
    complex_script(rpr, bold, italic, size)


# Where each element goes in w:rPr, as the schema orders it (the ones this tool writes).
RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:strike", "w:color",
             "w:spacing", "w:sz", "w:szCs", "w:u", "w:vertAlign", "w:rtl", "w:lang"]


def complex_script(rpr, bold: bool, italic: bool, size: float) -> None:
    """w:bCs, w:iCs and w:szCs matching w:b, w:i and w:sz, in schema order."""
    for tag in ("w:bCs", "w:iCs", "w:szCs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    wanted = []
    if bold:
        wanted.append(OxmlElement("w:bCs"))
    if italic:
        wanted.append(OxmlElement("w:iCs"))
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(round(size * 2))))
    wanted.append(size_cs)
    for el in wanted:
        rpr.append(el)
    known = {qn(t): i for i, t in enumerate(RPR_ORDER)}
    children = sorted(rpr, key=lambda el: known.get(el.tag, len(RPR_ORDER)))
    for el in children:
        rpr.remove(el)
        rpr.append(el)


def set_paragraph(style, *, line: float, before: float = 0, after: float = 0, left: float = 0,
                  align=None, keep_next=False) -> None:
    """Exact line height (as CSS line-height in pt) and spacing in points."""
    pf = style.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.left_indent = Pt(left)
    pf.first_line_indent = Pt(0)
    pf.keep_with_next = keep_next
    pf.widow_control = True
    if align is not None:
        pf.alignment = align
    ppr = style.element.get_or_add_pPr()
    for el in ppr.findall(qn("w:contextualSpacing")):
        ppr.remove(el)


def border(style, side: str, size_pt: float, color: str, space_pt: float = 4) -> None:
    ppr = style.element.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(int(size_pt * 8)))
    el.set(qn("w:space"), str(int(space_pt)))
    el.set(qn("w:color"), color)
    bdr.append(el)


def paragraph_style(doc, name: str, base: str = "Normal"):
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def numbering(doc) -> None:
    """Replace the template's list definitions with one bullet and one decimal list.

    abstractNum 1 is decimal ("1."), 2 is bullet; num 1 uses the decimal list,
    num 2 the bullet list. The writer adds a num per <ol> to restart counting.
    Indents match CSS: padding-left 18pt, marker hanging in it.
    """
    part = doc.part.numbering_part
    root = part.element
    for child in list(root):
        root.remove(child)
    for abstract_id, fmt, texts in ((1, "decimal", ["%1.", "%2.", "%3."]),
                                    (2, "bullet", ["\u2022", "\u2013", "\u2022"])):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "hybridMultilevel")
        abstract.append(mlt)
        for level, text in enumerate(texts):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text),
                             ("w:lvlJc", "left")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), val)
                lvl.append(el)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(360 * (level + 1)))
            ind.set(qn("w:hanging"), "260")
            ppr.append(ind)
            lvl.append(ppr)
            if fmt == "bullet":
                rpr = OxmlElement("w:rPr")
                fonts = OxmlElement("w:rFonts")
                for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                    fonts.set(qn(attr), SERIF)
                rpr.append(fonts)
                lvl.append(rpr)
            abstract.append(lvl)
        root.append(abstract)
    for abstract_id in (1, 2):  # w:num 1 and 2, numbered as python-docx numbers them
        root.add_num(abstract_id)


def list_style(doc, name: str, num_id: int):
    style = paragraph_style(doc, name)
    set_paragraph(style, line=14, after=4)
    ppr = style.element.get_or_add_pPr()
    # A style's own indent would override the list level's indent.
    for el in ppr.findall(qn("w:ind")):
        ppr.remove(el)
    for el in ppr.findall(qn("w:numPr")):
        ppr.remove(el)
    numpr = OxmlElement("w:numPr")
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(nid)
    ppr.insert(0, numpr)
    return style


def table_style(doc, name: str, *, borders: dict[str, tuple[int, str]],
                margins: tuple[int, int, int, int], header_fill: str | None = None) -> None:
    """A table style: borders (eighths of a point, colour), cell margins (twips: top, right, bottom, left)."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    tblpr = OxmlElement("w:tblPr")
    bdr = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        size, color = borders.get(side, (0, "auto"))
        el.set(qn("w:val"), "single" if size else "nil")
        if size:
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), color)
        bdr.append(el)
    tblpr.append(bdr)
    mar = OxmlElement("w:tblCellMar")
    for side, value in zip(("top", "right", "bottom", "left"), margins):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)
    style.element.append(tblpr)
    if header_fill:
        cond = OxmlElement("w:tblStylePr")
        cond.set(qn("w:type"), "firstRow")
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        cond.append(rpr)
        tcpr = OxmlElement("w:tcPr")
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), header_fill)
        tcpr.append(shd)
        cond.append(tcpr)
        style.element.append(cond)


FOOTNOTES_XML = (
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>")


def footnotes(doc) -> None:
    """A footnotes part with Word's two separators, and the styles of a note and its number.

    python-docx cannot write footnotes; the DOCX writer appends w:footnote
    elements to this part. Sizes match the CSS of `.note` (7.5pt on 10pt).
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(FOOTNOTES_XML),
                   doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    props = OxmlElement("w:footnotePr")
    for note_id in ("-1", "0"):
        el = OxmlElement("w:footnote")
        el.set(qn("w:id"), note_id)
        props.append(el)
    # footnotePr comes late in w:settings; before the compatibility settings is a valid place.
    anchor = settings.find(qn("w:compat"))
    if anchor is not None:
        anchor.addprevious(props)
    else:
        settings.append(props)

    text = paragraph_style(doc, "footnote text")
    set_font(text, SANS, 7.5, color=GREY)
    set_paragraph(text, line=10, after=1)
    reference = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True


KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Heading 1", "Heading 2",
               "Heading 3", "List Number", "List Bullet", "Quote", "Table Grid", "Deleted Text", "Inserted Text"}


def prune(doc) -> None:
    """Keep only the styles the writer uses, and drop parts it never needs.

    The stock template carries 180 styles, their latent definitions and a copy
    of them all "with effects" (800 KB of XML); every document would carry and
    parse them. A small reference document opens several times faster.
    """
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name")).get(qn("w:val"))
        if name not in KEEP_STYLES and not name.startswith(("bk-", "footnote")) and name.lower() not in {
                s.lower() for s in KEEP_STYLES}:
            styles.remove(style)
        else:
            for link in style.findall(qn("w:link")):
                style.remove(link)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml", "/webSettings")):
            doc.part.drop_rel(rel_id)
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)


def build() -> docx.Document:
    doc = docx.Document()
    normal = doc.styles["Normal"]
    set_font(normal, SERIF, 10)
    set_paragraph(normal, line=14, after=6)
    # Document defaults carry theme fonts in the stock template; make them explicit too.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for attr, family in SCRIPT_FONTS[SERIF].items():
                fonts.set(qn(attr), family)
        # Pair kerning for text of every size, as WeasyPrint (HarfBuzz) sets it: without it Word and
        # LibreOffice set each line a little wider than the PDF's and break it a word earlier.
        for rpr in defaults.iter(qn("w:rPr")):
            kern = OxmlElement("w:kern")
            kern.set(qn("w:val"), "2")  # half-points: every size from 1 pt up
            size = rpr.find(qn("w:sz"))  # w:kern comes just before w:sz in w:rPr
            if size is not None:
                size.addprevious(kern)
            else:
                rpr.append(kern)

    for name, size, line, before, after, color in (("Heading 1", 18, 23, 0, 8, NAVY),
                                                   ("Heading 2", 13, 17, 20, 6, NAVY),
                                                   ("Heading 3", 10, 14, 14, 3, INK)):
        style = doc.styles[name]
        set_font(style, SANS, size, bold=True, color=color)
        set_paragraph(style, line=line, before=before, after=after, keep_next=True)

    numbering(doc)
    list_style(doc, "List Number", 1)
    list_style(doc, "List Bullet", 2)

    quote = paragraph_style(doc, "Quote")
    set_font(quote, SERIF, 10, italic=True)
    set_paragraph(quote, line=14, after=2, left=18)

    styles = {
        # name: (font, size, line, before, after, extra)
        "bk-attribution": (SANS, 8.5, 12, 0, 8, dict(left=18, color=GREY)),
        "bk-letterhead-name": (SANS, 14, 18, 0, 0, dict(bold=True, color=NAVY)),
        "bk-letterhead-line": (SANS, 9, 12, 0, 12, dict(color=GREY, border=("bottom", 0.75, "1F3A5F"))),
        "bk-date": (SERIF, 10, 14, 0, 8, dict(align=WD_ALIGN_PARAGRAPH.RIGHT)),
        "bk-addressee": (SERIF, 10, 14, 0, 0, {}),
        "bk-subject": (SERIF, 10, 14, 10, 10, dict(bold=True)),
        "bk-sign-off": (SERIF, 10, 14, 18, 6, {}),
        "bk-signatory-list": (SANS, 9, 13, 0, 2, {}),
        "bk-kicker": (SANS, 9, 12, 0, 4, dict(bold=True, color=RED, caps=True, spacing_pt=1)),
        "bk-doc-meta": (SANS, 9, 12, 0, 12, dict(color=GREY, border=("bottom", 0.75, "1F3A5F"))),
        "bk-figure-value": (SANS, 20, 25, 0, 2, dict(bold=True, color=RED)),
        "bk-figure-label": (SANS, 8.5, 11, 0, 0, {}),
        "bk-call-to-action": (SANS, 10, 14, 0, 6, dict(bold=True, color=NAVY)),
        "bk-source-notes": (SANS, 7.5, 10, 0, 0, dict(color=GREY)),
        "bk-timeline": (SANS, 8.5, 12, 0, 0, {}),
        "bk-page-number": (SANS, 8.5, 12, 0, 0, dict(color=GREY, align=WD_ALIGN_PARAGRAPH.CENTER)),
        "bk-fallback-note": (SANS, 8.5, 12, 0, 8, dict(color=GREY)),
        # The briefing's side-by-side annex: its cells' paragraphs, and its header cells.
        "bk-amendments-annex": (SERIF, 9, 13, 0, 4, {}),
        "bk-annex-head": (SANS, 9, 13, 0, 0, dict(bold=True)),
    }
    for name, (font, size, line, before, after, extra) in styles.items():
        style = paragraph_style(doc, name)
        set_font(style, font, size, bold=extra.get("bold", False), color=extra.get("color", INK),
                 caps=extra.get("caps", False), spacing_pt=extra.get("spacing_pt", 0))
        set_paragraph(style, line=line, before=before, after=after, left=extra.get("left", 0),
                      align=extra.get("align"))
        if "border" in extra:
            border(style, *extra["border"])

    # Headings inside <section class="signatories">.
    signatories_heading = paragraph_style(doc, "bk-signatories", "Heading 3")
    set_font(signatories_heading, SANS, 10, bold=True)
    set_paragraph(signatories_heading, line=14, before=14, after=4, keep_next=True)

    table_style(doc, "bk-table-timeline", borders={"bottom": (4, "B3B3B3"), "insideH": (4, "B3B3B3")},
                margins=(60, 100, 60, 100), header_fill="E8EDF3")
    table_style(doc, "bk-table-key-figures", borders={"top": (16, "8A1C1C")}, margins=(120, 120, 120, 0))
    table_style(doc, "bk-table-amendments-annex",
                borders={side: (4, "B3B3B3") for side in ("top", "left", "bottom", "right", "insideH", "insideV")},
                margins=(60, 100, 60, 100), header_fill="E8EDF3")

    # Redlines. Tracked changes carry their own marks in Word; words marked as deleted or inserted
    # (a marked redline, its legend, the briefing's annex) take these two character styles, named
    # for what they are so that DOCX readers can map them (docs/data.md, Redlines in other programs).
    for name, struck in (("Deleted Text", True), ("Inserted Text", False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.strike = struck
        style.font.underline = not struck
        style.font.color.rgb = DELETED if struck else INSERTED
    redline = paragraph_style(doc, "bk-redline")
    set_paragraph(redline, line=14, after=6, left=18)
    legend = paragraph_style(doc, "bk-legend")
    set_font(legend, SANS, 8.5, color=GREY)
    set_paragraph(legend, line=12, after=6)

    footnotes(doc)
    prune(doc)

    # The stock template has one empty paragraph; a reference document holds styles only.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    for prop in ("title", "subject", "author", "keywords", "comments", "last_modified_by"):
        setattr(doc.core_properties, prop, "")
    return doc


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build().save(str(target))
    print(f"wrote {target}")
