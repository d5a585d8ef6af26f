"""Stale translations: check names the field, every language and what changed; --strict refuses."""

import pytest

from briefkit.checks import check_campaign
from briefkit.errors import ProblemsFound
from briefkit.translate.accept import accept_translations
from tests.fixtures.second_campaign import make_second_campaign
from tests.helpers import write
from tests.translate.conftest import DEMAND, DEMAND_FR, bilingual  # noqa: F401 (the fixture)

CHANGED = "Protect journalists and their sources in every article."


def change_demand(root, new=CHANGED):
    position = root / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(f"en: {DEMAND}", f"en: {new}"),
                        encoding="utf-8")


def warnings(root, **options):
    return [w.format() for w in check_campaign(root, **options).warnings]


def test_a_changed_source_makes_its_translation_stale(bilingual):
    accept_translations(bilingual, "fr")
    assert warnings(bilingual) == []
    change_demand(bilingual)
    [stale] = warnings(bilingual)
    assert stale == (
        "positions/01-safeguards.yaml:3: warning: demand: the fr translation translates an earlier en text, "
        "which has changed since: Protect journalists {+and their sources+} in every article. (hint: have it "
        "translated again (`briefkit translate export fr` marks it for review), or, if the translation still "
        "fits, `briefkit translate accept fr positions/01-safeguards.yaml:demand`)")


def test_strict_refuses_a_stale_translation(bilingual):
    accept_translations(bilingual, "fr")
    change_demand(bilingual)
    with pytest.raises(ProblemsFound) as raised:
        check_campaign(bilingual, strict=True)
    assert [p.severity for p in raised.value.problems] == ["error"]
    assert "the fr translation translates an earlier en text" in raised.value.problems[0].message


def test_every_other_language_of_the_second_campaign_goes_stale(tmp_path):
    root = make_second_campaign(tmp_path / "seabed")
    for lang in ("fr", "ar", "zh"):
        accept_translations(root, lang)
    position = root / "positions" / "02-impact.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(
        "en: Require an independent environmental impact assessment before any exploitation.",
        "en: Require an independent and public environmental impact assessment before any exploitation."),
        encoding="utf-8")
    [stale] = warnings(root)
    assert stale.startswith("positions/02-impact.yaml:7: warning: demand: the ar, fr, zh translations "
                            "translate an earlier en text, which has changed since: Require an independent "
                            "{+and public+} environmental impact assessment before any exploitation.")


def test_the_stale_passage_is_marked_in_the_document(bilingual):
    accept_translations(bilingual, "fr")
    change_demand(bilingual)
    checked = check_campaign(bilingual)
    letter = next(d for d in checked.documents if d.kind == "letter" and d.audience == "alpha")
    assert DEMAND_FR in letter.html
    assert ("Certaines parties de ce document traduisent une version antérieure du texte de la coalition, "
            "et leur traduction est en cours de mise à jour\u00a0: les demandes.") in letter.html
    beta = next(d for d in checked.documents if d.kind == "letter" and d.audience == "beta")
    assert "earlier version" not in beta.html  # the English letter is current


def test_untracked_inline_translations_are_warned_of_once_the_campaign_tracks_them(bilingual):
    assert warnings(bilingual) == []  # no translations/ folder: not tracking
    accept_translations(bilingual, "fr")
    position = bilingual / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(
        "rationale: Journalists need protection.",
        "rationale:\n  en: Journalists need protection.\n  fr: Les journalistes ont besoin de protection."),
        encoding="utf-8")
    [untracked] = warnings(bilingual)
    assert untracked.startswith("positions/01-safeguards.yaml:10: warning: 1 fr translation written inline "
                                "(positions/01-safeguards.yaml) has no record of the en text it was made from")


def test_a_catalogue_entry_for_a_text_that_is_gone_is_warned_of(bilingual):
    write(bilingual / "translations" / "fr.po", 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
          'msgctxt "positions/01-safeguards.yaml:summary"\nmsgid "Gone."\nmsgstr "Parti."\n')
    found = warnings(bilingual)
    assert any(w.startswith("translations/fr.po:6: warning: the fr translation of "
                            "positions/01-safeguards.yaml:summary: the campaign has no such text any more")
               for w in found), found


def test_a_broken_catalogue_is_a_problem_with_its_line(bilingual):
    write(bilingual / "translations" / "fr.po", 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "x\nmsgstr "y"\n')
    with pytest.raises(ProblemsFound) as raised:
        check_campaign(bilingual)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == ("translations/fr.po", 5)
    assert problem.message.startswith("not a valid PO catalogue")
