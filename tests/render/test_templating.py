from pathlib import Path

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.errors import TemplateProblem
from briefkit.render.compose import Composer
from briefkit.render.templating import TemplateLayers
from tests.helpers import write


def composer(root: Path) -> Composer:
    return Composer(verify(load_campaign(root)))


def test_audience_override_extends_the_builtin_and_changes_one_block(campaign):
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n'
          "{% block after_redlines %}<p>Only Alpha reads this.</p>{% endblock %}\n")
    c = composer(campaign)
    alpha, beta = c.compose("letter", "alpha").html, c.compose("letter", "beta").html
    assert "Only Alpha reads this." in alpha
    assert "Only Alpha reads this." not in beta
    # the rest of the built-in letter is still there
    assert "Protect journalists in every article." in alpha


def test_campaign_layer_overrides_builtin_for_every_audience(campaign):
    write(campaign / "templates" / "_macros.html.j2",
          '{% extends "builtin/_macros.html.j2" %}')
    write(campaign / "templates" / "css" / "letter.css", "p { color: red; }")
    layers = TemplateLayers(campaign, "alpha")
    assert layers.find("css/letter.css") == campaign / "templates" / "css" / "letter.css"
    assert layers.find("css/base.css").parts[-4:] == ("assets", "templates", "css", "base.css")
    assert composer(campaign).compose("letter", "beta").stylesheets[-1] == \
        campaign / "templates" / "css" / "letter.css"


@pytest.mark.parametrize("body, message, line", [
    ("<p>fine</p>\n{% if %}\n", "template syntax error", 3),
    ("<p>fine</p>\n<p>{{ no_such_value }}</p>\n", "undefined value", 3),
    ("<p>fine</p>\n\n<p>{{ ''.__class__.__mro__ }}</p>\n", "sandbox", 4),
    ("<p>fine</p>\n<p>{{ ('{0.__class__.__mro__}' | attr('format'))('x') }}</p>\n", "sandbox", 3),
])
def test_template_errors_name_the_template_and_line(campaign, body, message, line):
    write(campaign / "templates" / "letter.html.j2",
          '{% extends "base.html.j2" %}\n{% block body %}' + body + "{% endblock %}\n")
    with pytest.raises(TemplateProblem) as caught:
        composer(campaign).compose("letter", "alpha")
    assert caught.value.path == "templates/letter.html.j2"
    assert caught.value.line == line
    assert message in caught.value.message


def test_missing_template_lists_the_search_path(campaign):
    write(campaign / "templates" / "audiences" / "beta" / "letter.html.j2",
          '{% extends "base.html.j2" %}{% block body %}{% include "missing.html.j2" %}{% endblock %}')
    with pytest.raises(TemplateProblem) as caught:
        composer(campaign).compose("letter", "beta")
    assert "'missing.html.j2' not found" in caught.value.message
    assert caught.value.path == "templates/audiences/beta/letter.html.j2"
    assert "audience beta: templates/audiences/beta; campaign: templates; built-in: builtin/" in \
        caught.value.hint


def test_an_element_outside_the_vocabulary_names_the_template(campaign):
    write(campaign / "templates" / "factsheet.html.j2",
          '{% extends "builtin/factsheet.html.j2" %}\n{% block voice %}\n<marquee>hi</marquee>\n'
          "{% endblock %}\n")
    with pytest.raises(TemplateProblem) as caught:
        composer(campaign).compose("factsheet", "alpha")
    assert "<marquee>" in caught.value.message
    assert (caught.value.path, caught.value.line) == ("templates/factsheet.html.j2", 3)


def test_data_is_escaped_not_interpreted(campaign):
    write(campaign / "signatories.csv", "name,country,type\n</p><img src=x>,,ngo\n")
    html = composer(campaign).compose("letter", "alpha").html
    assert "&lt;/p&gt;&lt;img src=x&gt;" in html
    assert "<img" not in html


@pytest.mark.parametrize("img, message", [
    ('<img src="assets/logo.png">', "has no alternative text"),
    ('<img src="assets/logo.png" alt="  ">', "has no alternative text"),
    ('<img src="file:///etc/logo.png" alt="Logo">', "must be a PNG or JPEG file in the campaign's assets/"),
    ('<img src="assets/../../logo.png" alt="Logo">', "must be a PNG or JPEG file in the campaign's assets/"),
    ('<img src="assets/logo.png" alt="Logo" height="2cm">', "height must be a whole number"),
    ('<img src="assets/logo.png" alt="Logo" onerror="x()">', "attribute 'onerror' on <img> is not allowed"),
])
def test_an_image_needs_alternative_text_and_a_file_in_assets(campaign, img, message):
    write(campaign / "templates" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block after_redlines %}\n<p>' + img + "</p>\n"
          "{% endblock %}\n")
    with pytest.raises(TemplateProblem) as caught:
        composer(campaign).compose("letter", "alpha")
    assert message in caught.value.message
    assert (caught.value.path, caught.value.line) == ("templates/letter.html.j2", 3)


def test_no_builtin_template_or_label_names_an_instrument():
    """What a campaign is about is its data (briefkit.yaml `instrument:`), never a built-in word."""
    import re

    from briefkit.render.templating import BUILTIN
    from briefkit.resources import LOCALE_DIR

    instrument = re.compile(r"\b(convention|treaty|regulation|protocol|bill)s?\b|convenci|traité|tratado|"
                            r"конвенц|договор|اتفاقية|معاهدة|公约|条约", re.IGNORECASE)
    for path in [*BUILTIN.rglob("*.j2"), *LOCALE_DIR.rglob("*.po")]:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)  # comments aside
        assert not instrument.search(text), (path, instrument.search(text))
