"""`briefkit confirm`: a curator settles a speaker briefkit cannot read, until the quote changes."""

import pytest
from click.testing import CliRunner

from briefkit.cli import main
from briefkit.errors import BriefkitError
from tests.fixtures.truth_campaign import make_truth_campaign


def check(root):
    return CliRunner().invoke(main, ["check", "--campaign", str(root)])


def test_a_confirmation_settles_the_warning_until_the_quote_changes(tmp_path):
    root = make_truth_campaign(tmp_path / "campaign")
    assert "briefkit confirm coalition-study" in check(root).stderr
    result = CliRunner().invoke(main, ["confirm", "coalition-study", "--campaign", str(root)])
    assert result.exit_code == 0 and "confirmed the speaker of coalition-study" in result.stdout
    assert (root / "seeds" / "confirmations.yaml").read_text().count("coalition-study:") == 1
    assert check(root).stderr == ""
    position = root / "positions" / "01-dams.yaml"
    position.write_text(position.read_text().replace("la porte-parole de la Coalition", "la présidente"))
    assert "briefkit confirm coalition-study" in check(root).stderr


def test_an_unknown_quote_cannot_be_confirmed(tmp_path):
    from briefkit.curate.confirm import confirm_quotes

    root = make_truth_campaign(tmp_path / "campaign")
    with pytest.raises(BriefkitError, match="unknown quote 'coalition-stud'"):
        confirm_quotes(root, ["coalition-stud"])
    assert not (root / "seeds" / "confirmations.yaml").exists()
