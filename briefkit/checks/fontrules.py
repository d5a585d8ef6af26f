"""Which fonts the print stylesheets give each element of a document, as WeasyPrint would.

A small cascade over `font-family` and the custom properties it uses
(var(--serif)), with selectors matched by cssselect2 as WeasyPrint matches
them, plus the @page rule (the page label) and @font-face files. Generic
families (serif, sans-serif) are not named fonts and prove nothing, so they
are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import cssselect2
import tinycss2

from briefkit.errors import BriefkitError
from briefkit.filerule import ASSET, STYLESHEET, check_campaign_path, read_campaign_text
from briefkit.render.templating import BUILTIN

GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
           "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong", "inherit",
           "initial", "unset", "revert"}

@dataclass
class Style:
    """What an element's text is set in: its font families, and the custom properties it inherits."""

    families: tuple[str, ...] = ()
    custom: dict[str, list] = field(default_factory=dict)


class Rules:
    def __init__(self, stylesheets: list[Path], campaign_root: Path) -> None:
        self.matcher = cssselect2.Matcher()
        self.page: list = []  # font-family declarations in @page (the page label's)
        self.faces: dict[str, list[Path]] = {}  # @font-face family -> font files
        self.texts: list[tuple[str, list[str]]] = []  # (stylesheet as the user names it, its lines)
        order = 0
        for path in stylesheets:
            try:
                text = read_campaign_text(campaign_root, path, STYLESHEET)
            except BriefkitError:
                continue  # composing reports a stylesheet the file rule refuses
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
            try:
                font = check_campaign_path(campaign_root, font, ASSET)  # no FIFO for fontTools to hang on
            except BriefkitError:
                continue  # the PDF's fetcher refuses it too, and says so
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

    def style(self, wrapper: cssselect2.ElementWrapper, parent: Style) -> tuple[Style, dict[str, Style]]:
        """The element's style, and those of its pseudo-elements that set their own."""
        matches = sorted(self.matcher.match(wrapper), key=lambda m: (m[0], m[3][0]))
        own: dict[str | None, list] = {}
        for _specificity, _order, pseudo, (_, declarations) in matches:
            own.setdefault(pseudo, []).extend(declarations)
        inline = wrapper.etree_element.get("style")
        if inline:
            own.setdefault(None, []).extend(_declarations(inline))
        style = apply(own.get(None, []), parent)
        pseudos = {name: apply(decls, style) for name, decls in own.items() if name}
        return style, pseudos

    def page_style(self, root: Style) -> Style:
        return apply(self.page, root)


def apply(declarations: list, parent: Style) -> Style:
    custom = dict(parent.custom)
    family_value = None
    for name, value in declarations:
        if name.startswith("--"):
            custom[name] = value
        elif name == "font-family":
            family_value = value
    families = _families(family_value, custom) if family_value is not None else parent.families
    return Style(families or parent.families, custom)


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


def _shown(path: Path, campaign_root: Path) -> str:
    """A stylesheet's path as problems name it: inside the campaign, or builtin/… for the package's own."""
    if path.is_relative_to(BUILTIN):
        return "builtin/" + path.relative_to(BUILTIN).as_posix()
    if path.is_relative_to(campaign_root):
        return path.relative_to(campaign_root).as_posix()
    return path.as_posix()
