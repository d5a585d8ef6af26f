"""briefkit check proves a glyph for every character of every document, in the fonts its stylesheets name."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit.build.run import build
from briefkit.render.compose import compose_all
from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.checks.glyphs import FontCoverage
from briefkit.cli import main
from briefkit.errors import ProblemsFound
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
    assert problem.startswith("positions/01-safeguards.yaml:2: title: 1 character has no glyph in the fonts "
                              "the stylesheets name for it (Noto Serif, Noto Naskh Arabic, Noto Serif CJK SC, "
                              "DejaVu Serif; Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, DejaVu Sans), in en: "
                              "U+E000 (the letter for alpha, in en: “…")
    assert "Safeguards \ue000 for journalists" in problem
    result = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    assert result.exit_code == 1 and "U+E000" in result.output


def test_the_fonts_are_those_the_rules_give_each_element(campaign):
    """A heading set in a font without Chinese fails, though the body's font has it."""
    write(campaign / "templates" / "css" / "base.css",
          'html { font-family: "Noto Serif CJK SC"; }\nh1 { font-family: "Noto Sans", "Nonexistent Sans"; }\n')
    edit(campaign / "briefkit.yaml", "headline: Fix the example treaty", "headline: Fix the treaty 修正")
    problems = coverage(campaign)
    assert problems[0].startswith('templates/css/base.css:2: the font "Nonexistent Sans" is not installed: '
                                  "without it, 2 characters of the en documents have no glyph (修, 正)")
    assert problems[0].endswith('(hint: install a font named "Nonexistent Sans", or name a font this machine '
                                "has in templates/css/base.css)")
    assert len(problems) == 1


def test_a_font_family_that_does_not_exist_is_one_problem_however_many_characters_need_it(campaign):
    write(campaign / "templates" / "css" / "base.css", 'html { font-family: "Briefkit Test Nonexistent"; }\n')
    problems = coverage(campaign)
    assert len(problems) == 1, problems
    assert problems[0].startswith('templates/css/base.css:1: the font "Briefkit Test Nonexistent" is not '
                                  "installed: without it, ")
    result = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    lines = [line for line in result.output.splitlines() if "Briefkit Test Nonexistent" in line]
    assert result.exit_code == 1 and len(lines) == 1


def test_a_machine_without_the_noto_fonts_is_told_once_per_font_and_the_package_to_install(campaign, tmp_path,
                                                                                          monkeypatch):
    """As on a fresh machine: fontconfig finds no font at all (an empty font folder)."""
    from briefkit.checks import fonts

    empty = tmp_path / "no-fonts"
    (empty / "cache").mkdir(parents=True)
    config = write(tmp_path / "fonts.conf", f"<?xml version='1.0'?><fontconfig><dir>{empty}</dir>"
                                            f"<cachedir>{empty / 'cache'}</cachedir></fontconfig>")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    fonts.installed.cache_clear()
    try:
        problems = coverage(campaign)
    finally:
        fonts.installed.cache_clear()
    families = [p.split('"')[1] for p in problems]
    assert sorted(families) == sorted(set(families)), "one problem per font"
    assert "Noto Serif" in families and "Noto Sans" in families
    assert all(p.startswith("builtin/css/base.css:") for p in problems)
    serif = next(p for p in problems if '"Noto Serif"' in p)
    assert serif.endswith("(hint: apt-get install fonts-noto-core)")
    assert len(problems) <= 8  # the stacks name four families each; not one line per character


def test_characters_no_installed_font_has_are_one_line_per_field_and_font_list(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", "title: Safeguards for journalists",
         "title: Safeguards \ue000 for \ue001 journalists \ue000")
    [problem] = coverage(campaign)
    assert problem.startswith("positions/01-safeguards.yaml:2: title: 2 characters have no glyph")
    assert "U+E000" in problem and "U+E001" in problem


def test_a_build_stops_before_writing_when_a_glyph_is_missing(campaign):
    edit(campaign / "audiences" / "beta.yaml", "salutation: Dear Beta,", "salutation: Dear Beta \U00016a40,")
    before = snapshot(campaign / "out")
    with pytest.raises(ProblemsFound) as caught:
        build(campaign, formats=["pdf"])
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("audiences/beta.yaml", 5)
    assert problem.message.startswith("salutation: 1 character has no glyph")
    assert "U+16A40" in problem.message
    assert snapshot(campaign / "out") == before
