"""Where a laid-out PDF's pages begin, and what takes their room: read from WeasyPrint's boxes.

Two uses. The DOCX writer starts each page on the block the PDF's page starts
on (Word's "page break before" on that paragraph), so that Word and
LibreOffice break where the PDF does instead of where their own line metrics
happen to run out. And the page-budget check (checks/budgets.py) says which
part of an over-long document takes the room ("the part headed 'Signed by
300 organisations' takes 1.8 pages").

Blocks are named by their ordinal: the n-th element of the body, in document
order, whose tag is one of PAGE_START_TAGS. Both writers parse the same HTML,
so the n-th such element is the same element in each.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# The elements a page can start on that each writer makes one paragraph (or table cell) of.
PAGE_START_TAGS = frozenset({"h1", "h2", "h3", "p", "li", "th", "td"})
_PART_HEADINGS = frozenset({"h1", "h2"})
_CONTAINERS = frozenset({"section", "div", "header", "footer", "article", "main", "blockquote"})


@dataclass(frozen=True)
class PageMap:
    """A laid-out document: its page count; for each page after the first, the block it starts on
    (None where it goes on with a block the page before began) and the block it goes on with (None
    where it starts a new one); the room each part takes, largest first; and the blocks of a
    multi-column part that begin a column other than a page's first (Word's column breaks)."""

    pages: int
    starts: tuple[int | None, ...] = ()
    continued: tuple[int | None, ...] = ()
    room: tuple[tuple[str, float], ...] = ()
    columns: tuple[int, ...] = ()

    def to_json(self) -> str:
        return json.dumps({"pages": self.pages, "starts": list(self.starts), "continued": list(self.continued),
                           "room": [list(part) for part in self.room], "columns": list(self.columns)})

    @classmethod
    def from_json(cls, text: str) -> PageMap:
        data = json.loads(text)
        return cls(int(data["pages"]), tuple(data["starts"]), tuple(data["continued"]),
                   tuple((str(label), float(share)) for label, share in data["room"]),
                   tuple(int(number) for number in data.get("columns", ())))


def ordinals(body: object) -> Iterator[tuple[int, object]]:
    """(ordinal, element) for each page-start candidate under `body` (an lxml or ElementTree element)."""
    number = 0
    for element in body.iter():  # type: ignore[attr-defined]
        if isinstance(element.tag, str) and element.tag in PAGE_START_TAGS:
            yield number, element
            number += 1


def page_map(rendered: object) -> PageMap:
    """The PageMap of a weasyprint.Document."""
    pages = rendered.pages  # type: ignore[attr-defined]
    if not pages:
        return PageMap(0)
    root = _root_box(pages[0]._page_box)
    body = next((child for child in root.element if child.tag == "body"), None) if root is not None else None
    if body is None:
        return PageMap(len(pages))
    number_of = {id(element): number for number, element in ordinals(body)}
    # A table's header row repeats at the head of each page it runs onto: not where the page starts.
    headers = {id(element) for head in body.iter("thead") for element in head.iter()}
    in_columns = {id(element) for container in body.iter() if _columned(container)
                  for element in container.iter() if element is not container and id(element) in number_of}
    columns: list[int] = []
    seen: set[int] = set()
    starts: list[int | None] = []
    continued: list[int | None] = []
    room: dict[str, float] = {}
    labels = [""]  # the part heading last met, carried from page to page
    for index, page in enumerate(pages):
        page_box = page._page_box
        root = _root_box(page_box)
        boxes = list(root.descendants()) if root is not None else []
        first = next((box for box in boxes if id(getattr(box, "element", None)) in number_of
                      and not (id(box.element) in headers and id(box.element) in seen)), None)
        if index:
            key = id(first.element) if first is not None else None
            starts.append(number_of[key] if key is not None and key not in seen else None)
            continued.append(number_of[key] if key is not None and key in seen else None)
        columns.extend(_column_starts(boxes, in_columns, seen, number_of))
        seen.update(id(box.element) for box in boxes if getattr(box, "element", None) is not None)
        height = page_box.height or 1.0
        for label, used in _parts(root, labels):
            room[label] = room.get(label, 0.0) + used / height
    ranked = sorted(room.items(), key=lambda item: -item[1])
    return PageMap(len(pages), tuple(starts), tuple(continued),
                   tuple((label, round(share, 2)) for label, share in ranked), tuple(columns))


def _columned(element: object) -> bool:
    return any(name.startswith("columns-") for name in (element.get("class") or "").split())  # type: ignore[attr-defined]


def _column_starts(boxes: list, in_columns: set[int], seen: set[int], number_of: dict[int, int]) -> list[int]:
    """The blocks of a multi-column part on this page that stand at the head of a column after its
    first: where a block's column (its x) differs from the block before it."""
    found, x, done = [], None, set()
    for box in boxes:
        key = id(getattr(box, "element", None))
        if key not in in_columns or key in seen or key in done:
            continue
        done.add(key)
        if x is not None and abs(box.position_x - x) > 1:
            found.append(number_of[key])
        x = box.position_x
    return found


def deferred_footnotes(rendered: object) -> list[int]:
    """The pages (0-based) whose footnotes WeasyPrint moved, in part, to the next page.

    To keep a paragraph's orphans or widows WeasyPrint may move a page's footnotes to the next
    page and fill their room with the paragraph's lines. Word and LibreOffice never part a
    footnote from its call: they move the lines instead, so the two layouts part there.
    """
    found = []
    for index, page in enumerate(rendered.pages):  # type: ignore[attr-defined]
        page_box = page._page_box
        root = _root_box(page_box)
        calls = {id(box.footnote.element) for box in (root.descendants() if root is not None else ())
                 if getattr(box, "footnote", None) is not None}
        area = next((child for child in page_box.children if type(child).__name__ == "FootnoteAreaBox"), None)
        notes = {id(child.element) for child in getattr(area, "children", ())}
        if calls - notes:
            found.append(index)
    return found


def _root_box(page_box: object) -> object | None:
    return next((child for child in page_box.children if getattr(child, "element_tag", None) == "html"), None)


def _parts(root: object | None, labels: list[str]) -> Iterable[tuple[str, float]]:
    """(heading, height on this page) for each unit of the page's body, under the part heading
    (h1 or h2) that comes before it, as `labels` holds it from earlier pages."""
    if root is None:
        return []
    body = next((child for child in root.children if getattr(child, "element_tag", None) == "body"), None)
    if body is None:
        return []
    found: list[tuple[str, float]] = []
    for box in _units(body):
        if box.element_tag in _PART_HEADINGS:
            labels[0] = _text(box)
        found.append((labels[0], box.margin_height()))
    return found


def _units(box: object) -> Iterator[object]:
    """The body's block children, looking into containers that hold a part heading."""
    for child in getattr(box, "children", ()):
        if not hasattr(child, "margin_height") or type(child).__name__ in ("LineBox", "TextBox"):
            continue
        if child.element_tag in _CONTAINERS and any(
                getattr(d, "element_tag", None) in _PART_HEADINGS for d in child.descendants()):
            yield from _units(child)
        else:
            yield child


def _text(box: object) -> str:
    words = [d.text for d in box.descendants() if type(d).__name__ == "TextBox"]  # type: ignore[attr-defined]
    return " ".join(" ".join(words).split())
