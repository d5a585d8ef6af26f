"""Inline HTML as the DOCX writer sees it: text segments with formatting, links, notes and changes.

HTML collapses whitespace and Word does not, so the writer first turns a
block's inline content into segments and applies HTML's whitespace rules to
them (`collapse`); only then are Word runs made (wordml.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

from briefkit.errors import WriterError
from briefkit.render import vocabulary

SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Format:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    superscript: bool = False
    small: bool = False
    char_style: str | None = None  # a Word character style, from a <span class="…">
    change: str | None = None  # "ins" or "del": a word of a redline (<ins>, <del>)
    mark: str | None = None  # "ins" or "del": shown as inserted or deleted text (a span of the annex or legend)
    lang: str | None = None  # the language of a passage in another language than the document's


@dataclass(frozen=True)
class Image:
    """An <img>: its campaign-relative source, its alternative text and its height in CSS pixels."""

    src: str
    alt: str
    height_px: int | None


@dataclass
class Segment:
    """A piece of a paragraph: text with formatting, a line break, a link, a footnote or an image."""

    text: str
    fmt: Format
    href: str | None = None
    is_break: bool = False
    note: list[Segment] | None = None  # the content of a footnote called here
    image: Image | None = None

    @property
    def is_text(self) -> bool:
        return not self.is_break and self.note is None and self.image is None


def segments(el: etree._Element, fmt: Format, skip: set[str] = frozenset()) -> list[Segment]:
    """Inline content of a block: its text and its inline children (not their tails outside)."""
    out: list[Segment] = []
    if el.text:
        out.append(Segment(el.text, fmt))
    for child in el:
        if isinstance(child.tag, str) and child.tag not in skip:
            if child.tag == "p":  # a paragraph inside a list item or cell: keep it, on a new line
                if out:
                    out.append(Segment("", fmt, is_break=True))
                out.extend(segments(child, fmt))
            else:
                out.extend(segments_of(child, fmt))
        if child.tail:
            out.append(Segment(child.tail, fmt))
    return out


# What each element of the vocabulary's "format" role adds to the text it holds.
FORMATS: dict[str, dict[str, bool]] = {"strong": {"bold": True}, "em": {"italic": True},
                                       "sup": {"superscript": True}, "small": {"small": True},
                                       "cite": {}, "span": {}}


# Spans that show words as deleted or inserted without being a change themselves: the redline's
# legend and the briefing's side-by-side annex (built-in templates). They take the same Word
# character styles as a marked redline (runs.MARK_STYLES).
MARK_CLASSES = {"legend-del": "del", "removed": "del", "legend-ins": "ins", "added": "ins"}


def segments_of(el: etree._Element, fmt: Format) -> list[Segment]:
    """An inline element itself, by its role in the vocabulary, with the formatting its tag adds."""
    role = vocabulary.ELEMENTS.get(el.tag)
    if el.get("lang"):
        fmt = replace(fmt, lang=el.get("lang"))
    if role == "break":
        return [Segment("", fmt, is_break=True)]
    if role == "image":
        height = el.get("height")
        return [Segment("", fmt, image=Image(el.get("src", ""), el.get("alt", ""),
                                             int(height) if height and height.isdigit() else None))]
    if role == "change":
        return segments(el, replace(fmt, change=el.tag))
    if role == "link":
        href = el.get("href", "")
        parts = segments(el, replace(fmt, underline=True))
        if href.startswith(("http://", "https://", "mailto:")):
            for segment in parts:
                segment.href = href
        return parts
    if role == "format" and el.tag in FORMATS:
        if el.tag == "span" and "note" in classes(el):
            return [Segment("", fmt, note=segments(el, Format()))]
        if el.tag == "span" and (mark := next((MARK_CLASSES[c] for c in classes(el) if c in MARK_CLASSES), None)):
            fmt = replace(fmt, mark=mark)
        elif el.tag == "span" and classes(el):
            fmt = replace(fmt, char_style=classes(el)[0])
        return segments(el, replace(fmt, **FORMATS[el.tag]))
    raise WriterError(f"<{el.tag}> has no DOCX handler inside a paragraph",
                      hint="a template may use only the elements of the vocabulary (docs/templates.md, "
                           "The template vocabulary)")


def collapse(segments: list[Segment]) -> list[Segment]:
    """HTML whitespace rules: runs of whitespace become one space; none at the ends of a paragraph."""
    out: list[Segment] = []
    space_before = True  # start of paragraph swallows leading space
    for segment in segments:
        if segment.note is not None:
            out.append(segment)  # a footnote call takes no room in the text around it
            continue
        if segment.image is not None:
            out.append(segment)
            space_before = False  # like a word: the space after it stays
            continue
        if segment.is_break:
            if out and not out[-1].is_break:
                out[-1].text = out[-1].text.rstrip(" ")
            out.append(segment)
            space_before = True
            continue
        text = SPACE.sub(" ", segment.text)
        if space_before:
            text = text.lstrip(" ")
        if not text:
            continue
        space_before = text.endswith(" ")
        out.append(Segment(text, segment.fmt, segment.href))
    text_segments = [s for s in out if s.is_text]
    while text_segments and text_segments[-1].text.endswith(" "):
        text_segments[-1].text = text_segments[-1].text.rstrip(" ")
        if text_segments[-1].text:
            break
        out.remove(text_segments.pop())
    return out


def classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()
