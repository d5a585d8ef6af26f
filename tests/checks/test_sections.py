"""A section with nothing to show is left out, and check says which, for whom."""

from click.testing import CliRunner

from briefkit.cli import main
from briefkit.render.compose import compose_all
from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.render.document import blocks


def test_a_fact_sheet_without_a_supporting_quote_or_key_fact_says_so(campaign):
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("text: >-", "use: counter\n    text: >-")
                        .replace("key: true", "key: false"))
    result = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    assert result.exit_code == 0, result.output
    warnings = result.stderr.splitlines()
    assert "builtin/factsheet.html.j2: warning: the factsheet for alpha, the factsheet for beta: the section " \
           "“On the record” has nothing to show and is left out" in "\n".join(warnings)
    assert any("“Key figures” has nothing to show" in line for line in warnings)
    assert warnings[-1] == "2 warnings."


def test_without_an_instrument_the_documents_call_it_the_text(campaign):
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("articles: [Article 1]", "articles: []"))
    [briefing] = compose_all(verify(load_campaign(campaign)), ["briefing"], ["alpha"])
    assert "Provisions affected: The text as a whole" in [b.text for b in blocks(briefing.tree)]
