"""Where the DOCX's pages and columns break: where the PDF's do.

Word and LibreOffice measure lines their own way, so a DOCX left to break its
own pages and columns parts from the PDF a line or two at a time. The PDF
writer records where each of its pages and columns begins (writers/pagemap.py);
this turns those blocks into Word's own breaks: "page break before" on the
paragraph a page starts on, a column break before the paragraph a column starts
on. Where the PDF splits a block across pages, the heading just before it is
not kept with it: LibreOffice would move both to the next page rather than
split the block below its heading as the PDF does.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from briefkit.render.document import Document
from briefkit.writers.pagemap import ordinals

_HEADINGS = ("h1", "h2", "h3")


class Breaks:
    """The elements of one document that begin a page or a column, or part from the block below.
    (The elements themselves, not their ids: lxml keeps a proxy only while it is referenced.)"""

    def __init__(self, document: Document) -> None:
        starts = set(document.page_starts) - {None}
        split = set(document.page_continues) - {None}
        columns = set(document.column_starts)
        self.pages: set[etree._Element] = set()
        self.columns: set[etree._Element] = set()
        self.loose_headings: set[etree._Element] = set()
        body = document.tree.find("body")
        previous = None
        for number, element in (ordinals(body) if body is not None and (starts or split or columns) else ()):
            if number in starts:
                self.pages.add(element)
            elif number in columns:
                self.columns.add(element)
            if number in split and previous is not None and previous.tag in _HEADINGS:
                self.loose_headings.add(previous)
            previous = element

    def apply(self, paragraph: Paragraph, el: etree._Element) -> None:
        """Give the paragraph written for `el` the break the PDF has before it."""
        if el in self.pages:
            paragraph.paragraph_format.page_break_before = True
            # Its space above is dropped at the top of the page, as CSS drops a margin at a page break.
            paragraph.paragraph_format.space_before = 0
        elif el in self.columns:
            run = paragraph._p.makeelement(qn("w:r"), {})
            run.append(run.makeelement(qn("w:br"), {qn("w:type"): "column"}))
            properties = paragraph._p.pPr
            if properties is not None:
                properties.addnext(run)
            else:
                paragraph._p.insert(0, run)
        if el in self.loose_headings:
            paragraph.paragraph_format.keep_with_next = False
