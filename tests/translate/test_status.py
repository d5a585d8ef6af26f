"""Status: per language and kind, how much is translated, stale, missing; the same per document."""

import json

from click.testing import CliRunner

from briefkit.campaign.loader import load_campaign
from briefkit.cli import main
from briefkit.translate.accept import accept_translations
from briefkit.translate.status import document_counts, status
from tests.translate.conftest import DEMAND


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def rows(root):
    return {(r.language, r.kind): r.counts for r in status(load_campaign(root))}


def test_counts_per_language_and_kind(bilingual):
    found = rows(bilingual)
    assert set(found) == {("fr", "letter"), ("fr", "briefing"), ("fr", "factsheet")}  # no amendments
    letter = found["fr", "letter"]
    assert (letter.untracked, letter.current, letter.stale) == (4, 0, 0)  # title, subject, demand, name
    assert letter.texts == letter.translated + letter.missing and letter.missing > 0
    accept_translations(bilingual, "fr")
    position = bilingual / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(f"en: {DEMAND}", "en: Protect them."),
                        encoding="utf-8")
    letter = rows(bilingual)["fr", "letter"]
    assert (letter.current, letter.stale, letter.untracked) == (3, 1, 0)
    assert rows(bilingual)["fr", "factsheet"].stale == 0  # the fact sheet does not print the demand


def test_a_document_has_its_own_counts(bilingual):
    campaign = load_campaign(bilingual)
    alpha = campaign.audiences["alpha"]
    counts = document_counts(campaign, "letter", alpha, "fr")
    assert counts.summary() == (f"{counts.translated} of {counts.texts} translated, 4 untracked, "
                                f"{counts.missing} missing")
    assert document_counts(campaign, "letter", campaign.audiences["beta"], "en") is None


def test_the_command_prints_a_table_or_json(bilingual):
    result = run("translate", "status", "--campaign", bilingual)
    assert result.exit_code == 0, result.output
    assert "fr" in result.output and "factsheet" in result.output and "missing" in result.output
    result = run("translate", "status", "--json", "--campaign", bilingual)
    languages = json.loads(result.output)["languages"]
    assert {row["kind"] for row in languages} == {"letter", "briefing", "factsheet"}
    assert set(languages[0]) >= {"language", "kind", "texts", "current", "stale", "untracked", "missing"}


def test_export_import_and_accept_from_the_command_line(bilingual, tmp_path):
    result = run("translate", "export", "fr", "--campaign", bilingual)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Wrote out/translations/fr.po: ")
    assert "Recorded in translations/inline.json" in result.stderr
    result = run("translate", "import", bilingual / "out" / "translations" / "fr.po", "--campaign", bilingual)
    assert result.exit_code == 0 and result.output.endswith("Nothing to write.\n"), result.output
    result = run("translate", "export", "en", "--campaign", bilingual)
    assert result.exit_code == 1 and "'en' is the campaign's own language" in result.stderr
    result = run("translate", "accept", "fr", "--campaign", bilingual)
    assert result.exit_code == 0 and result.output == "fr: 0 translations accepted; nothing to write.\n"
