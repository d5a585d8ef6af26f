"""`briefkit extract` on the command line: which files it reads and writes, and its errors."""

import yaml
from click.testing import CliRunner

from briefkit.cli import main
from tests.helpers import write


def run(*args):
    return CliRunner().invoke(main, ["extract", *[str(a) for a in args]])


def test_prints_yaml_and_a_summary(campaign):
    result = run(campaign / "seeds" / "news.txt", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["quotes"][0]["source"] == "news"
    assert (data["quotes"][0]["speaker"], data["quotes"][0]["role"]) == ("Examplia", "delegate")
    assert [f["value"] for f in data["facts"]] == ["12 days"]
    assert "quotes: 1, facts: 1" in result.stderr


def test_a_seed_outside_the_campaign_is_refused(campaign, tmp_path):
    outside = write(tmp_path / "elsewhere.txt", "“We will never sign this,” said Norway.\n")
    result = run(outside, "--campaign", campaign)
    assert result.exit_code == 2  # the command line names it: a usage error
    assert "is outside the campaign folder" in result.stderr
    assert "copy it into seeds/ first" in result.stderr
    assert "Traceback" not in result.output


def test_a_link_out_of_the_campaign_is_refused(campaign, tmp_path):
    target = write(tmp_path / "secret.txt", "“We will never sign this,” said Norway.\n")
    (campaign / "seeds" / "link.txt").symlink_to(target)
    result = run(campaign / "seeds" / "link.txt", "--campaign", campaign)
    assert result.exit_code == 2 and "outside the campaign folder" in result.stderr


def test_bad_utf8_names_the_line(campaign):
    (campaign / "seeds" / "bad.txt").write_bytes("line one\nline two \xe9t\xe9\n".encode("latin-1"))
    result = run(campaign / "seeds" / "bad.txt", "--campaign", campaign)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: seeds/bad.txt:2: file is not valid UTF-8: byte 0xe9 at column 10")
    assert "save the file as UTF-8" in result.stderr


def test_a_missing_seed(campaign):
    result = run(campaign / "seeds" / "nope.txt", "--campaign", campaign)
    assert result.exit_code == 2 and "seeds/nope.txt: no such file" in result.stderr


def test_an_unlisted_seed_gets_an_id_from_its_file_name(campaign):
    write(campaign / "seeds" / "My Notes 2024.txt", "Intro.\n\n“We will never sign this,” said Norway.\n")
    result = run(campaign / "seeds" / "My Notes 2024.txt", "--campaign", campaign)
    assert yaml.safe_load(result.stdout)["quotes"][0]["source"] == "my-notes-2024"
    assert "source id my-notes-2024, made from the file name" in result.stdout


def test_out_writes_inside_the_campaign_and_never_overwrites_without_force(campaign):
    seed = campaign / "seeds" / "news.txt"
    dest = campaign / "candidates" / "news.yaml"
    assert run(seed, "--campaign", campaign, "--out", dest).exit_code == 0
    assert yaml.safe_load(dest.read_text())["quotes"]
    dest.write_text("my notes\n")
    refused = run(seed, "--campaign", campaign, "--out", dest)
    assert refused.exit_code == 1 and "already exists (hint: pass --force" in refused.stderr
    assert dest.read_text() == "my notes\n"
    assert run(seed, "--campaign", campaign, "--out", dest, "--force").exit_code == 0
    assert dest.read_text().startswith("# Candidates drawn")


def test_out_outside_the_campaign_or_over_its_data_is_refused(campaign, tmp_path):
    seed = campaign / "seeds" / "news.txt"
    outside = run(seed, "--campaign", campaign, "--out", tmp_path / "c.yaml")
    assert outside.exit_code == 1 and "outside the campaign folder" in outside.stderr
    assert not (tmp_path / "c.yaml").exists()
    data = run(seed, "--campaign", campaign, "--out", campaign / "positions" / "c.yaml", "--force")
    assert data.exit_code == 1 and "briefkit check reads it as campaign data" in data.stderr
    assert not (campaign / "positions" / "c.yaml").exists()
