"""Where one script meets another in a document: isolated directions, and punctuation and spacing.

Two problems a reader sees at once, and both writers would otherwise share:

- **Direction.** A name in Latin letters inside an Arabic paragraph
  ("ARTICLE 19 (United Kingdom)") is laid out by the bidirectional algorithm
  with the paragraph's direction, so brackets that fall at a line break turn
  the wrong way. `isolate` gives such a run its own direction (`<span dir>`),
  which WeasyPrint honours (it does not isolate `<bdi>`) and the DOCX writer
  turns into runs of that direction.
- **Punctuation and spacing.** A Chinese or Arabic label puts its own
  punctuation after a passage that fell back to English ("objections。",
  "Senegal، "), and Chinese labels put no space between a figure and the
  English words it counts ("Thirty-sevenstates"). `join_scripts` walks the
  composed document's text in reading order and, where Latin text meets a
  document's own punctuation or another Latin word without a space, writes
  what the Latin text needs; between Latin and Chinese characters it puts a
  space, as Chinese typesetting separates the two.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree
from markupsafe import Markup, escape

# The document's own punctuation that Latin text takes in its Latin form.
_LATIN_FORM = {"。": ".", "，": ",", "、": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")",
               "،": ",", "؛": ";", "؟": "?"}
_OPENING = {"（", "("}
_LATIN_LETTER = "A-Za-zÀ-ɏ"
_PUNCTUATION_AFTER_LATIN = re.compile(rf"([{_LATIN_LETTER}])([。，、：；？！）،؛؟])(.?)")
_ARABIC_AND_LATIN = re.compile(rf"(?<!\w)و(?=[{_LATIN_LETTER}])")
_LATIN_THEN_CJK = re.compile(rf"([{_LATIN_LETTER}])([\u3400-\u4dbf\u4e00-\u9fff])")
_CJK_THEN_LATIN = re.compile(rf"([\u3400-\u4dbf\u4e00-\u9fff])([{_LATIN_LETTER}])")
_SKIP = {"head", "title", "style", "script"}
# After a Chinese character, a Latin mark a label wrote for Latin titles ("%(title)s.") takes its full-width
# form, which carries its own space.
_FULL_WIDTH = {".": "。", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_LATIN_MARK_AFTER_CJK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff])([.,:;?!])(?![.\w])[ \t]?")


def direction_of(text: str) -> str | None:
    """The direction of a text's first strongly directional character, as HTML's dir=auto takes it."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def isolate(text: str, document_direction: str) -> str:
    """`text` in a run of its own direction where that differs from the document's (a template filter)."""
    if hasattr(text, "lang"):
        return text  # a passage in another language: marked with its own lang and dir already
    own = direction_of(str(text))
    if own is None or own == document_direction:
        return text
    return Markup(f'<span dir="{own}">{escape(text)}</span>')


def join_scripts(tree: etree._Element, language: str) -> bool:
    """Mend the seams between Latin text and a Chinese or Arabic document's own text and punctuation;
    whether anything changed."""
    body = tree.find(".//body")
    if language not in ("zh", "ja", "ar", "fa", "ur") or body is None:
        return False
    changed = False
    for block in body.iter("p", "li", "td", "th", "h1", "h2", "h3"):
        pieces = _texts(block)
        if pieces and (mended := _mend_inside(pieces[0].text, language)) != pieces[0].text:
            pieces[0].text, changed = mended, True
        for index in range(1, len(pieces)):
            changed |= _mend(pieces[index - 1], pieces[index], language)
    return changed


class _Piece:
    """One text node of a block (an element's text or tail), read and written in place."""

    def __init__(self, element: etree._Element, attribute: str) -> None:
        self.element, self.attribute = element, attribute

    @property
    def text(self) -> str:
        return getattr(self.element, self.attribute) or ""

    @text.setter
    def text(self, value: str) -> None:
        setattr(self.element, self.attribute, value)


def _texts(block: etree._Element) -> list[_Piece]:
    """The block's text nodes in reading order, notes (footnote calls) left out."""
    pieces = []

    def walk(element: etree._Element) -> None:
        if element.text:
            pieces.append(_Piece(element, "text"))
        for child in element:
            if isinstance(child.tag, str) and "note" not in (child.get("class") or "").split() \
                    and child.tag not in ("ul", "ol", "table"):
                walk(child)
            if child.tail:
                pieces.append(_Piece(child, "tail"))

    walk(block)
    return pieces


def _mend(before: _Piece, after: _Piece, language: str) -> bool:
    """The seam between two text nodes, then inside the second one."""
    left, right = before.text, after.text
    changed = False
    if left and right:
        last, first = left[-1], right[0]
        if _latin(last) and first in _LATIN_FORM and first not in _OPENING:
            rest = right[1:]
            spaced = rest and not rest[0].isspace() and not _closing(rest[0])
            right = _LATIN_FORM[first] + (" " if spaced else "") + rest
        elif _latin(last) and _latin(first):
            right = " " + right  # two words written apart in the templates, glued by a label
        elif language in ("zh", "ja") and (_latin(last) and _cjk(first) or _cjk(last) and _latin(first)):
            right = " " + right
        elif language in ("zh", "ja") and last in _FULL_WIDTH.values() and right[0] in " \t":
            right = right.lstrip(" \t")  # a full-width mark carries its own space
        elif language == "ar" and left.endswith((" و", "و")) and (len(left) == 1 or not left[-2].isalnum()) \
                and _latin(first):
            right = " " + right
        changed = right != after.text
    inside = _mend_inside(right, language)
    if inside != after.text:
        after.text = inside
        return True
    return changed


def _mend_inside(text: str, language: str) -> str:
    """Within one text: the document's punctuation after a Latin word in its Latin form, and a space
    between Latin and Chinese characters."""
    def latin_form(match: re.Match) -> str:
        mark, after = _LATIN_FORM[match.group(2)], match.group(3)
        return match.group(1) + mark + (" " if after and not after.isspace() and not _closing(after) else "") + after

    text = _PUNCTUATION_AFTER_LATIN.sub(latin_form, text)
    if language == "ar":
        text = _ARABIC_AND_LATIN.sub("و ", text)  # "و" joins the word after it, but not a Latin one
    if language in ("zh", "ja"):
        text = _LATIN_MARK_AFTER_CJK.sub(lambda match: match.group(1) + _FULL_WIDTH[match.group(2)], text)
        text = _CJK_THEN_LATIN.sub(r"\1 \2", _LATIN_THEN_CJK.sub(r"\1 \2", text))
    return text


def _latin(char: str) -> bool:
    """A letter of the Latin script (digits are not: "2031年" keeps its digits close)."""
    return unicodedata.category(char).startswith("L") and "LATIN" in unicodedata.name(char, "")


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _closing(char: str) -> bool:
    return char in ")]}”’»）"
