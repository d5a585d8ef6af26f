"""Passages in another language than the document's, marked in the composed HTML.

When a template prints a `Passage` (campaign/localtext.py), it is wrapped in
marks (Unicode noncharacters, which campaign text may not hold);
`mark_passages` turns each marked stretch into `<span lang dir>` (or puts
`lang` and `dir` on the block it fills), so both writers set it in its own
language and direction, and reports the fallback parts the document used,
which the document then names in its own language (PART_LABELS). A stale
translation (a passage in the document's own language, marked `stale`) needs
no `lang`: it is only reported, so that the document can say which of its
parts translate text that has since changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from briefkit.campaign.localtext import MARK_CLOSE as _CLOSE
from briefkit.campaign.localtext import MARK_OPEN as _OPEN
from briefkit.campaign.localtext import MARK_SEPARATOR as _SEP
from briefkit.render.i18n import N_, direction

_BLOCKS = frozenset({"p", "li", "td", "th", "h1", "h2", "h3"})
_HEAD_ONLY_TEXT = frozenset({"title", "style", "script"})
_LETTER = re.compile(r"[^\W\d_]")

PART_LABELS = {
    "titles": N_("the titles of the redlines"),
    "demands": N_("the demands"),
    "rationales": N_("why each redline matters"),
    "provisions": N_("the provisions affected"),
    "talking-points": N_("the talking points"),
    "facts": N_("the facts and figures"),
    "attributions": N_("who is quoted"),
    "amendments": N_("the proposed amendments"),
    "timeline": N_("the timeline"),
    "letter": N_("the text of the letter"),
    "summary": N_("the summary"),
    "factsheet": N_("the text of the fact sheet"),
    "campaign": N_("the name of the campaign"),
    "logo": N_("the description of the logo"),
    "addressee": N_("the addressee"),
    "background": N_("the background"),
    "instrument": N_("the name of the instrument"),
    "call-to-action": N_("the call to action"),
    "quote-translations": N_("the translations of quotes"),
}


@dataclass(frozen=True)
class Marked:
    lang: str
    part: str | None
    stale: bool = False


def mark_passages(tree: etree._Element, document_lang: str) -> list[Marked]:
    """Turn the marks around printed Passages into `lang`/`dir`; return the passages, in order."""
    found: list[Marked] = []
    spans: list[etree._Element] = []
    document_dir = direction(document_lang)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if _OPEN in value:
                element.set(name, _plain(value, found))
        in_head = element.tag in _HEAD_ONLY_TEXT or any(a.tag == "head" for a in element.iterancestors())
        if element.text and _OPEN in element.text:
            if in_head:
                element.text = _plain(element.text, found)
            else:
                spans += _split_text(element, found, document_lang, document_dir)
        if element.tail and _OPEN in element.tail:
            parent = element.getparent()
            if in_head or parent is None or parent.tag in _HEAD_ONLY_TEXT:
                element.tail = _plain(element.tail, found)
            else:
                spans += _split_tail(element, found, document_lang, document_dir)
    _hoist(spans, document_lang, document_dir)
    return found


@dataclass(frozen=True)
class _Piece:
    """One marked passage of a text: its language, part, whether it is stale, and its words."""

    lang: str
    part: str
    stale: bool
    words: str

    def marked(self) -> Marked:
        return Marked(self.lang, self.part or None, self.stale)


def _pieces(text: str) -> list[str | _Piece]:
    """Plain strings and marked passages, in order."""
    out: list[str | _Piece] = []
    rest = text
    while (start := rest.find(_OPEN)) != -1:
        end = rest.find(_CLOSE, start)
        if end == -1:
            break
        out.append(rest[:start])
        lang, part, state, words = rest[start + 1:end].split(_SEP, 3)
        out.append(_Piece(lang, part, state == "stale", words))
        rest = rest[end + 1:]
    out.append(rest)
    return out


def _plain(text: str, found: list[Marked]) -> str:
    out = []
    for piece in _pieces(text):
        if isinstance(piece, _Piece):
            found.append(piece.marked())
            out.append(piece.words)
        else:
            out.append(piece)
    return "".join(out)


def _runs(text: str, found: list[Marked], document_lang: str) -> list[str | _Piece]:
    """The text as alternating plain text and passages that need an element of their own, every
    passage reported in `found` in order. A passage in the document's own language (a stale
    translation) needs no element: its words join the plain text around it."""
    out: list[str | _Piece] = [""]
    for piece in _pieces(text):
        if isinstance(piece, _Piece):
            found.append(piece.marked())
            if piece.lang != document_lang:
                out += [piece, ""]
                continue
            piece = piece.words
        out[-1] += piece
    return out


def _span(lang: str, words: str, document_dir: str) -> etree._Element:
    span = etree.Element("span", lang=lang)
    if direction(lang) != document_dir:
        span.set("dir", direction(lang))
    span.text = words
    return span


def _split_text(element: etree._Element, found: list[Marked], document_lang: str,
                document_dir: str) -> list[etree._Element]:
    pieces = _runs(element.text, found, document_lang)
    element.text = pieces[0]
    spans = []
    for piece in pieces[1:]:
        if isinstance(piece, _Piece):
            spans.append(_span(piece.lang, piece.words, document_dir))
        else:
            spans[-1].tail = piece or None
    for index, span in enumerate(spans):
        element.insert(index, span)
    return spans


def _split_tail(element: etree._Element, found: list[Marked], document_lang: str,
                document_dir: str) -> list[etree._Element]:
    pieces = _runs(element.tail, found, document_lang)
    element.tail = pieces[0]
    anchor = element
    spans = []
    for piece in pieces[1:]:
        if isinstance(piece, _Piece):
            span = _span(piece.lang, piece.words, document_dir)
            anchor.addnext(span)
            anchor = span
            spans.append(span)
        else:
            anchor.tail = piece or None
    return spans


def _hoist(spans: list[etree._Element], document_lang: str, document_dir: str) -> None:
    """A block whose words are all passages of one language takes that language and direction.

    A list item made of a fallback title and demand, with only punctuation
    around them, is then laid out as a paragraph in the fallback language (left
    to right in an Arabic document). Footnotes in it keep the document's own.
    """
    blocks: dict[etree._Element, list[etree._Element]] = {}
    for span in spans:
        block = next((a for a in span.iterancestors() if a.tag in _BLOCKS), None)
        if block is not None and not _in_note(span, block):
            blocks.setdefault(block, []).append(span)
    for block, inside in blocks.items():
        langs = {span.get("lang") for span in inside}
        if len(langs) != 1 or block.get("lang") or _LETTER.search(_text_outside(block, inside)):
            continue
        lang = langs.pop()
        block.set("lang", lang)
        if direction(lang) != document_dir:
            block.set("dir", direction(lang))
        if len(block) == 1 and block[0] is inside[0] and not (block.text or "").strip():
            span = block[0]  # the block is the passage: no span needed
            block.text = (block.text or "") + (span.text or "") + (span.tail or "")
            block.remove(span)
        for note in block.iter("span"):
            if "note" in (note.get("class") or "").split():
                note.set("lang", document_lang)
                note.set("dir", document_dir)


def _in_note(span: etree._Element, block: etree._Element) -> bool:
    for ancestor in span.iterancestors():
        if ancestor is block:
            return False
        if "note" in (ancestor.get("class") or "").split():
            return True
    return False


def _text_outside(block: etree._Element, passages: list[etree._Element]) -> str:
    """The block's visible words that are not in the passages (footnotes left out)."""
    skip = set(passages)
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        if element in skip or "note" in (element.get("class") or "").split():
            return
        out.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            out.append(child.tail or "")

    walk(block)
    return "".join(out)
