"""References between files: stances, talking points and positions that the campaign has."""

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.errors import ProblemsFound

STANCES = """\
stances:
  - id: persuadable
    label: Persuadable
  - id: opposed
    label: Opposed
    context: Background
"""


def problems(root) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        verify(load_campaign(root, partial=True))
    return [p.format() for p in caught.value.problems]


def append(path, text):
    path.write_text(path.read_text() + text)


def test_a_campaign_replaces_the_builtin_stances_and_errors_list_its_own(campaign):
    append(campaign / "briefkit.yaml", STANCES)
    found = problems(campaign)  # alpha is an ally, beta has reservations: neither exists any more
    assert found[0] == ("audiences/alpha.yaml:3: stance: 'ally' is not one of the campaign's stances (hint: "
                        "the campaign's stances: opposed, persuadable; or declare it under `stances:` (or "
                        "`extra_stances:`) in briefkit.yaml)")
    assert found[1].startswith("audiences/beta.yaml:3: stance: 'reservations' is not one of the campaign's stances")
    assert any(p.startswith("positions/01-safeguards.yaml:9: talking_points.ally: 'ally' is not one of the "
                            "campaign's stances") for p in found)


def test_a_mistyped_stance_gets_the_closest_and_case_and_spaces_are_forgiven(campaign):
    append(campaign / "briefkit.yaml", STANCES)
    for name, stance in (("alpha", "Persuadable"), ("beta", "opossed")):
        path = campaign / "audiences" / f"{name}.yaml"
        path.write_text(path.read_text().replace("stance: ally", f"stance: {stance}")
                        .replace("stance: reservations", f"stance: {stance}"))
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("ally: [Hold firm.]", "Persuadable: [Hold firm.]"))
    assert problems(campaign) == [
        "audiences/beta.yaml:3: stance: 'opossed' is not one of the campaign's stances (hint: did you mean "
        "'opposed'? the campaign's stances: opposed, persuadable; or declare it under `stances:` (or "
        "`extra_stances:`) in briefkit.yaml)"]


def test_extra_stances_extend_the_builtin_ones_and_a_stance_is_declared_once(campaign):
    append(campaign / "briefkit.yaml", "extra_stances:\n  - id: ally\n    label: Ally again\n"
                                       "  - id: observer\n    label: Observer\n")
    assert problems(campaign) == ["briefkit.yaml:22: the stance 'ally' is declared twice (hint: give each stance "
                                  "its own id)"]
    text = (campaign / "briefkit.yaml").read_text().replace("  - id: ally\n    label: Ally again\n", "")
    (campaign / "briefkit.yaml").write_text(text)
    assert list(load_campaign(campaign).stances()) == ["ally", "reservations", "broader-scope", "neutral",
                                                        "observer"]


def test_a_figure_needs_no_text_in_each_language(campaign):
    """A plain number is the same in every language; a text with words is not."""
    append(campaign / "audiences" / "beta.yaml", "languages: [en, es]\n")
    position = campaign / "positions" / "01-safeguards.yaml"
    text = position.read_text()
    for field in ("title", "demand", "rationale"):
        line = next(line for line in text.splitlines() if line.startswith(f"{field}:"))
        value = line.split(": ", 1)[1]
        text = text.replace(line, f"{field}: {{en: {value}, es: {value} (es)}}")
    text = text.replace('value: "12 days"', 'value: "12"').replace("label: the length of the session",
                                                                    "label: {en: days, es: días}")
    text = text.replace("articles: [Article 1]", "articles: [{en: Article 1, es: Artículo 1}]")
    text = text.replace("all: [Safeguards matter.]", "all: [{en: Safeguards matter., es: Importan.}]")
    text = text.replace("speaker: Examplia", "speaker: {en: Examplia, es: Examplia}")
    position.write_text(text)
    found = problems(campaign)
    assert not any("value" in p for p in found), found  # "12" needs no "es" text
    assert all('no "es" text' in p for p in found)  # only the campaign's own words
