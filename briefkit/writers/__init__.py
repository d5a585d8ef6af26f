"""Writers turn one composed Document into one file format: the registry of them.

Each writer is a small class with a `name` and `write(document, path, shown)`,
in the manner of Sphinx builders: the build loops over writers and never
branches on the format. There is one writer for each format the model allows
(model.FORMATS). Writers are imported lazily so that commands which do not
render (check, list, --help) never import WeasyPrint.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from briefkit.campaign.model import FORMATS
from briefkit.errors import BriefkitError, Problem
from briefkit.render.document import Document

REGISTRY = {"pdf": "briefkit.writers.pdf:PdfWriter",
            "docx": "briefkit.writers.docx.writer:DocxWriter",
            "html": "briefkit.writers.html:HtmlWriter"}
assert tuple(REGISTRY) == FORMATS, "one writer for each format the model allows"


class Writer:
    """What every writer has; a writer overrides `write`, and `prepare` if it reads shared files."""

    name: str

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict  # turn warnings into errors
        self.warnings: list[Problem] = []  # what the writer noticed but did not fail on

    def prepare(self, documents: list[Document]) -> list[Problem]:
        """Read what the documents share (stylesheets) before anything is written; return warnings."""
        return []

    def write(self, document: Document, path: Path, shown: str) -> int | None:
        """Write `document` to `path`; return the page count where the format has pages.

        `shown` is the document's file as messages name it (canada/letter.pdf); `path`
        is where the bytes go, a temporary file until the build moves it into place.
        """
        raise NotImplementedError


def get_writer(fmt: str, strict: bool = False, options: dict | None = None) -> Writer:
    """A new writer for `fmt`; `strict` turns its warnings (WeasyPrint's, for PDF) into errors;
    `options` are other keyword arguments its class takes (e.g. pdf_variant)."""
    module_name, class_name = REGISTRY[fmt].split(":")
    try:
        module = importlib.import_module(module_name)
    except OSError as exc:  # WeasyPrint loads Pango and HarfBuzz through cffi
        raise BriefkitError(f"the {fmt} writer cannot start: {exc}",
                            hint="install Pango and HarfBuzz: apt-get install libpango-1.0-0 "
                                 "libpangoft2-1.0-0 libharfbuzz-subset0 (see README)") from exc
    return getattr(module, class_name)(strict=strict, **(options or {}))
