"""Writers turn one composed Document into one file format.

Each writer is a small class with a `name`, a `suffix` and `write(document,
path)`, in the manner of Sphinx builders: the build loops over writers and
never branches on the format. Writers are imported lazily so that commands
which do not render (check, list, --help) never import WeasyPrint.
"""

from __future__ import annotations

import importlib

from briefkit.errors import BriefkitError, Problem
from briefkit.render.compose import Document

FORMATS: tuple[str, ...] = ("pdf", "docx", "html")
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html"}
_CLASSES = {"pdf": "briefkit.writers.pdf:PdfWriter",
            "docx": "briefkit.writers.docx.writer:DocxWriter",
            "html": "briefkit.writers.html:HtmlWriter"}


class Writer:
    """What every writer has; a writer overrides `write`, and `prepare` if it reads shared files."""

    name: str
    suffix: str

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict  # turn warnings into errors
        self.warnings: list[Problem] = []  # what the writer noticed but did not fail on

    def prepare(self, documents: list[Document]) -> list[Problem]:
        """Read what the documents share (stylesheets) before anything is written; return warnings."""
        return []

    def write(self, document: Document, path) -> int | None:
        """Write `document` to `path`; return the page count where the format has pages."""
        raise NotImplementedError


def get_writer(fmt: str, strict: bool = False, options: dict | None = None) -> Writer:
    """A new writer for `fmt`; `strict` turns its warnings (WeasyPrint's, for PDF) into errors;
    `options` are other keyword arguments its class takes (e.g. pdf_variant)."""
    module_name, class_name = _CLASSES[fmt].split(":")
    try:
        module = importlib.import_module(module_name)
    except OSError as exc:  # WeasyPrint loads Pango and HarfBuzz through cffi
        raise BriefkitError(f"the {fmt} writer cannot start: {exc}",
                            hint="install Pango and HarfBuzz: apt-get install libpango-1.0-0 "
                                 "libpangoft2-1.0-0 libharfbuzz-subset0 (see README)") from exc
    return getattr(module, class_name)(strict=strict, **(options or {}))
