"""Quoted statements and their speakers, on tiny texts written here (the seeds are in test_extract.py)."""

import pytest

from briefkit.sources.attribution import find_quotes, split_speaker
from briefkit.sources.prose import paragraphs


def quotes(text: str):
    return find_quotes(paragraphs(text))


def only(text: str):
    found = quotes(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, speaker", [
    ("“We will not accept this treaty,” said the delegate of Examplia.", "Examplia"),
    ('"We will not accept this treaty," said a spokesperson for the Example Rights Network.',
     "Example Rights Network"),
    ('"We will not accept this treaty," said Norway.', "Norway"),
    ("“We will not accept this treaty” Norway said.", "Norway"),
    ("“We will not accept this treaty,” Costa Rica added on Tuesday.", "Costa Rica"),
    ("Norway said: “We will not accept this treaty.”", "Norway"),
    ("Norway told delegates: “We will not accept this treaty.”", "Norway"),
    ("Norway told delegates that “we will not accept this treaty.”", "Norway"),
    ("Microsoft has stated that 'no outcome is better than a bad outcome' and more.", "Microsoft"),
    ("According to Norway, “we will not accept this treaty.”", "Norway"),
    ("“We will not accept this treaty,” said Burkina Faso’s delegate.", "Burkina Faso’s delegate"),
])
def test_speaker_in_the_same_sentence(text, speaker):
    quote = only(text)
    assert quote.speaker.name == speaker
    assert quote.speaker.how == "same sentence"
    assert "accept this treaty" in quote.text or "outcome" in quote.text


def test_quote_text_is_the_words_only_without_the_trailing_comma():
    quote = only("“We will not accept this treaty,” said Norway.")
    assert quote.text == "We will not accept this treaty"
    assert quote.closed


def test_a_quote_split_over_a_line_break_is_joined_and_keeps_its_first_line():
    quote = only("Intro paragraph.\n\nThen “we will not\naccept this treaty,” said Norway.\n")
    assert quote.text == "we will not accept this treaty"
    assert quote.line == 3


def test_a_missing_closing_quote_runs_to_the_end_of_the_paragraph():
    text = "Norway emphasized:\n\n“We will not accept this treaty. Not now.\n\nAnother paragraph.\n"
    quote = only(text)
    assert quote.text == "We will not accept this treaty. Not now."
    assert not quote.closed
    assert (quote.speaker.name, quote.speaker.how, quote.speaker.line) == ("Norway", "paragraph before", 1)


def test_a_missing_closing_quote_before_a_trailing_attribution_is_cut_there():
    text = ("Intro.\n\n"  # a blank line somewhere, or every line is a paragraph of its own
            "“By narrowing the scope we protect rights, EFF's Katitza Rodriguez \ntold delegates earlier this year.")
    quote = only(text)
    assert quote.text == "By narrowing the scope we protect rights"
    assert (quote.speaker.name, quote.speaker.role) == ("Katitza Rodriguez", "EFF")


def test_quoted_paragraphs_after_a_paragraph_naming_the_speaker():
    text = ("Canada warned delegates about the consequences. In a\nstatement it laid out its view.\n\n"
            "“First quoted paragraph of the statement.”\n\n"
            "“Second quoted paragraph, with no closing mark.\n\n"
            "“Third quoted paragraph closes it.”\n")
    found = quotes(text)
    assert [(q.line, q.speaker.name, q.speaker.how) for q in found] == [
        (4, "Canada", "named earlier"), (6, "Canada", "continues"), (8, "Canada", "continues")]
    assert found[0].speaker.line == 1


def test_as_x_said_introduces_the_next_paragraph():
    found = quotes("As Canada said,\n\n\n“this is a convention of the whole UN.”\n")
    assert [(q.speaker.name, q.speaker.how, q.line) for q in found] == [("Canada", "paragraph before", 4)]


def test_a_sentence_ending_in_a_full_stop_does_not_introduce_the_next_paragraph():
    found = quotes("Canada said the treaty is bad.\n\n“We cannot support it at all.”\n")
    assert found[0].speaker.how == "named earlier"


def test_role_and_name_are_split_from_the_introducing_phrase():
    text = ("To that respect,\nHuman Rights Watch Senior Researcher Deborah Brown, underscoring the "
            "gravity of the matter, emphasized:\n\n“There are many examples of such laws.\n")
    quote = only(text)
    assert (quote.speaker.name, quote.speaker.role) == ("Deborah Brown", "Human Rights Watch Senior Researcher")


def test_a_second_quote_in_the_paragraph_keeps_the_speaker_and_a_mistyped_mark_opens_it():
    text = "“Imagine a scenario like this one,” Sierra Leone said. ”These crimes have real potential.”"
    found = quotes(text)
    assert [(q.text, q.speaker.name, q.speaker.how) for q in found] == [
        ("Imagine a scenario like this one", "Sierra Leone", "same sentence"),
        ("These crimes have real potential.", "Sierra Leone", "same paragraph")]


@pytest.mark.parametrize("text", [
    'Each country may define a "serious crime." Nobody said more.',  # a scare quote
    "The treaty is seen as a 'bad treaty is better than no treaty' by proponents.",  # no speaker
    "“We will not accept this treaty,” she said.",  # a pronoun names nobody
    "It is a “crime”or “a serious crime” in some states.",
    "“The treaty is done for now.” Norway said it would sign.",  # the full stop ended that sentence
])
def test_no_candidate_without_a_speaker_or_for_scare_quotes(text):
    assert quotes(text) == []


def test_apostrophes_do_not_open_or_close_single_quotes():
    found = quotes("Norway said that 'Country B's laws aren't ours' in the end.")
    assert [q.text for q in found] == ["Country B's laws aren't ours"]


@pytest.mark.parametrize("phrase, expected", [
    ("Human Rights Watch Senior Researcher Deborah Brown",
     ("Deborah Brown", "Human Rights Watch Senior Researcher")),
    ("EFF's Katitza Rodriguez", ("Katitza Rodriguez", "EFF")),
    ("Burkina Faso’s delegate", ("Burkina Faso’s delegate", None)),
    ("Canada", ("Canada", None)),
    ("delegate of Examplia", ("Examplia", "delegate")),
    ("senior spokesperson for the Example Rights Network", ("Example Rights Network", "senior spokesperson")),
    ("Office of the High Commissioner for Human Rights", ("Office of the High Commissioner for Human Rights", None)),
])
def test_split_speaker(phrase, expected):
    assert split_speaker(phrase) == expected
