import pytest
from pypdf import PdfReader

from briefkit.errors import BriefkitError, WriterError
from briefkit.writers.fetcher import FetchRefused, SafeFetcher
from briefkit.writers.pdf import PdfWriter
from briefkit.writers.variants import PDF_VARIANTS, resolve_pdf_variant
from tests.helpers import assert_qpdf_check, document_from_html, pdf_text


def test_metadata_language_and_paper_size(tmp_path):
    path = tmp_path / "out.pdf"
    document = document_from_html("<h1>Heading</h1><p>Body words.</p>", paper="Letter")
    pages = PdfWriter().write(document, path, "test/document")
    reader = PdfReader(path)
    assert pages == len(reader.pages) == 1
    meta = reader.metadata
    assert (meta.title, meta.author, meta.subject) == ("Test title", "Test Coalition", "Test subject")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "Body words." in pdf_text(path)


def test_a_document_longer_than_its_page_limit_fails(tmp_path):
    long_body = "".join(f"<p>Paragraph {i} of a fact sheet that is far too long.</p>" for i in range(120))
    with pytest.raises(WriterError, match=r"runs to \d+ pages; it must fit on 1"):
        PdfWriter().write(document_from_html(long_body, kind="factsheet", max_pages="1"),
                          tmp_path / "out.pdf", "test/document")


def test_images_outside_the_campaign_are_not_fetched(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.delenv("CI", raising=False)  # outside CI a refusal is a warning; the CI case is below

    root = tmp_path / "campaign"
    root.mkdir()
    for place in (root, tmp_path):
        Image.new("RGB", (8, 8), "red").save(place / "dot.png")
    # the vocabulary forbids <img>; the fetcher must hold even if one slipped through
    inside = document_from_html(f'<p>Text</p><img src="{(root / "dot.png").as_uri()}">', root=root)
    outside = document_from_html(f'<p>Text</p><img src="{(tmp_path / "dot.png").as_uri()}">', root=root)
    writer = PdfWriter()
    writer.write(inside, tmp_path / "in.pdf", "test/document")
    writer.write(outside, tmp_path / "out.pdf", "test/document")
    assert len(PdfReader(tmp_path / "in.pdf").pages[0].images) == 1
    assert len(PdfReader(tmp_path / "out.pdf").pages[0].images) == 0


def test_a_refused_fetch_is_an_error_in_ci(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setenv("CI", "true")
    root = tmp_path / "campaign"
    root.mkdir()
    Image.new("RGB", (8, 8), "red").save(tmp_path / "dot.png")
    outside = document_from_html(f'<p>Text</p><img src="{(tmp_path / "dot.png").as_uri()}">', root=root)
    with pytest.raises(WriterError, match="refused to fetch file:.*dot.png"):
        PdfWriter().write(outside, tmp_path / "out.pdf", "test/document")
    assert not (tmp_path / "out.pdf").exists()


def test_safe_fetcher_allows_only_files_inside_its_roots(tmp_path):
    root = tmp_path / "campaign"
    (root / "img").mkdir(parents=True)
    (root / "img" / "logo.txt").write_text("ok")
    (root / "img" / "escape").symlink_to("/etc/hostname")
    fetcher = SafeFetcher([root])
    assert fetcher.fetch((root / "img" / "logo.txt").as_uri()).read() == b"ok"
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    for url in ("file:///etc/hostname", (root / "img" / "escape").as_uri(), "http://127.0.0.1:9/",
                (root / "img").as_uri(), "file:///dev/zero"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def _xmp(reader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def _outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += _outline_titles(item) if isinstance(item, list) else [item["/Title"]]
    return titles


def _font_files(reader) -> dict[str, bool]:
    """Each font the pages use, and whether its program is embedded in the file."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None:
                    descriptor = descriptor.get_object()
                    found[str(part["/BaseFont"])] = any(
                        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


BODY = "<h1>Main heading</h1><p>Body words.</p><h2>Second level</h2><p>More.</p><h3>Third</h3><p>End.</p>"


def test_pdfs_are_tagged_pdf_ua_1_by_default_with_bookmarks_and_metadata(tmp_path):
    path = tmp_path / "out.pdf"
    PdfWriter().write(document_from_html(BODY), path, "test/document")
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root  # the tags a screen reader follows
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # the title, not the file name
    assert root["/Lang"] == "en"
    assert 'pdfuaid:part="1"' in _xmp(reader)
    assert _outline_titles(reader.outline) == ["Main heading", "Second level", "Third"]
    meta = reader.metadata
    assert (meta.title, meta.author, meta.subject, meta["/Keywords"]) == \
        ("Test title", "Test Coalition", "Test subject", "one, two")
    assert meta["/CreationDate"] == "D:20240729"
    assert _font_files(reader) and all(_font_files(reader).values()), _font_files(reader)


def test_pdf_a_3u_is_archival_and_untagged(tmp_path):
    path = tmp_path / "out.pdf"
    PdfWriter(pdf_variant="pdf/a-3u").write(document_from_html(BODY), path, "test/document")
    reader = PdfReader(path)
    xmp = _xmp(reader)
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="U"' in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]  # the colour profile PDF/A asks for
    assert "/StructTreeRoot" not in reader.trailer["/Root"]
    assert all(_font_files(reader).values())


def test_the_untagged_variant_writes_a_plain_pdf(tmp_path):
    path = tmp_path / "out.pdf"
    PdfWriter(pdf_variant="none").write(document_from_html(BODY), path, "test/document")
    root = PdfReader(path).trailer["/Root"]
    assert "/StructTreeRoot" not in root and "/Metadata" not in root


@pytest.mark.parametrize("variant", PDF_VARIANTS)
def test_qpdf_finds_no_errors_in_any_variant(tmp_path, variant):
    path = tmp_path / "out.pdf"
    PdfWriter(variant).write(document_from_html(BODY + "<ul><li><em>x</em></li></ul>"), path, "test/document")
    assert_qpdf_check(path)


def test_briefkit_offers_every_variant_weasyprint_writes():
    from weasyprint.pdf import VARIANTS

    assert set(PDF_VARIANTS) - {"none"} == set(VARIANTS) - {"debug"}


@pytest.mark.parametrize("given, expected", [(None, "pdf/ua-1"), ("PDF/A-3u", "pdf/a-3u"),
                                             ("a-3u", "pdf/a-3u"), ("none", "none")])
def test_variant_names_are_resolved(given, expected):
    assert resolve_pdf_variant(given) == expected


def test_an_unknown_variant_is_a_clear_error():
    with pytest.raises(BriefkitError, match=r"unknown PDF variant 'pdf/a3u'") as caught:
        resolve_pdf_variant("pdf/a3u")
    assert caught.value.hint.startswith("did you mean 'pdf/a-3u'?")
def test_notes_are_footnotes_at_the_foot_of_the_page(tmp_path):
    from tests.helpers import pdf_footnotes, pdf_words_without_notes

    path = tmp_path / "out.pdf"
    body = "".join(f'<p>Claim {i}.<span class="note">Source {i}, line {i}.</span></p>' for i in range(1, 4))
    PdfWriter().write(document_from_html(body), path, "test/document")
    assert pdf_footnotes(path) == ["Source 1, line 1.", "Source 2, line 2.", "Source 3, line 3."]
    assert pdf_words_without_notes(path) == ["claim", "claim", "claim"]
    text = pdf_text(path)
    assert text.index("Claim 3") < text.index("Source 1, line 1.")  # notes sit below the text


def test_every_font_is_embedded_and_subset_and_each_script_has_its_own(tmp_path):
    from tests.helpers import pdf_fonts

    path = tmp_path / "out.pdf"
    body = ('<h1>الخطوط الحمراء</h1><p>نطلب من الدول <strong>بوضوح</strong>.</p>'
            '<p lang="zh">我们的红线：公约草案。</p><p lang="en">English, <em>italic</em>.</p>')
    PdfWriter().write(document_from_html(body, lang="ar", direction="rtl"), path, "test/document")
    fonts = pdf_fonts(path)
    assert fonts and all(fonts.values()), fonts  # FontFile2/FontFile3 present for every font
    assert all(name[6] == "+" and name[:6].isalpha() and name[:6].isupper() for name in fonts), fonts
    families = " ".join(fonts).replace("-", "")
    assert "NotoNaskhArabic" in families and "NotoSansArabic" in families and "CJKSC" in families


def test_the_page_label_is_in_the_documents_words(tmp_path):
    path = tmp_path / "out.pdf"
    PdfWriter().write(document_from_html("<p>Text</p>", page_numbers="yes",
                                         page_label="Страница {page} из {pages}", lang="ru"), path, "test/document")
    assert "Страница 1 из 1" in pdf_text(path)
