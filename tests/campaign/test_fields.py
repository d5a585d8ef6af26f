"""The value types of a campaign's fields: ids, forgiving choices, and texts that need no translation."""

import pytest
from pydantic import BaseModel, ValidationError

from briefkit.campaign.fields import Slug, forgiving, is_neutral, slug_for
from briefkit.campaign.loader import load_campaign
from briefkit.errors import ProblemsFound
from tests.helpers import write


@pytest.mark.parametrize("name, slug", [("Côte d'Ivoire", "cote-d-ivoire"), ("côte-d'ivoire", "cote-d-ivoire"),
                                        ("Кот-д’Ивуар", "kot-d-ivuar"), ("中国", "zhongguo"),
                                        ("São Tomé & Príncipe", "sao-tome-principe"), ("CON", "con-id")])
def test_any_name_has_a_slug(name, slug):
    assert slug_for(name) == slug


def test_an_invalid_id_is_told_the_slug_to_use():
    class Thing(BaseModel):
        id: Slug

    with pytest.raises(ValidationError, match="use 'cote-d-ivoire'"):
        Thing(id="côte-d'ivoire")


def test_an_audience_file_with_an_invalid_id_names_the_slug(campaign):
    write(campaign / "audiences" / "côte-d'ivoire.yaml", "id: côte-d'ivoire\nname: Côte d'Ivoire\nstance: ally\n")
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(campaign)
    [problem] = [p.format() for p in caught.value.problems if "ivoire" in p.path]
    assert problem.startswith('audiences/côte-d\'ivoire.yaml:1: id: "côte-d\'ivoire" is not a valid id')
    assert "use 'cote-d-ivoire'" in problem


def test_choices_are_forgiving_of_case_spacing_and_common_spellings():
    normalise = forgiving(("A4", "Letter"), {"US Letter": "Letter"}).func
    assert [normalise(v) for v in ("a4", " A4 ", "letter", "US letter", "us-letter", "A5")] == [
        "A4", "A4", "Letter", "Letter", "Letter", "A5"]


@pytest.mark.parametrize("text, neutral", [("37", True), ("150+", True), ("3.5 %", True), ("2031-10-01", True),
                                           ("https://example.org/report", True), ("team@example.org", True),
                                           ("12 days", False), ("三十七", False), ("Canada", False)])
def test_texts_that_read_the_same_in_every_language(text, neutral):
    assert is_neutral(text) is neutral
