"""A second, invented campaign of another kind builds every document, and reads as written for it.

The campaign (tests/fixtures/second_campaign.py) is about draft regulations, not a convention;
it has its own stances, four languages (Arabic and Chinese among them), Letter and A4 audiences,
a French source, an Arabic quote in an English report, and 300 signatories.
"""

import re
import subprocess

import docx
import lxml.html
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefkit.build.run import build
from briefkit.checks import check_campaign
from tests.fixtures.second_campaign import SIGNATORY_COUNT, make_second_campaign
from tests.helpers import docx_text, pdf_text

pytestmark = pytest.mark.slow

# "Convention" in the languages of the documents (and the bundled campaign's other words for it).
CONVENTION = re.compile(r"convention|convención|конвенц|اتفاقية|公约|treaty", re.IGNORECASE)
ARABIC_QUOTE = "لا تعدين قبل حماية قاع البحر"


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    root = make_second_campaign(tmp_path_factory.mktemp("second") / "campaign")
    result = build(root, jobs=2)
    assert not result.failures, result.failures
    assert not result.warnings, [w.format() for w in result.warnings]
    return root


def documents(root, suffix):
    return sorted((root / "out").rglob(f"*{suffix}"))


def test_every_kind_and_format_for_every_audience_and_language(second):
    pdfs = {p.relative_to(second / "out").as_posix() for p in documents(second, ".pdf")}
    per_audience = {"valdoria": [""], "nordmark": [""], "qamar": [""], "lianhe": [""], "coralia": [".en", ".fr"]}
    wanted = {f"{audience}/{kind}{lang}.pdf" for audience, langs in per_audience.items() for lang in langs
              for kind in ("letter", "briefing", "factsheet", "amendments")}
    assert pdfs == wanted
    assert len(documents(second, ".docx")) == len(wanted)


def test_no_document_names_a_convention_and_the_regulations_are_named_as_the_campaign_says(second):
    for path in documents(second, ".pdf"):
        assert not CONVENTION.search(pdf_text(path)), path
    for path in documents(second, ".docx"):
        assert not CONVENTION.search(docx_text(path)), path
    briefing = pdf_text(second / "out" / "valdoria" / "briefing.pdf")
    assert "The Regulations as a whole" in briefing  # a position with no articles
    assert "changes to the draft Regulations" in pdf_text(second / "out" / "valdoria" / "amendments.pdf")
    assert "Le Règlement dans son ensemble" in pdf_text(second / "out" / "nordmark" / "briefing.pdf")
    assert "整个规章" in pdf_text(second / "out" / "lianhe" / "briefing.pdf")


def test_fact_sheets_are_one_page_with_a_count_and_a_short_list_and_letters_name_everyone(second):
    names = [f"Fictional Coastal Network {n:03d}" for n in range(1, SIGNATORY_COUNT + 1)]
    for path in documents(second, ".pdf"):
        text = " ".join(pdf_text(path).split())
        if path.name.startswith("factsheet"):
            assert len(PdfReader(path).pages) == 1, path
            assert names[11] in text and names[12] not in text, path  # signatory_names: 12
        if path.name.startswith("letter"):
            assert all(name in text for name in names), path
    english = " ".join(pdf_text(second / "out" / "valdoria" / "factsheet.pdf").split())
    assert "Signed by 300 organisations, among them Fictional Coastal Network 001" in english
    for path in documents(second, ".docx"):
        if path.name.startswith("letter"):
            text = docx_text(path)
            assert all(name in text for name in names), path


def test_documents_show_what_a_delegate_can_use_and_never_a_file_path(second):
    for path in [*documents(second, ".pdf"), *documents(second, ".docx")]:
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert "seeds/" not in text and ".txt" not in text, path
    briefing = " ".join(pdf_text(second / "out" / "nordmark" / "briefing.pdf").split())
    assert "Rapport de la troisième session." in briefing  # the title as the campaign gives it in French
    assert "automne 2031" in briefing


def test_the_arabic_quote_keeps_its_language_and_direction_in_an_english_briefing(second):
    checked = check_campaign(second)
    briefing = next(d for d in checked.documents if (d.audience, d.kind) == ("valdoria", "briefing"))
    [paragraph] = [p for p in briefing.tree.iter("p") if ARABIC_QUOTE in p.text_content()]
    assert (paragraph.get("lang"), paragraph.get("dir")) == ("ar", "rtl")
    # DOCX: a right-to-left paragraph whose Arabic runs say so
    word = docx.Document(str(second / "out" / "valdoria" / "briefing.docx"))
    [quote] = [p for p in word.paragraphs if ARABIC_QUOTE in p.text]
    assert quote._p.pPr.find(qn("w:bidi")) is not None
    arabic_runs = [r for r in quote._p.iter(qn("w:r")) if ARABIC_QUOTE.split()[0] in "".join(r.itertext())]
    assert arabic_runs and all(r.rPr.find(qn("w:rtl")) is not None for r in arabic_runs)
    assert arabic_runs[0].rPr.find(qn("w:lang")).get(qn("w:bidi")).startswith("ar")
    # PDF: set right to left, so its words end at the right margin, while the English quote starts at the left
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2",
                            str(second / "out" / "valdoria" / "briefing.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    page = lxml.html.fromstring(boxes)
    width = float(page.find(".//page").get("width"))
    words = list(page.iter("word"))
    arabic = [w for w in words if re.search("[\u0600-\u06ff]", w.text)]
    assert min(float(w.get("xmin")) for w in arabic) > 0.5 * width  # the whole line is on the right
    assert max(float(w.get("xmax")) for w in arabic) > 0.75 * width
    [english] = [w for w in words if w.text == "“No"]
    assert float(english.get("xmin")) < 0.3 * width
    # its note number follows it, so it stands at the left end of the right-to-left line
    line = float(arabic[0].get("ymin"))
    [note] = [w for w in words if w.text.isdigit() and abs(float(w.get("ymin")) - line) < 4]
    assert float(note.get("xmax")) <= min(float(w.get("xmin")) for w in arabic) + 1


def test_each_stance_gets_its_own_points_context_and_call_to_action(second):
    champion = pdf_text(second / "out" / "valdoria" / "briefing.pdf")
    persuadable = pdf_text(second / "out" / "qamar" / "briefing.pdf")
    assert "Your delegation can carry this" in champion and "Your delegation can carry this" not in persuadable
    assert "A baseline protects your fishing fleets" in persuadable
    assert "Contexte" in pdf_text(second / "out" / "nordmark" / "briefing.pdf")  # opposed: context as background
    assert "Lead the call for a moratorium" in pdf_text(second / "out" / "valdoria" / "factsheet.pdf")
    assert "Lead the call for a moratorium" in pdf_text(second / "out" / "coralia" / "factsheet.en.pdf")
    lianhe = pdf_text(second / "out" / "lianhe" / "factsheet.pdf")  # persuadable: the campaign's own call
    assert "请支持在基线调查完成之前暂停" in lianhe.replace("\n", "")


def test_letter_and_a4_audiences_get_their_paper(second):
    for audience, points in (("valdoria", (612, 792)), ("coralia", (612, 792)), ("qamar", (595, 841))):
        path = next((second / "out" / audience).glob("letter*.pdf"))
        box = PdfReader(path).pages[0].mediabox
        assert (int(box.width), int(box.height)) == points, audience
