"""Where scripts meet, in both formats: brackets that wrap in a right-to-left letter keep their
shape, and English that falls into a Chinese or Arabic document is punctuated and spaced as English.

Built on the invented seabed campaign (tests/fixtures/second_campaign.py), with a signatory whose
fictional country is long enough to wrap inside its brackets in the Arabic letter's columns.
"""

import re
import subprocess

import pytest

from briefkit.build.run import build
from tests.fixtures.second_campaign import make_second_campaign
from tests.helpers import docx_text, pdf_text

pytestmark = pytest.mark.slow

LONG_COUNTRY = "Federated Ostrava Isles and Outer Meridian Reefs"
LONG_NAME = "Fictional Reef Keepers"
# English only in the campaign: the Chinese and Arabic briefings fall back to it.
FALLBACK = "Without a baseline, nobody can tell what mining destroys"


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    root = make_second_campaign(tmp_path_factory.mktemp("scripts") / "campaign")
    csv = root / "signatories.csv"
    csv.write_text(csv.read_text() + f"{LONG_NAME},{LONG_COUNTRY},civil society\n", encoding="utf-8")
    result = build(root, kinds=["letter", "briefing"], audiences=["qamar", "lianhe"], jobs=2)
    assert not result.failures, result.failures
    return root


def bracket_lines(text: str) -> list[str]:
    """The lines of extracted text that hold part of the long country, in order."""
    words = LONG_COUNTRY.split()
    return [line for line in text.splitlines() if any(word in line for word in (words[0], words[-1]))
            and ("(" in line or ")" in line)]


def test_a_country_that_wraps_in_an_arabic_letter_keeps_one_opening_and_one_closing_bracket(campaign):
    pdf = campaign / "out" / "qamar" / "letter.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = bracket_lines(text)
    assert len(lines) == 2, f"the country should wrap over two lines in the test: {lines}"
    first, second = ({char for char in line if char in "()"} for line in lines)
    # Broken, both lines show an opening bracket ("(Federated … / (Reefs"); whole, one of each.
    assert first != second and len(first) == len(second) == 1, lines
    assert f"{LONG_NAME} ({LONG_COUNTRY})" in docx_text(pdf.with_suffix(".docx"))


def test_english_fallback_in_chinese_takes_english_punctuation_and_spacing(campaign):
    for path in (campaign / "out" / "lianhe" / "briefing.pdf", campaign / "out" / "lianhe" / "briefing.docx"):
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert FALLBACK in text, path
        assert not re.search(r"[A-Za-z][。，、：；]", text), (path, re.findall(r".{12}[A-Za-z][。，、：；].{6}", text))
        assert not re.search(r"[A-Za-z][\u4e00-\u9fff]|[\u4e00-\u9fff][A-Za-z]", text), (
            path, re.findall(r".{6}(?:[A-Za-z][\u4e00-\u9fff]|[\u4e00-\u9fff][A-Za-z]).{6}", text))


def test_english_fallback_in_arabic_takes_english_commas_and_stands_apart(campaign):
    for path in (campaign / "out" / "qamar" / "briefing.pdf", campaign / "out" / "qamar" / "briefing.docx"):
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert FALLBACK in text, path
        assert not re.search(r"[A-Za-z][،؛؟]", text), (path, re.findall(r".{12}[A-Za-z][،؛؟].{6}", text))
        assert not re.search(r"(?<!\w)و[A-Za-z]", text), path
