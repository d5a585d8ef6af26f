"""The bundled campaign, built whole: what a delegation would notice if it broke."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import KINDS
from tests.helpers import (
    assert_qpdf_check,
    docx_footnotes,
    docx_text,
    pdf_footnotes,
    pdf_pages,
    pdf_text,
    pdf_words_without_notes,
    same_words,
    words,
)

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


def test_every_un_language_has_an_audience_and_the_manifest_says_which(out, campaign):
    languages = {a.id: campaign.languages_of(a)[0] for a in campaign.audiences.values()}
    assert set(languages.values()) == {"ar", "en", "es", "fr", "ru", "zh"}
    assert (languages["burkina-faso"], languages["uruguay"], languages["costa-rica"], languages["russia"],
            languages["egypt"], languages["china"]) == ("fr", "es", "es", "ru", "ar", "zh")
    for entry in json.loads((out / "manifest.json").read_text())["documents"]:
        assert entry["lang"] == languages[entry["audience"]], entry


def test_every_fact_sheet_is_one_page(out, campaign):
    for audience in campaign.audiences:
        assert pdf_pages(out / audience / "factsheet.pdf") == 1, audience


def test_pdf_and_docx_carry_the_same_words(out, campaign):
    """In every language: Chinese compared character by character, Arabic as word multisets
    (a PDF's extracted text does not keep right-to-left order across direction changes)."""
    for audience in campaign.audiences:
        for kind in KINDS:
            pdf = pdf_words_without_notes(out / audience / f"{kind}.pdf")
            docx = words(docx_text(out / audience / f"{kind}.docx"))
            ratio = same_words(pdf, docx)
            assert ratio >= 0.98, (audience, kind, ratio)
            assert len(pdf) > 200


def test_footnotes_agree_between_pdf_and_docx(out, campaign):
    for audience in campaign.audiences:
        for kind in ("briefing", "factsheet"):
            pdf = pdf_footnotes(out / audience / f"{kind}.pdf")
            docx = docx_footnotes(out / audience / f"{kind}.docx")
            assert len(pdf) == len(docx), (audience, kind)
            for pdf_note, docx_note in zip(pdf, docx):
                if audience in ("egypt", "china"):  # extraction reorders bidi text and spaces CJK
                    assert sorted(words(pdf_note)) == sorted(words(docx_note)), (audience, kind, pdf_note)
                else:
                    assert pdf_note == docx_note, (audience, kind)
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
        if campaign.languages_of(campaign.audiences[audience]) == ["en"]:
            assert f"Signed by {len(campaign.signatories)} organisations" in pdf


def test_labels_dates_and_plurals_are_in_each_language(out):
    """Headings from the catalogues, dates from Babel's locales, plurals by each language's rules."""
    def text(audience, kind):
        return " ".join(pdf_text(out / audience / f"{kind}.pdf").split())

    cases = {
        ("burkina-faso", "briefing"): ["Éléments de langage", "Pourquoi c’est important", "29 juillet 2024",
                                       "Document préparé pour le Burkina Faso"],
        ("burkina-faso", "letter"): ["Signée par 11 organisations", "Excellences,"],
        ("uruguay", "briefing"): ["Argumentos clave", "29 de julio de 2024", "Preparado para Uruguay"],
        ("costa-rica", "factsheet"): ["Lo que pedimos a Costa Rica", "Nuestras líneas rojas"],
        ("costa-rica", "letter"): ["29 de julio de 2024", "Firmada por 11 organizaciones", "Excelencias:"],
        ("russia", "letter"): ["Подписали 11 организаций", "29 июля 2024 г.", "Ваши превосходительства!"],
        ("russia", "factsheet"): ["Наш призыв", "Кто мы"],
        ("china", "factsheet"): ["我们的红线", "2024年7月29日", "11个组织"],
        ("canada", "briefing"): ["Talking points", "29 July 2024", "Page 1 of"],
    }
    for (audience, kind), expected in cases.items():
        found = text(audience, kind)
        for words_ in expected:
            assert words_ in found, (audience, kind, words_)
    # Arabic: the PDF's text order is visual in places; the DOCX holds the logical text.
    arabic = docx_text(out / "egypt" / "letter.docx")
    assert "وقّعت على الرسالة 11 منظمة" in arabic and "29 يوليو 2024" in arabic


def test_arabic_runs_right_to_left_in_both_formats(out):
    import docx
    from docx.oxml.ns import qn

    from briefkit.writers.docx.runs import RTL_SCRIPT as _RTL_SCRIPT

    word = docx.Document(str(out / "egypt" / "letter.docx"))
    arabic = [p for p in word.paragraphs if _RTL_SCRIPT.search(p.text)]
    assert len(arabic) > 15
    for paragraph in arabic:
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None, paragraph.text
        runs = [r for r in paragraph._p.iter(qn("w:r")) if _RTL_SCRIPT.search("".join(r.itertext()))]
        assert all(r.find(qn("w:rPr")).find(qn("w:rtl")) is not None for r in runs), paragraph.text
    titles = [r for p in arabic for r in p.runs if r.bold and _RTL_SCRIPT.search(r.text)]
    assert titles and all(r._r.rPr.find(qn("w:bCs")) is not None for r in titles)
    assert word.sections[0]._sectPr.find(qn("w:bidi")) is not None
    from pypdf import PdfReader

    assert PdfReader(out / "egypt" / "letter.pdf").trailer["/Root"]["/Lang"] == "ar"


def test_fallback_text_is_said_where_used_and_only_there(out):
    """Arabic, Chinese and Russian letters and fact sheets are wholly translated; their briefings
    take the rest from English and say so, in their own language; French and Spanish need none."""
    notes = {"egypt": "بعض أجزاء هذه الوثيقة واردة باللغة الإنجليزية",
             "china": "本文件部分内容使用英语", "russia": "на языке оригинала (английский)",
             "burkina-faso": "faute de traduction", "uruguay": "aún no se dispone de traducción"}
    for audience, note in notes.items():
        for kind in KINDS:
            text = " ".join(docx_text(out / audience / f"{kind}.docx").split())
            expected = kind in ("briefing", "amendments") and audience in ("egypt", "china", "russia")
            assert (note in text) == expected, (audience, kind)
            assert (note in " ".join(pdf_text(out / audience / f"{kind}.pdf").split())) == expected or \
                audience == "egypt", (audience, kind)


def test_every_pdf_embeds_subset_fonts(out, campaign):
    from tests.helpers import pdf_fonts

    for audience in ("canada", "egypt", "china", "russia"):
        for kind in KINDS:
            fonts = pdf_fonts(out / audience / f"{kind}.pdf")
            assert fonts, (audience, kind)
            for name, embedded in fonts.items():
                assert embedded, (audience, kind, name)
                assert name[6:7] == "+" and name[:6].isupper(), (audience, kind, name)
    names = " ".join(pdf_fonts(out / "egypt" / "letter.pdf")) + " ".join(pdf_fonts(out / "china" / "factsheet.pdf"))
    assert "NotoNaskhArabic" in names.replace("-", "") and "NotoSerifCJKSC" in names.replace("-", "")


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
    assert f"Page 1 of {pages}" in reader.pages[0].extract_text()
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
            lang = campaign.languages_of(campaign.audiences[audience])[0]
            coalition = campaign.config.coalition
            assert meta.author == (coalition if isinstance(coalition, str) else coalition[lang])
            assert pdf.trailer["/Root"]["/Lang"] == props.language == lang
            created = campaign.config.date
            assert meta["/CreationDate"] == f"D:{created:%Y%m%d}"
            assert props.created.date() == created
