"""Page geometry read from a document's <meta name="briefkit-*"> lines, shared by every writer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefkit.campaign.model import PAPER_SIZES_MM
from briefkit.errors import WriterError
from briefkit.render.document import Document

_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(mm|cm|in|pt)$")
_FIELDS = re.compile(r"(\{pages?\})")


@dataclass(frozen=True)
class PageSetup:
    paper: str
    width_mm: float
    height_mm: float
    top_mm: float
    right_mm: float
    bottom_mm: float
    left_mm: float
    page_numbers: bool
    page_label: str = "{page} / {pages}"  # in the document's language: "page {page} of {pages}"
    page_budget: int = 0  # the most pages the document may take; 0: no budget
    # Below 1, everything on the page is set this much smaller (a fit step, checks/budgets.py):
    # the PDF is laid out on a page 1/scale as large and written at the paper's size; the DOCX
    # writer scales its type and spacing by the same factor.
    scale: float = 1.0

    def css(self) -> str:
        def length(mm: float) -> str:
            return f"{round(mm / self.scale, 3)}mm"

        css = (f"@page {{ size: {length(self.width_mm)} {length(self.height_mm)}; margin: {length(self.top_mm)} "
               f"{length(self.right_mm)} {length(self.bottom_mm)} {length(self.left_mm)}; }}")
        if self.page_numbers:
            css += f"\n@page {{ @bottom-center {{ content: {self.page_label_css()}; }} }}"
        return css

    def page_label_parts(self) -> list[str]:
        """The label cut into words and the fields `{page}` and `{pages}`, in order."""
        return [part for part in _FIELDS.split(self.page_label) if part]

    def page_label_css(self) -> str:
        """The label as CSS content: strings and counter(page) / counter(pages)."""
        out = []
        for part in self.page_label_parts():
            if part in ("{page}", "{pages}"):
                out.append(f"counter({part[1:-1]})")
            else:
                out.append('"' + part.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"')
        return " ".join(out)


def page_setup(document: Document) -> PageSetup:
    paper = document.meta("briefkit-paper", "A4")
    if paper not in PAPER_SIZES_MM:
        raise WriterError(f"unknown paper size {paper!r}", hint="use A4 or Letter")
    margins = [_mm(value) for value in document.meta("briefkit-margins", "20mm").split()]
    if not 1 <= len(margins) <= 4:
        raise WriterError("briefkit-margins takes one to four lengths, as CSS margin does")
    # CSS shorthand: 1 value for all sides, 2 for vertical/horizontal, 3 for top/horizontal/bottom.
    top, right, bottom, left = {1: lambda m: (m[0], m[0], m[0], m[0]),
                                2: lambda m: (m[0], m[1], m[0], m[1]),
                                3: lambda m: (m[0], m[1], m[2], m[1]),
                                4: lambda m: tuple(m)}[len(margins)](margins)
    width, height = PAPER_SIZES_MM[paper]
    label = document.meta("briefkit-page-label") or "{page} / {pages}"
    if "{page}" not in label:
        raise WriterError(f"the page label {label!r} has no {{page}}",
                          hint="the label's translation must keep %(page)s (see docs/languages.md)")
    return PageSetup(paper, width, height, top, right, bottom, left,
                     document.meta("briefkit-page-numbers", "no") == "yes", label,
                     _count(document.meta("briefkit-max-pages", "0"), "briefkit-max-pages"),
                     _scale(document.meta("briefkit-scale", "1")))


def page_css(document: Document) -> str:
    return page_setup(document).css()


def _mm(value: str) -> float:
    match = _LENGTH.match(value.strip())
    if not match:
        raise WriterError(f"cannot read the margin {value!r}", hint="write lengths such as 20mm or 0.75in")
    return round(float(match.group(1)) * _UNITS_MM[match.group(2)], 3)


def _count(value: str, name: str) -> int:
    try:
        count = int(value.strip() or "0")
    except ValueError:
        count = -1
    if count < 0:
        raise WriterError(f"cannot read {name} {value!r}", hint="write a whole number of pages, or 0 for none")
    return count


def _scale(value: str) -> float:
    try:
        scale = float(value.strip() or "1")
    except ValueError:
        scale = 0.0
    if not 0.5 <= scale <= 1.0:
        raise WriterError(f"cannot read briefkit-scale {value!r}", hint="a fit step's scale lies between 0.5 and 1")
    return scale
