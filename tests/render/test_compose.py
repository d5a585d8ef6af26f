"""Composing one document: campaign data and the layered templates give checked semantic HTML."""

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.errors import BriefkitError
from briefkit.render.compose import Composer
from briefkit.render.document import blocks
from tests.helpers import write


def composer(root, **options):
    return Composer(verify(load_campaign(root)), **options)


def test_a_document_knows_its_identity_language_stylesheets_and_template(campaign):
    document = composer(campaign).compose("briefing", "beta")
    assert (document.kind, document.audience, document.lang) == ("briefing", "beta", "en")
    assert document.tree.get("lang") == "en" and document.tree.get("dir") == "ltr"
    assert [p.name for p in document.stylesheets] == ["base.css", "briefing.css"]
    assert document.template == "builtin/briefing.html.j2"
    assert document.meta("briefkit-paper") == "Letter"  # beta reads on Letter paper
    assert document.title


def test_an_audiences_own_template_is_the_one_its_documents_come_from(campaign):
    write(campaign / "templates" / "audiences" / "beta" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}{% block after_redlines %}<p>For Beta.</p>{% endblock %}')
    compose = composer(campaign)
    beta, alpha = compose.compose("letter", "beta"), compose.compose("letter", "alpha")
    assert beta.template == "templates/audiences/beta/letter.html.j2"
    assert "For Beta." in [b.text for b in blocks(beta.tree)]
    assert "For Beta." not in [b.text for b in blocks(alpha.tree)]
    without = compose.compose("letter", "beta", audience_layer=False)
    assert "For Beta." not in [b.text for b in blocks(without.tree)]


def test_positions_come_in_the_audiences_order_then_by_priority(campaign):
    write(campaign / "positions" / "02-transparency.yaml",
          "id: transparency\ntitle: Transparency of requests\ndemand: Publish every request.\npriority: 2\n"
          "rationale: Secrecy hides abuse.\nfacts:\n  - id: twelve\n    value: '12'\n    label: days\n"
          "    source: news\n    evidence: ended after 12 days\n")
    path = campaign / "audiences" / "alpha.yaml"
    path.write_text(path.read_text() + "lead_with: [transparency]\n")
    compose = composer(campaign)
    headings = {aid: [b.text for b in blocks(compose.compose("briefing", aid).tree) if b.tag == "h2"]
                for aid in ("alpha", "beta")}
    assert headings["alpha"].index("1. Transparency of requests") < headings["alpha"].index(
        "2. Safeguards for journalists")
    assert headings["beta"].index("1. Safeguards for journalists") < headings["beta"].index(
        "2. Transparency of requests")


def test_a_language_the_audience_does_not_read_is_refused(campaign):
    with pytest.raises(BriefkitError, match="written in en, not 'fr'"):
        composer(campaign).compose("letter", "alpha", lang="fr")


def test_confirmed_only_lists_only_those_who_confirmed(campaign):
    from briefkit.campaign import signoff

    version = signoff.letter_version(load_campaign(campaign))
    (campaign / "signatories.csv").write_text(
        f"name,country,type,signed_version\nFirst Org,,civil society,{version}\nSecond Org,,industry,\n")
    letter = composer(campaign, confirmed_only=True).compose("letter", "alpha")
    text = " ".join(b.text for b in blocks(letter.tree))
    assert "First Org" in text and "Second Org" not in text
