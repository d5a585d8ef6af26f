"""A composed document: its identity and its semantic HTML, and that HTML cut into blocks.

This is the pipeline's one intermediate. Everything a writer needs (the words,
the page geometry, the metadata) is in the HTML, so the PDF and the DOCX
cannot drift apart; the blocks (headings, paragraphs, list items, table
cells) are what comparing two documents and the tailored-text check read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from briefkit.campaign.config import DEFAULT_PAGE_LIMIT
from briefkit.render import vocabulary

BLOCK_TAGS = frozenset({"h1", "h2", "h3", "p", "li", "th", "td"})
# Elements whose words belong to their own blocks, not to the block that holds them.
_NESTED = BLOCK_TAGS | {"ul", "ol", "table", "blockquote", "div", "section", "header", "footer"}
_SPACE = re.compile(r"\s+")


@dataclass
class Document:
    """One composed document: its identity and its HTML.

    It crosses to worker processes by pickling, so it holds the HTML text and
    parses the tree again on demand (a few milliseconds) rather than pickling it.
    """

    kind: str
    audience: str
    lang: str
    title: str
    html: str
    stylesheets: list[Path]
    campaign_root: Path
    template: str = ""  # the kind's template it was composed from, as problems name it
    fit: tuple[str, ...] = ()  # the fit steps it was composed with, to keep within its page budget
    page_limit: int = DEFAULT_PAGE_LIMIT  # the most pages it may run to (settings.page_limits), or it is refused
    # Where the PDF's pages begin (writers/pagemap.py), given to the DOCX writer so that its pages
    # begin on the same blocks: set by the renderer, once the PDF is laid out.
    page_starts: tuple[int | None, ...] = ()
    page_continues: tuple[int | None, ...] = ()  # the blocks the PDF splits across a page break
    column_starts: tuple[int, ...] = ()  # the blocks that begin a column of the PDF (not a page)
    _tree: etree._Element | None = field(default=None, repr=False, compare=False)

    @property
    def tree(self) -> etree._Element:
        if self._tree is None:
            self._tree = vocabulary.parse(self.html)
        return self._tree

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_tree": None}

    def meta(self, name: str, default: str = "") -> str:
        found = self.tree.find(f".//meta[@name='{name}']")
        return found.get("content", default) if found is not None else default


@dataclass(frozen=True)
class Block:
    """One block of a document: its tag and its own words, whitespace collapsed."""

    tag: str
    text: str


def blocks(tree: etree._Element) -> list[Block]:
    """The blocks of a composed document's body, in reading order."""
    body = tree.find(".//body")
    found = []
    for element in (body.iter() if body is not None else ()):
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            text = _SPACE.sub(" ", _own_text(element)).strip()
            if text:
                found.append(Block(element.tag, text))
    return found


def _own_text(element: etree._Element) -> str:
    """The element's words, leaving out nested blocks (a list inside a list item has its own)
    and footnotes (citations, which sit at the foot of the page, not in the paragraph)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag not in _NESTED and "note" not in (
                child.get("class") or "").split():
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
