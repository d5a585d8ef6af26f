"""`briefkit list`: the campaign's audiences, positions and kinds of document."""

import json

from click.testing import CliRunner

from briefkit.campaign.enums import KINDS
from briefkit.cli import main


def listed(campaign, what):
    result = CliRunner().invoke(main, ["list", what, "--json", "--campaign", str(campaign)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_audiences_with_their_defaults_filled_in(campaign):
    assert listed(campaign, "audiences") == [
        {"id": "alpha", "name": "Alpha", "stance": "ally", "language": "en", "paper": "A4", "lead_with": []},
        {"id": "beta", "name": "Beta", "stance": "reservations", "language": "en", "paper": "Letter",
         "lead_with": []}]


def test_positions_and_kinds(campaign):
    [position] = listed(campaign, "positions")
    assert position == {"id": "safeguards", "title": "Safeguards for journalists", "priority": 1,
                        "articles": ["Article 1"], "quotes": 1, "facts": 1}
    assert [row["kind"] for row in listed(campaign, "kinds")] == list(KINDS)
