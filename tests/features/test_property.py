"""Property: arbitrary Unicode in a text field either gives a clear briefkit error or builds
both formats carrying the same words."""

import csv
import shutil
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.build.run import build
from briefkit.errors import ProblemsFound
from tests.helpers import docx_text, pdf_text, snapshot, words

# Any characters, including control characters, but not surrogates (which no UTF-8 file can
# hold): the build must succeed or name the file and line the text was written in.
ANY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
# Printable letters, digits, punctuation and symbols of Latin (Basic, Latin-1, Extended-A), Greek
# and Russian Cyrillic, which the fonts cover: these must always build, with the same words in both.
_COVERED = [chr(c) for c in [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x391, 0x3CA), *range(0x410, 0x450)]
            if unicodedata.category(chr(c))[0] in "LNPSZ"]
PRINTABLE = st.text(alphabet=st.sampled_from(_COVERED), min_size=1, max_size=40).filter(lambda text: text.strip())
WRITTEN_IN = {"positions/01-safeguards.yaml", "signatories.csv"}


def nfkc_words(text: str) -> list[str]:
    return words(unicodedata.normalize("NFKC", text))


def campaign_with(campaign, tmp_path_factory, title: str, signatory: str):
    root = tmp_path_factory.mktemp("prop") / "campaign"
    shutil.copytree(campaign, root)
    position = root / "positions" / "01-safeguards.yaml"
    data = yaml.safe_load(position.read_text())
    data["title"] = title
    position.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with open(root / "signatories.csv", "a", encoding="utf-8", newline="") as csv_file:
        csv.writer(csv_file).writerow([signatory, "", "ngo"])
    return root


def assert_same_words(root, *fields: str) -> None:
    pdf = nfkc_words(pdf_text(root / "out" / "alpha" / "letter.pdf"))
    docx = nfkc_words(docx_text(root / "out" / "alpha" / "letter.docx"))
    for field in fields:
        for word in nfkc_words(field):
            assert word in docx, (field, word)
            assert word in pdf or not word.isprintable(), (field, word)


SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(title=PRINTABLE, signatory=PRINTABLE)
def test_printable_text_in_covered_scripts_always_builds_with_the_same_words(campaign, tmp_path_factory,
                                                                             title, signatory):
    root = campaign_with(campaign, tmp_path_factory, title, signatory)
    result = build(root, kinds=["letter"], audiences=["alpha"], jobs=1)
    assert not result.failures, result.failures
    assert_same_words(root, title, signatory)


@SETTINGS
@given(title=ANY, signatory=ANY)
def test_any_text_builds_in_both_formats_or_names_where_it_was_written(campaign, tmp_path_factory, title,
                                                                       signatory):
    root = campaign_with(campaign, tmp_path_factory, title, signatory)
    before = snapshot(root / "out")
    try:
        result = build(root, kinds=["letter"], audiences=["alpha"], jobs=1)
    except ProblemsFound as exc:
        assert exc.problems
        for problem in exc.problems:  # each names the file the text was written in, and the line
            assert problem.path in WRITTEN_IN and problem.line, problem.format()
            assert "Traceback" not in problem.message
        assert snapshot(root / "out") == before
        return
    assert not result.failures, result.failures
    assert_same_words(root, title, signatory)
