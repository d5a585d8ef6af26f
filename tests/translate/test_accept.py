"""Accept: a person says the translations fit today's source; they are no longer stale."""

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError
from briefkit.translate.accept import accept_translations
from briefkit.translate.export import export_catalogue
from briefkit.translate.importer import import_catalogue
from tests.translate.conftest import DEMAND, translate

DEMAND_CONTEXT = "positions/01-safeguards.yaml:demand"


def change_demand(root):
    position = root / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(f"en: {DEMAND}", "en: Protect them."),
                        encoding="utf-8")


def state(root, context=DEMAND_CONTEXT):
    return load_campaign(root).translations.of(context, "fr").state


def test_accepting_one_field_leaves_the_others_stale(bilingual):
    accept_translations(bilingual, "fr")
    change_demand(bilingual)
    config = bilingual / "briefkit.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("en: Our demands", "en: Our redlines"),
                      encoding="utf-8")
    done = accept_translations(bilingual, "fr", [DEMAND_CONTEXT])
    assert done.accepted == [DEMAND_CONTEXT] and done.written == ["translations/inline.json"]
    assert state(bilingual) == "current" and state(bilingual, "briefkit.yaml:letter.subject") == "stale"


def test_a_stored_translation_is_accepted_in_its_catalogue(bilingual):
    path = bilingual / export_catalogue(bilingual, "fr").path
    translate(path, {DEMAND_CONTEXT: "Protéger les journalistes, article par article."})
    import_catalogue(bilingual, path)
    change_demand(bilingual)
    assert state(bilingual) == "stale"
    assert accept_translations(bilingual, "fr").written == ["translations/fr.po"]
    assert state(bilingual) == "current"
    assert 'msgid "Protect them."' in (bilingual / "translations" / "fr.po").read_text(encoding="utf-8")


def test_an_unknown_field_is_named(bilingual):
    with pytest.raises(BriefkitError, match="no fr translation of positions/01-safeguards.yaml:demands") as raised:
        accept_translations(bilingual, "fr", ["positions/01-safeguards.yaml:demands"])
    assert "did you mean 'positions/01-safeguards.yaml:demand'" in raised.value.hint
