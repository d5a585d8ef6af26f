"""The PO catalogue: a header tools accept, notes, locations, fuzzy entries with their previous msgid."""

import subprocess

import polib

from briefkit.campaign.loader import load_campaign
from briefkit.translate.catalogue import build_catalogue
from briefkit.translate.po import po_bytes
from tests.translate.conftest import DEMAND, DEMAND_FR, entry

CHANGED = "Protect journalists and their sources in every article."


def written(root, tmp_path, lang="fr"):
    path = tmp_path / f"{lang}.po"
    path.write_bytes(po_bytes(build_catalogue(load_campaign(root), lang)))
    return path


def msgfmt_check(path):
    """gettext's own check of a catalogue: syntax, header, formats; any warning counts."""
    done = subprocess.run(["msgfmt", "--check", "--check-accelerators", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done


def test_msgfmt_checks_the_catalogue_without_a_warning(bilingual, tmp_path):
    path = written(bilingual, tmp_path)
    msgfmt_check(path)
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Project-Id-Version"] == "example-treaty 2026-11-23"
    assert catalogue.metadata["Language"] == "fr"
    demand = entry(path, "positions/01-safeguards.yaml:demand")
    assert (demand.msgid, demand.msgstr) == (DEMAND, DEMAND_FR)
    assert demand.occurrences == [("positions/01-safeguards.yaml", "4")]
    assert demand.comment.startswith("The demand of a redline")


def test_a_stale_translation_is_fuzzy_with_the_text_it_was_made_from(bilingual, tmp_path):
    from briefkit.translate.accept import accept_translations

    accept_translations(bilingual, "fr")
    position = bilingual / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(f"en: {DEMAND}", f"en: {CHANGED}"),
                        encoding="utf-8")
    path = written(bilingual, tmp_path)
    msgfmt_check(path)
    demand = entry(path, "positions/01-safeguards.yaml:demand")
    assert "fuzzy" in demand.flags
    assert (demand.msgid, demand.msgstr, demand.previous_msgid) == (CHANGED, DEMAND_FR, DEMAND)
    assert demand.previous_msgctxt == "positions/01-safeguards.yaml:demand"


def test_a_percent_sign_is_not_a_format_string(bilingual, tmp_path):
    config = bilingual / "briefkit.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "headline: Fix the example treaty", "headline: '70% of the treaty needs fixing'"), encoding="utf-8")
    path = written(bilingual, tmp_path)
    headline = entry(path, "briefkit.yaml:factsheet.headline")
    assert "python-format" not in headline.flags and "no-python-format" in headline.flags
    headline.msgstr = "70 % du traité"
    catalogue = polib.pofile(str(path))
    next(e for e in catalogue if e.msgctxt == headline.msgctxt).msgstr = "70 % du traité à corriger"
    catalogue.save(str(path))
    msgfmt_check(path)


def test_the_same_campaign_exports_the_same_bytes(bilingual, tmp_path):
    (tmp_path / "again").mkdir()
    assert written(bilingual, tmp_path).read_bytes() == written(bilingual, tmp_path / "again").read_bytes()
