"""The bundled campaign, built whole: what a delegation would notice if it broke."""

import difflib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefkit.loader import load_campaign
from briefkit.model import KINDS
from tests.helpers import (assert_qpdf_check, docx_footnotes, docx_text, pdf_footnotes, pdf_pages,
                           pdf_text, pdf_words_without_notes, words)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def out(bundled_build) -> Path:
    return bundled_build.out_dir


@pytest.fixture(scope="module")
def campaign(bundled_copy):
    return load_campaign(bundled_copy)


def test_every_kind_audience_and_format_is_built(out, campaign):
    manifest = json.loads((out / "manifest.json").read_text())["documents"]
    expected = {(a, k, f) for a in campaign.audiences for k in KINDS for f in ("pdf", "docx")}
    assert {(e["audience"], e["kind"], e["format"]) for e in manifest} == expected
    assert len(campaign.audiences) >= 9
    for audience, kind, fmt in expected:
        assert (out / audience / f"{kind}.{fmt}").stat().st_size > 5000


def test_every_fact_sheet_is_one_page(out, campaign):
    for audience in campaign.audiences:
        assert pdf_pages(out / audience / "factsheet.pdf") == 1, audience


def test_pdf_and_docx_carry_the_same_words(out, campaign):
    for audience in campaign.audiences:
        for kind in KINDS:
            pdf = pdf_words_without_notes(out / audience / f"{kind}.pdf")
            docx = words(docx_text(out / audience / f"{kind}.docx"))
            ratio = difflib.SequenceMatcher(None, pdf, docx, autojunk=False).ratio()
            assert ratio >= 0.98, (audience, kind, ratio)
            assert len(pdf) > 200


def test_footnotes_agree_between_pdf_and_docx(out, campaign):
    for audience in campaign.audiences:
        for kind in ("briefing", "factsheet"):
            pdf = pdf_footnotes(out / audience / f"{kind}.pdf")
            docx = docx_footnotes(out / audience / f"{kind}.docx")
            assert pdf == docx, (audience, kind)
    notes = pdf_footnotes(out / "canada" / "briefing.pdf")
    quotes_and_facts = sum(len(p.quotes) + len(p.facts) for p in campaign.positions)
    assert len(notes) >= quotes_and_facts
    assert ("Report from the New York negotiating session: scope creep and Article 28.4. Electronic "
            "Frontier Foundation, September 2023, paragraph 11, line 24.") in notes


def test_every_signatory_appears_in_every_letter(out, campaign):
    assert len(campaign.signatories) >= 8
    for audience in campaign.audiences:
        pdf = " ".join(pdf_text(out / audience / "letter.pdf").split())
        docx = " ".join(docx_text(out / audience / "letter.docx").split())
        for signatory in campaign.signatories:
            assert signatory.name in pdf, (audience, signatory.name)
            assert signatory.name in docx, (audience, signatory.name)
        assert f"Signed by {len(campaign.signatories)} organisations" in pdf


def test_letters_are_tailored_to_their_audience(out):
    canada = pdf_text(out / "canada" / "letter.pdf")
    norway = pdf_text(out / "norway" / "letter.pdf")
    assert "grateful for the statement Canada made" in " ".join(canada.split())
    assert "grateful" not in norway
    assert "Dear Ambassador McCarthy," in pdf_text(out / "united-states" / "letter.pdf")


def test_paper_size_follows_the_audience(out):
    from pypdf import PdfReader

    def size(path):
        box = PdfReader(path).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    assert size(out / "united-states" / "letter.pdf") == (612, 792)
    assert size(out / "canada" / "letter.pdf") == (595, 842)


def test_briefings_have_page_numbers_and_metadata(out):
    from pypdf import PdfReader

    reader = PdfReader(out / "canada" / "briefing.pdf")
    pages = len(reader.pages)
    assert pages > 3
    assert f"1 / {pages}" in reader.pages[0].extract_text()
    meta = reader.metadata
    assert meta.title.startswith("Delegate briefing")
    assert meta.author == "Civil society and industry coalition on the UN Cybercrime Convention"
    assert meta.subject == "Briefing notes for Canada: UN Cybercrime Convention"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_libreoffice_opens_every_docx_and_keeps_page_counts(out, campaign, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is needed for this test: apt-get install libreoffice-writer-nogui")
    converted = tmp_path / "lo"
    docx_files = sorted(str(p) for p in out.glob("*/*.docx"))
    # One call for every file amortises LibreOffice's start-up; files share a name, so
    # convert audience by audience into separate folders.
    by_audience: dict[str, list[str]] = {}
    for path in docx_files:
        by_audience.setdefault(Path(path).parent.name, []).append(path)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for audience, files in by_audience.items():
        subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
                        str(converted / audience), *files], check=True, capture_output=True,
                       timeout=600, env={**os.environ, "HOME": str(tmp_path)})
    for audience in campaign.audiences:
        for kind in KINDS:
            rendered = converted / audience / f"{kind}.pdf"
            assert rendered.exists(), f"LibreOffice could not open {audience}/{kind}.docx"
            if kind in ("letter", "factsheet"):
                assert pdf_pages(rendered) == pdf_pages(out / audience / f"{kind}.pdf"), (audience, kind)


def test_every_pdf_passes_qpdf_check_and_is_tagged(out, campaign):
    from pypdf import PdfReader

    for audience in campaign.audiences:
        for kind in KINDS:
            path = out / audience / f"{kind}.pdf"
            assert_qpdf_check(path)
            assert "/StructTreeRoot" in PdfReader(path).trailer["/Root"], path


def test_pdf_metadata_and_docx_core_properties_agree(out, campaign):
    import docx
    from pypdf import PdfReader

    for audience in campaign.audiences:
        for kind in KINDS:
            pdf = PdfReader(out / audience / f"{kind}.pdf")
            props = docx.Document(str(out / audience / f"{kind}.docx")).core_properties
            meta = pdf.metadata
            assert (meta.title, meta.author, meta.subject, meta["/Keywords"]) == \
                (props.title, props.author, props.subject, props.keywords), (audience, kind)
            assert meta.author == campaign.config.coalition
            assert pdf.trailer["/Root"]["/Lang"] == props.language == "en"
            created = campaign.config.date
            assert meta["/CreationDate"] == f"D:{created:%Y%m%d}"
            assert props.created.date() == created
