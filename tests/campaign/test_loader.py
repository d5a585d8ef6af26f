from pathlib import Path

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError, ProblemsFound
from tests.conftest import add_logo
from tests.helpers import write


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(root)
    return [p.format() for p in caught.value.problems]


def test_loads_a_valid_campaign(campaign):
    loaded = load_campaign(campaign)
    assert [p.id for p in loaded.positions] == ["safeguards"]
    assert sorted(loaded.audiences) == ["alpha", "beta"]
    assert [s.name for s in loaded.signatories] == ["First Org", "Second Org"]
    assert loaded.signatories[1].country == "Examplia"
    assert loaded.signatories[0].country is None


def test_unknown_field_names_line_and_closest_field(campaign):
    path = campaign / "audiences" / "alpha.yaml"
    path.write_text(path.read_text() + "salutaton: Dear Alpha,\n")
    assert problems_of(campaign) == [
        "audiences/alpha.yaml:4: unknown field 'salutaton' (hint: did you mean 'salutation'?)"]


def test_every_problem_is_collected_before_stopping(campaign):
    write(campaign / "audiences" / "alpha.yaml", "id: alpha\nname: Alpha\nstance: friendly\npaper: A5\n")
    write(campaign / "positions" / "01-safeguards.yaml", "id: safeguards\ntitle: T\n")
    found = problems_of(campaign)
    assert any(p.startswith("audiences/alpha.yaml:4: paper:") for p in found)
    assert any("positions/01-safeguards.yaml" in p and "missing required field 'demand'" in p
               for p in found)
    assert len(found) >= 4


def test_text_field_given_a_date_asks_for_quotes(campaign):
    path = campaign / "audiences" / "beta.yaml"
    path.write_text(path.read_text().replace("name: Beta", "name: 2024-01-01"))
    [problem] = problems_of(campaign)
    assert problem.startswith("audiences/beta.yaml:2: name: Input should be a valid string")
    assert "put the value in quotes" in problem


def test_audience_id_must_be_a_slug_matching_its_file(campaign):
    write(campaign / "audiences" / "gamma.yaml", "id: ../evil\nname: G\nstance: ally\n")
    write(campaign / "audiences" / "con.yaml", "id: con\nname: C\nstance: ally\n")
    found = problems_of(campaign)
    assert any(p.startswith("audiences/gamma.yaml:1: id:") and "not a valid id" in p for p in found)
    assert any(p.startswith("audiences/con.yaml:1: id:") and "reserved" in p for p in found)


def test_control_character_in_a_signatory_names_the_row(campaign):
    write(campaign / "signatories.csv", "name,country,type\nGood Org,,ngo\nBad\x0bOrg,,ngo\n")
    [problem] = problems_of(campaign)
    assert problem.startswith("signatories.csv:3: name: contains the control character U+000B")


def test_unknown_csv_column_and_short_row(campaign):
    write(campaign / "signatories.csv", "name,county,type\nA,,ngo\nB,ngo\n")
    found = problems_of(campaign)
    assert "signatories.csv:1: unknown column 'county' (hint: did you mean 'country'? known columns: basis, country, name, signed_version, type)" in found
    assert any(p.startswith("signatories.csv:3: row has 2 cells") for p in found)


def test_csv_must_be_utf8(campaign):
    (campaign / "signatories.csv").write_bytes("name,country,type\nCaf\u00e9,,ngo\n".encode("latin-1"))
    [problem] = problems_of(campaign)
    assert problem.startswith("signatories.csv:2: file is not valid UTF-8: byte 0xe9 at column 4")


def test_csv_with_byte_order_mark_is_read(campaign):
    (campaign / "signatories.csv").write_bytes(b"\xef\xbb\xbfname,country,type\nA,,ngo\n")
    assert [s.name for s in load_campaign(campaign).signatories] == ["A"]


def test_missing_campaign_file_is_one_clear_error(tmp_path):
    with pytest.raises(BriefkitError, match="no briefkit.yaml"):
        load_campaign(tmp_path)


def test_seed_file_must_exist(campaign):
    (campaign / "seeds" / "news.txt").unlink()
    [problem] = problems_of(campaign)
    assert problem.startswith("seeds/sources.yaml:2: source file seeds/news.txt does not exist")


def test_outbox_and_bundles_cannot_be_audience_ids(campaign):
    from briefkit.build.plan import bundle_path, draft_path
    from briefkit.campaign.layout import OUT_FOLDERS, export_file

    # the folders distribution and translate export write are those no audience may be named after
    assert {draft_path("x", 1).split("/")[0], bundle_path("x").split("/")[0],
            export_file("fr", "po").split("/")[1]} == set(OUT_FOLDERS)
    write(campaign / "audiences" / "outbox.yaml", "id: outbox\nname: O\nstance: ally\n")
    assert problems_of(campaign) == [
        "audiences/outbox.yaml:1: the audience id 'outbox' is reserved: briefkit writes out/outbox/ for "
        "distribution (hint: choose another id and rename the file to match)"]


def test_the_sender_address_is_checked_where_it_is_written(campaign):
    with open(campaign / "briefkit.yaml", "a", encoding="utf-8") as config:
        config.write("settings:\n  distribution:\n    from: Coalition <team@example.org>\n")
    found = problems_of(campaign)
    assert len(found) == 1
    assert found[0].startswith("briefkit.yaml:23: settings.distribution.from: must be the address alone")
def test_unknown_field_inside_a_quote_names_line_and_closest_field(campaign):
    path = campaign / "positions" / "01-safeguards.yaml"
    path.write_text(path.read_text().replace("    speaker: Examplia", "    spaeker: Examplia"))
    found = problems_of(campaign)
    assert ("positions/01-safeguards.yaml:12: unknown field 'quotes[0].spaeker' (hint: did you mean "
            "'speaker'?)") in found


def test_a_logo_must_be_a_real_image_inside_assets(campaign, tmp_path):
    logo = add_logo(campaign)
    assert load_campaign(campaign).config.logo.height_mm == 12
    lines = (campaign / "briefkit.yaml").read_text().splitlines()
    line = lines.index("  file: logo.png") + 1
    logo.write_text("not an image")
    assert problems_of(campaign) == [
        f"briefkit.yaml:{line}: logo.file: assets/logo.png is not a PNG image (hint: export the logo as PNG or "
        "JPEG and give it the matching suffix)"]
    logo.unlink()
    assert problems_of(campaign)[0].startswith(f"briefkit.yaml:{line}: logo.file: assets/logo.png does not exist")
    (tmp_path / "elsewhere.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    logo.symlink_to(tmp_path / "elsewhere.png")
    assert "links to a file outside the campaign folder" in problems_of(campaign)[0]


def test_a_logo_needs_alternative_text_and_a_plain_name(campaign):
    add_logo(campaign)
    path = campaign / "briefkit.yaml"
    text = path.read_text()
    path.write_text(text.replace("  file: logo.png", "  file: ../../etc/logo.png")
                    .replace("  alt: Example Coalition logo, a red square\n", ""))
    found = problems_of(campaign)
    assert sorted(p.split(": ", 1)[1] for p in found) == [
        "logo.file: must be a plain file name inside assets/, such as logo.png",
        "missing required field 'logo.alt'"]
