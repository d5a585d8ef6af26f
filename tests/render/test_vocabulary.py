"""The HTML vocabulary: one table of elements and roles that both writers read."""

import pytest

from briefkit.errors import WriterError
from briefkit.render import vocabulary
from briefkit.writers.docx import inline
from briefkit.writers.docx.writer import _WRITTEN_BY_PARENT, DocxWriter, _Walker
from tests.helpers import document_from_html


def test_every_element_of_the_vocabulary_has_a_docx_handler():
    for tag, role in vocabulary.ELEMENTS.items():
        if role in vocabulary.INLINE_ROLES:
            assert role != "format" or tag in inline.FORMATS, tag
        else:
            assert role in _Walker.HANDLERS or role in _WRITTEN_BY_PARENT, (tag, role)


def test_the_writable_elements_are_everything_but_the_documents_own():
    assert vocabulary.HEAD == {"html", "head", "title", "meta", "body"}
    assert {"p", "h1", "ins", "del", "img", "table"} <= vocabulary.VOCABULARY - vocabulary.HEAD


@pytest.mark.parametrize("tag, role", [("aside", "sidebar"), ("mark", "format")])
def test_an_element_the_docx_writer_has_no_handler_for_names_the_template_and_tag(tmp_path, monkeypatch,
                                                                                  tag, role):
    monkeypatch.setitem(vocabulary.ELEMENTS, tag, role)
    document = document_from_html(f"<p>Before</p><{tag}>a new element</{tag}>")
    document.template = "templates/audiences/beta/letter.html.j2"
    with pytest.raises(WriterError) as caught:
        DocxWriter().write(document, tmp_path / "out.docx", "beta/letter.docx")
    assert caught.value.message.startswith(f"templates/audiences/beta/letter.html.j2: <{tag}> has no DOCX handler")


def test_a_list_item_outside_a_list_is_an_error_not_a_paragraph(tmp_path):
    document = document_from_html("<li>stray</li>")
    document.template = "builtin/letter.html.j2"
    with pytest.raises(WriterError, match="<li> may stand only inside its list or table"):
        DocxWriter().write(document, tmp_path / "out.docx", "test/letter.docx")
