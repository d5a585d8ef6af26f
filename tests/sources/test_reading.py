"""A located passage as its source presents it: quoted or narrated, whose, and what follows."""

from briefkit.sources.reading import SourceReading, name_words, qualifier, same_speaker
from briefkit.sources.textmatch import SourceText

SOURCE = ("The report of the round.\n\n"
          "The delegate of Arvenia said: “We refuse any dam without\nknowledge.” The session ended late.\n")


def read(words):
    found = SourceText(SOURCE).find(words)
    return SourceReading(SOURCE), found


def test_quoted_words_and_their_speaker_and_narration_around_them():
    reading, found = read("We refuse any dam")
    seen = reading.reading(found.start, found.end)
    assert seen.quoted and seen.speaker.name == "Arvenia" and seen.line == 3
    reading, found = read("The session ended late.")
    assert not reading.reading(found.start, found.end).quoted


def test_the_rest_of_a_quoted_sentence_stops_at_its_closing_mark():
    reading, found = read("We refuse any dam")
    assert reading.rest_of_sentence(found.end) == "without knowledge."
    assert qualifier(reading.rest_of_sentence(found.end), "en") == "without"
    assert qualifier("since then", "en") is None
    assert qualifier("sans étude", "fr") == "sans" and qualifier("除非另有规定", "zh") == "除非"


def test_names_compare_without_case_accents_possessives_or_titles():
    reading, found = read("We refuse any dam")
    speaker = reading.reading(found.start, found.end).speaker
    assert same_speaker(["the delegate of Arvenia"], speaker)
    assert same_speaker(["Arvenia's delegate"], speaker)
    assert not same_speaker(["the delegate of Belmora"], speaker)
    assert name_words("Côte d’Ivoire’s delegation") == {"cote", "d", "ivoire"}
