"""Small helpers the tests share: writing files, and reading words back out of PDFs and DOCX files."""

from __future__ import annotations

import re
from pathlib import Path

# Words, for comparing what two documents say. Chinese and Japanese have no spaces between
# words, so each of their characters counts as one word; a run of Arabic letters is a word of
# its own even where a PDF's text puts it against a Latin word (right-to-left text extracts
# with its direction changes glued together).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_OTHER = rf"[^\W\d_{_CJK}{_ARABIC}]"
_WORD = re.compile(rf"[{_CJK}]|[{_ARABIC}]+|{_OTHER}+(?:['’]{_OTHER}+)*")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def words(text: str) -> list[str]:
    """The words of a text, lower-cased: numbers, punctuation and list markers dropped.

    A Chinese (or Japanese) character is a word by itself; a run of Arabic letters is a word.
    """
    return _WORD.findall(text.lower())


def same_words(a: list[str], b: list[str]) -> float:
    """How far two word lists agree, 0 to 1: in order (difflib's ratio), or for right-to-left
    text, whose order a PDF's text extraction does not keep across direction changes, as
    multisets (shared words over the longer list)."""
    import difflib
    from collections import Counter

    if any("\u0600" <= c <= "\u06ff" for word in a[:200] for c in word):
        shared = sum((Counter(a) & Counter(b)).values())
        return shared / max(len(a), len(b), 1)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    """Body text of a DOCX in document order: paragraphs, and table cells row by row."""
    import docx
    from docx.oxml.ns import qn

    def text_of(element) -> str:
        return "".join(t.text or "" for t in element.iter(qn("w:t")))

    out = []
    for element in docx.Document(str(path)).element.body.iterchildren():
        if element.tag == qn("w:p"):
            out.append(text_of(element))
        elif element.tag == qn("w:tbl"):
            for cell in element.iter(qn("w:tc")):
                out.append(" ".join(text_of(p) for p in cell.iter(qn("w:p"))))
    return "\n".join(out)


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every font a PDF uses, by its name, with whether its program is embedded in the file."""
    from pypdf import PdfReader

    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])[1:]] = embedded
    return found


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `folder` with its mtime and bytes, to prove a failed run changed nothing."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def document_from_html(body: str, *, kind: str = "letter", paper: str = "A4",
                       margins: str = "20mm", page_numbers: str = "no", max_pages: str = "0",
                       root: Path | None = None, lang: str = "en", direction: str = "ltr",
                       locale: str = "", page_label: str = "{page} / {pages}"):
    """A composed Document from a hand-written body, for writer tests."""
    from briefkit.render import vocabulary
    from briefkit.render.document import Document
    from briefkit.render.templating import BUILTIN

    html = f"""<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><title>Test title</title>
<meta name="briefkit-locale" content="{locale}"><meta name="briefkit-page-label" content="{page_label}">
<meta name="author" content="Test Coalition"><meta name="description" content="Test subject">
<meta name="keywords" content="one, two"><meta name="dcterms.created" content="2024-07-29">
<meta name="briefkit-paper" content="{paper}"><meta name="briefkit-margins" content="{margins}">
<meta name="briefkit-page-numbers" content="{page_numbers}"><meta name="briefkit-max-pages" content="{max_pages}">
</head><body class="{kind}">{body}</body></html>"""
    tree = vocabulary.parse(html)
    return Document(kind=kind, audience="test", lang=lang, title="Test title", html=html, _tree=tree,
                    stylesheets=[BUILTIN / "css" / "base.css", BUILTIN / "css" / f"{kind}.css"],
                    campaign_root=root or BUILTIN)


def assert_qpdf_check(path: Path) -> None:
    """`qpdf --check` finds no structural error in the PDF (exit 0; 3 means warnings)."""
    import shutil
    import subprocess

    import pytest

    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.fail("qpdf is needed for this test: apt-get install qpdf")
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, f"{path}: {result.stdout}{result.stderr}"
def imports_weasyprint(code: str) -> bool:
    """Run `code` in a fresh interpreter and say whether WeasyPrint was imported by the end."""
    import subprocess
    import sys

    probe = code + "\nimport sys\nprint('weasyprint' in sys.modules)\n"
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            timeout=120)
    return output.stdout.strip().splitlines()[-1] == "True"


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) < 0.05


def pdf_footnotes(path: Path, note_px: float = 10.0, marker_px: float = 8.0) -> list[str]:
    """Footnote texts of a PDF in order, told apart from the body by their type size
    (7.5pt notes and 6pt markers, in WeasyPrint's px units)."""
    from pypdf import PdfReader

    notes: list[str] = []
    last_y: list[float] = [0.0]

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        if _same_size(size, marker_px):
            notes.append("")
        elif _same_size(size, note_px) and notes:
            # A new line of the note: tagged PDFs do not always carry the line break as text.
            separator = " " if tm[5] != last_y[0] else ""
            notes[-1] += separator + text.replace("\n", " ")
        last_y[0] = tm[5]

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return [" ".join(n.split()) for n in notes]


def pdf_words_without_notes(path: Path) -> list[str]:
    """The PDF's words with each footnote's words taken out where they stand."""
    body = words(pdf_text(path))
    for note in pdf_footnotes(path):
        wanted = words(note)
        for start in range(len(body) - len(wanted) + 1):
            if body[start:start + len(wanted)] == wanted:
                del body[start:start + len(wanted)]
                break
    return body


def docx_footnotes(path: Path) -> list[str]:
    """Footnote texts of a DOCX in the order of their ids (the order they are called)."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        if "word/footnotes.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/footnotes.xml"))
    notes = []
    for note in root.iter(f"{w}footnote"):
        if int(note.get(f"{w}id")) > 0:
            notes.append(" ".join("".join(t.text or "" for t in note.iter(f"{w}t")).split()))
    return notes


def pdf_figures(path: Path) -> list[str]:
    """The alternative text of every figure in a tagged PDF's structure tree, in order."""
    from pypdf import PdfReader

    found: list[str] = []

    def visit(node) -> None:
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object"):
                visit(kid)
            elif hasattr(kid, "get"):
                visit(kid)

    visit(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found
