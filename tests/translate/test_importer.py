"""Import: a translated catalogue back into the campaign, checked whole first, all or nothing."""

import shutil
import subprocess

import polib
import pytest
from lxml import etree

from briefkit.campaign.loader import load_campaign
from briefkit.errors import ProblemsFound
from briefkit.translate.accept import accept_translations
from briefkit.translate.export import export_catalogue
from briefkit.translate.importer import import_catalogue
from tests.helpers import snapshot
from tests.translate.conftest import DEMAND, DEMAND_FR, translate

OPENING = "briefkit.yaml:letter.opening[0]"
DEMAND_CONTEXT = "positions/01-safeguards.yaml:demand"
NEW_DEMAND_FR = "Protéger les journalistes, article par article."


def exported(root, fmt="po"):
    return root / export_catalogue(root, "fr", fmt).path


def problems(root, path):
    with pytest.raises(ProblemsFound) as raised:
        import_catalogue(root, path)
    return [p.format() for p in raised.value.problems]


def test_translations_come_back_into_the_campaign(bilingual):
    path = exported(bilingual)
    translate(path, {OPENING: "Nous vous écrivons au sujet du traité exemple.", DEMAND_CONTEXT: NEW_DEMAND_FR})
    done = import_catalogue(bilingual, path)
    assert (done.language, done.changed, done.written) == ("fr", 2, ["translations/fr.po"])
    stored = polib.pofile(str(bilingual / "translations" / "fr.po"))
    assert {e.msgctxt: (e.msgid, e.msgstr) for e in stored}[DEMAND_CONTEXT] == (DEMAND, NEW_DEMAND_FR)
    assert stored.metadata["Last-Translator"] == "Camille Martin <camille@example.org>"
    campaign = load_campaign(bilingual)
    assert campaign.positions[0].demand["fr"] == NEW_DEMAND_FR  # the catalogue wins over the inline text
    assert campaign.config.letter.opening[0]["fr"].startswith("Nous vous écrivons")
    assert campaign.translations.of(DEMAND_CONTEXT, "fr").state == "current"
    again = snapshot(bilingual)
    assert import_catalogue(bilingual, path).written == [] and snapshot(bilingual) == again


def test_an_unchanged_round_trip_writes_nothing(bilingual):
    path = exported(bilingual)
    before = snapshot(bilingual)
    done = import_catalogue(bilingual, path)
    assert (done.changed, done.written) == (0, [])
    assert snapshot(bilingual) == before


def test_xliff_comes_back_too(bilingual):
    path = exported(bilingual, "xliff")
    tree = etree.parse(str(path))
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    target = tree.find(f".//x:trans-unit[@id='{DEMAND_CONTEXT}']/x:target", ns)
    target.text = NEW_DEMAND_FR
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert import_catalogue(bilingual, path).changed == 1
    assert load_campaign(bilingual).positions[0].demand["fr"] == NEW_DEMAND_FR


def test_fuzzy_and_empty_entries_are_left_for_the_translator(bilingual):
    path = exported(bilingual)
    catalogue = polib.pofile(str(path))
    for found in catalogue:
        if found.msgctxt == OPENING:
            found.msgstr, found.flags = "Brouillon", ["fuzzy"]
    catalogue.save(str(path))
    done = import_catalogue(bilingual, path)
    assert (done.changed, done.fuzzy) == (0, 1) and done.untranslated > 0
    assert not (bilingual / "translations" / "fr.po").exists()


def test_a_catalogue_for_another_campaign_is_refused(bilingual):
    path = exported(bilingual)
    catalogue = polib.pofile(str(path))
    catalogue.metadata["Project-Id-Version"] = "seabed-mining 2031-10-01"
    catalogue.save(str(path))
    with pytest.raises(Exception, match="for the campaign 'seabed-mining', not 'example-treaty'"):
        import_catalogue(bilingual, path)


@pytest.mark.parametrize("change, expected", [
    (lambda e: setattr(e, "msgctxt", "positions/01-safeguards.yaml:demands"),
     "positions/01-safeguards.yaml:demands: the campaign has no such text (any more)"),
    (lambda e: setattr(e, "msgid", "Protect journalists in some articles."),
     f"{DEMAND_CONTEXT}: this translates a text the campaign no longer has: Protect journalists in "
     "[-some articles-] {+every article+}. (hint: the text changed after the catalogue was exported"),
    (lambda e: setattr(e, "msgctxt", "positions/01-safeguards.yaml:quotes[0].text"),
     "positions/01-safeguards.yaml:quotes[0].text is a quote's words: it stays verbatim"),
    (lambda e: setattr(e, "msgstr", "Protéger\x07 les journalistes."),
     f"{DEMAND_CONTEXT}: the translation contains the control character U+0007"),
    (lambda e: setattr(e, "msgctxt", None), "has no msgctxt, so briefkit cannot tell which text it translates"),
])
def test_a_bad_entry_is_refused_with_its_line_and_nothing_is_written(bilingual, change, expected):
    path = exported(bilingual)
    catalogue = polib.pofile(str(path))
    demand = next(e for e in catalogue if e.msgctxt == DEMAND_CONTEXT)
    demand.msgstr = NEW_DEMAND_FR
    change(demand)
    next(e for e in catalogue if e.msgctxt == OPENING).msgstr = "Une traduction valable."
    catalogue.save(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("msgid") and "Protéger" in lines[i])
    before = snapshot(bilingual)
    [problem] = problems(bilingual, path)
    assert problem.startswith(f"{path}:{line}: ") and expected in problem, problem
    assert snapshot(bilingual) == before  # the valid entry was not taken either


def test_a_quote_quoted_in_the_text_must_stay_verbatim(bilingual):
    position = bilingual / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(
        "rationale: Journalists need protection.",
        "rationale: 'Examplia said “We will not accept a treaty without safeguards for journalists”.'"),
        encoding="utf-8")
    path = exported(bilingual)
    translate(path, {"positions/01-safeguards.yaml:rationale":
                     "L'Examplia a dit « Nous n'accepterons pas de traité sans garanties pour les journalistes »."})
    [problem] = problems(bilingual, path)
    assert ("the translation must keep «We will not accept a treaty without safeguards for journalists» "
            "exactly as the source has it") in problem
    translate(path, {"positions/01-safeguards.yaml:rationale": "L'Examplia a dit « We will not accept a "
                     "treaty without safeguards for journalists » (traduction : pas de traité sans garanties)."})
    assert import_catalogue(bilingual, path).changed == 1


def test_reviewing_a_stale_inline_translation_records_it_as_current(bilingual):
    accept_translations(bilingual, "fr")
    position = bilingual / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(f"en: {DEMAND}", "en: Protect journalists."),
                        encoding="utf-8")
    assert load_campaign(bilingual).translations.of(DEMAND_CONTEXT, "fr").state == "stale"
    path = exported(bilingual)
    translate(path, {DEMAND_CONTEXT: DEMAND_FR})  # the translator unmarks it: the French still fits
    done = import_catalogue(bilingual, path)
    assert (done.confirmed, done.written) == (1, ["translations/inline.json"])
    assert load_campaign(bilingual).translations.of(DEMAND_CONTEXT, "fr").state == "current"


@pytest.mark.parametrize("tool", [["msgcat", "--width=60"], ["msgmerge", "--quiet", "--no-wrap"]])
def test_a_catalogue_written_by_gettext_imports_cleanly(bilingual, tmp_path, tool):
    path = exported(bilingual)
    translate(path, {DEMAND_CONTEXT: NEW_DEMAND_FR})
    rewritten = tmp_path / "from-gettext.po"
    if tool[0] == "msgmerge":  # the translator's file merged with a fresh export, as a PO editor updates it
        reference = tmp_path / "reference.pot"
        shutil.copy(bilingual / "out" / "translations" / "fr.po", reference)
        arguments = [*tool, "-o", str(rewritten), str(path), str(reference)]
    else:
        arguments = [*tool, "-o", str(rewritten), str(path)]
    subprocess.run(arguments, check=True)
    assert rewritten.read_bytes() != path.read_bytes()
    assert import_catalogue(bilingual, rewritten).changed == 1
    assert load_campaign(bilingual).positions[0].demand["fr"] == NEW_DEMAND_FR
