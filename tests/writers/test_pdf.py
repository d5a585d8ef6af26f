import pytest
from pypdf import PdfReader

from briefkit.errors import WriterError
from briefkit.fetcher import FetchRefused, SafeFetcher
from briefkit.writers.pdf import PdfWriter
from tests.helpers import document_from_html, pdf_text


def test_metadata_language_and_paper_size(tmp_path):
    path = tmp_path / "out.pdf"
    pages = PdfWriter().write(document_from_html("<h1>Heading</h1><p>Body words.</p>", paper="Letter"), path)
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
                          tmp_path / "out.pdf")


def test_images_outside_the_campaign_are_not_fetched(tmp_path):
    from PIL import Image

    root = tmp_path / "campaign"
    root.mkdir()
    for place in (root, tmp_path):
        Image.new("RGB", (8, 8), "red").save(place / "dot.png")
    # the vocabulary forbids <img>; the fetcher must hold even if one slipped through
    inside = document_from_html(f'<p>Text</p><img src="{(root / "dot.png").as_uri()}">', root=root)
    outside = document_from_html(f'<p>Text</p><img src="{(tmp_path / "dot.png").as_uri()}">', root=root)
    writer = PdfWriter()
    writer.write(inside, tmp_path / "in.pdf")
    writer.write(outside, tmp_path / "out.pdf")
    assert len(PdfReader(tmp_path / "in.pdf").pages[0].images) == 1
    assert len(PdfReader(tmp_path / "out.pdf").pages[0].images) == 0


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


def test_notes_are_footnotes_at_the_foot_of_the_page(tmp_path):
    from tests.helpers import pdf_footnotes, pdf_words_without_notes

    path = tmp_path / "out.pdf"
    body = "".join(f'<p>Claim {i}.<span class="note">Source {i}, line {i}.</span></p>' for i in range(1, 4))
    PdfWriter().write(document_from_html(body), path)
    assert pdf_footnotes(path) == ["Source 1, line 1.", "Source 2, line 2.", "Source 3, line 3."]
    assert pdf_words_without_notes(path) == ["claim", "claim", "claim"]
    text = pdf_text(path)
    assert text.index("Claim 3") < text.index("Source 1, line 1.")  # notes sit below the text


def test_every_font_is_embedded_and_subset_and_each_script_has_its_own(tmp_path):
    from tests.helpers import pdf_fonts

    path = tmp_path / "out.pdf"
    body = ('<h1>الخطوط الحمراء</h1><p>نطلب من الدول <strong>بوضوح</strong>.</p>'
            '<p lang="zh">我们的红线：公约草案。</p><p lang="en">English, <em>italic</em>.</p>')
    PdfWriter().write(document_from_html(body, lang="ar", direction="rtl"), path)
    fonts = pdf_fonts(path)
    assert fonts and all(fonts.values()), fonts  # FontFile2/FontFile3 present for every font
    assert all(name[6] == "+" and name[:6].isalpha() and name[:6].isupper() for name in fonts), fonts
    families = " ".join(fonts).replace("-", "")
    assert "NotoNaskhArabic" in families and "NotoSansArabic" in families and "CJKSC" in families


def test_the_page_label_is_in_the_documents_words(tmp_path):
    path = tmp_path / "out.pdf"
    PdfWriter().write(document_from_html("<p>Text</p>", page_numbers="yes",
                                         page_label="Страница {page} из {pages}", lang="ru"), path)
    assert "Страница 1 из 1" in pdf_text(path)
