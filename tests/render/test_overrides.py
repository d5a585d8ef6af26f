import pytest
from click.testing import CliRunner

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.cli import main
from briefkit.errors import BriefkitError
from briefkit.render.compose import Composer
from briefkit.render.overrides import eject, resolve
from briefkit.render.templating import BUILTIN
from tests.helpers import write

CANADA_LIKE = '{% extends "builtin/letter.html.j2" %}\n{% block after_redlines %}<p>Only Alpha.</p>{% endblock %}\n'


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def where(listing) -> dict[str, str]:
    return {row.name: row.layer.label for row in listing.rows}


def test_resolve_names_the_layer_of_every_template(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", CANADA_LIKE)
    write(campaign / "templates" / "css" / "letter.css", "p { color: red; }")
    write(campaign / "templates" / "partials" / "extra.html.j2", "<p>x</p>")
    alpha = resolve(campaign, "alpha")
    assert [layer.label for layer in alpha.layers.layers] == ["audience alpha", "campaign", "built-in"]
    assert where(alpha) == {
        "letter.html.j2": "audience alpha", "briefing.html.j2": "built-in", "factsheet.html.j2": "built-in",
        "amendments.html.j2": "built-in",
        "base.html.j2": "built-in", "_macros.html.j2": "built-in", "css/base.css": "built-in",
        "css/letter.css": "campaign", "css/briefing.css": "built-in", "css/factsheet.css": "built-in",
        "css/amendments.css": "built-in",
        "partials/extra.html.j2": "campaign"}
    letter = next(r for r in alpha.rows if r.name == "letter.html.j2")
    assert letter.extends == "builtin/letter.html.j2"
    campaign_wide = resolve(campaign)
    assert where(campaign_wide)["letter.html.j2"] == "built-in"
    assert next(r for r in campaign_wide.rows if r.name == "letter.html.j2").audience_overrides == ("alpha",)


def test_templates_list_prints_the_search_path_and_layers(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", CANADA_LIKE)
    write(campaign / "templates" / "audiences" / "alhpa" / "letter.html.j2", CANADA_LIKE)
    result = run("templates", "list", "--audience", "alpha", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split()[:4] == ["1.", "audience", "alpha", "templates/audiences/alpha"]
    assert lines[2].split()[:3] == ["2.", "campaign", "templates"]
    assert lines[3].split()[:3] == ["3.", "built-in", "builtin/"]
    row = next(line for line in lines if line.strip().startswith("letter.html.j2"))
    assert "audience alpha" in row and "(extends builtin/letter.html.j2)" in row
    row = next(line for line in lines if line.strip().startswith("css/base.css"))
    assert "builtin/css/base.css" in row
    everyone = run("templates", "list", "--campaign", campaign).output
    assert "templates/audiences/alhpa/ matches no audience" in everyone


def test_eject_copies_the_builtin_into_the_campaign_layer(campaign):
    done = eject(campaign, "briefing")
    copy = campaign / "templates" / "briefing.html.j2"
    assert done.dest_path == copy and done.source == "builtin/briefing.html.j2"
    text = copy.read_text()
    assert text.startswith("{#- Copied from builtin/briefing.html.j2")
    assert text.endswith((BUILTIN / "briefing.html.j2").read_text())
    # the copy is now in effect, and composes the same document as before
    composer = Composer(verify(load_campaign(campaign)))
    assert "Safeguards for journalists" in composer.compose("briefing", "beta").html
    assert where(resolve(campaign, "beta"))["briefing.html.j2"] == "campaign"


def test_eject_for_an_audience_copies_the_override_in_effect(campaign):
    write(campaign / "templates" / "letter.html.j2", CANADA_LIKE)
    done = eject(campaign, "letter", "beta")
    copy = campaign / "templates" / "audiences" / "beta" / "letter.html.j2"
    assert done.source == "templates/letter.html.j2"
    assert copy.read_text().endswith(CANADA_LIKE)  # still extends the built-in, keeps its block
    html = Composer(verify(load_campaign(campaign))).compose("letter", "beta").html
    assert "Only Alpha." in html and "Protect journalists in every article." in html


def test_eject_refuses_to_overwrite_without_force(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", CANADA_LIKE)
    result = run("templates", "eject", "letter", "-a", "alpha", "--campaign", campaign)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: templates/audiences/alpha/letter.html.j2 is already the "
                                    "letter.html.j2 in effect for audience alpha; edit it there")
    result = run("templates", "eject", "letter", "-a", "alpha", "--builtin", "--campaign", campaign)
    assert result.exit_code == 1
    assert "already exists (hint: add --force" in result.stderr
    path = campaign / "templates" / "audiences" / "alpha" / "letter.html.j2"
    assert path.read_text() == CANADA_LIKE
    result = run("templates", "eject", "letter", "-a", "alpha", "--builtin", "--force", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    assert path.read_text().endswith((BUILTIN / "letter.html.j2").read_text())


def test_eject_warns_that_audience_files_are_not_reached(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", CANADA_LIKE)
    result = run("templates", "eject", "letter", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    assert "Copied builtin/letter.html.j2 to templates/letter.html.j2" in result.output
    assert "does not reach audiences with their own letter.html.j2 in templates/audiences/ (alpha)" in \
        result.output


@pytest.mark.parametrize("args, message", [
    (["lettre"], "Error: unknown template 'lettre' (hint: did you mean 'letter'?"),
    (["letter", "-a", "gamma"], "Error: unknown audience 'gamma' (hint: choose from: alpha, beta)"),
])
def test_eject_unknown_names_are_usage_errors(campaign, args, message):
    result = run("templates", "eject", *args, "--campaign", campaign)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(message) and "Traceback" not in result.output


def test_eject_stylesheet_and_macros_by_name(campaign):
    assert eject(campaign, "css/factsheet.css").dest == "templates/css/factsheet.css"
    assert (campaign / "templates/css/factsheet.css").read_text().startswith("/* Copied from builtin/")
    assert eject(campaign, "_macros", "alpha").dest == "templates/audiences/alpha/_macros.html.j2"
    with pytest.raises(BriefkitError):
        eject(campaign, "css/factsheet.css")
