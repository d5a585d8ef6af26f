"""Where each text is printed: the table of translate/printed.py agrees with what the built-in templates print."""

import lxml.html
import pytest

from briefkit.checks import check_campaign
from briefkit.translate.printed import length_budget, printed_for
from briefkit.campaign.texts import campaign_texts
from tests.fixtures.second_campaign import make_second_campaign

LONG_ENOUGH = 16  # shorter texts ("Coralia", "Spring") stand in other texts too
UNIQUE_ENOUGH = 40  # a text not printed is looked for only if this long: a name stands in footnotes
# Printed in pieces (a redline interleaves the two), or standing in other texts ("the draft Regulations").
APART = {"amendments.current", "amendments.proposed", "instrument.draft", "instrument.the_name",
         "instrument.name", "instrument.parts"}


def flat(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


@pytest.mark.parametrize("make", ["tiny", "second", "bundled"])
def test_every_text_is_printed_in_exactly_the_documents_the_table_names(make, campaign, tmp_path, request):
    root = {"tiny": lambda: campaign, "second": lambda: make_second_campaign(tmp_path / "seabed"),
            "bundled": lambda: request.getfixturevalue("bundled_copy")}[make]()
    checked = check_campaign(root)
    model = checked.campaign
    wrong = []
    for document in checked.documents:
        if document.lang != model.config.settings.language:
            continue
        tree = lxml.html.fromstring(document.html)  # the text, and what the metadata says (its subject)
        words = flat(tree.text_content() + " " + " ".join(m.get("content", "") for m in tree.iter("meta")))
        audience = model.audiences[document.audience]
        texts = [t for t in campaign_texts(model) if len(t.source) >= LONG_ENOUGH and not t.quote]
        printed = [flat(t.source) for t in texts if printed_for(model, t, document.kind, audience)]
        for text in texts:
            if text.field in APART:
                continue
            expected = printed_for(model, text, document.kind, audience)
            if not expected and (len(text.source) < UNIQUE_ENOUGH
                                 or any(flat(text.source) in other for other in printed)):
                continue  # the same words are another text's (an article named by an amendment too)
            if expected != (flat(text.source) in words):
                wrong.append((document.kind, document.audience, text.context, expected))
    assert not wrong, "\n".join(map(str, wrong))


def test_length_budgets_are_for_what_fills_the_fact_sheet(campaign):
    checked = check_campaign(campaign)
    budgets = {t.context: length_budget(checked.campaign, t) for t in campaign_texts(checked.campaign)}
    assert budgets["briefkit.yaml:factsheet.headline"] == 45
    assert budgets["positions/01-safeguards.yaml:title"] is not None
    assert budgets["positions/01-safeguards.yaml:facts[0].label"] is not None  # a key fact
    assert budgets["positions/01-safeguards.yaml:demand"] is None
    assert budgets["briefkit.yaml:title"] is None
