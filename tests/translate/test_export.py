"""Export: one file per language, written only when it changes, inside the campaign; the first starts tracking."""

import json

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError
from briefkit.translate.export import STDOUT, export_catalogue
from tests.helpers import snapshot


def test_the_catalogue_goes_to_out_translations(bilingual):
    done = export_catalogue(bilingual, "fr")
    assert (done.path, done.changed) == ("out/translations/fr.po", True)
    assert (bilingual / done.path).read_bytes() == done.data
    assert done.counts["translated"] == 4 and done.counts["fuzzy"] == 0
    xliff = export_catalogue(bilingual, "fr", "xliff")
    assert xliff.path == "out/translations/fr.xlf"


def test_exporting_again_leaves_the_file_alone(bilingual):
    export_catalogue(bilingual, "fr")
    before = snapshot(bilingual)
    assert export_catalogue(bilingual, "fr").changed is False
    assert snapshot(bilingual) == before


def test_the_first_export_records_what_inline_translations_were_made_from(bilingual):
    assert load_campaign(bilingual).translations.of("positions/01-safeguards.yaml:demand", "fr").state == "untracked"
    done = export_catalogue(bilingual, "fr")
    assert done.recorded == ["translations/inline.json"]
    record = json.loads((bilingual / "translations" / "inline.json").read_text(encoding="utf-8"))
    assert record["made_from"]["positions/01-safeguards.yaml:demand"] == {
        "Protect journalists in every article.": ["fr"]}
    assert load_campaign(bilingual).translations.of("positions/01-safeguards.yaml:demand", "fr").state == "current"
    assert export_catalogue(bilingual, "fr").recorded == []


def test_nothing_is_written_outside_the_campaign(bilingual, tmp_path):
    with pytest.raises(BriefkitError, match="is outside the campaign folder"):
        export_catalogue(bilingual, "fr", out=tmp_path / "elsewhere.po")
    assert not (bilingual / "translations").exists()  # not even the record
    printed = export_catalogue(bilingual, "fr", out=STDOUT)
    assert printed.path is None and printed.data.startswith(b"# Example Treaty")
    assert not (bilingual / "out" / "translations").exists()
