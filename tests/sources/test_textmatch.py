from briefkit.sources.textmatch import SourceText, normalise, word_diff

SOURCE = ("First paragraph here.\n\n"
          "“We can find no other  treaty,” said the delegate. It is the\n"
          "country’s view — a firm one (\nfor now).\n")


def test_typography_and_line_breaks_are_forgiven():
    text = SourceText(SOURCE)
    assert text.find('"We can find no other treaty," said the delegate') is not None
    assert text.find("It is the country's view - a firm one (for now).") is not None
    location = text.find("country’s view")
    assert (location.line, location.paragraph) == (4, 2)


def test_a_changed_word_is_not_forgiven():
    text = SourceText(SOURCE)
    assert text.find("We can find no other convention") is None
    location, passage, ratio = text.closest("We can find no other convention, said the delegate")
    assert location.line == 3
    assert "[-treaty,-] {+convention,+}" in word_diff(passage, normalise(
        "We can find no other convention, said the delegate"))
    assert ratio < 1


def test_case_and_ellipsis_are_not_normalised():
    text = SourceText(SOURCE)
    assert text.find("we can find no other treaty") is None
    assert text.find("It is the country's view...") is None


def test_paragraphs_are_lines_when_a_source_has_no_blank_lines():
    text = SourceText("one line\nsecond line\nthird line\n")
    assert text.find("third line").paragraph == 3
