"""A paragraph's contents in Word: runs of text cut by direction, with their language; links; pictures.

Runs are built with python-docx's own elements (CT_R, CT_RPr), whose
get_or_add methods keep the schema's child order; the few run properties
python-docx 1.2 does not model (complex-script size, letter spacing, the
language) come from wordml.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx.enum.text import WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph

from briefkit.render.document import Document
from briefkit.render.i18n import direction as language_direction
from briefkit.render.i18n import language_tag
from briefkit.writers.docx import wordml
from briefkit.writers.docx.inline import Format, Segment

# Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…, and their presentation forms).
RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_LTR_LETTER = re.compile(r"[^\W\d_]")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SMALL = Pt(8.5)  # CSS `small` in the print stylesheets
# Words shown as deleted or inserted (a marked redline, the legend, the annex): a character style
# named for what it is, which readers that map styles can follow (pandoc's +styles, mammoth's style
# map), and the same look as direct formatting, which readers that ignore styles still show
# (mammoth turns w:strike into <s>). The colours are the stylesheets' (css/base.css).
MARK_STYLES = {"del": "Deleted Text", "ins": "Inserted Text"}
MARK_COLOURS = {"del": "B00020", "ins": "0B6E2F"}


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


def runs(text: str, fmt: Format, languages: Languages, char_style: str | None = None) -> list[CT_R]:
    """The w:r elements holding `text`: one per stretch of one direction (see by_direction)."""
    return [run(piece, fmt, char_style, languages, rtl) for piece, rtl in by_direction(text)]


def by_direction(text: str) -> list[tuple[str, bool]]:
    """`text` cut where its script changes direction, each piece with whether it is right to left.

    Neutral characters (spaces, digits, punctuation) stay with the piece they
    follow, or, at the start, with the first piece; Word's bidi algorithm
    places them as a browser does.
    """
    if not RTL_SCRIPT.search(text):
        return [(text, False)]
    pieces: list[list] = []
    for char in text:
        rtl = True if RTL_SCRIPT.match(char) else False if _LTR_LETTER.match(char) else None
        if pieces and (rtl is None or rtl == pieces[-1][1] or pieces[-1][1] is None):
            pieces[-1][0] += char
            if pieces[-1][1] is None:
                pieces[-1][1] = rtl
        else:
            pieces.append([char, rtl])
    return [(piece, bool(rtl)) for piece, rtl in pieces]


def run(text: str, fmt: Format, char_style: str | None = None, languages: Languages | None = None,
        rtl: bool = False) -> CT_R:
    """A w:r holding `text`.

    Deleted text of a tracked change goes in w:delText, as Word requires; words
    marked as deleted or inserted (not tracked) are struck or underlined.
    Right-to-left text carries w:rtl, and bold, italic and size as complex
    script properties too (w:bCs, w:iCs, w:szCs), which Word applies to it.
    """
    r = OxmlElement("w:r")
    lang = languages.run_language(fmt.lang, rtl) if languages is not None else {}
    if (fmt.bold or fmt.italic or fmt.small or fmt.underline or fmt.superscript or fmt.mark or char_style
            or rtl or lang):
        rpr = r.get_or_add_rPr()
        if char_style:
            rpr.style = char_style
        if fmt.bold:
            rpr.get_or_add_b()
            rpr.get_or_add_bCs()
        if fmt.italic:
            rpr.get_or_add_i()
            rpr.get_or_add_iCs()
        if fmt.mark == "del":
            rpr.get_or_add_strike()
        if fmt.mark:
            rpr.get_or_add_color().set(qn("w:val"), MARK_COLOURS[fmt.mark])
        if rtl:  # spacing letters apart (the kicker's style) would break Arabic's joined letters
            wordml.letter_spacing(rpr, 0)
        if fmt.small:
            rpr.sz_val = _SMALL
            wordml.complex_script_size(rpr, _SMALL)
        if fmt.underline or fmt.mark == "ins":
            rpr.u_val = WD_UNDERLINE.SINGLE
        if fmt.superscript:
            rpr.superscript = True
        if rtl:
            rpr.get_or_add_rtl()
        if lang:
            wordml.run_language(rpr, lang)
    if fmt.change == "del":
        r.append(wordml.deleted_text(text))
    else:
        r.add_t(text).set(_XML_SPACE, "preserve")
    return r


def picture(paragraph: Paragraph, path: Path, height_px: int | None, alt: str) -> None:
    """An inline picture at `height_px` CSS pixels (96 to the inch, as in the PDF), with its
    alternative text (wordml.alternative_text)."""
    height = Emu(height_px * 9525) if height_px else None  # 914400 EMU to the inch / 96
    # The styles set exact line heights for text; a line holding a picture must grow to fit it.
    paragraph.paragraph_format.line_spacing = 1.0
    shape = paragraph.add_run().add_picture(str(path), height=height)
    wordml.alternative_text(shape._inline, alt, path.name)


def add_hyperlink(paragraph: Paragraph, segment: Segment, languages: Languages) -> None:
    """A link to an address outside the document (python-docx 1.2 reads hyperlinks but adds none)."""
    rel_id = paragraph.part.relate_to(segment.href, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    link.extend(runs(segment.text, segment.fmt, languages))
    paragraph._p.append(link)
