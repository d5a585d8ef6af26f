"""A fit step's smaller type, on the Word side: sizes and spacing shrink, the paper stays."""

import dataclasses

import docx

from briefkit.render import vocabulary
from briefkit.writers.docx.writer import DocxWriter
from tests.helpers import document_from_html


def write(tmp_path, scale):
    document = document_from_html("<h2>Part</h2><p>Plain words.</p>")
    html = document.html.replace("<title>", f'<meta name="briefkit-scale" content="{scale}"><title>')
    document = dataclasses.replace(document, html=html, _tree=vocabulary.parse(html))
    path = tmp_path / f"scale-{scale}.docx"
    DocxWriter().write(document, path, "test/document")
    return docx.Document(str(path))


def test_smaller_type_shrinks_styles_and_spacing_but_not_the_page(tmp_path):
    full, small = write(tmp_path, "1"), write(tmp_path, "0.8")
    for name in ("Normal", "Heading 2"):
        assert small.styles[name].font.size == round(full.styles[name].font.size * 0.8 / 6350) * 6350
    heading = (full.styles["Heading 2"].paragraph_format, small.styles["Heading 2"].paragraph_format)
    assert abs(heading[1].space_before - heading[0].space_before * 0.8) <= 12700
    assert small.sections[0].page_width == full.sections[0].page_width
    assert small.sections[0].left_margin == full.sections[0].left_margin
