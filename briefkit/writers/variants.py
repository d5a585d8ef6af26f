"""The PDF variants `briefkit build --pdf-variant` offers, named as WeasyPrint 70 names them.

The list is written out here rather than read from `weasyprint.pdf.VARIANTS`
because the parent process never imports WeasyPrint (see workers.py); a test
holds the two lists equal. WeasyPrint's `debug` variant is left out: it is a
development aid, not something to send. `none` writes a plain, untagged PDF.
"""

from __future__ import annotations

from briefkit.errors import UsageProblem, suggest

DEFAULT_PDF_VARIANT = "pdf/ua-1"
NO_VARIANT = "none"
PDF_VARIANTS: tuple[str, ...] = (
    "pdf/ua-1", "pdf/ua-2",
    "pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u",
    "pdf/a-3a", "pdf/a-3b", "pdf/a-3u", "pdf/a-4e", "pdf/a-4f", "pdf/a-4u",
    "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g",
    NO_VARIANT,
)


def resolve_pdf_variant(value: str | None) -> str:
    """The variant to write, checked: None means the default (tagged PDF/UA-1)."""
    if value is None:
        return DEFAULT_PDF_VARIANT
    name = value.strip().lower()
    if name in PDF_VARIANTS:
        return name
    if f"pdf/{name}" in PDF_VARIANTS:  # "ua-1", "a-3u"
        return f"pdf/{name}"
    raise UsageProblem(f"unknown PDF variant {value!r}", hint=suggest(name, PDF_VARIANTS))


def weasyprint_variant(variant: str) -> str | None:
    """The value of WeasyPrint's `pdf_variant` option for one of ours."""
    return None if variant == NO_VARIANT else variant
