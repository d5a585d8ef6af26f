"""The kinds of value a campaign's files hold: ids, text, the coalition's words per language.

Each is a pydantic type with its validator, so that a bad value is reported
with its file, line and field like any other (loader.py), and so that text
that would break a writer later (a control character python-docx and lxml
refuse) is refused where it is written.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainValidator
from pydantic_core import PydanticCustomError

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
# XML 1.0 forbids the C0 controls (python-docx and lxml would fail on them later); DEL and the
# C1 controls it allows have no place in a document either, and upset text layout.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Unicode noncharacters: never text. briefkit uses them internally to mark passages (localtext.py).
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _xml_safe(value: str) -> str:
    if match := _XML_FORBIDDEN.search(value):
        raise ValueError(f"contains the control character U+{ord(match.group()):04X}, "
                         "which documents cannot hold; delete it")
    if match := _NONCHARACTERS.search(value):
        raise ValueError(f"contains U+{ord(match.group()):04X}, a Unicode noncharacter that is never "
                         "text; delete it")
    return value


def _local_text(value: Any) -> str | dict[str, str]:
    """Text in the file's own language, or a mapping from language code to text."""
    if isinstance(value, str):
        if not value:
            raise PydanticCustomError("string_too_short", "String should have at least 1 character")
        return _xml_safe(value)
    if isinstance(value, dict) and value:
        texts = {}
        for language, text in value.items():
            if not isinstance(language, str) or not _LANGUAGE.match(language):
                raise ValueError(f"{language!r} is not a language code: use a two- or three-letter code "
                                 "such as en, fr or ar")
            if not isinstance(text, str) or not text:
                raise ValueError(f"the {language!r} text must be text, and not empty")
            texts[language] = _xml_safe(text)
        return texts
    raise PydanticCustomError("string_type", "Input should be a valid string, or a mapping from language code "
                              "to text such as {en: …, fr: …}")


class LocalTextMarker:
    """Marks the fields that hold the coalition's own words, which may be given per language."""


Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


def _slug(value: str) -> str:
    if not _SLUG.match(value) or len(value) > 64:
        raise ValueError(f"{value!r} is not a valid id: use lower-case letters, digits and "
                         "single hyphens, e.g. 'new-zealand'")
    if value in _RESERVED:
        raise ValueError(f"{value!r} cannot be used as an id: it is a reserved file name on Windows")
    return value


def is_id(value: str) -> bool:
    """Whether `value` is usable as an id (a slug, not a reserved file name)."""
    try:
        _slug(value)
    except ValueError:
        return False
    return True


Text = Annotated[str, AfterValidator(_xml_safe), Field(min_length=1)]
Slug = Annotated[str, AfterValidator(_slug)]
# The coalition's own words: a plain string in the file's language (settings.language; in an
# audience's file, the audience's first language), or {language code: text}. Resolved for each
# document's language by briefkit.localtext.
LocalText = Annotated[str | dict[str, str], PlainValidator(_local_text), LocalTextMarker()]
