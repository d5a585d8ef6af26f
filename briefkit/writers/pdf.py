"""PDF writer: WeasyPrint over the composed HTML, with the print stylesheets of its kind.

One writer instance keeps one FontConfiguration and parsed stylesheets for
every document it writes; a fresh FontConfiguration per document grows
memory (see TECH-NOTES). WeasyPrint's warnings (CSS it ignores, resources it
could not load) become Problems naming the stylesheet and line; with
`strict` they are errors.

PDFs are written as tagged PDF/UA-1 unless another variant is asked for
(variants.py): what leaves the building must work with a screen reader. The
language, title, author, subject, keywords and dates come from the HTML's
<html lang>, <title> and <meta> lines; h1-h3 become bookmarks.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import tempfile
from collections import OrderedDict
from pathlib import Path

import lxml.html
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from briefkit import __version__
from briefkit.errors import BriefkitError, Problem, WriterError
from briefkit.filerule import STYLESHEET, read_campaign_file, read_campaign_text
from briefkit.render.document import Document
from briefkit.render.templating import BUILTIN, TemplateLayers
from briefkit.writers import Writer, weasylog
from briefkit.writers.fetcher import SafeFetcher
from briefkit.writers.cache import LayoutCache
from briefkit.writers.geometry import page_css, page_setup
from briefkit.writers.pagebounds import PageBounds, check_count, check_pages
from briefkit.writers.pagemap import PageMap, deferred_footnotes, ordinals
from briefkit.writers.pagemap import page_map as map_pages
from briefkit.writers.variants import DEFAULT_PDF_VARIANT, weasyprint_variant

_KEEP_PASSES = 4  # layouts at most: each may move one more paragraph to a new page (see lay_out)


class PdfWriter(Writer):
    name = "pdf"

    def __init__(self, strict: bool = False, pdf_variant: str = DEFAULT_PDF_VARIANT,
                 cache: LayoutCache | None = None) -> None:
        super().__init__(strict)
        self.pdf_variant = pdf_variant
        self.cache = cache or LayoutCache()
        # A refused fetch means a stylesheet reaches outside the campaign: an error in CI too.
        self.refusals_are_errors = strict or bool(os.environ.get("CI"))
        self.font_config = FontConfiguration()
        self._css: dict[tuple[str, float, str], tuple[weasyprint.CSS, list[Problem]]] = {}
        self._maps: OrderedDict[str, PageMap] = OrderedDict()  # the last documents' page maps, by key
        self._digests: dict[str, tuple[int, bytes]] = {}
        self._refused: dict[str, PageBounds] = {}  # the last document refused for its pages, by key
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def prepare(self, documents: list[Document]) -> list[Problem]:
        """Parse every stylesheet the documents use, before anything is written; return its warnings."""
        found: list[Problem] = []
        for document in documents:
            fetcher = SafeFetcher([document.campaign_root, BUILTIN])
            for css_path in document.stylesheets:
                for problem in self._stylesheet(css_path, fetcher, document)[1]:
                    if problem not in found:
                        found.append(problem)
        return found

    def key(self, document: Document) -> str:
        """What the layout of `document` depends on, hashed: its HTML, its stylesheets' bytes, the PDF
        variant and the versions of briefkit and WeasyPrint."""
        digest = hashlib.sha256()
        for part in (__version__, weasyprint.__version__, self.pdf_variant, document.html):
            digest.update(part.encode("utf-8") + b"\0")
        for css_path in document.stylesheets:
            digest.update(self._css_digest(css_path, document.campaign_root))
        return digest.hexdigest()[:40]

    def write(self, document: Document, path: Path, shown: str) -> int:
        key = self.key(document)
        page_map = self.cache.take(key, path)
        if page_map is None:
            rendered, page_map = self.lay_out(document, shown)
            self._write(rendered, document, path)
        else:
            check_count(document, page_map.pages)  # laid out under a limit that may since have been lowered
        self._remember(key, page_map)
        _within_budget(document, page_map.pages)
        return page_map.pages

    def measure(self, document: Document, shown: str) -> PageMap:
        """Lay the document out and keep the PDF for its build (see cache.py); its page map."""
        key = self.key(document)
        page_map = self._maps.get(key) or self.cache.page_map(key)
        if page_map is None:
            rendered, page_map = self.lay_out(document, shown)
            with tempfile.NamedTemporaryFile(prefix="briefkit-measure-", suffix=".pdf") as scratch:
                self._write(rendered, document, Path(scratch.name))
                self.cache.put(key, Path(scratch.name), page_map)
        self._remember(key, page_map)
        return page_map

    def page_map(self, document: Document, shown: str) -> PageMap:
        """Where the document's pages begin, from this writer's last documents or the cache, else laid out."""
        key = self.key(document)
        page_map = self._maps.get(key) or self.cache.page_map(key)
        if page_map is None:
            page_map = self.lay_out(document, shown)[1]
        self._remember(key, page_map)
        return page_map

    def lay_out(self, document: Document, shown: str) -> tuple[weasyprint.Document, PageMap]:
        key = self.key(document)
        if key in self._refused:  # the DOCX asks for the page map of a PDF just refused: say so again
            raise self._refused[key]
        try:
            return self._lay_out(document, shown)
        except PageBounds as exc:
            self._refused = {key: exc}  # the last one only: the DOCX of the same document comes next
            raise

    def _lay_out(self, document: Document, shown: str) -> tuple[weasyprint.Document, PageMap]:
        fetcher = SafeFetcher([document.campaign_root, BUILTIN])
        stylesheets = [self._stylesheet(css, fetcher, document)[0] for css in document.stylesheets]
        with weasylog.captured() as records:
            stylesheets.append(weasyprint.CSS(string=page_css(document), font_config=self.font_config,
                                              url_fetcher=fetcher))
            source, kept = document.html, set()  # the blocks moved to a new page so far
            for _ in range(_KEEP_PASSES):
                html = weasyprint.HTML(string=source, base_url=str(document.campaign_root) + "/",
                                       url_fetcher=fetcher)
                # presentational_hints: <col width="…"> sets column widths, which the DOCX writer reads
                # too. The variant goes to layout as well as to writing: tagging needs the boxes' elements.
                rendered = html.render(stylesheets=stylesheets, font_config=self.font_config,
                                       presentational_hints=True, pdf_variant=weasyprint_variant(self.pdf_variant))
                # Where WeasyPrint moved footnotes off their call's page to fit a paragraph's lines, the
                # paragraph starts the next page instead, as Word and LibreOffice would move it.
                # (break-inside: avoid is not enough: the footnotes stay moved.)
                page_map = map_pages(rendered)
                split = {page_map.continued[page] for page in deferred_footnotes(rendered)
                         if page < len(page_map.continued)} - {None} - kept
                if not split:
                    break
                kept |= split
                source = break_before(document, kept)
        problems = weasylog.as_problems(records, shown,
                                        "WeasyPrint warned while laying out this document",
                                        refusals_are_errors=self.refusals_are_errors)
        self._note(problems)
        if (self.strict and problems) or any(p.severity == "error" for p in problems):
            refused = problems[0].message.startswith("refused to fetch")
            raise WriterError(f"{problems[0].message} (and {len(problems) - 1} more)" if len(problems) > 1
                              else problems[0].message,
                              hint="keep every image and stylesheet inside the campaign folder (a refused fetch "
                                   "is an error with --strict or in CI)" if refused
                              else "--strict makes WeasyPrint's warnings errors")
        # Each page as the PDF will have it: CSS pixels are 0.75 pt, and a smaller fit step's zoom.
        zoom = 0.75 * page_setup(document).scale
        display = TemplateLayers(document.campaign_root).display
        check_pages(document, [(page.width * zoom, page.height * zoom) for page in rendered.pages],
                    lambda css: display(str(css)))
        return rendered, page_map

    def _write(self, rendered: weasyprint.Document, document: Document, path: Path) -> None:
        identifier = hashlib.sha256(document.html.encode("utf-8")).hexdigest()[:32].encode()
        # A document set smaller to fit its budget is laid out on a larger page and written at
        # the paper's size (geometry.py): type, spacing and images shrink together.
        rendered.write_pdf(path, pdf_identifier=identifier, pdf_variant=weasyprint_variant(self.pdf_variant),
                           zoom=page_setup(document).scale)

    def _remember(self, key: str, page_map: PageMap) -> None:
        self._maps[key] = page_map
        self._maps.move_to_end(key)
        while len(self._maps) > 32:
            self._maps.popitem(last=False)

    def _css_digest(self, css_path: Path, campaign_root: Path) -> bytes:
        try:
            stat = css_path.stat()
        except OSError:
            return b"missing"
        cached = self._digests.get(str(css_path))
        if cached is None or cached[0] != stat.st_mtime_ns:
            try:
                data = read_campaign_file(campaign_root, css_path, STYLESHEET)
            except BriefkitError as exc:  # laying it out reports the refusal
                data = str(exc).encode()
            cached = (stat.st_mtime_ns, hashlib.sha256(data).digest())
            self._digests[str(css_path)] = cached
        return cached[1]

    def warm_up(self) -> None:
        """Render a scrap of text in the stylesheets' fonts, so the first real document pays no set-up."""
        scrap = ('<p style="font-family: Noto Serif">a <b>b</b> <i>c</i></p>'
                 '<p style="font-family: Noto Sans">a <b>b</b></p>')
        weasyprint.HTML(string=scrap, url_fetcher=SafeFetcher([BUILTIN])).write_pdf(font_config=self.font_config)

    def _stylesheet(self, css_path: Path, fetcher: SafeFetcher,
                    document: Document) -> tuple[weasyprint.CSS, list[Problem]]:
        key = (str(css_path), css_path.stat().st_mtime, str(fetcher.roots))
        if key not in self._css:
            shown = TemplateLayers(document.campaign_root).display(str(css_path))
            # Read by the file rule (no link out, FIFO or device; capped), never by WeasyPrint itself.
            text = read_campaign_text(document.campaign_root, css_path, STYLESHEET, shown)
            with weasylog.captured() as records:
                css = weasyprint.CSS(string=text, base_url=str(css_path), font_config=self.font_config,
                                     url_fetcher=fetcher)
            self._css[key] = (css, weasylog.as_problems(records, shown,
                                                        refusals_are_errors=self.refusals_are_errors))
            self._note(self._css[key][1])
        return self._css[key]

    def _note(self, problems: list[Problem]) -> None:
        self.warnings.extend(p for p in problems if p not in self.warnings)


def break_before(document: Document, blocks: set[int]) -> str:
    """The document's HTML with a page break before each of `blocks` (page-start ordinals), or
    before the headings just above one, which go with it."""
    tree = copy.deepcopy(document.tree)
    body = tree.find("body")
    numbered = list(ordinals(body if body is not None else tree))
    for number in sorted(blocks):
        while number > 0 and numbered[number - 1][1].tag in ("h1", "h2", "h3"):
            number -= 1
        element = numbered[number][1]
        element.set("style", (element.get("style", "") + "; break-before: page").lstrip("; "))
    return lxml.html.tostring(tree, doctype="<!DOCTYPE html>", encoding="unicode")


def _within_budget(document: Document, pages: int) -> None:
    """A last guard: check lays budgeted documents out first, so a build never gets here over budget."""
    budget = page_setup(document).page_budget
    if budget and pages > budget:
        raise WriterError(f"the {document.kind} for {document.audience} runs to {pages} pages; "
                          f"it must fit on {budget}",
                          hint="run briefkit check: it says what takes the room")
