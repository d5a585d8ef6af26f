"""Only current PDFs leave: stale, changed or missing ones stop distribution and are named."""

import json

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.build.run import build
from briefkit.distribute.freshness import current_files
from briefkit.distribute.run import distribute
from briefkit.errors import ProblemsFound

KINDS = ["letter", "briefing", "factsheet"]


def check(root, audiences=("alpha", "beta"), kinds=KINDS):
    return current_files(root / "out", load_campaign(root), list(audiences), list(kinds))


def refusals(root, **kwargs):
    """The problems, one line per file, and the one hint for them all."""
    with pytest.raises(ProblemsFound) as caught:
        check(root, **kwargs)
    return [p.format() for p in caught.value.problems], caught.value.hint


def test_freshly_built_pdfs_are_current_with_the_manifests_hashes(distributable):
    found = check(distributable)
    manifest = {e["path"]: e for e in json.loads((distributable / "out" / "manifest.json").read_text())["documents"]}
    assert [p.kind for p in found["beta"]] == KINDS
    for pdfs in found.values():
        for pdf in pdfs:
            assert pdf.sha256 == manifest[pdf.rel]["sha256"]
            assert pdf.filename == f"{pdf.audience}-{pdf.kind}.pdf"


def test_a_changed_input_makes_that_audiences_pdfs_stale(distributable):
    path = distributable / "audiences" / "beta.yaml"
    path.write_text(path.read_text().replace("Dear Beta,", "Dear Friends in Beta,"))
    assert refusals(distributable, kinds=["letter"]) == ([
        "out/beta/letter.pdf: stale: the campaign, its templates or the software changed since it was "
        "built"], "rebuild them all with one command: briefkit build letter -a beta -f pdf")
    assert check(distributable, audiences=["alpha"])  # alpha's documents do not depend on beta.yaml


def test_a_touched_or_missing_pdf_is_named(distributable):
    out = distributable / "out"
    (out / "alpha" / "letter.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    (out / "beta" / "factsheet.pdf").unlink()
    found = refusals(distributable)
    assert found == ([
        "out/alpha/letter.pdf: changed since it was built: its sha256 is not the one out/manifest.json "
        "recorded",
        "out/beta/factsheet.pdf: missing: the manifest lists it but the file is gone"],
        "rebuild them all with one command: briefkit build letter factsheet -f pdf")


def test_a_pdf_never_built_is_missing(campaign):
    with open(campaign / "briefkit.yaml", "a", encoding="utf-8") as config:
        config.write("settings:\n  distribution:\n    from: coalition@example.org\n")
    build(campaign, kinds=["letter"], formats=["pdf"], jobs=1)
    assert refusals(campaign, audiences=["alpha"], kinds=["letter", "factsheet"]) == (
        ["out/alpha/factsheet.pdf: missing: it has not been built"],
        "rebuild them all with one command: briefkit build factsheet -a alpha -f pdf")


def test_pdfs_built_in_another_variant_are_current_in_that_variant(distributable):
    build(distributable, kinds=["letter"], formats=["pdf"], jobs=1, pdf_variant="pdf/a-3u")
    assert {p.pdf_variant for p in check(distributable, kinds=["letter"])["alpha"]} == {"pdf/a-3u"}
    (distributable / "signatories.csv").write_text("name,country,type\nOnly Org,,civil society\n")
    assert refusals(distributable, audiences=["alpha"], kinds=["letter"])[1].endswith(
        "briefkit build letter -a alpha -f pdf --pdf-variant pdf/a-3u")


def test_distribute_refuses_stale_documents_before_writing_anything(distributable):
    path = distributable / "positions" / "01-safeguards.yaml"
    path.write_text(path.read_text().replace("Journalists need protection.", "Journalists need more."))
    with pytest.raises(ProblemsFound) as caught:
        distribute(distributable)
    assert len(caught.value.problems) == 6
    out = distributable / "out"
    assert not (out / "outbox").exists() and not (out / "bundles").exists()


def test_after_any_edit_one_command_rebuilds_every_stale_document(distributable):
    with open(distributable / "briefkit.yaml", "a", encoding="utf-8") as config:
        config.write("  # a comment changes the file every document is built from\n")
    problems, hint = refusals(distributable)
    assert len(problems) == 6 and not [p for p in problems if "hint" in p]  # no hint per file…
    assert hint == "rebuild them all with one command: briefkit build -f pdf"  # …one for them all
    build(distributable, formats=["pdf"], jobs=1)  # that command, as the library runs it
    assert check(distributable)


def test_documents_built_with_options_are_rebuilt_with_them(distributable):
    build(distributable, kinds=["letter"], formats=["pdf"], jobs=1, confirmed_only=False, redline="tracked")
    (distributable / "signatories.csv").write_text("name,country,type\nOnly Org,,civil society\n")
    problems, hint = refusals(distributable, kinds=["letter", "briefing"])
    assert hint == ("rebuild them all with: briefkit build letter -f pdf --redline tracked; "
                    "then briefkit build briefing -f pdf")
