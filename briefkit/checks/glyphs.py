"""Prove that every character of every document has a glyph in the fonts its stylesheets name.

A character no named font has is drawn as an empty box ("tofu"), or in
whatever font the system falls back on. For each element of a composed
document this takes the font families its stylesheets give it (fontrules.py),
resolves each to a font (fonts.py), and looks every character of the
element's text up in those fonts' character maps. List markers, footnote
numbers and the page label are checked too.

A character that no font covers is a problem naming the character, where it
was written (file, line and field, traced through the campaign's files, the
templates and the language's catalogue) or else the document and the words
around it, and the language. Fonts are resolved once per process.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import cssselect2
from lxml import etree

from briefkit.campaign import layout
from briefkit.campaign.loader import dotted
from briefkit.campaign.verified import Verified
from briefkit.checks.fontrules import Rules, Style
from briefkit.checks.fonts import face_cmap, font_package, installed
from briefkit.errors import BriefkitError, Problem
from briefkit.filerule import ASSET, read_campaign_text
from briefkit.render.document import Document
from briefkit.render.templating import BUILTIN
from briefkit.resources import LOCALE_DIR

_MARKERS = {"ol": "0123456789.", "ul": "•"}
_NOTE_NUMBERS = "0123456789"


class FontCoverage:
    """Checks documents' characters against their fonts; keeps what it learns for the next document."""

    def __init__(self) -> None:
        self._sheets: dict[tuple[Path, ...], Rules] = {}
        # Whether a character has a glyph in a font list; a campaign has few distinct pairs.
        self._covered: dict[tuple[Rules, tuple[str, ...], str], bool] = {}

    def check(self, verified: Verified, documents: list[Document]) -> list[Problem]:
        """Every uncovered character, reported once per missing font or once per field and font list.

        A font family that is not installed at all explains every character it would have set:
        that is one problem naming the family and the package that provides it, not one per
        character. Characters that the installed fonts of their list really lack are grouped by
        the place they are written and the fonts they are set in.
        """
        missing_fonts: dict[str, _MissingFont] = {}
        uncovered: dict[tuple, _Uncovered] = {}
        tracer = _Tracer(verified)
        for document in documents:
            rules = self._rules(document)
            for char, families, element in _characters(document, rules):
                pair = (rules, families, char)
                covered = self._covered.get(pair)
                if covered is None:
                    covered = self._covered[pair] = any(_covers(family, char, rules.faces)
                                                        for family in families)
                if covered:
                    continue
                absent = [f for f in families if f.lower() not in rules.faces and installed(f) is None]
                if absent:
                    for family in absent:
                        entry = missing_fonts.setdefault(family.lower(), _MissingFont(family, rules))
                        entry.add(char, document.lang)
                    continue
                where = tracer.trace(char, document)
                entry = uncovered.setdefault(where, _Uncovered(where, element, document))
                entry.add(char, document.lang, families)
        problems = [entry.problem() for entry in missing_fonts.values()]
        return problems + [entry.problem() for entry in uncovered.values()]

    def _rules(self, document: Document) -> Rules:
        key = tuple(document.stylesheets)
        if key not in self._sheets:
            self._sheets[key] = Rules(document.stylesheets, document.campaign_root)
        return self._sheets[key]


# -- the characters of a document, each with the fonts it is set in ------------------------

def _characters(document: Document, rules: Rules):
    """(character, families, element) for every character a reader sees, markers and labels included."""
    root = cssselect2.ElementWrapper.from_html_root(document.tree)
    styles: dict[etree._Element, Style] = {}
    root_style = None
    for wrapper in root.iter_subtree():
        element = wrapper.etree_element
        parent = element.getparent()
        style, pseudos = rules.style(wrapper, styles.get(parent, Style()))
        styles[element] = style
        if root_style is None:
            root_style = style
        if element.tag in ("head", "title", "meta") or any(a.tag == "head" for a in element.iterancestors()):
            continue
        # Each character once per element: whether it has a glyph does not depend on how often.
        own_text = (element.text or "") + "".join(child.tail or "" for child in element)
        for char in dict.fromkeys(own_text):
            yield char, style.families, element
        if element.tag == "li" and parent is not None and parent.tag in _MARKERS:
            marker = pseudos.get("marker", style)
            for char in _MARKERS[parent.tag]:
                yield char, marker.families, element
        if "note" in (element.get("class") or "").split():
            for name in ("footnote-call", "footnote-marker"):
                for char in _NOTE_NUMBERS:
                    yield char, pseudos.get(name, style).families, element
    if document.meta("briefkit-page-numbers") == "yes" and root_style is not None:
        label = re.sub(r"\{pages?\}", "0123456789", document.meta("briefkit-page-label") or "")
        page = rules.page_style(root_style)
        for char in label:
            yield char, page.families, document.tree


def _skipped(char: str) -> bool:
    """Characters that take no glyph: spaces, line breaks, controls and format characters."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _covers(family: str, char: str, faces: dict[str, list[Path]]) -> bool:
    if _skipped(char):
        return True
    code = ord(char)
    files = faces.get(family.lower())
    if files:
        return any(code in face_cmap(path) for path in files)
    charset = installed(family)
    return charset is not None and code in charset


# -- telling the user where the character was written ---------------------------------------

class _Tracer:
    """Finds the first file and line that holds a character: campaign data, templates, catalogues."""

    def __init__(self, verified: Verified) -> None:
        self.campaign = verified.campaign
        self.root = verified.campaign.root
        self._files: list[tuple[str, list[str]]] | None = None

    def files(self, lang: str) -> list[tuple[str, list[str]]]:
        if self._files is None:
            self._files = []
            for name in layout.WORDS:
                base = self.root / name
                paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) \
                    if base.is_dir() else []
                for path in paths:
                    try:  # by the file rule: no link out, FIFO or device is read to trace a character
                        lines = read_campaign_text(self.root, path, ASSET).splitlines()
                    except BriefkitError:
                        continue
                    self._files.append((path.relative_to(self.root).as_posix(), lines))
            for path in sorted(BUILTIN.rglob("*.j2")):
                self._files.append(("builtin/" + path.relative_to(BUILTIN).as_posix(),
                                    path.read_text(encoding="utf-8").splitlines()))
        catalogue = LOCALE_DIR / lang / "LC_MESSAGES" / "briefkit.po"
        extra = []
        if catalogue.is_file():
            extra.append((f"briefkit/locale/{lang}/LC_MESSAGES/briefkit.po",
                          catalogue.read_text(encoding="utf-8").splitlines()))
        return self._files + extra

    def trace(self, char: str, document: Document) -> tuple[str, int | None, str | None]:
        """(file, line, field) where `char` is written, or (the document, None, None)."""
        for rel, lines in self.files(document.lang):
            for number, line in enumerate(lines, 1):
                if char in line:
                    return rel, number, self._field(rel, number)
        return f"{document.audience}/{document.kind}", None, None

    def _field(self, rel: str, line: int) -> str | None:
        line_map = self.campaign.provenance.lines.get(rel)
        if not line_map:
            return None
        candidates = [(at, len(loc), loc) for loc, at in line_map.items() if at <= line and loc]
        if not candidates:
            return None
        return dotted(max(candidates)[2])


class _MissingFont:
    """A named family with no installed font, and the characters of documents that needed it."""

    def __init__(self, family: str, rules: Rules) -> None:
        self.family, self.rules = family, rules
        self.chars: dict[str, None] = {}
        self.languages: dict[str, None] = {}

    def add(self, char: str, lang: str) -> None:
        self.chars[char] = None
        self.languages[lang] = None

    def problem(self) -> Problem:
        path, line = self.rules.where_named(self.family)
        package = font_package(self.family)
        count = len(self.chars)
        message = (f"the font \"{self.family}\" is not installed: without it, {count} character"
                   f"{'s' if count != 1 else ''} of the {', '.join(self.languages)} documents "
                   f"{'have' if count != 1 else 'has'} no glyph ({_sample(self.chars)})")
        hint = (f"apt-get install {package}" if package else
                f"install a font named \"{self.family}\", or name a font this machine has in {path}")
        return Problem(path, line, message, hint)


class _Uncovered:
    """Characters written in one place (a field, or a template line) that no installed font of theirs has."""

    def __init__(self, where: tuple[str, int | None, str | None], element: etree._Element,
                 document: Document) -> None:
        self.where, self.element, self.document = where, element, document
        self.chars: dict[str, None] = {}
        self.languages: dict[str, None] = {}
        self.font_lists: dict[tuple[str, ...], None] = {}  # a field may be set in serif and in sans

    def add(self, char: str, lang: str, families: tuple[str, ...]) -> None:
        self.chars[char] = None
        self.languages[lang] = None
        self.font_lists[families] = None

    def problem(self) -> Problem:
        path, line, field_name = self.where
        first = next(iter(self.chars))
        words = " ".join("".join(self.element.itertext()).split())
        at = words.find(first)
        snippet = words[max(at - 30, 0):at + 30] if at >= 0 else words[:60]
        names = "; ".join(", ".join(families) or "no named font" for families in self.font_lists)
        prefix = f"{field_name}: " if field_name else ""
        count = len(self.chars)
        document = self.document
        message = (f"{prefix}{count} character{'s have' if count != 1 else ' has'} no glyph in the fonts the "
                   f"stylesheets name for {'them' if count != 1 else 'it'} ({names}), in "
                   f"{', '.join(self.languages)}: {_sample(self.chars, codes=True)} (the {document.kind} for "
                   f"{document.audience}, in {document.lang}: “…{snippet}…”)")
        hint = "remove or replace the characters, or add a font that has them to the font-family in css/base.css"
        return Problem(path, line, message, hint)


def _sample(chars: dict[str, None], codes: bool = False, limit: int = 8) -> str:
    """A few of the characters, as a reader can find them: printable ones as themselves."""
    shown = [(f"U+{ord(c):04X} {c!r}" if c.isprintable() else f"U+{ord(c):04X}") if codes else
             (c if c.isprintable() else f"U+{ord(c):04X}") for c in list(chars)[:limit]]
    more = len(chars) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
