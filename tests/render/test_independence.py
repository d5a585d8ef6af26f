"""Documents are independent: no template can change what another document sees.

Templates run in Jinja2's immutable sandbox, so a template that tries to change the model it is
given (a list, a dict, a set of it) is stopped with a problem naming its file and line, and
every other document is composed from the model as the campaign wrote it.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.cli import main
from briefkit.errors import TemplateProblem
from briefkit.render.compose import Composer
from tests.helpers import write

MUTATIONS = [
    "{% set _ = signatories.clear() %}",
    "{% set _ = positions.pop() %}",
    "{% set _ = refs.clear() %}",
    "{% set _ = key_facts.append(key_facts[0]) %}",
    "{% set _ = audience.addressee.append('Someone else') if audience.addressee else signatories.reverse() %}",
]


def override(root, audience, mutation):
    write(root / "templates" / "audiences" / audience / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n' + mutation + "\n")


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_one_audiences_template_cannot_change_anothers_document(campaign, mutation):
    override(campaign, "alpha", mutation)
    composer = Composer(verify(load_campaign(campaign)))
    before = composer.compose("letter", "beta").html
    with pytest.raises(TemplateProblem) as caught:
        composer.compose("letter", "alpha")
    assert caught.value.path == "templates/audiences/alpha/letter.html.j2" and caught.value.line == 2
    assert "the sandbox forbids" in caught.value.message and caught.value.hint
    after = composer.compose("letter", "beta").html
    assert after == before and "First Org" in after and "Second Org" in after


def test_the_build_names_the_template_and_line(campaign):
    override(campaign, "alpha", MUTATIONS[0])
    result = CliRunner().invoke(main, ["build", "letter", "-a", "alpha", "-a", "beta", "--campaign", str(campaign),
                                       "--jobs", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
    assert ("templates/audiences/alpha/letter.html.j2:2: template tried something the sandbox forbids"
            in result.stderr), result.stderr
    assert not list((campaign / "out").rglob("letter.*"))


def test_a_namespace_still_works(campaign):
    """What templates rightly do keeps working: a namespace of their own, a new list from a filter."""
    write(campaign / "templates" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block opening %}{% set ns = namespace(n=0) %}'
          "{% for s in signatories %}{% set ns.n = ns.n + 1 %}{% endfor %}"
          "<p>{{ ns.n }} signed; {{ (signatories | map(attribute='name') | list + ['More']) | join(', ') }}</p>"
          "{% endblock %}\n")
    html = Composer(verify(load_campaign(campaign))).compose("letter", "alpha").html
    assert "2 signed; First Org, Second Org, More" in html
