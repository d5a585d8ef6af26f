"""The campaign model: what each field accepts, and what the campaign derives from its data."""

import pytest
from pydantic import ValidationError

from briefkit.campaign.enums import FORMATS, KINDS, PAPER_SIZES_MM, PAPERS, STANCES
from briefkit.campaign.fields import is_id
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.config import Settings, builtin_stances
from briefkit.campaign.model import Audience


def test_the_fixed_sets_are_what_the_fields_accept():
    assert [stance.id for stance in builtin_stances()] == list(STANCES)
    assert Settings(paper="a4").paper == "A4" and Settings(paper="US letter").paper == "Letter"
    assert Settings(formats=["PDF", "Docx"]).formats == ["pdf", "docx"]
    assert set(PAPERS) == set(PAPER_SIZES_MM)
    assert Settings().formats == ["pdf", "docx"] and set(Settings().formats) <= set(FORMATS)
    with pytest.raises(ValidationError, match="Input should be 'A4' or 'Letter'"):
        Settings(paper="A5")
    assert Audience(id="x", name="X", stance="Broader scope").stance == "broader-scope"


@pytest.mark.parametrize("value, ok", [("new-zealand", True), ("côte-d'ivoire", False), ("con", False),
                                       ("a--b", False), ("x" * 65, False), ("g20", True)])
def test_ids_are_slugs_that_any_file_system_accepts(value, ok):
    assert is_id(value) is ok


@pytest.mark.parametrize("name, message", [
    ("", "at least 1 character"), ({"english": "x"}, "'english' is not a language code"),
    ({"en": ""}, "the 'en' text must be text, and not empty"), ("bell\x07", r"control character U\+0007")])
def test_local_text_refuses_what_no_document_could_print(name, message):
    with pytest.raises(ValidationError, match=message):
        Audience(id="x", name=name, stance="ally")


def test_an_audience_gives_its_languages_one_way(campaign):
    with pytest.raises(ValidationError, match="either `language` or `languages`"):
        Audience(id="x", name="X", stance="ally", language="fr", languages=["fr", "en"])
    model = load_campaign(campaign)
    assert model.languages_of(model.audiences["alpha"]) == ["en"]  # the campaign's language
    assert Audience(id="x", name="X", stance="ally", languages=["fr", "ar"]).languages_or("en") == ["fr", "ar"]


def test_amendments_are_a_kind_only_when_a_position_proposes_some(campaign):
    assert load_campaign(campaign).kinds() == [k for k in KINDS if k != "amendments"]
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text() + "amendments:\n  - id: add-safeguard\n    article: Article 1\n"
                        "    action: insert\n    proposed: Journalists are protected.\n    where: at the end\n"
                        "    rationale: Protection.\n")
    assert load_campaign(campaign).kinds() == list(KINDS)
