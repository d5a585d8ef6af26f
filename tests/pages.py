"""Where a document's pages fall, in briefkit's PDF and in LibreOffice's rendering of its DOCX.

Shared by tests/features/test_page_parity.py and benchmarks/page_parity.py. Headings are read
from the DOCX (its Heading-styled paragraphs: the same h1-h3 the PDF was laid out from) and
found, in order, in each PDF's text page by page.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import docx
from pypdf import PdfReader


def libreoffice_pdfs(docx_files: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Each DOCX converted to PDF by LibreOffice, in one run, with a profile of its own (so that a
    LibreOffice the user has open, or another test, does not share it)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    converted: dict[Path, Path] = {}
    # Documents of one folder share names (letter.docx): convert them folder by folder.
    by_folder: dict[Path, list[Path]] = {}
    for path in docx_files:
        by_folder.setdefault(path.parent, []).append(path)
    with tempfile.TemporaryDirectory(prefix="briefkit-lo-profile-") as profile:
        for index, (folder, paths) in enumerate(sorted(by_folder.items())):
            target = out_dir / f"{index:03d}-{folder.name}"
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(target), *map(str, paths)],
                           check=True, capture_output=True, timeout=900,
                           env={**os.environ, "HOME": profile})
            for path in paths:
                converted[path] = target / path.with_suffix(".pdf").name
    missing = [str(path) for path, pdf in converted.items() if not pdf.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return converted


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def _squeezed(text: str) -> str:
    """Text compared without spaces, line breaks, soft hyphens or presentation forms."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(char for char in text if not char.isspace() and char not in "\u00ad\u200b-‐")


def _page_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[_squeezed(line) for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def _find(wanted: str, lines: list[tuple[int, str]], start: int) -> int | None:
    """The index in `lines` from `start` on where the heading stands as lines of its own (a heading
    wraps over up to three)."""
    for first in range(start, len(lines)):
        joined = ""
        for page, line in lines[first:first + 3]:
            joined += line
            if joined == wanted:
                return first
            if not wanted.startswith(joined):
                break
    return None


def headings(docx_path: Path) -> list[str]:
    """The document's headings in order, as written in its DOCX."""
    document = docx.Document(str(docx_path))
    return [paragraph.text.strip() for paragraph in document.paragraphs
            if paragraph.style is not None and paragraph.style.name.startswith(("Heading", "Title"))
            and paragraph.text.strip()]


def heading_pages(pdf: Path, titles: list[str]) -> list[int | None]:
    """The page (from 1) each heading starts on, found in order; None where it is not found (text a
    PDF gives back in another order, as right-to-left text may be)."""
    lines = [(number, line) for number, page in enumerate(_page_lines(pdf), 1) for line in page]
    found: list[int | None] = []
    position = 0
    for title in titles:
        at = _find(_squeezed(title), lines, position) if _squeezed(title) else None
        found.append(lines[at][0] if at is not None else None)
        if at is not None:
            position = at + 1
    return found
