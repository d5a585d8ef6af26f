"""The kinds of value a campaign's files hold: ids, text, the coalition's words per language.

Each is a pydantic type with its validator, so that a bad value is reported
with its file, line and field like any other (loader.py), and so that text
that would break a writer later (a control character python-docx and lxml
refuse) is refused where it is written.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from anyascii import anyascii
from pydantic import AfterValidator, BeforeValidator, Field, PlainValidator
from pydantic_core import PydanticCustomError

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
# XML 1.0 forbids the C0 controls (python-docx and lxml would fail on them later); DEL and the
# C1 controls it allows have no place in a document either, and upset text layout.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
XML_FORBIDDEN = _XML_FORBIDDEN  # for what templates write (render/compose.py), checked as data is
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


def check_text(value: str) -> str:
    """`value`, if documents can hold it; a ValueError saying why not (a control character)."""
    return _xml_safe(value)


def is_language(value: str) -> bool:
    """Whether `value` has the shape of a language code (two or three lower-case letters)."""
    return bool(_LANGUAGE.match(value))


class LocalTextMarker:
    """Marks the fields that hold the coalition's own words, which may be given per language."""


Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


def slug_for(text: str, max_length: int = 64) -> str:
    """The id to use for a name: transliterated to ASCII (anyascii), lower case, words joined by
    single hyphens, cut at a word to `max_length`. Côte d'Ivoire → cote-d-ivoire, 中国 → zhongguo."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > max_length:
            break
        slug = f"{slug}-{word}" if slug else word[:max_length]
    if slug in _RESERVED:
        slug += "-id"
    return slug


def _slug(value: str) -> str:
    if not _SLUG.match(value) or len(value) > 64:
        suggestion = slug_for(value)
        use = f"use {suggestion!r}" if suggestion else "use lower-case letters, digits and single hyphens"
        raise ValueError(f"{value!r} is not a valid id: ids are lower-case letters, digits and single "
                         f"hyphens; {use}")
    if value in _RESERVED:
        raise ValueError(f"{value!r} cannot be used as an id: it is a reserved file name on Windows; "
                         f"use {value + '-id'!r}")
    return value


def is_id(value: str) -> bool:
    """Whether `value` is usable as an id (a slug, not a reserved file name)."""
    try:
        _slug(value)
    except ValueError:
        return False
    return True


def _as_slug(value: Any) -> Any:
    """A name typed for an id of the campaign's own (a stance): Broader scope → broader-scope."""
    return slug_for(value) or value if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(_xml_safe), Field(min_length=1)]
Slug = Annotated[str, AfterValidator(_slug)]
StanceId = Annotated[str, BeforeValidator(_as_slug), AfterValidator(_slug)]
# The coalition's own words: a plain string in the file's language (settings.language; in an
# audience's file, the audience's first language), or {language code: text}. Resolved for each
# document's language by briefkit.localtext.
LocalText = Annotated[str | dict[str, str], PlainValidator(_local_text), LocalTextMarker()]


def forgiving(choices: tuple[str, ...], aliases: dict[str, str] | None = None) -> BeforeValidator:
    """A validator that takes a choice in any case and spacing, or a common spelling of it
    (a4, us-letter, PDF), and gives its one written form; anything else is left for the field's
    own check to refuse, with the choices listed."""
    table = {_folded(choice): choice for choice in choices}
    table.update({_folded(alias): choice for alias, choice in (aliases or {}).items()})

    def normalise(value: Any) -> Any:
        return table.get(_folded(value), value) if isinstance(value, str) else value

    return BeforeValidator(normalise)


def _folded(text: str) -> str:
    return re.sub(r"[\s_\-.]+", "", text).lower()


# A text with no letters in it (a figure, a date in digits, a symbol), a web address or an
# e-mail address reads the same in every language, and needs no per-language text; so does a text
# given for NEUTRAL_LANGUAGE (a name, say: {zxx: Kaitlyn Rodriguez}).
_LETTER = re.compile(r"[^\W\d_]")
_ADDRESS = re.compile(r"^(?:https?://|mailto:)\S+$|^[^\s@]+@[^\s@]+\.\w+$")
NEUTRAL_LANGUAGE = "zxx"  # ISO 639-2: "no linguistic content", for a text that is the same in every language


def is_neutral(text: str) -> bool:
    """Whether a plain text reads the same in every language (it has no letters, or is an address)."""
    return not _LETTER.search(text) or bool(_ADDRESS.match(text.strip()))


def _country(value: Any) -> Any:
    """An ISO 3166 country code, in any case (cl, CL), that CLDR knows."""
    from babel import Locale

    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if code not in Locale.parse("en").territories or not re.fullmatch(r"[A-Z]{2}", code):
        raise ValueError(f"{value!r} is not a two-letter ISO 3166 country code, such as CL or NO")
    return code


CountryCode = Annotated[str, BeforeValidator(_country)]


_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2})?$")


def _locale(value: Any) -> Any:
    """A locale CLDR has data for (en_GB, fr_CH, sr_Latn_RS): babel formats dates and numbers with it,
    so an unknown one (en_XX) must be refused where it is written, not when a date is printed."""
    from babel import Locale, UnknownLocaleError
    from babel.localedata import locale_identifiers

    from briefkit.errors import closest

    if not isinstance(value, str) or not _LOCALE.match(value):
        return value  # the pattern below reports it
    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError):
        known = locale_identifiers()
        language = value.split("_")[0]
        near = closest(value, [k for k in known if k.split("_")[0] == language] or known)
        raise PydanticCustomError(
            "unknown_locale", "'{value}' is not a locale briefkit knows (CLDR has no data for it)",
            {"value": value, "hint": (f"did you mean {near!r}" if near else "")
             + (f"{' or' if near else 'write'} just {language!r}" if language in known else "")
             + ("? " if near else "; ") + "a locale is a language and a country CLDR knows, such as "
             "en_GB or fr_CH"}) from None
    return value


LocaleCode = Annotated[str, Field(pattern=_LOCALE.pattern), AfterValidator(_locale)]
