"""A redline read by other programs than Word: pandoc (Debian's) and mammoth (the library behind many
DOCX-to-HTML converters) must show both the deleted and the inserted words, told apart, and the
legend must say what the file holds.

pandoc accepts tracked changes when it reads a DOCX and mammoth drops tracked deletions, so the
default redline (settings.redline: marked) is made of struck and underlined words, which both
show; the tracked one says in its legend what such a program shows instead.
"""

import re
import shutil
import subprocess
import zipfile

import mammoth
import pytest
from lxml import etree

from briefkit.build.run import build
from briefkit.resources import MAMMOTH_STYLE_MAP
from tests.conftest import REPO, make_campaign
from tests.features.test_amendments import AMENDMENTS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _pandoc() -> str:
    found = shutil.which("pandoc")
    if found is None:
        pytest.fail("pandoc is needed: apt-get install pandoc (tools/system-packages test)")
    return found


def pandoc(path, to: str, *options: str) -> str:
    done = subprocess.run([_pandoc(), *options, "-t", to, str(path)], check=True, capture_output=True,
                          text=True, timeout=120)
    return " ".join(done.stdout.split())


def html_of(path, style_map: str | None = None) -> tuple[str, list[str]]:
    with open(path, "rb") as docx_file:
        result = mammoth.convert_to_html(docx_file, style_map=style_map) if style_map else \
            mammoth.convert_to_html(docx_file)
    return result.value, [message.message for message in result.messages]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The amendments and the briefing, as DOCX, in each way a redline can be carried."""
    out = {}
    for redline in ("marked", "tracked"):
        root = make_campaign(tmp_path_factory.mktemp(redline) / "campaign")
        position = root / "positions" / "01-safeguards.yaml"
        position.write_text(position.read_text() + AMENDMENTS)
        result = build(root, kinds=["amendments", "briefing"], audiences=["alpha"], formats=["docx"], jobs=1,
                       redline=None if redline == "marked" else redline)  # marked is the default
        assert not result.failures
        out[redline] = root / "out" / "alpha"
    return out


def test_pandoc_shows_the_deleted_words_struck_and_the_inserted_ones_underlined(built):
    amendments = built["marked"] / "amendments.docx"
    text = pandoc(amendments, "plain")
    assert "A requested State Party ~~may~~shall refuse a request~~,~~ where" in text
    assert "~~Each State Party may compel any person to assist a search.~~" in text
    markdown = pandoc(amendments, "markdown")
    assert "State Party ~~may~~[shall]{.underline} refuse a request~~,~~ where" in markdown
    assert "its sovereignty[, or human rights]{.underline}." in markdown
    # Nothing in the file is a tracked change, so every way pandoc treats them reads the same.
    assert pandoc(amendments, "markdown", "--track-changes=all") == markdown
    assert "Key: ~~struck-through text~~ is proposed for deletion; [underlined text]{.underline} is " \
           "proposed for insertion." in markdown
    assert "tracked changes" not in markdown


def test_the_words_carry_styles_named_for_what_they_are(built):
    styled = pandoc(built["marked"] / "amendments.docx", "markdown", "-f", "docx+styles")
    assert '[~~may~~]{custom-style="Deleted Text"}' in styled
    assert '[[shall]{.underline}]{custom-style="Inserted Text"}' in styled


def test_mammoth_keeps_the_deleted_words_struck(built):
    html, _ = html_of(built["marked"] / "amendments.docx")
    assert "A requested State Party <s>may</s>shall refuse a request<s>,</s> where" in html
    assert "<s>Each State Party may compel any person to assist a search.</s>" in html
    annex, _ = html_of(built["marked"] / "briefing.docx")  # strike, not only a style, in the annex too
    assert "<p>A requested State Party <s>may</s> refuse a request<s>,</s> where it considers" in annex


def test_mammoth_with_the_shipped_style_map_marks_both_sides(built):
    style_map = MAMMOTH_STYLE_MAP.read_text(encoding="utf-8")
    html, messages = html_of(built["marked"] / "amendments.docx", style_map)
    assert '<p class="redline">A requested State Party <del>may</del><ins>shall</ins> refuse a request' \
           '<del>,</del> where' in html
    assert "<ins>, or human rights</ins>" in html
    assert '<p class="legend">Key: <del>struck-through text</del> is proposed for deletion; ' \
           '<ins>underlined text</ins> is proposed for insertion.</p>' in html
    assert not [m for m in messages if "style" in m], messages  # every style the file uses is mapped
    briefing, messages = html_of(built["marked"] / "briefing.docx", style_map)
    annex = briefing[briefing.index("Annex"):]
    current, proposed = re.findall(r'<td><p class="amendments-annex"><strong>Article 40.8</strong></p>'
                                   r'<p class="amendments-annex">(.*?)</p></td>', annex)
    assert current == "A requested State Party <del>may</del> refuse a request<del>,</del> where it " \
                      "considers that execution of the request is likely to prejudice its sovereignty."
    assert proposed.startswith("A requested State Party <ins>shall</ins> refuse a request where")
    assert "<ul><li>Safeguards matter.</li><li>Hold firm.</li></ul>" in briefing  # lists stay lists
    assert not [m for m in messages if "style" in m], messages


def test_the_docs_give_the_style_map_the_package_ships():
    docs = (REPO / "docs" / "data.md").read_text(encoding="utf-8")  # Redlines in other programs
    assert MAMMOTH_STYLE_MAP.read_text(encoding="utf-8") in docs


def test_a_tracked_redline_says_what_programs_without_tracked_changes_show(built):
    amendments = built["tracked"] / "amendments.docx"
    with zipfile.ZipFile(amendments) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    changes = list(root.iter(f"{W}ins", f"{W}del"))
    assert changes and not [c for c in changes if c.find(f".//{W}strike") is not None or
                            c.find(f".//{W}u") is not None]  # accepted, the words are plain again
    html, _ = html_of(amendments)
    assert "A requested State Party shall refuse a request where" in html  # mammoth drops the deletion…
    assert ("In the Word version these are tracked changes, to be accepted or rejected in Word or LibreOffice; "
            "a program that does not show tracked changes shows there only the proposed text.") in html  # …as said
    assert "a program that does not show tracked changes" in pandoc(amendments, "plain")


def test_a_marked_redline_has_no_tracked_changes(built):
    with zipfile.ZipFile(built["marked"] / "amendments.docx") as archive:
        document = archive.read("word/document.xml").decode()
    assert "<w:del " not in document and "<w:ins " not in document and "w:delText" not in document
    assert '<w:rStyle w:val="DeletedText"/>' in document and '<w:rStyle w:val="InsertedText"/>' in document
