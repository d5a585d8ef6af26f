from click.testing import CliRunner

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.cli import main
from tests.conftest import add_logo
from tests.helpers import pdf_text, snapshot, write


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_init_writes_a_campaign_that_checks_and_builds(tmp_path):
    dest = tmp_path / "new-campaign"
    result = run("init", dest)
    assert result.exit_code == 0, result.output
    for rel in ("briefkit.yaml", "seeds/sources.yaml", "seeds/example-report.txt", "signatories.csv",
                "positions/01-court-order.yaml", "audiences/examplia.yaml", "audiences/sampleland.yaml",
                "templates/README.md", ".gitignore"):
        assert (dest / rel).is_file(), rel
    checked = run("check", "--campaign", dest)
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("ok: 1 positions, 1 quotes and 1 facts located in 1 sources, "
                                     "2 audiences, 3 signatories")
    built = run("build", "--campaign", dest)
    assert built.exit_code == 0, built.output
    letter = pdf_text(dest / "out" / "examplia" / "letter.pdf")
    assert "Example Treaty" in letter and "Require a court order" in letter
    assert (dest / "out" / "sampleland" / "factsheet.docx").is_file()


def test_skeleton_text_is_example_text_not_the_bundled_campaign(tmp_path):
    run("init", tmp_path / "c")
    campaign = load_campaign(tmp_path / "c")
    everything = "\n".join(p.read_text() for p in (tmp_path / "c").rglob("*") if p.is_file())
    assert "Example Treaty" in everything
    assert "Cybercrime" not in everything and "Canada" not in everything
    # the quote is really in the source: verify locates it
    quote = campaign.positions[0].quotes[0]
    assert verify(campaign).locations[quote.id].line > 0


def test_init_refuses_a_non_empty_folder_and_leaves_it_alone(tmp_path):
    write(tmp_path / "busy" / "notes.txt", "mine")
    before = snapshot(tmp_path / "busy")
    result = run("init", tmp_path / "busy")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'busy'} is not empty")
    assert "hint:" in result.stderr and "Traceback" not in result.output
    assert snapshot(tmp_path / "busy") == before


def test_init_into_an_existing_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run("init", tmp_path / "empty").exit_code == 0
    assert (tmp_path / "empty" / "briefkit.yaml").is_file()


def test_init_from_copies_data_but_not_out(campaign, tmp_path):
    write(campaign / "out" / "alpha" / "letter.pdf", "built before")
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}')
    write(campaign / "notes.md", "not campaign data")
    add_logo(campaign)
    dest = tmp_path / "copy"
    result = run("init", dest, "--from", campaign)
    assert result.exit_code == 0, result.output
    copied = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}
    assert "out/alpha/letter.pdf" not in copied and "notes.md" not in copied
    assert {"briefkit.yaml", "signatories.csv", "seeds/news.txt", "seeds/sources.yaml",
            "positions/01-safeguards.yaml", "audiences/alpha.yaml", "audiences/beta.yaml",
            "templates/audiences/alpha/letter.html.j2", "assets/logo.png"} <= copied
    assert (dest / "positions/01-safeguards.yaml").read_bytes() == \
        (campaign / "positions/01-safeguards.yaml").read_bytes()
    assert run("check", "--campaign", dest).exit_code == 0


def test_init_from_a_folder_that_is_not_a_campaign(tmp_path):
    (tmp_path / "nothing").mkdir()
    result = run("init", tmp_path / "new", "--from", tmp_path / "nothing")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no briefkit.yaml in")
    assert not (tmp_path / "new").exists()


def test_init_from_refuses_a_destination_inside_what_it_copies(campaign):
    result = run("init", campaign / "templates" / "copy", "--from", campaign)
    assert result.exit_code == 1
    assert "lies inside the templates/ folder" in result.stderr
    assert not (campaign / "templates" / "copy").exists()


def test_init_from_refuses_a_link_leading_outside(campaign, tmp_path):
    secret = write(tmp_path / "secret.txt", "private")
    (campaign / "seeds" / "leak.txt").symlink_to(secret)
    result = run("init", tmp_path / "copy", "--from", campaign)
    assert result.exit_code == 1
    assert "seeds/leak.txt is a link to a file outside the campaign" in result.stderr
    assert not (tmp_path / "copy").exists()


def test_a_new_campaign_distributes_as_a_dry_run_at_once(tmp_path):
    dest = tmp_path / "new-campaign"
    assert run("init", dest).exit_code == 0
    config = (dest / "briefkit.yaml").read_text()
    assert "  distribution:\n    from: coalition@example.org" in config
    assert "# Who `briefkit distribute` sends the documents as." in config  # commented, for its author
    assert "contacts.csv" in (dest / ".gitignore").read_text()  # real contacts stay out of git
    # Before a build, one run names every missing PDF and the one command that builds them all.
    before = run("distribute", "--campaign", dest)
    assert before.exit_code == 1
    lines = before.stderr.splitlines()
    assert all(line.endswith(": missing: it has not been built") for line in lines[:-1]), lines
    assert lines[-1] == ("6 problems found; nothing was written (hint: rebuild them all with one command: "
                         "briefkit build -f pdf).")
    assert run("build", "-f", "pdf", "--campaign", dest).exit_code == 0
    dry = run("distribute", "--campaign", dest)
    assert dry.exit_code == 0, dry.output
    assert sorted(p.relative_to(dest / "out" / "outbox").as_posix()
                  for p in (dest / "out" / "outbox").rglob("*.eml")) == ["examplia/1.eml", "sampleland/1.eml"]
    assert "contacts.csv:2: warning: examplia@example.org is a placeholder address" in dry.stderr
    assert "briefkit.yaml: warning: settings.distribution.from coalition@example.org is a placeholder" in dry.stderr


def test_init_from_another_campaign_copies_no_contacts(distributable, tmp_path):
    assert run("init", tmp_path / "copy", "--from", distributable).exit_code == 0
    assert not (tmp_path / "copy" / "contacts.csv").exists()
