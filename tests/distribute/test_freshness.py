"""Only current PDFs leave: stale, changed or missing ones stop distribution and are named."""

import json

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.build.run import build
from briefkit.distribute.freshness import current_pdfs
from briefkit.distribute.run import distribute
from briefkit.errors import ProblemsFound

KINDS = ["letter", "briefing", "factsheet"]


def check(root, audiences=("alpha", "beta"), kinds=KINDS):
    return current_pdfs(root / "out", load_campaign(root), list(audiences), list(kinds))


def refusals(root, **kwargs):
    with pytest.raises(ProblemsFound) as caught:
        check(root, **kwargs)
    return [p.format() for p in caught.value.problems]


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
    assert refusals(distributable, kinds=["letter"]) == [
        "out/beta/letter.pdf: stale: the campaign, its templates or the software changed since it was "
        "built (hint: run: briefkit build letter -a beta -f pdf)"]
    assert check(distributable, audiences=["alpha"])  # alpha's documents do not depend on beta.yaml


def test_a_touched_or_missing_pdf_is_named(distributable):
    out = distributable / "out"
    (out / "alpha" / "letter.pdf").write_bytes(b"%PDF-1.7 edited by hand")
    (out / "beta" / "factsheet.pdf").unlink()
    found = refusals(distributable)
    assert found == [
        "out/alpha/letter.pdf: changed since it was built: its sha256 is not the one out/manifest.json "
        "recorded (hint: run: briefkit build letter -a alpha -f pdf)",
        "out/beta/factsheet.pdf: missing: the manifest lists it but the file is gone "
        "(hint: run: briefkit build factsheet -a beta -f pdf)"]


def test_a_pdf_never_built_is_missing(campaign):
    with open(campaign / "briefkit.yaml", "a", encoding="utf-8") as config:
        config.write("settings:\n  distribution:\n    from: coalition@example.org\n")
    build(campaign, kinds=["letter"], formats=["pdf"], jobs=1)
    assert refusals(campaign, audiences=["alpha"], kinds=["letter", "factsheet"]) == [
        "out/alpha/factsheet.pdf: missing: it has not been built "
        "(hint: run: briefkit build factsheet -a alpha -f pdf)"]


def test_pdfs_built_in_another_variant_are_current_in_that_variant(distributable):
    build(distributable, kinds=["letter"], formats=["pdf"], jobs=1, pdf_variant="pdf/a-3u")
    assert {p.pdf_variant for p in check(distributable, kinds=["letter"])["alpha"]} == {"pdf/a-3u"}
    (distributable / "signatories.csv").write_text("name,country,type\nOnly Org,,civil society\n")
    assert refusals(distributable, audiences=["alpha"], kinds=["letter"])[0].endswith(
        "(hint: run: briefkit build letter -a alpha -f pdf --pdf-variant pdf/a-3u)")


def test_distribute_refuses_stale_documents_before_writing_anything(distributable):
    path = distributable / "positions" / "01-safeguards.yaml"
    path.write_text(path.read_text().replace("Journalists need protection.", "Journalists need more."))
    with pytest.raises(ProblemsFound) as caught:
        distribute(distributable)
    assert len(caught.value.problems) == 6
    out = distributable / "out"
    assert not (out / "outbox").exists() and not (out / "bundles").exists()
