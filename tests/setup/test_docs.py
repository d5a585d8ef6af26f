"""The reference in docs/ builds with MkDocs, strictly, and the README's links into it hold
(issue 19, point 5).

mkdocs.yml makes every broken link or anchor between the pages a warning, and --strict makes
a warning an error; the README is outside the site, so its links to docs/ pages and their
anchors are checked here against the site built.
"""

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

MKDOCS = Path(sys.executable).parent / "mkdocs"


def test_the_docs_build_strictly_and_the_readme_links_land(tmp_path):
    site = tmp_path / "site"
    done = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(site)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(docs/([\w-]+)\.md(?:#([\w-]+))?\)", readme)
    assert {page for page, _ in links} >= {"data", "templates", "cli", "languages", "translators", "builds",
                                           "distribution", "security", "how-it-works", "evidence"}
    for page, anchor in links:
        html = site / page / "index.html"
        assert html.is_file(), f"README links to docs/{page}.md, which the site does not have"
        if anchor:
            assert f'id="{anchor}"' in html.read_text(encoding="utf-8"), \
                f"README links to docs/{page}.md#{anchor}, which has no such heading"


def test_a_broken_anchor_fails_the_strict_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the data](data.md#no-such-heading).\n", encoding="utf-8")
    (docs / "data.md").write_text("# Data\n", encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:  - .*\n)+", "", config, flags=re.M)  # the real pages are not here
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "site")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "no-such-heading" in done.stderr, done.stderr
