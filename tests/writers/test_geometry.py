"""Page geometry: both writers read paper, margins and the page label from the same meta lines."""

import pytest

from briefkit.errors import WriterError
from briefkit.writers.geometry import page_setup
from tests.helpers import document_from_html


def test_paper_and_margins_as_css_shorthand():
    setup = page_setup(document_from_html("<p>x</p>", paper="Letter", margins="1in 20mm 15mm"))
    assert (setup.width_mm, setup.height_mm) == (215.9, 279.4)
    assert (setup.top_mm, setup.right_mm, setup.bottom_mm, setup.left_mm) == (25.4, 20.0, 15.0, 20.0)
    assert "@page { size: 215.9mm 279.4mm; margin: 25.4mm 20.0mm 15.0mm 20.0mm; }" in setup.css()


def test_the_page_label_keeps_its_words_around_the_fields():
    setup = page_setup(document_from_html("<p>x</p>", page_numbers="yes", page_label="page {page} of {pages}"))
    assert setup.page_label_parts() == ["page ", "{page}", " of ", "{pages}"]
    assert 'content: "page " counter(page) " of " counter(pages);' in setup.css()


@pytest.mark.parametrize("kwargs, message", [({"paper": "A5"}, "unknown paper size 'A5'"),
                                             ({"margins": "20"}, "cannot read the margin '20'"),
                                             ({"page_label": "of {pages}"}, "has no {page}")])
def test_what_a_writer_cannot_lay_out_is_an_error(kwargs, message):
    with pytest.raises(WriterError, match=message):
        page_setup(document_from_html("<p>x</p>", **kwargs))
