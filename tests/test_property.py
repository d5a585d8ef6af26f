"""Property: arbitrary Unicode in a text field either gives a clear briefkit error or builds
both formats carrying the same words."""

import shutil
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.build.run import build
from briefkit.errors import BriefkitError
from tests.helpers import docx_text, pdf_text, words

# Any characters, including control characters, but not surrogates (which no UTF-8 file can
# hold). A character no font of the stylesheets has is a clear error from the glyph check.
# Half the examples draw from the Latin, Greek and Cyrillic blocks, which the fonts cover, so that
# the "builds, with the same words" branch is exercised as often as the error branch.
ANY = st.characters(blacklist_categories=("Cs",))
COVERED = st.characters(blacklist_categories=("Cs",), max_codepoint=0x4FF)
TEXT = st.one_of(st.text(alphabet=ANY, min_size=1, max_size=40),
                 st.text(alphabet=COVERED, min_size=1, max_size=40))


def nfkc_words(text: str) -> list[str]:
    return words(unicodedata.normalize("NFKC", text))


@settings(max_examples=16, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=TEXT, signatory=TEXT)
def test_any_text_builds_in_both_formats_or_is_a_clear_error(campaign, tmp_path_factory, title, signatory):
    root = tmp_path_factory.mktemp("prop") / "campaign"
    shutil.copytree(campaign, root)
    position = root / "positions" / "01-safeguards.yaml"
    data = yaml.safe_load(position.read_text())
    data["title"] = title
    position.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with open(root / "signatories.csv", "a", encoding="utf-8", newline="") as csv_file:
        import csv
        csv.writer(csv_file).writerow([signatory, "", "ngo"])
    try:
        result = build(root, kinds=["letter"], audiences=["alpha"], jobs=1)
    except BriefkitError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        for problem in getattr(exc, "problems", []):  # each names a file and what is wrong there
            assert problem.path and problem.message
        return
    assert not result.failures, result.failures
    pdf = nfkc_words(pdf_text(root / "out" / "alpha" / "letter.pdf"))
    docx = nfkc_words(docx_text(root / "out" / "alpha" / "letter.docx"))
    for field in (title, signatory):
        wanted = nfkc_words(field)
        for word in wanted:
            assert word in docx, (field, word)
            assert word in pdf or not word.isprintable(), (field, word)
