"""Planted errors: every misquote, misattribution and wrong figure a careful reader would catch.

Each case plants one error, the way it happens in drafting, into a clean invented campaign
(tests/fixtures/truth_campaign.py, in English, French and Spanish), and asserts that `briefkit
check` reports it with its file, its line and the words that say what is wrong; the clean
campaign, the second invented campaign and the bundled one raise no false alarm.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from briefkit.cli import main
from briefkit.curate.confirm import confirm_quotes
from tests.fixtures.truth_campaign import make_truth_campaign

POSITION = "positions/01-dams.yaml"


@dataclass(frozen=True)
class Plant:
    name: str
    file: str
    old: str
    new: str
    expected: tuple[str, ...]  # words the message must hold
    marker: str  # a text on the line the problem must name (after the edit)
    warning: bool = False
    also: tuple[tuple[str, str, str], ...] = ()  # further edits: (file, old, new)
    offset: int = 0  # the problem's line is this many after the marker's


PLANTS = [
    Plant("a figure in words where the source gives another", POSITION,
          "value: {en: Thirty-eight,", "value: {en: Thirty-seven,", ("states 'Thirty-seven'", "evidence does not contain"),
          "value: {en: Thirty-seven,"),
    Plant("a figure in French words that is not the source's", POSITION,
          "fr: Trente-huit", "fr: Trente-neuf", ("'Trente-neuf' in its fr text",), "value: {en: Thirty-eight,"),
    Plant("a figure in Spanish words that is not the source's", POSITION,
          "es: Treinta y ocho", "es: Treinta y nueve", ("'Treinta y nueve' in its es text",), "value: {en: Thirty-eight,"),
    Plant("a figure in digits that counts something else in the source", POSITION,
          'value: "120"\n    label: {en: organisations followed the talks,',
          'value: "14"\n    label: {en: member organisations followed the talks,',
          ("counts “member organisations followed” with '14'", "evidence counts “countries"), 'value: "14"',
          warning=True),
    Plant("a percentage the source does not give", POSITION, "value: 70%", "value: 75%", ("'75'",), "value: 75%"),
    Plant("a figure in the label the source does not give", POSITION,
          "organisations in the Coalition,", "organisations in 12 countries,", ("'12'",), "value: {en: Forty-two,"),
    Plant("a quote given to the other delegation quoted in the same report", POSITION,
          "speaker: {en: the delegate of Belmora, fr: le délégué de Belmora, es: el delegado de Belmora}",
          "speaker: {en: the delegate of Arvenia, fr: le délégué d'Arvenia, es: el delegado de Arvenia}",
          ("gives these words to Belmora (line 7)", "not to the delegate of Arvenia"),
          "id: belmora-data", offset=1),
    Plant("the reporter's narration given as a delegation's quotation", POSITION,
          "  - id: round-length\n    speaker: Lake Orin Basin Monitor",
          "  - id: round-length\n    speaker: the delegate of Belmora",
          ("these words are the source's narration", "line 10", "not a quotation of the delegate of Belmora"),
          "speaker: the delegate of Belmora"),
    Plant("a quote cut before the condition that qualifies it", POSITION,
          "text: We refuse any dam on the upper river without sufficient knowledge of its effects.",
          "text: We refuse any dam on the upper river",
          ("stops before “without”", "“… without sufficient knowledge of its effects."),
          "text: We refuse any dam on the upper river", warning=True),
    Plant("a French quote cut before its condition", POSITION,
          "text: Aucun barrage ne doit être construit sans étude d'impact",
          "text: Aucun barrage ne doit être construit",
          ("stops before “sans”",), "text: Aucun barrage", warning=True),
    Plant("one word changed in a quote", POSITION,
          "text: We refuse any dam on the upper river without sufficient knowledge of its effects.",
          "text: We refuse any dam on the upper river without enough knowledge of its effects.",
          ("closest passage at line 6", "[-sufficient-] {+enough+}"), "text: We refuse any dam"),
    Plant("a quote cited to the wrong source", POSITION,
          "    source: report\n    text: Independent inspectors must visit every dam",
          "    source: communique\n    text: Independent inspectors must visit every dam",
          ("these words stand verbatim in seeds/report.txt, line 13", "cite source 'report'"),
          "text: Independent inspectors must visit every dam"),
    Plant("the pieces of an omission out of order", POSITION,
          "text: Every state must share its water data … within 30 days of a request.",
          "text: within 30 days of a request … Every state must share its water data",
          ("is not found verbatim",), "text: within 30 days of a request"),
    Plant("the pieces of an omission from two paragraphs", POSITION,
          "text: Every state must share its water data … within 30 days of a request.",
          "text: Every state must share its water data … The round ended after nine days.",
          ("is not found verbatim",), "text: Every state must share its water data … The round"),
    Plant("a quote whose speaker the source does not name, not confirmed", POSITION,
          "speaker: {en: the spokesperson of the Coalition, fr: la porte-parole de la Coalition, es: la portavoz de la Coalición}",
          "speaker: {en: the chair of the Coalition, fr: la présidente de la Coalition, es: la presidenta de la Coalición}",
          ("does not say in a way briefkit can read who spoke these words", "briefkit confirm coalition-study"),
          "id: coalition-study", warning=True, offset=1),
    Plant("the same organisation twice, in another case", "signatories.csv",
          "Corvia Wetlands Network (fictional),Corvia,civil society\n",
          "Corvia Wetlands Network (fictional),Corvia,civil society\nBELMORA RIVER TRUST (Fictional),,civil society\n",
          ("'BELMORA RIVER TRUST (Fictional)' is listed twice", "line 4 has 'Belmora River Trust (fictional)'"),
          "BELMORA RIVER TRUST"),
    Plant("the same organisation twice, with an accent and a full stop", "signatories.csv",
          "Corvia Wetlands Network (fictional),Corvia,civil society\n",
          "Corvia Wetlands Network (fictional),Corvia,civil society\nArvénian Fishers' Union (fictional).,,civil society\n",
          ("is listed twice", "line 3"), "Arvénian Fishers"),
    Plant("the same organisation typed with one letter wrong", "signatories.csv",
          "Corvia Wetlands Network (fictional),Corvia,civil society\n",
          "Corvia Wetlands Network (fictional),Corvia,civil society\nCorvia Wetland Network (fictional),,civil society\n",
          ("is one letter from 'Corvia Wetlands Network (fictional)' (line 5)",), "Corvia Wetland Network",
          warning=True),
    Plant("text tailored for one audience naming another in French, by its country code", "audiences/belmora.yaml",
          "language: fr\n", "language: fr\ncontext:\n  text: Le Chili a soutenu ce texte.\n  sources: [report]\n",
          ("names Chili (audience corvia)",), "text: Le Chili", warning=True,
          also=(("audiences/corvia.yaml", "language: es\n", "language: es\ncountry: cl\n"),)),
    Plant("text tailored for one audience naming another by an alias", "audiences/corvia.yaml",
          "language: es\n", "language: es\ncontext:\n  text: La República Corviana apoya el texto.\n  sources: [report]\n",
          ("names República Corviana (audience arvenia)",), "text: La República", warning=True,
          also=(("audiences/arvenia.yaml", "stance: ally\n", "stance: ally\naliases: [República Corviana]\n"),)),
    Plant("a year the source does not give", POSITION, "value: 70%", 'value: "2031"', ("'2031'",), 'value: "2031"'),
]


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    root = make_truth_campaign(tmp_path_factory.mktemp("truth") / "campaign")
    confirm_quotes(root, ["coalition-study"])  # the one speaker the French communiqué names in words
    return root


def check(root, *options):
    return CliRunner().invoke(main, ["check", *options, "--campaign", str(root)])


def line_of(root, rel: str, marker: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if marker in line)


def test_the_clean_campaign_raises_no_alarm(clean):
    result = check(clean, "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("plant", PLANTS, ids=[p.name for p in PLANTS])
def test_a_planted_error_is_caught_with_its_file_line_and_what_is_wrong(clean, tmp_path, plant):
    root = tmp_path / "campaign"
    shutil.copytree(clean, root)
    for rel, old, new in ((plant.file, plant.old, plant.new), *plant.also):
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text, (rel, old)
        (root / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = check(root)
    line = line_of(root, plant.file, plant.marker) + plant.offset
    label = ": warning: " if plant.warning else ": "
    reported = [text for text in result.stderr.splitlines() if text.startswith(f"{plant.file}:{line}{label}")]
    assert any(all(words in text for words in plant.expected) for text in reported), result.stderr
    assert result.exit_code == (0 if plant.warning else 1), result.output
    if plant.warning:  # --strict makes it an error, for CI
        assert check(root, "--strict").exit_code == 1


def test_the_plants_cover_every_kind_of_error_at_least_twenty_times():
    assert len(PLANTS) >= 20
    assert len({p.file for p in PLANTS}) >= 3


def test_the_second_campaign_and_the_bundled_one_raise_no_false_alarm(tmp_path, bundled_copy):
    from tests.fixtures.second_campaign import make_second_campaign

    second = make_second_campaign(tmp_path / "second")
    assert check(second, "--strict").exit_code == 0
    bundled = check(bundled_copy, "--strict")
    assert bundled.exit_code == 0, bundled.output
