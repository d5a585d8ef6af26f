"""Numbers read in digits or words, in the six UN languages, with what they count."""

import pytest

from briefkit.sources.numbers import numbers, same_thing


def values(text, language):
    return [sorted(n.values) for n in numbers(text, language)]


@pytest.mark.parametrize("language, text, expected", [
    ("en", "Thirty-eight states", [[38]]), ("en", "one hundred and ten groups", [[110]]),
    ("en", "1,200 people", [[1.2, 1200]]), ("en", "3.5%", [[3.5]]), ("en", "150+ members", [[150]]),
    ("en", "3 million users", [[3, 3_000_000]]), ("en", "a 3–4 year threshold", [[3], [4]]),
    ("en", "one of the delegates", []), ("en", "in 2024", [[2024]]),
    ("fr", "quatre-vingt-dix États", [[90]]), ("fr", "vingt-deux pays", [[22]]), ("fr", "cent vingt", [[120]]),
    ("fr", "1 200 personnes", [[1200]]), ("fr", "3,5 %", [[3.5]]),
    ("es", "ciento veinte organizaciones", [[120]]), ("es", "cuarenta y dos", [[42]]), ("es", "dos mil", [[2000]]),
    ("ru", "двадцать пять стран", [[25]]), ("ar", "ثلاثة وعشرون بلدا", [[23]]), ("ar", "١٢٠ منظمة", [[120]]),
    ("zh", "三十七个国家", [[37]]), ("zh", "第三届会议", []), ("zh", "一些人", []),
])
def test_numbers_in_digits_and_words(language, text, expected):
    assert values(text, language) == [[float(v) for v in group] for group in expected]


def test_what_a_number_counts_is_compared_singular_or_plural_british_or_american():
    [ours] = numbers("110 organisations joined", "en")
    [theirs] = numbers("110 organizations outlined", "en")
    assert same_thing(ours, theirs)
    [fact] = numbers("14 member organisations", "en")
    evidence = numbers("120 organisations in 14 countries", "en")[1]
    assert not same_thing(fact, evidence)
    day, source_day = numbers("8 February", "en")[0], numbers("suspended Feb. 8 without", "en")[0]
    assert day.date and source_day.date and same_thing(day, source_day)
