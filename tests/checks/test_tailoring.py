from click.testing import CliRunner

from briefkit.render.compose import compose_all
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import KINDS
from briefkit.checks.evidence import verify
from briefkit.checks.tailoring import tailored_text_warnings
from briefkit.cli import main
from tests.helpers import write

ALPHA_PARAGRAPH = ('{#- Alpha only -#}\n{% extends "builtin/letter.html.j2" %}\n{% block after_redlines %}\n'
                   "<p>We thank Alpha for its statement in Geneva.</p>\n{% endblock %}\n")


def warnings(root):
    verified = verify(load_campaign(root))
    documents = compose_all(verified, list(KINDS), list(verified.campaign.audiences))
    return [w.format() for w in tailored_text_warnings(verified, documents)]


def test_an_audience_naming_itself_is_fine(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", ALPHA_PARAGRAPH)
    assert warnings(campaign) == []


def test_a_paragraph_for_alpha_in_betas_letter_is_reported_with_file_and_line(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", ALPHA_PARAGRAPH)
    write(campaign / "templates" / "audiences" / "beta" / "letter.html.j2", ALPHA_PARAGRAPH)
    result = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ")
    assert result.stderr.splitlines() == [
        "templates/audiences/beta/letter.html.j2:4: warning: the letter for beta names Alpha (audience alpha) "
        "in text tailored by its own template: “We thank Alpha for its statement in Geneva.” "
        "(hint: if it was written for alpha, move it to templates/audiences/alpha/)",
        "1 warning."]


def test_shared_text_naming_an_audience_is_not_tailored(campaign):
    # "Examplia" is a quote's speaker, a signatory's country and (for ally audiences) in a talking
    # point: text every audience, or every audience of a stance, receives.
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("ally: [Hold firm.]", "ally: [Hold firm, as Examplia does.]"))
    write(campaign / "audiences" / "examplia.yaml", "id: examplia\nname: Examplia\nstance: neutral\n")
    write(campaign / "templates" / "letter.html.j2", '{% extends "builtin/letter.html.j2" %}\n'
          "{% block after_redlines %}<p>Examplia and Beta have both spoken.</p>{% endblock %}\n")
    assert warnings(campaign) == []


def test_an_audiences_own_data_naming_another_is_reported(campaign):
    path = campaign / "audiences" / "beta.yaml"
    path.write_text(path.read_text() + "context:\n  text: Alpha has led the talks.\n  sources: [news]\n")
    assert warnings(campaign) == [
        "audiences/beta.yaml:7: warning: the briefing for beta names Alpha (audience alpha) in text tailored "
        "by its own data: “Alpha has led the talks.” "
        "(hint: check that this text is about Beta)"]
    path.write_text(path.read_text().replace("Alpha has led", "Beta joined Alpha, which has led"))
    assert warnings(campaign) == []


def test_names_match_whole_words_in_the_same_case(campaign):
    write(campaign / "audiences" / "al.yaml", "id: al\nname: Al\ndelegation: the Delegation of Al\nstance: ally\n")
    write(campaign / "templates" / "audiences" / "beta" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}{% block after_redlines %}'
          "<p>Alphabetical order, al dente; also the Delegation of Al.</p>{% endblock %}")
    found = warnings(campaign)
    assert len(found) == 1 and "names Delegation of Al (audience al)" in found[0]
