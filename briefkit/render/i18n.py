"""Languages: briefkit's own labels in gettext catalogues, and what Babel knows of each locale.

The labels templates print ("Summary", "Signed by 11 organisations", "page 2
of 5") are msgids in briefkit/locale/<lang>/LC_MESSAGES/briefkit.po,
extracted from the templates and from this package by Babel (`make
catalogues`) and compiled to the .mo files shipped with the package.
Dates, numbers, lists and language names come from Babel's CLDR data for
the audience's locale. Nothing here knows about documents or formats.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import Translations
from markupsafe import Markup, escape

from briefkit.resources import LOCALE_DIR

DOMAIN = "briefkit"
# The six languages of the United Nations, which briefkit's catalogues cover.
LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")
DEFAULT_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ru": "ru_RU", "ar": "ar", "zh": "zh_Hans_CN"}


def N_(message: str) -> str:
    """Marks a label for extraction into the catalogues; it is translated where it is printed."""
    return message


@cache
def translations(language: str | None) -> gettext.NullTranslations:
    """briefkit's labels in `language`; the English msgids when there is no catalogue for it."""
    if not language:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


def has_catalogue(language: str) -> bool:
    return (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def catalogue_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def known(language: str) -> bool:
    """Whether Babel (CLDR) knows this language or locale, so that dates and plurals can follow it."""
    try:
        Locale.parse(language)
        return True
    except (UnknownLocaleError, ValueError):
        return False


@cache
def direction(language: str) -> str:
    """`rtl` for languages written right to left (Arabic, Hebrew, Persian, Urdu…), else `ltr`."""
    try:
        return "rtl" if Locale.parse(language).character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


def locale_for(language: str, configured: str | None = None) -> str:
    """The locale of a document: the audience's own when it is of this language, else the default."""
    if configured and configured.split("_")[0] == language:
        return configured
    return DEFAULT_LOCALES.get(language, language)


# Word names languages with a region (ar-SA, zh-CN); the region when a locale gives none.
_WORD_REGIONS = {"ar": "SA", "en": "GB", "es": "ES", "fr": "FR", "ru": "RU", "zh": "CN"}


def language_tag(language: str, locale: str | None = None) -> str:
    """A language as Word tags it ("ar-EG", "zh-CN"), from the document's locale when it has a region."""
    parts = (locale or "").split("_")
    if parts[0] == language and len(parts) > 1 and len(parts[-1]) == 2 and parts[-1].isupper():
        return f"{language}-{parts[-1]}"
    region = _WORD_REGIONS.get(language)
    return f"{language}-{region}" if region else language


def language_name(language: str, in_language: str) -> str:
    """The name of `language` as `in_language` writes it ("anglais", "الإنجليزية")."""
    try:
        return Locale.parse(in_language).languages.get(language) or language
    except (UnknownLocaleError, ValueError):
        return language


def number(value: int | float, locale: str) -> str:
    return format_decimal(value, locale=locale)


def listing(items: list[str], locale: str) -> str:
    """"A, B and C" in the locale's words and punctuation; items that are markup (a name in a run of
    its own direction) stay markup, the rest is escaped."""
    if not items:
        return ""
    if not any(hasattr(item, "__html__") for item in items):
        return format_list(items, locale=locale)
    slots = [f"\ufdd3{index}\ufdd3" for index in range(len(items))]  # noncharacters: never in text
    pieces = format_list(slots, locale=locale).split("\ufdd3")
    return Markup("").join(escape(items[int(piece)]) if index % 2 else escape(piece)
                           for index, piece in enumerate(pieces))


def in_quotes(words: str, language: str | None) -> str:
    """Words in quotation marks, as the document's language (`language`) writes them; but a Passage
    in a language of the other direction (an Arabic quote in an English report) gets its own
    language's marks, inside the passage, so that it is set whole in its own direction, its marks
    and its note on the right sides."""
    own = getattr(words, "lang", None)
    if own is None or direction(own) == direction(language or "en"):
        return Markup(translations(language).gettext("“%(words)s”")) % {"words": words}
    open_mark, _, close_mark = translations(own).gettext("“%(words)s”").partition("%(words)s")
    return type(words)(f"{open_mark}{words}{close_mark}", own, getattr(words, "part", None))
