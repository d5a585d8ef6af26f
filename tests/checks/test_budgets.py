"""Page budgets are part of check: a check that passes means a build within every budget.

On the invented seabed campaign (tests/fixtures/second_campaign.py), whose letters carry 300
signatories: a budget no fit step can meet is a problem naming the audience, the kind, the pages,
what takes the room and the setting to change; a budget the kind's fit steps can meet is met, in
both formats, and the manifest says which steps it took; and a build right after a check lays out
none of the documents the check laid out.
"""

import json
import os

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from briefkit.build import plan
from briefkit.build.run import build
from briefkit.cli import main
from briefkit.errors import ProblemsFound
from tests.fixtures.second_campaign import make_second_campaign
from tests.helpers import docx_text, pdf_pages, pdf_text, snapshot
from tests.pages import libreoffice_pdfs, page_count

pytestmark = pytest.mark.slow


def seabed(tmp_path, settings: str, audiences=("valdoria", "qamar")):
    """The seabed campaign with `settings` lines added, and only some of its audiences."""
    root = make_second_campaign(tmp_path / "campaign")
    config = root / "briefkit.yaml"
    config.write_text(config.read_text().replace("settings:\n", "settings:\n" + settings), encoding="utf-8")
    for path in (root / "audiences").iterdir():
        if path.stem not in audiences:
            path.unlink()
    return root


def check(root):
    return CliRunner().invoke(main, ["check", "--campaign", str(root)])


def test_a_budget_no_step_can_meet_is_a_problem_that_says_what_takes_the_room(tmp_path):
    root = seabed(tmp_path, "  page_budgets: {Letter: 1}\n")
    before = snapshot(root)
    result = check(root)
    assert result.exit_code == 1
    assert ("audiences/valdoria.yaml: the letter for valdoria (en) runs to 4 pages even with its fit steps "
            "(more-columns, smaller:0.95, smaller:0.9); it must fit on 1: the part headed "
            "'Signed by 300 organisations' takes ") in result.stderr
    assert "allow more pages with settings.page_budgets (letter: 4) in briefkit.yaml" in result.stderr
    assert "the letter for qamar (ar) runs to 4 pages" in result.stderr  # every audience, every language
    assert snapshot(root) == before  # out/ as it was: nothing laid out is kept from a failed check
    with pytest.raises(ProblemsFound):
        build(root, jobs=2)
    assert snapshot(root) == before


def test_a_fit_step_of_the_kind_meets_the_budget_in_both_formats_and_the_manifest_says_which(tmp_path):
    root = seabed(tmp_path, "  page_budgets: {letter: 4}\n", audiences=("valdoria",))
    assert check(root).exit_code == 0
    result = build(root, kinds=["letter"], jobs=1)
    assert not result.failures
    pdf, docx_path = root / "out" / "valdoria" / "letter.pdf", root / "out" / "valdoria" / "letter.docx"
    assert pdf_pages(pdf) == 4  # five pages in three columns
    entries = {e["path"]: e for e in json.loads((root / "out" / "manifest.json").read_text())["documents"]}
    assert entries["valdoria/letter.pdf"]["fit"] == entries["valdoria/letter.docx"]["fit"] == ["more-columns"]
    columns = {el.get(qn("w:num")) for el in docx.Document(str(docx_path)).element.body.iter(qn("w:cols"))}
    assert "4" in columns
    assert page_count(libreoffice_pdfs([docx_path], tmp_path / "lo")[docx_path]) == 4


def test_a_smaller_setting_shrinks_type_in_both_formats_and_keeps_the_paper(tmp_path):
    root = seabed(tmp_path, "  page_budgets: {letter: 3}\n", audiences=("valdoria",))
    config = root / "briefkit.yaml"
    config.write_text(config.read_text().replace("signatory_columns: 3", "signatory_columns: 4"), encoding="utf-8")
    # The campaign's own letter declares one fit step: everything a fifth smaller.
    (root / "templates").mkdir()
    (root / "templates" / "letter.html.j2").write_text(
        '{% extends "builtin/letter.html.j2" %}{% block fit_steps %}smaller:0.8{% endblock %}', encoding="utf-8")
    assert check(root).exit_code == 0
    assert not build(root, kinds=["letter"], jobs=1).failures
    pdf, docx_path = root / "out" / "valdoria" / "letter.pdf", root / "out" / "valdoria" / "letter.docx"
    assert pdf_pages(pdf) == 3
    assert "Fictional Coastal Network 300" in pdf_text(pdf) and "Fictional Coastal Network 300" in docx_text(docx_path)
    from pypdf import PdfReader

    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # still US Letter
    word = docx.Document(str(docx_path))
    assert word.styles["Normal"].font.size.pt == 8  # 10 pt, a fifth smaller
    assert round(word.sections[0].page_width.pt) == 612
    assert page_count(libreoffice_pdfs([docx_path], tmp_path / "lo")[docx_path]) == 3


def test_a_build_right_after_a_check_takes_the_pdfs_the_check_laid_out(tmp_path):
    root = seabed(tmp_path, "", audiences=("valdoria", "qamar", "coralia"))
    assert check(root).exit_code == 0
    cache = root / "out" / plan.CACHE
    laid_out = {path.stat().st_ino for path in cache.glob("*.pdf")}
    assert len(laid_out) == 4  # the fact sheets: valdoria, qamar, coralia in English and French
    assert not build(root, jobs=2).failures
    factsheets = sorted((root / "out").glob("*/factsheet*.pdf"))
    assert len(factsheets) == 4
    # The same files, moved into place: none was laid out again.
    assert {path.stat().st_ino for path in factsheets} == laid_out
    assert not cache.exists()
    assert all(os.path.getsize(path) for path in factsheets)
