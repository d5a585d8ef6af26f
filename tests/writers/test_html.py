"""The HTML writer: the intermediate as it is, with its stylesheets inlined so it opens anywhere."""

import lxml.html

from briefkit.writers.html import HtmlWriter
from tests.helpers import document_from_html, write


def test_the_stylesheets_and_page_rule_are_inlined_and_cannot_close_the_style_element(tmp_path):
    css = write(tmp_path / "odd.css", 'p::after { content: "</style><p>not text</p>"; }\n')
    document = document_from_html("<h1>Title</h1><p>Body</p>", paper="Letter", root=tmp_path)
    document.stylesheets = [css]
    path = tmp_path / "out.html"
    HtmlWriter().write(document, path, "test/letter.html")
    page = lxml.html.parse(str(path)).getroot()
    [style] = page.iter("style")
    assert "<\\/style>" in style.text and "@page { size: 215.9mm 279.4mm;" in style.text
    assert [p.text for p in page.iter("p")] == ["Body"]
