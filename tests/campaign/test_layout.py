"""The campaign's layout: the one place its file names are written."""

from briefkit.campaign import layout
from tests.helpers import write


def test_audience_files_are_yaml_files_of_either_suffix_named_for_their_id(tmp_path):
    for name in ("alpha.yaml", "beta.yml", "notes.txt", ".hidden.swp"):
        write(tmp_path / "audiences" / name, "")
    assert {aid: path.name for aid, path in layout.audience_files(tmp_path).items()} == {
        "alpha": "alpha.yaml", "beta": "beta.yml"}
    assert layout.audience_files(tmp_path / "nowhere") == {}


def test_names_as_problems_print_them(tmp_path):
    assert layout.seed_name("report.txt") == "seeds/report.txt"
    assert layout.relative(tmp_path, tmp_path / "audiences" / "alpha.yaml") == "audiences/alpha.yaml"
    assert layout.template_file("letter") == "letter.html.j2"
    assert layout.stylesheet_files("letter") == ("css/base.css", "css/letter.css")
    assert layout.audience_templates(tmp_path, "beta") == tmp_path / "templates" / "audiences" / "beta"
