import pytest

from briefkit.render.redline import accepted, normalise, redline, rejected


@pytest.mark.parametrize("current, proposed", [
    ("Each State Party shall adopt such measures, as may be necessary.",
     "Each State Party shall adopt such legislative measures; as are strictly necessary."),
    ("a b c d", "a x y d"),
    ("a d", "a x y d"),
    ("", "Entirely new text."),
    ("Entirely old text.", ""),
    ("The State Party may refuse.", "The requested State Party shall refuse."),
])
def test_accepting_gives_the_proposed_text_and_rejecting_the_current(current, proposed):
    pieces = redline(current, proposed)
    assert accepted(pieces) == normalise(proposed)
    assert rejected(pieces) == normalise(current)


def test_punctuation_changes_alone_and_words_around_stay_unchanged():
    pieces = redline("safeguards, including review", "safeguards; including review")
    assert [(p.op, p.text) for p in pieces] == [
        ("keep", "safeguards"), ("delete", ","), ("insert", ";"), ("keep", " including review")]


def test_whitespace_and_line_breaks_are_not_changes():
    assert [p.op for p in redline("one  two\nthree", "one two three")] == ["keep"]


def test_adjacent_word_changes_read_as_one():
    pieces = redline("shall adopt such measures", "shall take other steps")
    assert [(p.op, p.text) for p in pieces] == [
        ("keep", "shall "), ("delete", "adopt such measures"), ("insert", "take other steps")]
