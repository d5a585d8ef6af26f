"""The coalition's words in each document's language.

Every field typed `LocalText` in model.py holds either a plain string (in
the file's language) or a mapping from language code to text. For a
document in language L:

- the text in L is used when there is one;
- else, if the campaign allows a fallback language for L
  (`settings.fallback_language`), the fallback text is used, as a
  `Passage` that remembers its language and which part of the document it
  belongs to;
- else the text is missing: `briefkit check` reports it, with file, line,
  field and language, before anything is composed or written.

A `Passage` is also how words in another language than the document's are
printed without being translated: quotes, verbatim in the language of their
source. When a template prints a Passage, it is wrapped in marks (Unicode
noncharacters, which campaign text may not hold); `mark_passages` then turns
each marked stretch of the composed HTML into `<span lang dir>` (or puts
`lang` and `dir` on the block it fills), so both writers set it in its own
language and direction, and reports the fallback parts the document used.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml import etree
from markupsafe import Markup, escape
from pydantic import BaseModel

from briefkit.campaign.fields import LocalTextMarker
from briefkit.errors import BriefkitError
from briefkit.render.i18n import N_, direction

_OPEN, _SEP, _CLOSE = "\ufdd0", "\ufdd1", "\ufdd2"
_BLOCKS = frozenset({"p", "li", "td", "th", "h1", "h2", "h3"})
_HEAD_ONLY_TEXT = frozenset({"title", "style", "script"})
_LETTER = re.compile(r"[^\W\d_]")

# What a fallback passage is part of, by the model (and field) it comes from; the labels name
# those parts in the note a document carries when it uses fallback text.
_PARTS: dict[str, str | dict[str, str]] = {
    "Position": {"title": "titles", "demand": "demands", "rationale": "rationales",
                 "articles": "provisions"},
    "TalkingPoints": "talking-points", "Fact": "facts", "Quote": "attributions",
    "Amendment": "amendments", "TimelineEntry": "timeline", "LetterText": "letter",
    "BriefingText": "summary", "FactsheetText": "factsheet", "CampaignFile": "campaign", "Logo": "logo",
    "Addressee": "addressee", "Audience": "addressee", "AudienceContext": "background",
}
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
}


class Passage(str):
    """Text in another language than the document's: a fallback (`part` set) or verbatim words."""

    lang: str
    part: str | None

    def __new__(cls, text: str, lang: str, part: str | None = None) -> Passage:
        passage = super().__new__(cls, text)
        passage.lang = lang
        passage.part = part
        return passage

    def __html__(self) -> Markup:
        return Markup(f"{_OPEN}{self.lang}{_SEP}{self.part or ''}{_SEP}{escape(str(self))}{_CLOSE}")

    def __reduce__(self):
        return (Passage, (str(self), self.lang, self.part))


class MissingText(BriefkitError):
    """Text the campaign does not give in a language a document needs (`briefkit check` names the field)."""

    def __init__(self, language: str) -> None:
        super().__init__(f'some of the campaign\'s text has no "{language}" version',
                         hint="run `briefkit check` to see which")
        self.language = language


@dataclass(frozen=True)
class Resolver:
    """Resolves LocalText for one document language.

    `plain` is the language of plain strings in the file the value comes from;
    `fallback` the language to fall back on, if the campaign allows one.
    """

    language: str
    plain: str
    fallback: str | None = None

    def texts(self, value: str | dict[str, str]) -> dict[str, str]:
        return {self.plain: value} if isinstance(value, str) else value

    def available(self, value: str | dict[str, str] | None) -> bool:
        if value is None:
            return True
        texts = self.texts(value)
        return self.language in texts or (self.fallback is not None and self.fallback in texts)

    def text(self, value: str | dict[str, str] | None, part: str | None = None) -> str | None:
        if value is None:
            return None
        texts = self.texts(value)
        if self.language in texts:
            return texts[self.language]
        if self.fallback is not None and self.fallback in texts:
            return Passage(texts[self.fallback], self.fallback, part)
        raise MissingText(self.language)


def shown(value: str | dict[str, str], language: str | None = None) -> str:
    """A LocalText as a listing or a message shows it: in `language` if given there, else the first."""
    if isinstance(value, str):
        return value
    return value.get(language or "") or next(iter(value.values()))


def localize(model: BaseModel, resolver: Resolver) -> BaseModel:
    """A copy of `model` with every LocalText (nested models included) resolved by `resolver`."""
    updates: dict[str, Any] = {}
    part_of = _PARTS.get(type(model).__name__)
    for name, shape in _shapes(type(model)).items():
        value = getattr(model, name)
        part = part_of.get(name, "campaign") if isinstance(part_of, dict) else part_of
        if shape == "text":
            updates[name] = resolver.text(value, part)
        elif shape == "texts":
            updates[name] = None if value is None else [resolver.text(v, part) for v in value]
        elif shape == "model" and value is not None:
            updates[name] = localize(value, resolver)
        elif shape == "models":
            updates[name] = [localize(v, resolver) for v in value]
    return model.model_copy(update=updates)


def local_fields(model: BaseModel, base: tuple = ()) -> Iterator[tuple[tuple, str | dict[str, str]]]:
    """Every LocalText value in `model` (nested models included), with its location for line maps."""
    for name, shape in _shapes(type(model)).items():
        value = getattr(model, name)
        field = type(model).model_fields[name]
        key = field.alias or name
        if value is None:
            continue
        if shape == "text":
            yield base + (key,), value
        elif shape == "texts":
            for index, item in enumerate(value):
                yield base + (key, index), item
        elif shape == "model":
            yield from local_fields(value, base + (key,))
        elif shape == "models":
            for index, item in enumerate(value):
                yield from local_fields(item, base + (key, index))


@cache
def _shapes(cls: type[BaseModel]) -> dict[str, str]:
    """For each field that holds LocalText or models that may: text, texts, model or models."""
    shapes = {}
    for name, field in cls.model_fields.items():
        if any(isinstance(m, LocalTextMarker) for m in field.metadata) or _marked(field.annotation):
            shapes[name] = "texts" if _is_list(field.annotation) else "text"
        elif (model := _model_in(field.annotation)) is not None and _shapes(model):
            shapes[name] = "models" if _is_list(field.annotation) else "model"
    return shapes


def _marked(annotation: Any) -> bool:
    if any(isinstance(m, LocalTextMarker) for m in getattr(annotation, "__metadata__", ())):
        return True
    return any(_marked(arg) for arg in typing.get_args(annotation))


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(typing.get_origin(arg) is list for arg in typing.get_args(annotation))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := _model_in(arg)) is not None:
            return found
    return None


# -- marking passages in the composed HTML ---------------------------------------

@dataclass(frozen=True)
class Marked:
    lang: str
    part: str | None


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
                spans += _split_text(element, found, document_dir)
        if element.tail and _OPEN in element.tail:
            parent = element.getparent()
            if in_head or parent is None or parent.tag in _HEAD_ONLY_TEXT:
                element.tail = _plain(element.tail, found)
            else:
                spans += _split_tail(element, found, document_dir)
    _hoist(spans, document_lang, document_dir)
    return found


def _pieces(text: str) -> list[str | tuple[str, str, str]]:
    """Plain strings and (lang, part, text) passages, in order."""
    out: list[str | tuple[str, str, str]] = []
    rest = text
    while (start := rest.find(_OPEN)) != -1:
        end = rest.find(_CLOSE, start)
        if end == -1:
            break
        out.append(rest[:start])
        lang, part, words = rest[start + 1:end].split(_SEP, 2)
        out.append((lang, part, words))
        rest = rest[end + 1:]
    out.append(rest)
    return out


def _plain(text: str, found: list[Marked]) -> str:
    out = []
    for piece in _pieces(text):
        if isinstance(piece, tuple):
            found.append(Marked(piece[0], piece[1] or None))
            out.append(piece[2])
        else:
            out.append(piece)
    return "".join(out)


def _span(lang: str, words: str, document_dir: str) -> etree._Element:
    span = etree.Element("span", lang=lang)
    if direction(lang) != document_dir:
        span.set("dir", direction(lang))
    span.text = words
    return span


def _split_text(element: etree._Element, found: list[Marked], document_dir: str) -> list[etree._Element]:
    pieces = _pieces(element.text)
    element.text = pieces[0]
    spans = []
    for piece in pieces[1:]:
        if isinstance(piece, tuple):
            found.append(Marked(piece[0], piece[1] or None))
            spans.append(_span(piece[0], piece[2], document_dir))
        else:
            spans[-1].tail = piece
    for index, span in enumerate(spans):
        element.insert(index, span)
    return spans


def _split_tail(element: etree._Element, found: list[Marked], document_dir: str) -> list[etree._Element]:
    pieces = _pieces(element.tail)
    element.tail = pieces[0]
    anchor = element
    spans = []
    for piece in pieces[1:]:
        if isinstance(piece, tuple):
            found.append(Marked(piece[0], piece[1] or None))
            span = _span(piece[0], piece[2], document_dir)
            anchor.addnext(span)
            anchor = span
            spans.append(span)
        else:
            anchor.tail = piece
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
