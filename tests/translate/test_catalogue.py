"""A language's catalogue: the texts its documents print, each with context, source, translation and note."""

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError
from briefkit.translate.catalogue import build_catalogue, campaign_id
from tests.helpers import write
from tests.translate.conftest import DEMAND, DEMAND_FR


def messages(root, lang="fr"):
    return {m.context: m for m in build_catalogue(load_campaign(root), lang).messages}


def test_every_printed_text_with_its_context_source_translation_and_line(bilingual):
    found = messages(bilingual)
    demand = found["positions/01-safeguards.yaml:demand"]
    assert (demand.source, demand.translation, demand.previous) == (DEMAND, DEMAND_FR, None)
    assert demand.locations == (("positions/01-safeguards.yaml", 4),)  # the line of its English
    assert found["briefkit.yaml:title"].translation == "Traité exemple"
    assert found["briefkit.yaml:letter.opening[0]"].translation == ""  # to translate
    # Alpha reads French: its own name, the talking points of its stance (ally), not the others'
    assert "audiences/alpha.yaml:name" in found
    assert "positions/01-safeguards.yaml:talking_points.ally[0]" in found
    assert "positions/01-safeguards.yaml:talking_points.reservations[0]" not in found
    # nothing that reads the same in every language (the fact's value "12 days" has words: it is in)
    assert "positions/01-safeguards.yaml:facts[0].value" in found
    assert not any(context.endswith(".text") for context in found)  # a quote's words never


def test_notes_say_what_a_text_is_where_it_is_printed_and_its_length_budget(bilingual):
    found = messages(bilingual)
    demand = found["positions/01-safeguards.yaml:demand"]
    assert demand.notes[0] == "The demand of a redline, in the coalition's own words."
    assert demand.notes[1] == "Printed in: the joint letter, the briefing notes."
    assert demand.max_length is None
    headline = found["briefkit.yaml:factsheet.headline"]
    assert headline.max_length == 45  # "Fix the example treaty", 22 characters, x 1.4 + 10
    assert "keep to 45 characters at most (the source has 22)" in " ".join(headline.notes)


def test_words_to_keep_are_named_in_the_note(bilingual):
    position = bilingual / "positions" / "01-safeguards.yaml"
    text = position.read_text(encoding="utf-8").replace(
        "rationale: Journalists need protection.",
        "rationale: 'Examplia said “We will not accept a treaty without safeguards”; see https://example.org/a.'")
    position.write_text(text, encoding="utf-8")
    rationale = messages(bilingual)["positions/01-safeguards.yaml:rationale"]
    assert rationale.keep == ("We will not accept a treaty without safeguards", "https://example.org/a")
    assert rationale.notes[-1] == ("Keep as they are, untranslated: «We will not accept a treaty without "
                                   "safeguards»; «https://example.org/a».")


def test_a_language_nobody_reads_yet_gets_every_text_of_the_campaign(bilingual):
    found = messages(bilingual, "es")
    assert "positions/01-safeguards.yaml:talking_points.ally[0]" in found
    assert "briefkit.yaml:default_addressee.salutation" in found
    assert not any(context.startswith("audiences/") for context in found)


def test_the_campaign_is_named_and_its_own_language_refused(bilingual):
    campaign = load_campaign(bilingual)
    assert campaign_id(campaign) == "example-treaty"
    with pytest.raises(BriefkitError, match="'en' is the campaign's own language"):
        build_catalogue(campaign, "en")
    with pytest.raises(BriefkitError, match="'qq' is not a language code"):
        build_catalogue(campaign, "qq")


def test_an_audience_text_without_an_english_version_has_nothing_to_translate_from(bilingual):
    write(bilingual / "audiences" / "alpha.yaml", "id: alpha\nname: Alphaland\nstance: ally\nlanguages: [fr, en]\n")
    found = messages(bilingual, "fr")
    assert "audiences/alpha.yaml:name" not in found  # plain text in alpha's file is French
