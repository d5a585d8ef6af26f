import json

import pytest
from click.testing import CliRunner

from briefkit.cli import main
from tests.helpers import imports_weasyprint


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_check_passes_on_a_valid_campaign(campaign):
    result = run("check", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 1 positions, 1 quotes and 1 facts located in 1 sources")


def test_check_prints_one_line_per_problem_then_a_count(campaign):
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("without safeguards", "without protections"))
    (campaign / "audiences" / "alpha.yaml").write_text("id: alpha\nname: Alpha\nstance: ally\npaper: A5\n")
    result = run("check", "--campaign", campaign)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("audiences/alpha.yaml:4: paper: Input should be 'A4' or 'Letter'")
    assert lines[1].startswith("positions/01-safeguards.yaml:14: quote 'examplia-safeguards' is not found")
    assert lines[2] == "2 problems found."  # check writes nothing, so it does not say so
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, expected", [
    (["build", "lettre"], "error: unknown kind 'lettre' (hint: did you mean 'letter'? choose from:"),
    (["build", "letter", "--audience", "alpah"],
     "error: unknown audience 'alpah' (hint: did you mean 'alpha'? choose from: alpha, beta)"),
])
def test_unknown_kind_or_audience_is_one_line(campaign, args, expected):
    result = run(*args, "--campaign", campaign)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(expected)


def test_build_writes_documents_and_reports(campaign):
    result = run("build", "letter", "-a", "beta", "-f", "pdf", "--campaign", campaign)
    assert result.exit_code == 0, result.output
    assert "Built 1 file into" in result.output
    assert (campaign / "out" / "beta" / "letter.pdf").exists()


def test_build_out_option(campaign, tmp_path):
    result = run("build", "factsheet", "-f", "docx", "--campaign", campaign, "--out", tmp_path / "elsewhere")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["alpha", "beta", "manifest.json"]


def test_list_json(campaign):
    audiences = json.loads(run("list", "audiences", "--json", "--campaign", campaign).output)
    assert [(a["id"], a["paper"]) for a in audiences] == [("alpha", "A4"), ("beta", "Letter")]
    kinds = json.loads(run("list", "kinds", "--json").output)
    assert [k["kind"] for k in kinds] == ["letter", "briefing", "factsheet", "amendments"]
    positions = json.loads(run("list", "positions", "--json", "--campaign", campaign).output)
    assert positions[0]["id"] == "safeguards" and positions[0]["quotes"] == 1


def test_missing_campaign_folder_is_a_clear_error(tmp_path):
    result = run("check", "--campaign", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no briefkit.yaml in")


def test_help_and_check_do_not_import_weasyprint(campaign):
    assert not imports_weasyprint(
        "from briefkit.cli import main\n"
        f"for argv in (['--help'], ['check', '--campaign', {str(campaign)!r}]):\n"
        "    try:\n        main(argv)\n    except SystemExit:\n        pass")


@pytest.mark.parametrize("template, expected", [
    ('{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n<p>{{ campaign.titel }}</p>\n{% endblock %}\n',
     "templates/audiences/beta/letter.html.j2:3: template uses an undefined value:"),
    ('{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n{% endblok %}\n',
     "templates/audiences/beta/letter.html.j2:3: template syntax error:"),
    ('{% extends "builtin/lettre.html.j2" %}\n',
     "templates/audiences/beta/letter.html.j2:1: template 'builtin/lettre.html.j2' not found "
     "(hint: search path: audience beta: templates/audiences/beta; campaign: templates; built-in: builtin/)"),
])
def test_template_mistakes_are_one_line_with_file_and_line(campaign, template, expected):
    (campaign / "templates" / "audiences" / "beta").mkdir(parents=True)
    (campaign / "templates" / "audiences" / "beta" / "letter.html.j2").write_text(template)
    for command in (["check"], ["build", "letter"]):
        result = run(*command, "--campaign", campaign)
        assert result.exit_code == 1
        assert result.stderr.startswith(expected), result.stderr
        assert result.stderr.splitlines()[1:] == [
            "1 problem found." if command == ["check"] else "1 problem found; nothing was written."]
        assert "Traceback" not in result.output


def test_an_unknown_pdf_variant_is_one_line_naming_the_closest(campaign):
    result = run("build", "letter", "--pdf-variant", "pdf/ua1", "--campaign", campaign)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown PDF variant 'pdf/ua1' (hint: did you mean 'pdf/ua-1'?")
    assert not (campaign / "out" / "alpha").exists()


def test_distribute_dry_run_then_send_then_nothing_left(distributable, monkeypatch):
    from tests.smtpd import SmtpServer

    dry = run("distribute", "--campaign", distributable)
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines() == [
        f"Wrote 3 messages to {distributable}/out/outbox/ and 2 bundles to {distributable}/out/bundles/.",
        "Dry run: nothing was sent. 3 to send, 0 already delivered. Open the drafts to check them, "
        "then run again with --send."]
    with SmtpServer(login=("coalition", "s3cret")) as server:
        monkeypatch.setenv("BRIEFKIT_SMTP_PASSWORD", "s3cret")
        sent = run("distribute", "--campaign", distributable, "--send", "--smtp-host", "127.0.0.1",
                   "--smtp-port", server.port, "--smtp-user", "coalition")
        assert sent.exit_code == 0, sent.output
        assert sent.stdout.splitlines()[-1] == (f"Sent 3 messages; 0 already delivered. "
                                                f"Log: {distributable}/out/deliveries.jsonl")
        assert len(server.recorder.envelopes) == 3
        monkeypatch.delenv("BRIEFKIT_SMTP_PASSWORD")
        again = CliRunner().invoke(main, ["distribute", "--campaign", str(distributable), "--send",
                                          "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port),
                                          "--smtp-user", "coalition"], input="s3cret\n")
        assert again.exit_code == 0, again.output
        assert "SMTP password for coalition" in again.stderr and "s3cret" not in again.output
        assert again.stdout.splitlines()[-1].startswith("Sent 0 messages; 3 already delivered.")
        assert len(server.recorder.envelopes) == 3


@pytest.mark.parametrize("args, expected", [
    (["--smtp-host", "127.0.0.1"], "error: --smtp-host only apply when sending (hint: add --send"),
    (["--send"], "error: --send needs --smtp-host"),
    (["--send", "--smtp-host", "h", "--starttls", "--ssl"], "error: --starttls and --ssl cannot be combined"),
    (["--send", "--smtp-host", "h", "--smtp-password", "x"], "Error: No such option '--smtp-password'"),
    (["-a", "gamma"], "error: unknown audience 'gamma' (hint: choose from: alpha, beta)"),
    (["--contacts", "nowhere.csv"], "error: cannot read nowhere.csv"),
])
def test_distribute_option_errors_are_one_line(distributable, args, expected):
    result = run("distribute", "--campaign", distributable, *args)
    assert result.exit_code in (1, 2)
    assert expected in result.stderr.splitlines()[-1] or result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.output


def test_distribute_lists_every_bad_contact_row(distributable):
    (distributable / "contacts.csv").write_text(
        'audience,name,email\nalpha,"A\r\nBcc: x@example.net",alpha@example.org\nbeta,B,b@\n')
    result = run("distribute", "--campaign", distributable)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("contacts.csv:2: name 'A\\r\\nBcc: x@example.net' contains a carriage return")
    # the quoted name spans lines 2 and 3, so the next row is line 4
    assert lines[1] == "contacts.csv:4: email 'b@' has a domain ('') that is not a valid host name like example.org"
    assert lines[2] == "2 problems found; nothing was written."
