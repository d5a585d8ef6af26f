from briefkit.sources.textmatch import SourceText, normalise, word_diff, word_ops

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
    assert "no other [-treaty-] {+convention+}, said" in word_diff(passage, normalise(
        "We can find no other convention, said the delegate"))
    assert ratio < 1


def test_case_is_not_normalised():
    text = SourceText(SOURCE)
    assert text.find("we can find no other treaty") is None


def test_an_omission_is_found_piece_by_piece_in_order_within_one_paragraph():
    text = SourceText(SOURCE)
    for quote in ("We can find … treaty", "It is the [...] view", "We can find no other treaty, … a firm one"):
        assert text.find(quote) is not None, quote
    assert text.find("treaty … We can find") is None  # out of order
    assert text.find("First paragraph … We can find") is None  # across paragraphs
    location = text.find("We can find … treaty")
    assert SOURCE[location.start:location.end].startswith("We can find") and \
        SOURCE[location.start:location.end].endswith("treaty")


def test_the_closest_passage_stays_in_one_paragraph_and_names_the_line_it_starts_on():
    source = ("The talks began two years\nago.\n\nThe delegate said the talks must pass\n"
              "through an independent judge, and soon.\n")
    location, passage, _ = SourceText(source).closest("the talks must go through an independent judge")
    assert (location.line, passage) == (4, "the talks must pass through an independent judge")  # the quote stops before the comma
    location, passage, _ = SourceText(source).closest("two years ago. The delegate said")
    assert passage == "two years ago"  # not spliced with the next paragraph


def test_paragraphs_are_lines_when_a_source_has_no_blank_lines():
    text = SourceText("one line\nsecond line\nthird line\n")
    assert text.find("third line").paragraph == 3


def test_one_changed_word_marks_that_word_and_no_punctuation():
    # The quote stops before the source's comma: the diff is about "pass" alone.
    text = SourceText("Every request must pass through an independent judge, as the law requires.\n")
    quote = "must go through an independent judge"
    _location, passage, _ratio = text.closest(quote)
    diff = word_diff(passage, normalise(quote))
    assert diff == "must [-pass-] {+go+} through an independent judge"


def test_a_changed_comma_is_the_only_change_and_words_keep_their_punctuation():
    assert word_diff("the judge, and the court", "the judge; and the court") == "the judge[-,-]{+;+} and the court"
    assert word_diff("Dear Chair,", "Dear Beta,") == "Dear [-Chair-] {+Beta+},"
    assert word_diff("a 3-year term under 28.4", "a 4-year term under 28.5") == \
        "a [-3-] {+4+}-year term under [-28.4-] {+28.5+}"
    ops = word_ops("It is, in short, fine.", "It is, in brief, fine.")
    assert "".join(text for op, text in ops if op != "delete") == "It is, in brief, fine."
    assert "".join(text for op, text in ops if op != "insert") == "It is, in short, fine."
