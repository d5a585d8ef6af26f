"""The seams between scripts, on composed HTML: what join_scripts and isolate write."""

from lxml import etree

from briefkit.render.scripts import isolate, join_scripts


def mended(body: str, language: str) -> str:
    tree = etree.fromstring(f"<html><body>{body}</body></html>")
    join_scripts(tree, language)
    return etree.tostring(tree.find("body"), encoding=str)[len("<body>"):-len("</body>")]


def test_latin_text_in_a_chinese_document_takes_latin_punctuation_and_a_space():
    assert mended("<p><strong>Thirty-seven</strong>states back it。下一段</p>", "zh") == \
        "<p><strong>Thirty-seven</strong> states back it. 下一段</p>"
    assert mended("<p>China，代表团</p>", "zh") == "<p>China, 代表团</p>"


def test_a_latin_mark_after_chinese_text_takes_its_full_width_form():
    # "%(title)s." written for Latin titles, given a Chinese one; the mark's own space replaces the label's.
    assert mended("<ul><li><strong>第三届会议报告.</strong> Tidewatch, 2031.</li></ul>", "zh") == \
        "<ul><li><strong>第三届会议报告。</strong>Tidewatch, 2031.</li></ul>"
    assert mended("<p>Report of the Lake Ossin panel, 2031.</p>", "zh") == \
        "<p>Report of the Lake Ossin panel, 2031.</p>"


def test_arabic_and_stands_apart_from_a_latin_word_and_other_languages_are_left_alone():
    assert mended("<p>Senegal، وValdoria</p>", "ar") == "<p>Senegal, و Valdoria</p>"
    assert mended("<p>Senegal，delegate</p>", "fr") == "<p>Senegal，delegate</p>"


def test_a_run_of_the_other_direction_is_isolated():
    assert str(isolate("ARTICLE 19 (United Kingdom)", "rtl")) == '<span dir="ltr">ARTICLE 19 (United Kingdom)</span>'
    assert isolate("Valdoria", "ltr") == "Valdoria"
