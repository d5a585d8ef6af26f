"""Incremental and reproducible builds: skip what is current, rebuild exactly what changed."""

import json
import time

from briefkit.build.run import build
from tests.conftest import add_logo
from tests.helpers import write


def mtimes(out):
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.*")
            if p.name != "manifest.json"}


def test_an_unchanged_campaign_rebuilds_nothing(campaign):
    first = build(campaign, jobs=1)
    out = campaign / "out"
    before = mtimes(out)
    second = build(campaign, jobs=1)
    assert (len(first.built), len(second.built), len(second.skipped)) == (12, 0, 12)
    assert mtimes(out) == before
    assert "load_s" not in second.timings  # nothing to build: the campaign was not even parsed


def test_a_change_rebuilds_only_what_depends_on_it(campaign):
    build(campaign, jobs=1)
    out = campaign / "out"
    path = campaign / "audiences" / "beta.yaml"
    path.write_text(path.read_text().replace("Dear Beta,", "Dear Friends in Beta,"))
    result = build(campaign, jobs=1)
    assert sorted(e.path for e in result.built) == sorted(
        f"beta/{k}.{f}" for k in ("letter", "briefing", "factsheet") for f in ("pdf", "docx"))
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}{% block after_redlines %}<p>Alpha only.</p>{% endblock %}')
    result = build(campaign, jobs=1)
    assert sorted(e.path for e in result.built) == ["alpha/letter.docx", "alpha/letter.pdf"]
    seed_change = campaign / "positions" / "01-safeguards.yaml"
    seed_change.write_text(seed_change.read_text().replace("Journalists need protection.",
                                                            "Journalists need real protection."))
    assert len(build(campaign, jobs=1).built) == 12
    manifest = json.loads((out / "manifest.json").read_text())["documents"]
    assert len({e["input_hash"] for e in manifest}) == 12


def test_a_tampered_or_deleted_output_is_rebuilt(campaign):
    build(campaign, jobs=1, formats=["pdf"])
    out = campaign / "out"
    (out / "alpha" / "letter.pdf").write_bytes(b"not a pdf")
    (out / "beta" / "factsheet.pdf").unlink()
    result = build(campaign, jobs=1, formats=["pdf"])
    assert sorted(e.path for e in result.built) == ["alpha/letter.pdf", "beta/factsheet.pdf"]


def test_force_rebuilds_everything(campaign):
    build(campaign, jobs=1, kinds=["letter"])
    result = build(campaign, jobs=1, kinds=["letter"], force=True)
    assert (len(result.built), len(result.skipped)) == (4, 0)


def test_two_builds_give_byte_identical_files(campaign, tmp_path):
    build(campaign, tmp_path / "one", jobs=1)
    time.sleep(1.1)  # zip entries and PDF dates would differ by the second if they took the clock
    build(campaign, tmp_path / "two", jobs=2)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.*"))
    assert len(files) == 13
    for rel in files:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes(), rel


def test_without_a_campaign_date_source_date_epoch_fixes_the_date(campaign, tmp_path, monkeypatch):
    config = campaign / "briefkit.yaml"
    config.write_text(config.read_text().replace("date: 2026-11-23\n", ""))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1722211200")  # 2024-07-29 00:00 UTC
    build(campaign, tmp_path / "one", jobs=1, kinds=["letter"], formats=["html", "docx"])
    assert "29 July 2024" in (tmp_path / "one" / "alpha" / "letter.html").read_text()
    time.sleep(1.1)
    build(campaign, tmp_path / "two", jobs=1, kinds=["letter"], formats=["docx"])
    assert (tmp_path / "one" / "alpha" / "letter.docx").read_bytes() == \
        (tmp_path / "two" / "alpha" / "letter.docx").read_bytes()


def test_changing_the_pdf_variant_rebuilds_the_pdfs_only(campaign):
    first = build(campaign, jobs=1, kinds=["letter"])
    assert {e.pdf_variant for e in first.built if e.format == "pdf"} == {"pdf/ua-1"}
    archival = build(campaign, jobs=1, kinds=["letter"], pdf_variant="pdf/a-3u")
    assert sorted(e.path for e in archival.built) == ["alpha/letter.pdf", "beta/letter.pdf"]
    manifest = json.loads((campaign / "out" / "manifest.json").read_text())["documents"]
    assert {(e["format"], e["pdf_variant"]) for e in manifest} == {("pdf", "pdf/a-3u"), ("docx", None)}
    assert len(build(campaign, jobs=1, kinds=["letter"], pdf_variant="pdf/a-3u").built) == 0
    assert len(build(campaign, jobs=1, kinds=["letter"]).built) == 2  # back to the default


def test_a_dated_campaigns_outputs_do_not_go_stale_at_midnight(campaign, monkeypatch):
    from briefkit.build import inputs
    from briefkit.campaign.loader import load_campaign

    def key():
        return inputs.InputIndex.scan(load_campaign(campaign)).key("alpha", "letter", "pdf")

    dated = key()
    monkeypatch.setattr(inputs, "_today", lambda: "2099-01-01")
    assert key() == dated
    config = campaign / "briefkit.yaml"
    config.write_text(config.read_text().replace("date: 2026-11-23\n", ""))
    undated = key()
    monkeypatch.setattr(inputs, "_today", lambda: "2099-01-02")
    assert key() != undated


def test_a_new_logo_image_rebuilds_every_document(campaign):
    from PIL import Image

    logo = add_logo(campaign)
    build(campaign, jobs=1)
    assert len(build(campaign, jobs=1).built) == 0
    Image.new("RGB", (40, 20), "blue").save(logo)
    assert len(build(campaign, jobs=1).built) == 12
