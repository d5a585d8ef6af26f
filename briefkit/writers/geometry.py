"""Page geometry read from a document's <meta name="briefkit-*"> lines, shared by every writer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefkit.compose import Document
from briefkit.errors import WriterError

# Paper sizes in millimetres (width, height).
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(mm|cm|in|pt)$")


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

    def css(self) -> str:
        return (f"@page {{ size: {self.width_mm}mm {self.height_mm}mm; margin: {self.top_mm}mm "
                f"{self.right_mm}mm {self.bottom_mm}mm {self.left_mm}mm; }}")


def page_setup(document: Document) -> PageSetup:
    paper = document.meta("briefkit-paper", "A4")
    if paper not in PAPERS:
        raise WriterError(f"unknown paper size {paper!r}", hint="use A4 or Letter")
    margins = [_mm(value) for value in document.meta("briefkit-margins", "20mm").split()]
    if not 1 <= len(margins) <= 4:
        raise WriterError("briefkit-margins takes one to four lengths, as CSS margin does")
    # CSS shorthand: 1 value for all sides, 2 for vertical/horizontal, 3 for top/horizontal/bottom.
    top, right, bottom, left = {1: lambda m: (m[0], m[0], m[0], m[0]),
                                2: lambda m: (m[0], m[1], m[0], m[1]),
                                3: lambda m: (m[0], m[1], m[2], m[1]),
                                4: lambda m: tuple(m)}[len(margins)](margins)
    width, height = PAPERS[paper]
    return PageSetup(paper, width, height, top, right, bottom, left,
                     document.meta("briefkit-page-numbers", "no") == "yes")


def page_css(document: Document) -> str:
    return page_setup(document).css()


def _mm(value: str) -> float:
    match = _LENGTH.match(value.strip())
    if not match:
        raise WriterError(f"cannot read the margin {value!r}", hint="write lengths such as 20mm or 0.75in")
    return round(float(match.group(1)) * _UNITS_MM[match.group(2)], 3)
