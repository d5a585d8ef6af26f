"""All or nothing per document: when one format fails, the other is not written either."""

from __future__ import annotations

import pytest

from briefkit.build.run import build
from briefkit.fsutil import replace_together
from briefkit.writers.docx.writer import DocxWriter
from briefkit.errors import WriterError
from tests.conftest import add_logo
from tests.helpers import snapshot, write


def test_an_image_word_cannot_read_leaves_both_formats_as_they_were(campaign):
    """A PNG that is not one (its header only): WeasyPrint leaves it out with a warning, python-docx
    cannot place it. The letter's PDF must not be written without its DOCX."""
    add_logo(campaign)
    build(campaign, kinds=["letter"], formats=["pdf", "docx"], jobs=1)
    before = snapshot(campaign / "out")
    (campaign / "assets" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"not an image" * 10)
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2", '{% extends "builtin/letter.html.j2" %}\n'
          '{% block opening %}<p><img src="assets/pic.png" alt="A picture"></p>{% endblock %}\n')
    result = build(campaign, kinds=["letter"], formats=["pdf", "docx"], jobs=1)
    failed = {(f.audience, f.format): f.message for f in result.failures}
    assert set(failed) == {("alpha", "pdf"), ("alpha", "docx")}, failed
    assert "not written, because the DOCX of the same document failed" in failed[("alpha", "pdf")]
    after = snapshot(campaign / "out")
    assert after["alpha/letter.pdf"] == before["alpha/letter.pdf"]
    assert after["alpha/letter.docx"] == before["alpha/letter.docx"]
    assert not list((campaign / "out").rglob("*.tmp")) and not (campaign / "out" / ".briefkit").exists()


@pytest.mark.parametrize("failing", ["pdf", "docx"])
def test_either_format_failing_writes_neither(campaign, monkeypatch, failing):
    from briefkit.writers.pdf import PdfWriter

    def fail(self, document, path, shown):
        path.write_bytes(b"half")  # what a writer leaves when it fails midway
        raise WriterError("the writer failed")

    monkeypatch.setattr(PdfWriter if failing == "pdf" else DocxWriter, "write", fail)
    result = build(campaign, kinds=["letter"], audiences=["alpha"], formats=["pdf", "docx"], jobs=1)
    assert sorted(f.format for f in result.failures) == ["docx", "pdf"]
    assert not list((campaign / "out").rglob("letter.*")) and not list((campaign / "out").rglob("*half*"))
    assert not (campaign / "out" / "alpha").exists()


def test_replacing_together_puts_back_what_was_moved_when_one_fails(tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    first, second = tmp_path / "out" / "letter.pdf", tmp_path / "out" / "letter.docx"
    write(first, "old pdf")
    write(staging / "letter.pdf", "new pdf")  # the DOCX was never staged: its rename fails
    with pytest.raises(OSError):
        replace_together([(staging / "letter.pdf", first), (staging / "letter.docx", second)], staging)
    assert first.read_text() == "old pdf" and not second.exists()
