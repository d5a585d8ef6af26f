import hashlib
import json

import pytest

from briefkit.build.run import build
from briefkit.errors import BriefkitError, ProblemsFound
from tests.conftest import add_logo
from tests.helpers import pdf_figures, pdf_pages, pdf_text, snapshot, write


def test_builds_every_kind_audience_and_format_with_a_manifest(campaign):
    result = build(campaign)
    assert not result.failures
    out = campaign / "out"
    manifest = json.loads((out / "manifest.json").read_text())["documents"]
    paths = sorted(e["path"] for e in manifest)
    assert paths == sorted(f"{a}/{k}.{f}" for a in ("alpha", "beta")
                           for k in ("letter", "briefing", "factsheet") for f in ("pdf", "docx"))
    for entry in manifest:
        data = (out / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        assert entry["lang"] == "en"
        assert set(entry) == {"audience", "kind", "format", "lang", "path", "sha256", "bytes", "pages",
                              "input_hash", "options", "pdf_variant", "fit"}
        assert len(entry["input_hash"]) == 64
        if entry["format"] == "pdf":
            assert entry["pages"] == pdf_pages(out / entry["path"])
            assert entry["pdf_variant"] == "pdf/ua-1"
        else:
            assert entry["pages"] is None and entry["pdf_variant"] is None
    assert not list(out.rglob("*.tmp"))


def test_manifest_describes_everything_in_out_across_builds(campaign):
    build(campaign, kinds=["letter"], formats=["pdf"])
    build(campaign, kinds=["factsheet"], audiences=["beta"], formats=["pdf"])
    out = campaign / "out"
    listed = lambda: sorted(e["path"] for e in json.loads((out / "manifest.json").read_text())["documents"])
    assert listed() == ["alpha/letter.pdf", "beta/factsheet.pdf", "beta/letter.pdf"]
    (out / "alpha" / "letter.pdf").unlink()
    build(campaign, kinds=["letter"], audiences=["beta"], formats=["pdf"])
    assert listed() == ["beta/factsheet.pdf", "beta/letter.pdf"]


def test_html_format_writes_the_intermediate_with_its_styles(campaign):
    build(campaign, kinds=["letter"], audiences=["alpha"], formats=["html"])
    html = (campaign / "out" / "alpha" / "letter.html").read_text()
    assert '<ol class="redlines">' in html
    assert "<style>" in html and "@page { size: 210.0mm 297.0mm" in html


def test_bad_data_leaves_out_exactly_as_it_was(campaign):
    build(campaign, kinds=["letter"], formats=["pdf"])
    before = snapshot(campaign / "out")
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("without safeguards", "without any safeguards"))
    with pytest.raises(ProblemsFound):
        build(campaign)
    assert snapshot(campaign / "out") == before


def test_a_template_error_for_one_audience_writes_nothing(campaign):
    before = snapshot(campaign / "out")
    write(campaign / "templates" / "audiences" / "beta" / "briefing.html.j2",
          '{% extends "builtin/briefing.html.j2" %}{% block summary %}{{ oops }}{% endblock %}')
    with pytest.raises(ProblemsFound) as caught:
        build(campaign)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("templates/audiences/beta/briefing.html.j2", 1)
    assert problem.message.startswith("template uses an undefined value: 'oops' is undefined")
    assert snapshot(campaign / "out") == before


def test_one_failing_document_does_not_stop_the_others(campaign):
    # Past its kind's page limit (a bound, which only laying the document out finds), not its budget.
    config = campaign / "briefkit.yaml"
    text = config.read_text()
    assert "settings:" not in text
    config.write_text(text + "settings:\n  page_limits: {briefing: 2}\n")
    long = "".join(f"<p>Paragraph {i} that makes the briefing far too long.</p>" for i in range(150))
    write(campaign / "templates" / "audiences" / "beta" / "briefing.html.j2",
          '{% extends "builtin/briefing.html.j2" %}{% block summary %}' + long + "{% endblock %}")
    result = build(campaign, formats=["pdf"])
    assert [(f.audience, f.kind, f.format) for f in result.failures] == [("beta", "briefing", "pdf")]
    out = campaign / "out"
    assert not (out / "beta" / "briefing.pdf").exists()
    assert (out / "beta" / "letter.pdf").exists() and (out / "alpha" / "briefing.pdf").exists()
    assert not list(out.rglob("*.tmp"))


def test_a_fact_sheet_over_its_budget_is_a_problem_before_anything_is_written(campaign):
    long = "".join(f"<p>Paragraph {i} that makes the fact sheet far too long.</p>" for i in range(150))
    write(campaign / "templates" / "audiences" / "beta" / "factsheet.html.j2",
          '{% extends "builtin/factsheet.html.j2" %}{% block voice %}' + long + "{% endblock %}")
    before = snapshot(campaign / "out")
    with pytest.raises(ProblemsFound) as caught:
        build(campaign, formats=["pdf"])
    assert "must fit on 1" in caught.value.problems[0].message
    assert snapshot(campaign / "out") == before


@pytest.mark.parametrize("kwargs, message", [
    ({"kinds": ["lettre"]}, "unknown kind 'lettre'"),
    ({"audiences": ["gamma"]}, "unknown audience 'gamma'"),
    ({"formats": ["odt"]}, "unknown format 'odt'"),
])
def test_unknown_names_are_clear_errors(campaign, kwargs, message):
    with pytest.raises(BriefkitError, match=message):
        build(campaign, **kwargs)


def test_output_folder_may_not_be_inside_the_campaign_data(campaign):
    with pytest.raises(BriefkitError, match="inside the campaign's seeds/"):
        build(campaign, out_dir=campaign / "seeds" / "out")


def test_an_audience_reading_several_languages_gets_one_output_per_language(campaign):
    settings = "settings:\n  fallback_language: en\ntimeline:"
    (campaign / "briefkit.yaml").write_text((campaign / "briefkit.yaml").read_text().replace("timeline:", settings))
    beta = campaign / "audiences" / "beta.yaml"
    beta.write_text(beta.read_text().replace("paper: Letter", "paper: Letter\nlanguages: [en, fr]"))
    result = build(campaign, kinds=["letter"], formats=["pdf", "docx"])
    assert not result.failures
    out = campaign / "out"
    manifest = {e["path"]: e for e in json.loads((out / "manifest.json").read_text())["documents"]}
    assert sorted(manifest) == ["alpha/letter.docx", "alpha/letter.pdf", "beta/letter.en.docx",
                                "beta/letter.en.pdf", "beta/letter.fr.docx", "beta/letter.fr.pdf"]
    assert {path: e["lang"] for path, e in manifest.items()} == {
        "alpha/letter.docx": "en", "alpha/letter.pdf": "en", "beta/letter.en.docx": "en",
        "beta/letter.en.pdf": "en", "beta/letter.fr.docx": "fr", "beta/letter.fr.pdf": "fr"}
    assert "Lettre conjointe" in pdf_text(out / "beta" / "letter.fr.pdf")
    assert "Joint letter" in pdf_text(out / "beta" / "letter.en.pdf")
    assert manifest["beta/letter.en.pdf"]["input_hash"] != manifest["beta/letter.fr.pdf"]["input_hash"]
    again = build(campaign, kinds=["letter"], formats=["pdf", "docx"])
    assert not again.built and len(again.skipped) == 6
    assert again.warnings == []


def test_files_left_from_another_language_naming_are_named_in_a_warning(campaign):
    build(campaign, kinds=["letter"], formats=["pdf"])
    beta = campaign / "audiences" / "beta.yaml"
    settings = "settings:\n  fallback_language: en\ntimeline:"
    (campaign / "briefkit.yaml").write_text((campaign / "briefkit.yaml").read_text().replace("timeline:", settings))
    beta.write_text(beta.read_text().replace("paper: Letter", "paper: Letter\nlanguages: [en, fr]"))
    result = build(campaign, kinds=["letter"], formats=["pdf"])
    [warning] = result.warnings
    assert warning.format() == (
        "out/beta: warning: letter.pdf: left from an earlier build; beta now reads en, fr, so its documents are "
        "named <kind>.<lang>.pdf and so on, one per language (hint: delete the old files; they are never "
        "distributed)")
    assert (campaign / "out" / "beta" / "letter.pdf").exists()  # a user's file is never deleted
    (campaign / "out" / "beta" / "letter.pdf").unlink()
    assert build(campaign, kinds=["letter"], formats=["pdf"]).warnings == []


def test_a_logo_heads_every_kind_in_both_formats_with_its_alternative_text(campaign):
    import docx

    add_logo(campaign, height_mm=15)
    assert not build(campaign, audiences=["alpha"]).failures
    for kind in ("letter", "briefing", "factsheet"):
        assert pdf_figures(campaign / "out" / "alpha" / f"{kind}.pdf") == ["Example Coalition logo, a red square"]
        word = docx.Document(str(campaign / "out" / "alpha" / f"{kind}.docx"))
        [shape] = word.inline_shapes
        assert shape._inline.docPr.get("descr") == "Example Coalition logo, a red square"
        assert shape.height == 57 * 9525  # 15 mm is 57 CSS pixels, the height the PDF is given too
        assert shape.width == 2 * shape.height  # the image's proportions kept
