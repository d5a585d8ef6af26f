"""The DOCX lays out like the PDF: LibreOffice's rendering of every DOCX has the PDF's page count,
and every heading starts on the same page, for the bundled campaign and the invented seabed one
(long briefings, Arabic and Chinese letters, 300 signatories in columns, A4 and Letter).

The report (document, PDF pages, LibreOffice pages, headings that moved) is written next to the
build as page-parity.csv and printed when a document differs; benchmarks/page_parity.py prints the
same for any campaign.
"""

import csv

import pytest

from briefkit.build.run import build
from tests.fixtures.second_campaign import add_long_positions, make_second_campaign
from tests.pages import heading_pages, headings, libreoffice_pdfs, page_count

pytestmark = pytest.mark.slow


def parity_report(out_dir, lo_dir):
    docx_files = sorted(out_dir.rglob("*.docx"))
    converted = libreoffice_pdfs(docx_files, lo_dir)
    rows = []
    for path in docx_files:
        titles = headings(path)
        ours, theirs = heading_pages(path.with_suffix(".pdf"), titles), heading_pages(converted[path], titles)
        moved = [f"{title[:40]}: {a}/{b}" for title, a, b in zip(titles, ours, theirs) if a != b]
        found = sum(page is not None for page in ours)
        rows.append((path.relative_to(out_dir).as_posix(), page_count(path.with_suffix(".pdf")),
                     page_count(converted[path]), "; ".join(moved), found, len(titles)))
    with (out_dir.parent / "page-parity.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("document", "pdf_pages", "libreoffice_pages", "headings_moved",
                                       "headings_found", "headings"), *rows])
    return rows


def assert_page_for_page(rows):
    differing = [row for row in rows if row[1] != row[2] or row[3]]
    assert not differing, "\n".join(f"{r[0]}: PDF {r[1]} pages, LibreOffice {r[2]}; {r[3]}" for r in differing)
    # The comparison means something only if the headings were found: most are, in every script
    # (an Arabic heading pdftotext gives back in another order is the exception).
    assert sum(r[4] for r in rows) >= 0.8 * sum(r[5] for r in rows)
    assert any(r[1] >= 3 for r in rows)  # documents of several pages among them


def test_the_bundled_campaign_is_page_for_page(bundled_build, tmp_path):
    assert not bundled_build.failures
    assert_page_for_page(parity_report(bundled_build.out_dir, tmp_path / "lo"))


def test_the_invented_campaign_is_page_for_page(tmp_path):
    root = add_long_positions(make_second_campaign(tmp_path / "campaign"))
    result = build(root, jobs=2)
    assert not result.failures, result.failures
    rows = parity_report(root / "out", tmp_path / "lo")
    assert {row[0] for row in rows} >= {"qamar/letter.docx", "lianhe/letter.docx", "coralia/briefing.en.docx"}
    assert min(row[1] for row in rows if "/briefing" in row[0]) >= 6  # long briefings, in every language
    assert_page_for_page(rows)
