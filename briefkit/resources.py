"""Every file briefkit ships with, named once (the campaign's own files are in campaign/layout.py)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE / "assets"
BUILTIN_TEMPLATES = ASSETS / "templates"  # the built-in layer of every template search path
SKELETON = ASSETS / "skeleton"  # the example campaign `briefkit init` writes
PREVIEW_ASSETS = ASSETS / "preview"  # the preview page's script and stylesheet
REFERENCE_DOCX = ASSETS / "reference.docx"  # the Word styles (tools/make_reference_docx.py writes it)
SYSTEM_PACKAGES = ASSETS / "system-packages.txt"  # the Debian packages briefkit needs (tools/system-packages)
MAMMOTH_STYLE_MAP = ASSETS / "mammoth-style-map.txt"  # how mammoth (DOCX to HTML) should read the Word styles
LOCALE_DIR = PACKAGE / "locale"  # the catalogues of briefkit's own labels, one folder per language
