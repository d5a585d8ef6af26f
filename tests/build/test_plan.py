"""What a build makes and the name of every file it writes, from the loaded campaign."""

import pytest

from briefkit.build import plan
from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError


def test_a_document_carries_its_language_in_its_name_only_when_its_audience_reads_several():
    assert plan.document_path("canada", "letter", "en", "pdf", several=False) == "canada/letter.pdf"
    assert plan.document_path("canada", "letter", "fr", "docx", several=True) == "canada/letter.fr.docx"
    assert plan.parse_document_path("canada/letter.fr.docx") == plan.DocumentName("canada", "letter", "fr", "docx")
    assert plan.parse_document_path("canada/letter.pdf") == plan.DocumentName("canada", "letter", None, "pdf")
    for other in ("canada/notes.pdf", "canada/letter.txt", "manifest.json", "outbox/canada/1.eml"):
        assert plan.parse_document_path(other) is None


def test_distribution_names():
    assert plan.draft_path("canada", 2) == "outbox/canada/2.eml"
    assert plan.bundle_path("canada") == "bundles/canada.zip"
    assert plan.attachment_name("canada", "letter") == "canada-letter.pdf"
    assert plan.attachment_name("canada", "letter", "fr") == "canada-letter.fr.pdf"


def test_outputs_follow_the_languages_each_audience_reads(campaign):
    path = campaign / "audiences" / "beta.yaml"
    path.write_text(path.read_text() + "languages: [en, fr]\n")
    (campaign / "briefkit.yaml").write_text((campaign / "briefkit.yaml").read_text()
                                            + "settings:\n  fallback_language: en\n")
    outputs = plan.outputs(load_campaign(campaign), ["letter"], ["alpha", "beta"], ["pdf"])
    assert [o.path for o in outputs] == ["alpha/letter.pdf", "beta/letter.en.pdf", "beta/letter.fr.pdf"]


def test_kinds_and_formats_are_forgiving_of_case_and_strict_about_names(campaign):
    model = load_campaign(campaign)
    assert plan.resolve_kinds(["Letter", "factsheet"], model) == ["letter", "factsheet"]
    assert plan.resolve_kinds([], model) == ["letter", "briefing", "factsheet"]
    assert plan.resolve_formats(["PDF"], ["docx"]) == ["pdf"]
    with pytest.raises(BriefkitError, match="unknown kind 'leter'") as caught:
        plan.resolve_kinds(["leter"], model)
    assert caught.value.hint.startswith("did you mean 'letter'?")
    with pytest.raises(BriefkitError, match="proposes no amendments"):
        plan.resolve_kinds(["amendments"], model)
    with pytest.raises(BriefkitError, match="unknown audience 'gamma'"):
        plan.resolve_audiences(["alpha", "beta"], ["gamma"])
