"""briefkit check proves a glyph for every character of every document, in the fonts its stylesheets name."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.build import build, compose_all
from briefkit.check import verify
from briefkit.cli import main
from briefkit.errors import ProblemsFound
from briefkit.glyphs import FontCoverage
from briefkit.loader import load_campaign
from tests.helpers import snapshot, write


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def coverage(root: Path) -> list[str]:
    verified = verify(load_campaign(root))
    documents = compose_all(verified, verified.campaign.kinds(), list(verified.campaign.audiences))
    return [p.format() for p in FontCoverage().check(verified, documents)]


def test_every_character_of_the_documents_has_a_glyph(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", "title: Safeguards for journalists",
         "title: {en: Safeguards for journalists, ar: ضمانات للصحفيين, zh: 保护新闻工作者, ru: Гарантии}")
    edit(campaign / "audiences" / "beta.yaml", "paper: Letter", "paper: Letter\nlanguages: [en, ar, zh, ru]")
    edit(campaign / "briefkit.yaml", "timeline:", "settings:\n  fallback_language: en\ntimeline:")
    assert coverage(campaign) == []


def test_a_character_no_font_has_is_named_with_its_field_line_and_language(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", "title: Safeguards for journalists",
         "title: Safeguards \ue000 for journalists")
    [problem] = coverage(campaign)
    assert problem.startswith("positions/01-safeguards.yaml:2: title: U+E000 '' has no glyph in the fonts "
                              "the stylesheets name for it, in en (the letter for alpha, in en: Noto Serif, "
                              "Noto Naskh Arabic, Noto Serif CJK SC, DejaVu Serif): “…")
    assert "Safeguards \ue000 for journalists" in problem
    result = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    assert result.exit_code == 1 and "U+E000" in result.output


def test_the_fonts_are_those_the_rules_give_each_element(campaign):
    """A heading set in a font without Chinese fails, though the body's font has it."""
    write(campaign / "templates" / "css" / "base.css",
          'html { font-family: "Noto Serif CJK SC"; }\nh1 { font-family: "Noto Sans", "Nonexistent Sans"; }\n')
    edit(campaign / "briefkit.yaml", "headline: Fix the example treaty", "headline: Fix the treaty 修正")
    problems = coverage(campaign)
    assert problems and all("U+4FEE '修'" in p or "U+6B63 '正'" in p for p in problems)
    assert problems[0].startswith("briefkit.yaml:14: factsheet.headline: U+4FEE '修'")
    assert "in en: Noto Sans, Nonexistent Sans)" in problems[0]
    assert "hint: Nonexistent Sans is not installed; or remove or replace the character" in problems[0]


def test_a_build_stops_before_writing_when_a_glyph_is_missing(campaign):
    edit(campaign / "audiences" / "beta.yaml", "salutation: Dear Beta,", "salutation: Dear Beta \U00016a40,")
    before = snapshot(campaign / "out")
    with pytest.raises(ProblemsFound) as caught:
        build(campaign, formats=["pdf"])
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("audiences/beta.yaml", 5)
    assert problem.message.startswith("salutation: U+16A40")
    assert snapshot(campaign / "out") == before
