"""Set a whole DOCX smaller by one factor: the Word side of the PDF's scaled layout.

A fit step (checks/budgets.py) may set a document smaller to keep it within
its page budget. The PDF writer lays the page out 1/scale as large and
writes it at the paper's size, so every type size, spacing, indent and image
shrinks by the scale while the paper and its margins stay. This does the
same to the Word document: every size and spacing in its styles, numbering,
notes, body and footers, and the size of its pictures; page size, margins
and table widths (fractions of the same text width) stay as they are.
"""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

_SIZES = (qn("w:sz"), qn("w:szCs"))
_INDENTS = ("w:left", "w:right", "w:start", "w:end", "w:hanging", "w:firstLine")
_CELL_MARGINS = (qn("w:top"), qn("w:bottom"), qn("w:left"), qn("w:right"), qn("w:start"), qn("w:end"))
_EXTENTS = ("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent",
            "{http://schemas.openxmlformats.org/drawingml/2006/main}ext")


def scale_type(word: docx.Document, factor: float) -> None:
    """Every size and spacing of the document times `factor` (below 1: smaller)."""
    if factor == 1:
        return
    # Every XML part of the package: document, styles, numbering, notes,
    # headers and footers carry sizes; the others carry no w: sizes to touch.
    for part in word.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is not None and part.partname.endswith(".xml"):
            _scale(element, factor)


def _scale(root, factor: float) -> None:
    def times(el, attribute: str, minimum: int = 0) -> None:
        key = qn(attribute) if ":" in attribute else attribute
        value = el.get(key)
        if value is not None and value.lstrip("-").isdigit():
            el.set(key, str(max(minimum, round(int(value) * factor)) if int(value) > 0 else value))

    for el in root.iter():
        tag = el.tag
        if tag in _SIZES:
            times(el, "w:val", minimum=2)
        elif tag == qn("w:spacing"):
            parent = el.getparent()
            if parent is not None and parent.tag == qn("w:rPr"):
                times(el, "w:val")  # letter spacing, in twentieths of a point
            else:
                times(el, "w:before")
                times(el, "w:after")
                if el.get(qn("w:lineRule")) in ("exact", "atLeast"):
                    times(el, "w:line", minimum=20)
        elif tag == qn("w:ind"):
            for attribute in _INDENTS:
                times(el, attribute)
        elif tag in _CELL_MARGINS and el.getparent() is not None and el.getparent().tag == qn("w:tblCellMar"):
            times(el, "w:w")
        elif tag in _EXTENTS:
            times(el, "cx", minimum=1)
            times(el, "cy", minimum=1)
