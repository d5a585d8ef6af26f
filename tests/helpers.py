"""Small helpers the tests share: writing files, and reading words back out of PDFs and DOCX files."""

from __future__ import annotations

import re
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def words(text: str) -> list[str]:
    """The words of a text, lower-cased: numbers, punctuation and list markers dropped."""
    return _WORD.findall(text.lower())


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


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `folder` with its mtime and bytes, to prove a failed run changed nothing."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def document_from_html(body: str, *, kind: str = "letter", paper: str = "A4",
                       margins: str = "20mm", page_numbers: str = "no", max_pages: str = "0",
                       root: Path | None = None):
    """A composed Document from a hand-written body, for writer tests."""
    from briefkit import vocabulary
    from briefkit.compose import Document
    from briefkit.templating import BUILTIN

    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test title</title>
<meta name="author" content="Test Coalition"><meta name="description" content="Test subject">
<meta name="keywords" content="one, two"><meta name="dcterms.created" content="2024-07-29">
<meta name="briefkit-paper" content="{paper}"><meta name="briefkit-margins" content="{margins}">
<meta name="briefkit-page-numbers" content="{page_numbers}"><meta name="briefkit-max-pages" content="{max_pages}">
</head><body class="{kind}">{body}</body></html>"""
    tree = vocabulary.parse(html)
    return Document(kind=kind, audience="test", lang="en", title="Test title", html=html, _tree=tree,
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
