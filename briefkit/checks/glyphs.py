"""Prove that every character of every document has a glyph in the fonts its stylesheets name.

A character no named font has is drawn as an empty box ("tofu"), or in
whatever font the system falls back on. For each element of a composed
document this works out the font-family its stylesheets give it (a small
cascade over `font-family` and the custom properties it uses, with the
selectors matched by cssselect2, as WeasyPrint matches them), resolves each
named family to a font file with fontconfig (`fc-match`; `@font-face` files
are read with fontTools), and looks every character of the element's text up
in those fonts' character maps. List markers, footnote numbers and the page
label are checked too. Generic families (serif, sans-serif) are not named
fonts and prove nothing.

A character that no font covers is a problem naming the character, where it
was written (file, line and field, traced through the campaign's files, the
templates and the language's catalogue) or else the document and the words
around it, and the language. Fonts are resolved once per process.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import cssselect2
import tinycss2
from lxml import etree

from briefkit.campaign.loader import dotted
from briefkit.campaign.verified import Verified
from briefkit.errors import BriefkitError, Problem
from briefkit.render.document import Document
from briefkit.render.templating import BUILTIN
from briefkit.resources import LOCALE_DIR, SYSTEM_PACKAGES

GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
           "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong", "inherit",
           "initial", "unset", "revert"}
_MARKERS = {"ol": "0123456789.", "ul": "•"}
_NOTE_NUMBERS = "0123456789"
_CAMPAIGN_FILES = ("briefkit.yaml", "positions", "audiences", "seeds/sources.yaml", "signatories.csv",
                   "templates")


@dataclass
class _Style:
    """What an element's text is set in: its font families, and the custom properties it inherits."""

    families: tuple[str, ...] = ()
    custom: dict[str, list] = field(default_factory=dict)


class FontCoverage:
    """Checks documents' characters against their fonts; keeps what it learns for the next document."""

    def __init__(self) -> None:
        self._sheets: dict[tuple[Path, ...], _Rules] = {}
        # Whether a character has a glyph in a font list; a campaign has few distinct pairs.
        self._covered: dict[tuple[_Rules, tuple[str, ...], str], bool] = {}

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
                absent = [f for f in families if f.lower() not in rules.faces and _installed(f) is None]
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

    def _rules(self, document: Document) -> _Rules:
        key = tuple(document.stylesheets)
        if key not in self._sheets:
            self._sheets[key] = _Rules(document.stylesheets, document.campaign_root)
        return self._sheets[key]


# -- stylesheets: the rules that set font-family and custom properties ----------------------

class _Rules:
    def __init__(self, stylesheets: list[Path], campaign_root: Path) -> None:
        self.matcher = cssselect2.Matcher()
        self.page: list = []  # font-family declarations in @page (the page label's)
        self.faces: dict[str, list[Path]] = {}  # @font-face family -> font files
        self.texts: list[tuple[str, list[str]]] = []  # (stylesheet as the user names it, its lines)
        order = 0
        for path in stylesheets:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # the PDF writer reports an unreadable stylesheet
            # Comments blanked (newlines kept), so that a family named in one is not taken for its use.
            uncommented = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m[0]), text, flags=re.S)
            self.texts.append((_shown(path, campaign_root), uncommented.splitlines()))
            for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
                order += 1
                if rule.type == "qualified-rule":
                    declarations = _declarations(rule.content)
                    if not declarations:
                        continue
                    try:
                        selectors = cssselect2.compile_selector_list(rule.prelude)
                    except cssselect2.SelectorError:
                        continue
                    for selector in selectors:
                        self.matcher.add_selector(selector, (order, declarations))
                elif rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content:
                    self.page += _nested_declarations(rule.content)
                elif rule.type == "at-rule" and rule.lower_at_keyword == "font-face" and rule.content:
                    self._face(rule, path, campaign_root)

    def _face(self, rule, stylesheet: Path, campaign_root: Path) -> None:
        declarations = dict(_declarations(rule.content))
        families = _families(declarations.get("font-family", []), {})
        for token in declarations.get("src", []):
            url = token.value if token.type == "url" else (
                token.arguments[0].value if token.type == "function" and token.lower_name == "url"
                and token.arguments else None)
            if not url or ":" in url.split("/")[0]:
                continue
            font = (stylesheet.parent / url).resolve()
            if font.is_relative_to(campaign_root.resolve()) or font.is_relative_to(BUILTIN.resolve()):
                for family in families:
                    self.faces.setdefault(family.lower(), []).append(font)

    def where_named(self, family: str) -> tuple[str, int | None]:
        """The stylesheet and line that first name `family`, to point the user at the font list."""
        pattern = re.compile(rf"(?<![\w-]){re.escape(family)}(?![\w-])", re.IGNORECASE)
        for shown, lines in self.texts:
            for number, line in enumerate(lines, 1):
                if pattern.search(line):
                    return shown, number
        return (self.texts[0][0] if self.texts else "css/base.css"), None

    def style(self, wrapper, parent: _Style) -> tuple[_Style, dict[str, _Style]]:
        """The element's style, and those of its pseudo-elements that set their own."""
        matches = sorted(self.matcher.match(wrapper), key=lambda m: (m[0], m[3][0]))
        own: dict[str | None, list] = {}
        for _specificity, _order, pseudo, (_, declarations) in matches:
            own.setdefault(pseudo, []).extend(declarations)
        inline = wrapper.etree_element.get("style")
        if inline:
            own.setdefault(None, []).extend(_declarations(inline))
        style = _apply(own.get(None, []), parent)
        pseudos = {name: _apply(decls, style) for name, decls in own.items() if name}
        return style, pseudos

    def page_style(self, root: _Style) -> _Style:
        return _apply(self.page, root)


def _apply(declarations: list, parent: _Style) -> _Style:
    custom = dict(parent.custom)
    family_value = None
    for name, value in declarations:
        if name.startswith("--"):
            custom[name] = value
        elif name == "font-family":
            family_value = value
    families = _families(family_value, custom) if family_value is not None else parent.families
    return _Style(families or parent.families, custom)


def _declarations(content) -> list[tuple[str, list]]:
    found = []
    for item in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration" and (item.lower_name == "font-family" or item.name.startswith("--")
                                           or item.lower_name == "src"):
            found.append((item.name if item.name.startswith("--") else item.lower_name, item.value))
    return found


def _nested_declarations(content) -> list[tuple[str, list]]:
    """font-family in an @page rule and in its margin boxes (@bottom-center { … })."""
    found = _declarations(content)
    for token in content:
        if token.type == "at-keyword":
            continue
        if token.type == "{} block":
            found += _declarations(token.content)
    return found


def _families(value: list | None, custom: dict[str, list]) -> tuple[str, ...]:
    """The family names of a font-family value, with var() resolved; generic families left out."""
    if value is None:
        return ()
    tokens = _substitute(value, custom, depth=0)
    names, current = [], []
    for token in tokens + [None]:
        if token is None or (token.type == "literal" and token.value == ","):
            name = " ".join(current).strip()
            if name and name.lower() not in GENERIC:
                names.append(name)
            current = []
        elif token.type == "string":
            current.append(token.value)
        elif token.type == "ident":
            current.append(token.value)
    return tuple(names)


def _substitute(value: list, custom: dict[str, list], depth: int) -> list:
    out = []
    for token in value:
        if token.type == "function" and token.lower_name == "var" and depth < 10:
            arguments = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
            name = arguments[0].value if arguments and arguments[0].type == "ident" else ""
            if name in custom:
                out += _substitute(custom[name], custom, depth + 1)
            elif len(arguments) > 2:  # var(--x, fallback)
                out += _substitute(arguments[2:], custom, depth + 1)
        elif token.type not in ("whitespace", "comment"):
            out.append(token)
    return out


# -- the characters of a document, each with the fonts it is set in ------------------------

def _characters(document: Document, rules: _Rules):
    """(character, families, element) for every character a reader sees, markers and labels included."""
    root = cssselect2.ElementWrapper.from_html_root(document.tree)
    styles: dict[etree._Element, _Style] = {}
    root_style = None
    for wrapper in root.iter_subtree():
        element = wrapper.etree_element
        parent = element.getparent()
        style, pseudos = rules.style(wrapper, styles.get(parent, _Style()))
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
        return any(code in _face_cmap(path) for path in files)
    charset = _installed(family)
    return charset is not None and code in charset


# -- fonts: fontconfig for installed families, fontTools for @font-face files --------------



@cache
def _font_packages() -> dict[str, str]:
    """Font family (lower case) -> the Debian package that provides it, from the one package list."""
    found: dict[str, str] = {}
    for line in SYSTEM_PACKAGES.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split(None, 2)
        if len(fields) == 3:
            for family in fields[2].split(","):
                found[family.strip().lower()] = fields[0]
    return found


def font_package(family: str) -> str | None:
    """The system package to install for a font family briefkit's stylesheets name, if it is one of them."""
    return _font_packages().get(family.lower())


def _shown(path: Path, campaign_root: Path) -> str:
    """A stylesheet's path as problems name it: inside the campaign, or builtin/… for the package's own."""
    if path.is_relative_to(BUILTIN):
        return "builtin/" + path.relative_to(BUILTIN).as_posix()
    if path.is_relative_to(campaign_root):
        return path.relative_to(campaign_root).as_posix()
    return path.as_posix()

@cache
def _installed(family: str) -> frozenset[int] | None:
    """The characters of the installed font fontconfig gives for `family`, or None if it has none by that name."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise BriefkitError("fontconfig's fc-match is needed to check the fonts documents use",
                            hint="install fontconfig (apt-get install fontconfig)")
    try:
        output = subprocess.run([fc_match, "-f", "%{family}\n%{charset}\n", family], capture_output=True,
                                text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise BriefkitError(f"fc-match could not look up the font {family!r}: {exc}") from exc
    names, _, charset = output.partition("\n")
    if family.lower() not in {name.strip().lower() for name in names.split(",")}:
        return None  # fontconfig substituted another family: the named one is not installed
    codes: set[int] = set()
    for part in charset.split():
        first, _, last = part.partition("-")
        codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(codes)


@cache
def _face_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        return frozenset(TTFont(str(path), fontNumber=0, lazy=True).getBestCmap() or {})
    except Exception:  # not a font fontTools can read: it covers nothing
        return frozenset()


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
            for name in _CAMPAIGN_FILES:
                base = self.root / name
                paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) \
                    if base.is_dir() else []
                for path in paths:
                    try:
                        lines = path.read_text(encoding="utf-8-sig").splitlines()
                    except (OSError, UnicodeDecodeError):
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

    def __init__(self, family: str, rules: _Rules) -> None:
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
