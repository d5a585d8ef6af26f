"""The labels of a campaign's own templates go to translators too, placeholders and all."""

import pytest

from briefkit.checks import check_campaign
from briefkit.errors import ProblemsFound
from briefkit.translate.export import export_catalogue
from briefkit.translate.importer import import_catalogue
from tests.helpers import write
from tests.translate.conftest import entry, translate
from tests.translate.test_po import msgfmt_check

OVERRIDE = """\
{% extends "builtin/letter.html.j2" %}
{% block after_redlines %}
<p>{{ _("We thank %(name)s for its statement.", name=audience.name) }}</p>
<p>{{ _("Summary") }}</p>
{% endblock %}
"""
CONTEXT = "templates/letter.html.j2"
LABEL = "We thank %(name)s for its statement."


def test_a_label_is_exported_with_its_placeholder_and_comes_back_into_the_document(bilingual):
    write(bilingual / "templates" / "letter.html.j2", OVERRIDE)
    path = bilingual / export_catalogue(bilingual, "fr").path
    msgfmt_check(path)
    label = entry(path, CONTEXT)
    assert (label.msgid, label.msgstr) == (LABEL, "")
    assert "python-format" in label.flags and label.occurrences == [(CONTEXT, "3")]
    assert "Keep as they are: «%(name)s»" in label.comment
    assert all(e.msgid != "Summary" for e in __import__("polib").pofile(str(path)))  # briefkit's own label
    translate(path, {CONTEXT: "Nous remercions %(name)s de sa déclaration."})
    msgfmt_check(path)
    assert import_catalogue(bilingual, path).changed == 1
    documents = check_campaign(bilingual).documents
    alpha = next(d for d in documents if d.kind == "letter" and d.audience == "alpha")
    beta = next(d for d in documents if d.kind == "letter" and d.audience == "beta")
    assert "Nous remercions Alpha de sa déclaration." in alpha.html
    assert "We thank Beta for its statement." in beta.html


def test_a_lost_placeholder_is_refused(bilingual):
    write(bilingual / "templates" / "letter.html.j2", OVERRIDE)
    path = bilingual / export_catalogue(bilingual, "fr").path
    translate(path, {CONTEXT: "Nous remercions la délégation de sa déclaration."})
    with pytest.raises(ProblemsFound) as raised:
        import_catalogue(bilingual, path)
    [problem] = raised.value.problems
    assert "the translation of the label must keep «%(name)s» exactly as it is" in problem.message


def test_labels_count_in_the_status_of_their_kind(bilingual):
    from briefkit.campaign.loader import load_campaign
    from briefkit.translate.status import status

    before = {(r.language, r.kind): r.counts for r in status(load_campaign(bilingual))}
    write(bilingual / "templates" / "letter.html.j2", OVERRIDE)
    after = {(r.language, r.kind): r.counts for r in status(load_campaign(bilingual))}
    assert after["fr", "letter"].missing == before["fr", "letter"].missing + 1
    assert after["fr", "briefing"] == before["fr", "briefing"]
