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

A translation made from an earlier version of its source text (stale, see
tracking.py) is printed too, as a Passage marked `stale`, so that the document
can say which of its parts translate text that has since changed.

A `Passage` is also how words in another language than the document's are
printed without being translated: quotes, verbatim in the language of their
source. When a template prints a Passage, it is wrapped in marks (Unicode
noncharacters, which campaign text may not hold), which render/passages.py
turns into `lang` and `dir` in the composed HTML.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

from briefkit.campaign.fields import NEUTRAL_LANGUAGE, LocalTextMarker, is_neutral
from briefkit.errors import BriefkitError

# The marks around a printed Passage: its language, its part, its text (render/passages.py reads them).
MARK_OPEN, MARK_SEPARATOR, MARK_CLOSE = "\ufdd0", "\ufdd1", "\ufdd2"

# What a fallback passage is part of, by the model (and field) it comes from; render/passages.py
# names those parts in the note a document carries when it uses fallback text.
_PARTS: dict[str, str | dict[str, str]] = {
    "Position": {"title": "titles", "demand": "demands", "rationale": "rationales",
                 "articles": "provisions", "talking_points": "talking-points"},
    "Instrument": "instrument", "Stance": "call-to-action", "Fact": "facts", "Quote": "attributions",
    "Amendment": "amendments", "TimelineEntry": "timeline", "LetterText": "letter",
    "BriefingText": "summary", "FactsheetText": "factsheet", "CampaignFile": "campaign", "Logo": "logo",
    "Addressee": "addressee", "Audience": "addressee", "AudienceContext": "background",
}
QUOTE_TRANSLATION_PART = "quote-translations"  # a quote's unofficial translation, where it is stale


class Passage(str):
    """Text the document must say something about: in another language than the document's (a
    fallback, `part` set, or verbatim words), or a stale translation (`stale`, `part` set)."""

    lang: str
    part: str | None
    stale: bool

    def __new__(cls, text: str, lang: str, part: str | None = None, stale: bool = False) -> Passage:
        passage = super().__new__(cls, text)
        passage.lang = lang
        passage.part = part
        passage.stale = stale
        return passage

    def __html__(self) -> Markup:
        state = "stale" if self.stale else ""
        return Markup(f"{MARK_OPEN}{self.lang}{MARK_SEPARATOR}{self.part or ''}{MARK_SEPARATOR}{state}"
                      f"{MARK_SEPARATOR}{escape(str(self))}{MARK_CLOSE}")

    def __reduce__(self):
        return (Passage, (str(self), self.lang, self.part, self.stale))


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
        """The value's texts by language; a plain text that reads the same in every language
        (a figure, an address) counts as the neutral language's."""
        if isinstance(value, str):
            return {NEUTRAL_LANGUAGE if is_neutral(value) else self.plain: value}
        return value

    def available(self, value: str | dict[str, str] | None) -> bool:
        if value is None:
            return True
        texts = self.texts(value)
        return (self.language in texts or NEUTRAL_LANGUAGE in texts
                or (self.fallback is not None and self.fallback in texts))

    def text(self, value: str | dict[str, str] | None, part: str | None = None) -> str | None:
        if value is None:
            return None
        texts = self.texts(value)
        if self.language in texts:
            if self.language in getattr(value, "stale", ()):
                return Passage(texts[self.language], self.language, part or "campaign", stale=True)
            return texts[self.language]
        if NEUTRAL_LANGUAGE in texts:
            return texts[NEUTRAL_LANGUAGE]
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
        elif shape == "text-lists":
            updates[name] = {key: [resolver.text(v, part) for v in texts] for key, texts in value.items()}
        elif shape == "model" and value is not None:
            updates[name] = localize(value, resolver)
        elif shape == "models" and value is not None:
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
        elif shape == "text-lists":
            for name_key, texts in value.items():
                for index, item in enumerate(texts):
                    yield base + (key, name_key, index), item
        elif shape == "model":
            yield from local_fields(value, base + (key,))
        elif shape == "models" and value is not None:
            for index, item in enumerate(value):
                yield from local_fields(item, base + (key, index))


@cache
def _shapes(cls: type[BaseModel]) -> dict[str, str]:
    """For each field that holds LocalText or models that may: text, texts (a list), text-lists
    (a mapping from a name to a list), model or models."""
    shapes = {}
    for name, field in cls.model_fields.items():
        if typing.get_origin(field.annotation) is dict and _marked(typing.get_args(field.annotation)[1]):
            shapes[name] = "text-lists"
        elif any(isinstance(m, LocalTextMarker) for m in field.metadata) or _marked(field.annotation):
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
