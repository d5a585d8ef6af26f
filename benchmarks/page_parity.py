"""Report: each document's pages in briefkit's PDF and in LibreOffice's rendering of its DOCX.

Not a test (tests/features/test_page_parity.py asserts the same). Run from the repository root,
after `make test` (it needs LibreOffice and pdftotext):

    .venv/bin/python benchmarks/page_parity.py [--campaign .] [--second] [--out parity.csv]

Builds the campaign (the bundled one by default; `--second` the invented seabed campaign of the
tests) into a temporary folder, converts every DOCX with `soffice --headless --convert-to pdf`,
and prints one line per document: its PDF pages, LibreOffice's pages, and the page each heading
starts on in both where they differ. The last line counts the documents whose page counts differ.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefkit.build.run import build  # noqa: E402
from tests.pages import heading_pages, headings, libreoffice_pdfs, page_count  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaign", type=Path, default=REPO)
    parser.add_argument("--second", action="store_true", help="the invented campaign of the tests")
    parser.add_argument("--out", type=Path, help="also write the report as CSV")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefkit-parity-") as tmp:
        root = Path(tmp) / "campaign"
        if args.second:
            from tests.fixtures.second_campaign import add_long_positions, make_second_campaign

            add_long_positions(make_second_campaign(root))  # as the test builds it: long briefings
        else:
            shutil.copytree(args.campaign, root, ignore=shutil.ignore_patterns("out", ".venv", ".git", "tests"))
            (root / "out").mkdir(exist_ok=True)
        result = build(root, jobs=None)
        if result.failures:
            print("build failed:", result.failures, file=sys.stderr)
            return 1
        docx_files = sorted((root / "out").rglob("*.docx"))
        converted = libreoffice_pdfs(docx_files, Path(tmp) / "lo")
        rows, differing = [], 0
        for docx_path in docx_files:
            name = docx_path.relative_to(root / "out").with_suffix("").as_posix()
            pdf, lo = docx_path.with_suffix(".pdf"), converted[docx_path]
            ours, theirs = page_count(pdf), page_count(lo)
            titles = headings(docx_path)
            moved = [(title, a, b) for title, a, b in zip(titles, heading_pages(pdf, titles), heading_pages(lo, titles))
                     if a != b]
            differing += ours != theirs or bool(moved)
            rows.append((name, ours, theirs, "; ".join(f"{t[:40]}: {a}/{b}" for t, a, b in moved)))
            print(f"{name:40} pdf {ours:2}  libreoffice {theirs:2}  {rows[-1][3]}")
        print(f"{differing} of {len(rows)} documents differ")
        if args.out:
            with args.out.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(("document", "pdf_pages", "libreoffice_pages", "headings_moved"))
                writer.writerows(rows)
    return 0 if not differing else 2


if __name__ == "__main__":
    sys.exit(main())
