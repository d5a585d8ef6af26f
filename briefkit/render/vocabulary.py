"""The small HTML vocabulary that templates write and both writers read.

Anything outside it is an error naming the template and line where the tag
was written, never silently dropped: a tag one writer ignores would make the
PDF and the DOCX say different things. Attributes are limited too: no
`style` or event handlers. The one thing a document may fetch is an image,
and only from the campaign's assets/ folder (`<img src="assets/…">`), always
with alternative text: the PDFs are tagged for screen readers and Word reads
the same text out. Stylesheets fetch through the same restricted fetcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from lxml import etree

from briefkit.errors import BriefkitError, TemplateProblem
from briefkit.filerule import TEMPLATE
from briefkit.fsutil import read_bytes

# Every element of the vocabulary, with the role that both writers dispatch on (the PDF writer
# through the print stylesheets, the DOCX writer through a handler per role). Nothing else may
# appear in a composed document.
ELEMENTS: dict[str, str] = {
    # the document and its metadata
    "html": "document", "head": "document", "title": "document", "meta": "document", "body": "document",
    # blocks that hold other blocks; a class may ask for columns (columns-2)
    "header": "container", "footer": "container", "section": "container", "div": "container",
    "h1": "heading", "h2": "heading", "h3": "heading",
    "p": "paragraph",
    "blockquote": "quotation",
    "ul": "list", "ol": "list", "li": "item",
    "table": "table", "colgroup": "table-part", "col": "table-part", "thead": "table-part",
    "tbody": "table-part", "tr": "table-part", "th": "cell", "td": "cell",
    # inline: a change of format, a link, a tracked change, a note (span.note), a break, an image
    "strong": "format", "em": "format", "sup": "format", "small": "format", "cite": "format", "span": "format",
    "a": "link", "ins": "change", "del": "change", "br": "break", "img": "image",
}
ROLES = frozenset(ELEMENTS.values())
INLINE_ROLES = frozenset({"format", "link", "change", "break", "image"})
HEAD = {tag for tag, role in ELEMENTS.items() if role == "document"}
INLINE = {tag for tag, role in ELEMENTS.items() if role in INLINE_ROLES}
VOCABULARY = set(ELEMENTS)
_WRITABLE = sorted(VOCABULARY - HEAD)  # what a template may write, for hints
# Attributes any element may carry, and those only some may.
COMMON_ATTRIBUTES = {"class", "lang", "dir", "id", "title"}
TAG_ATTRIBUTES = {"meta": {"name", "content", "charset"}, "a": {"href"}, "col": {"width", "span"},
                  "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"},
                  "img": {"src", "alt", "height"}}
# An image's source: a file in the campaign's assets/ folder, named relative to the campaign.
_IMAGE_SOURCE = re.compile(r"assets/[^/\\.%][^/\\%]*\.(png|jpe?g)", re.IGNORECASE)


def parse(html: str) -> etree._Element:
    """Parse composed HTML into an lxml tree (the one intermediate both writers walk)."""
    return lxml.html.document_fromstring(html)


def check(tree: etree._Element, template_files: Callable[[], list[Path]], display: Callable[[str], str],
          image_file: Callable[[str], object] | None = None) -> None:
    """Raise TemplateProblem for the first element outside the vocabulary.

    `template_files` lists the templates to search for where the tag was
    written; it is called only when there is something to report. `image_file`
    raises BriefkitError for an image whose file breaks the file rule (a link out of the
    campaign, a folder, a FIFO), so that both formats refuse it alike, before either is written.
    """
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions carry no text
        if element.tag not in VOCABULARY:
            path, line = _where_written(rf"<{re.escape(element.tag)}\b", template_files())
            raise TemplateProblem(
                f"element <{element.tag}> is outside the briefkit vocabulary",
                path=display(str(path)) if path else "<template>", line=line,
                hint="use one of: " + ", ".join(_WRITABLE))
        if element.tag == "img":
            _check_image(element, template_files, display)
        allowed = COMMON_ATTRIBUTES | TAG_ATTRIBUTES.get(element.tag, set())
        for name in element.attrib:
            if name not in allowed:
                path, line = _where_written(rf"<{re.escape(element.tag)}\b[^>]*\b{re.escape(name)}\s*=",
                                            template_files())
                raise TemplateProblem(
                    f"attribute {name!r} on <{element.tag}> is not allowed",
                    path=display(str(path)) if path else "<template>", line=line,
                    hint="style with a class and a stylesheet; allowed here: " + ", ".join(sorted(allowed)))
        if element.tag == "img" and image_file is not None:
            _check_image_file(element.get("src", ""), image_file, template_files, display)


def _check_image_file(src: str, image_file: Callable[[str], object], template_files: Callable[[], list[Path]],
                      display: Callable[[str], str]) -> None:
    """The image's file by the file rule: refused here, both formats refuse it alike."""
    try:
        image_file(src)
    except BriefkitError as exc:
        path, line = _where_written(r"<img\b", template_files())
        raise TemplateProblem(f"<img src={src!r}>: {exc.message}", path=display(str(path)) if path else "<template>",
                              line=line, hint=exc.hint) from exc


def _check_image(element: etree._Element, template_files: Callable[[], list[Path]], display) -> None:
    """An image needs words for those who cannot see it, and may come only from assets/."""
    src, alt = element.get("src", ""), (element.get("alt") or "").strip()
    problem = hint = None
    if not _IMAGE_SOURCE.fullmatch(src):
        problem = f"<img src={src!r}>: an image must be a PNG or JPEG file in the campaign's assets/ folder"
        hint = 'write src="assets/<file>.png", as the logo macro in _macros.html.j2 does'
    elif not alt:
        problem = f"<img src={src!r}> has no alternative text"
        hint = 'give it alt="…" describing the image: screen readers read it out in the PDF and in Word'
    elif not re.fullmatch(r"\d+", element.get("height", "1")):
        problem = f"<img src={src!r}>: height must be a whole number of CSS pixels"
        hint = "Word and the PDF size the image alike from it; 96 pixels are an inch"
    if problem:
        path, line = _where_written(r"<img\b", template_files())
        raise TemplateProblem(problem, path=display(str(path)) if path else "<template>", line=line, hint=hint)


def _where_written(pattern_text: str, files: list[Path]) -> tuple[Path | None, int | None]:
    pattern = re.compile(pattern_text, re.IGNORECASE)
    for path in files:
        try:  # only a regular file, of a template's size: a FIFO or device among them is passed over
            if not path.is_file() or path.stat().st_size > TEMPLATE.cap:
                continue
            for number, line in enumerate(read_bytes(path, str(path), TEMPLATE.cap, "").decode(
                    "utf-8", "replace").splitlines(), 1):
                if pattern.search(line):
                    return path, number
        except (OSError, BriefkitError):
            continue
    return (files[0] if files else None), None
