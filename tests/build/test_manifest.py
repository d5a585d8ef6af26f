"""out/manifest.json describes everything in out/, not only what the last build wrote."""

import json

from briefkit.build import manifest
from briefkit.build.run import build
from tests.helpers import write


def test_the_manifest_lists_every_document_and_reads_again_one_changed_by_hand(campaign):
    build(campaign, formats=["html"], jobs=1)
    out = campaign / "out"
    entries = {e["path"]: e for e in json.loads((out / "manifest.json").read_text())["documents"]}
    assert set(entries) == {f"{a}/{k}.html" for a in ("alpha", "beta") for k in ("letter", "briefing", "factsheet")}
    write(out / "alpha" / "letter.html", "<p>edited by hand</p>")
    write(out / "alpha" / "notes.txt", "not a document")
    after = {e.path: e for e in manifest.update(out, [], {"alpha": ["en"], "beta": ["en"]})}
    assert set(after) == set(entries)
    assert after["alpha/letter.html"].sha256 != entries["alpha/letter.html"]["sha256"]
    assert after["alpha/letter.html"].input_hash is None  # no longer what any build made
    assert after["beta/letter.html"].input_hash == entries["beta/letter.html"]["input_hash"]


def test_files_named_for_languages_an_audience_no_longer_reads_are_left_over(campaign):
    entries = [manifest.Entry("beta", "letter", "pdf", lang, path, "0" * 64, 1, 1)
               for lang, path in (("en", "beta/letter.pdf"), ("en", "beta/letter.en.pdf"),
                                  ("fr", "beta/letter.fr.pdf"))]
    assert manifest.leftovers(entries, {"beta": ["en", "fr"]}) == {"beta": ["beta/letter.pdf"]}
    assert manifest.leftovers(entries, {"beta": ["en"]}) == {"beta": ["beta/letter.en.pdf", "beta/letter.fr.pdf"]}
