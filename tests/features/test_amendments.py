"""Amendments: data, the redline in both formats, tracked changes that accept and reject exactly."""

import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from briefkit.build.run import build
from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError, ProblemsFound
from briefkit.render.redline import normalise
from tests.helpers import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

AMENDMENTS = """\
amendments:
  - id: replace-refusal
    article: Article 40.8
    action: replace
    current: >-
      A requested State Party may refuse a request, where it considers
      that execution of the request is likely to prejudice its sovereignty.
    proposed: >-
      A requested State Party shall refuse a request where it considers that
      execution of the request is likely to prejudice its sovereignty, or
      human rights.
    rationale: Refusal must be possible on human rights grounds.
  - id: delete-compulsion
    article: Article 28.4
    action: delete
    current: Each State Party may compel any person to assist a search.
    rationale: It undermines security.
  - id: new-protection
    article: New article
    action: insert
    where: after Article 6
    proposed: Nothing in this Convention requires the prosecution of journalists.
    rationale: Journalists need protection.
  - id: delete-by-reference
    article: Article 99
    action: delete
    rationale: It is not needed.
"""


@pytest.fixture
def amended(campaign):
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text() + AMENDMENTS)
    return campaign


def redline_paragraphs(docx_path):
    """(accepted, rejected) text of each paragraph of document.xml holding a tracked change."""
    with zipfile.ZipFile(docx_path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    found = []
    for p in root.iter(f"{W}p"):
        if p.find(f".//{W}ins") is None and p.find(f".//{W}del") is None:
            continue
        accept, reject = [], []
        for node in p.iter(f"{W}t", f"{W}delText"):
            inside_ins = any(a.tag == f"{W}ins" for a in node.iterancestors())
            if node.tag == f"{W}delText":
                reject.append(node.text or "")
            else:
                accept.append(node.text or "")
                if not inside_ins:
                    reject.append(node.text or "")
        found.append(("".join(accept), "".join(reject)))
    return found


def test_amendments_are_validated_against_their_action(campaign):
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text() + "amendments:\n  - id: x\n    article: A\n    action: insert\n"
                        "    proposed: New.\n    rationale: R.\n")
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(campaign)
    assert caught.value.problems[0].format().startswith(
        "positions/01-safeguards.yaml:24: amendments[0]: an insertion needs `proposed`")


def test_tracked_changes_accept_to_proposed_and_reject_to_current(amended):
    build(amended, kinds=["amendments"], audiences=["alpha"], formats=["docx"], jobs=1, redline="tracked")
    path = amended / "out" / "alpha" / "amendments.docx"
    campaign = load_campaign(amended)
    expected = [(normalise(a.proposed), normalise(a.current)) for _, a in campaign.amendments()
                if a.current or a.proposed]
    assert redline_paragraphs(path) == expected
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    marks = list(root.iter(f"{W}ins", f"{W}del"))
    assert {m.get(f"{W}author") for m in marks} == {"Example Coalition"}
    assert {m.get(f"{W}date") for m in marks} == {"2026-11-23T00:00:00Z"}
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids))


def test_libreoffice_keeps_the_tracked_changes(amended, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui")
    with open(amended / "briefkit.yaml", "a", encoding="utf-8") as config:
        config.write("settings:\n  redline: Tracked\n")  # the campaign's own choice, as forgiving as any
    build(amended, kinds=["amendments"], audiences=["alpha"], formats=["docx"], jobs=1)
    source = amended / "out" / "alpha" / "amendments.docx"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "lo"), str(source)],
                   check=True, capture_output=True, timeout=300)
    round_tripped = tmp_path / "lo" / "amendments.docx"
    with zipfile.ZipFile(round_tripped) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    assert root.find(f".//{W}ins") is not None and root.find(f".//{W}delText") is not None
    assert {m.get(f"{W}author") for m in root.iter(f"{W}ins", f"{W}del")} == {"Example Coalition"}
    texts = redline_paragraphs(round_tripped)
    assert (normalise(load_campaign(amended).amendments()[0][1].proposed),
            normalise(load_campaign(amended).amendments()[0][1].current)) in texts


def test_pdf_shows_the_redline_with_a_legend_and_the_briefing_an_annex(amended):
    build(amended, kinds=["amendments", "briefing"], audiences=["alpha"], formats=["pdf"], jobs=1)
    text = " ".join(pdf_text(amended / "out" / "alpha" / "amendments.pdf").split())
    assert "struck-through text is proposed for deletion; underlined text is proposed for insertion" in text
    assert "Delete Article 99 in full." in text
    assert "A requested State Party mayshall refuse a request" in text  # struck "may", inserted "shall"
    briefing = " ".join(pdf_text(amended / "out" / "alpha" / "briefing.pdf").split())
    assert "Annex: proposed amendments side by side" in briefing
    assert "Current text Proposed text" in briefing


def test_clean_gives_the_consolidated_text_without_tracked_changes(amended):
    build(amended, kinds=["amendments"], audiences=["alpha"], formats=["docx", "pdf"], jobs=1, clean=True)
    path = amended / "out" / "alpha" / "amendments.docx"
    assert redline_paragraphs(path) == []
    text = " ".join(pdf_text(amended / "out" / "alpha" / "amendments.pdf").split())
    assert "Consolidated proposed text" in " ".join(text.split()).title() or "CONSOLIDATED" in text
    assert "Nothing in this Convention requires the prosecution of journalists." in text
    assert "Article 28.4 is deleted." in text
    assert "may refuse" not in text


def test_amendments_kind_needs_amendments(campaign):
    with pytest.raises(BriefkitError, match="the campaign proposes no amendments"):
        build(campaign, kinds=["amendments"], jobs=1)
    result = build(campaign, jobs=1, formats=["pdf"])
    assert not any(e.kind == "amendments" for e in result.built)
