"""Bounds on what a layout may make: pages of the document's paper size, and not too many of them.

A campaign stylesheet can set `@page { size: 100000in }` (with `:first` or `!important` it wins
over the writer's own @page rule): the PDF would carry a page past the format's limit of 14,400
pt, which readers refuse or clip, and the DOCX, whose pages come from the paper size, would
disagree with it. A stylesheet can also set type so large (`* { font-size: 2000px }`) that a letter
runs to hundreds of pages. Both are checked on the laid-out pages, before anything is written,
and refused with an error that names the stylesheet (or the document) and the setting to change.
The DOCX writer refuses the same document (writers/workers.py), so the two formats never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from briefkit.errors import WriterError
from briefkit.render.document import Document
from briefkit.writers.geometry import page_setup

PDF_MAX_PT = 14_400  # the largest page a PDF may have, either way (ISO 32000, annex C)
_PT_PER_MM = 72 / 25.4
_TOLERANCE_PT = 1.0  # WeasyPrint rounds lengths to CSS pixels
_PAGE_RULE = re.compile(r"@page\b[^{;]*\{")
_MAX_SCANNED = 2_000_000  # bytes of a stylesheet searched for the rule to name
_SIZE = re.compile(r"(?<![-\w])size\s*:", re.IGNORECASE)


class PageBounds(WriterError):
    """A laid-out document whose pages are not its paper's size, or are too many: both formats refuse it."""


def check_pages(document: Document, sizes_pt: list[tuple[float, float]],
                shown: Callable[[Path], str]) -> None:
    """Raise PageBounds if a page is not the document's paper size, or there are more than its limit.

    `sizes_pt`: each laid-out page's width and height as the PDF will have them; `shown`: a
    stylesheet's path as a user should see it.
    """
    setup = page_setup(document)
    width, height = setup.width_mm * _PT_PER_MM, setup.height_mm * _PT_PER_MM
    for number, (page_width, page_height) in enumerate(sizes_pt, start=1):
        if abs(page_width - width) <= _TOLERANCE_PT and abs(page_height - height) <= _TOLERANCE_PT:
            continue
        past = (f", past the PDF format's limit of {PDF_MAX_PT:,} pt"
                if max(page_width, page_height) > PDF_MAX_PT else "")
        where, line = _sizing_rule(document, shown)
        raise PageBounds(f"page {number} of the {document.kind} for {document.audience} is "
                         f"{page_width:,.0f} × {page_height:,.0f} pt{past}; its paper, {setup.paper}, is "
                         f"{width:,.0f} × {height:,.0f} pt, and the DOCX can only be that",
                         path=where or document.template or None, line=line,
                         hint="remove `size` from the @page rule: the paper size comes from `paper:` in the "
                              "audience's file or briefkit.yaml's settings (A4 or Letter)")
    if len(sizes_pt) > document.page_limit:
        sheets = ", ".join(shown(path) for path in document.stylesheets) or "its stylesheets"
        raise PageBounds(f"the {document.kind} for {document.audience} ({document.lang}) runs to {len(sizes_pt)} "
                         f"pages, more than the {document.page_limit} a {document.kind} may take",
                         path=document.template or None,
                         hint=f"look for very large type, spacing or repeated text in {sheets} and the template; "
                              f"if it really is this long, raise settings.page_limits ({document.kind}: "
                              f"{len(sizes_pt)}) in briefkit.yaml")


def check_count(document: Document, pages: int) -> None:
    """The page limit alone, for a layout taken from the cache (made when the limit may have been higher)."""
    check_pages(document, [_paper_pt(document)] * pages, lambda path: str(path))


def _paper_pt(document: Document) -> tuple[float, float]:
    setup = page_setup(document)
    return setup.width_mm * _PT_PER_MM, setup.height_mm * _PT_PER_MM


def _sizing_rule(document: Document, shown: Callable[[Path], str]) -> tuple[str | None, int | None]:
    """The first stylesheet (and line) whose @page rule sets `size`: what the error should name."""
    for path in document.stylesheets:
        try:
            if path.stat().st_size > _MAX_SCANNED:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for rule in _PAGE_RULE.finditer(text):
            depth, end = 1, rule.end()
            while end < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            if found := _SIZE.search(text, rule.end(), end):
                return shown(path), text.count("\n", 0, found.start()) + 1
    return None, None
