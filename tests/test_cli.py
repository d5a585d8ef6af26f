import json

import pytest
from click.testing import CliRunner

from briefkit.cli import main
from tests.helpers import imports_weasyprint


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="briefkit")


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
    (["build", "lettre"], "Error: unknown kind 'lettre' (hint: did you mean 'letter'? choose from:"),
    (["build", "letter", "--audience", "alpah"],
     "Error: unknown audience 'alpah' (hint: did you mean 'alpha'? choose from: alpha, beta)"),
    (["build", "letter", "-f", "pfd"], "Error: unknown format 'pfd' (hint: did you mean 'pdf'?"),
    (["build", "--nope"], "Error: No such option '--nope'"),
])
def test_a_mistyped_kind_or_audience_is_a_usage_error_like_any_other(campaign, args, expected):
    result = run(*args, "--campaign", campaign)
    assert result.exit_code == 2  # as click's own usage errors; a problem in the campaign exits 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Usage: briefkit {args[0]} [OPTIONS]") and lines[-1].startswith(expected)
    assert "Traceback" not in result.output


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
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        "Error: unknown PDF variant 'pdf/ua1' (hint: did you mean 'pdf/ua-1'?")
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
    (["--smtp-host", "127.0.0.1"], "Error: --smtp-host only apply when sending (hint: add --send"),
    (["--send"], "Error: --send needs --smtp-host"),
    (["--send", "--smtp-host", "h", "--starttls", "--ssl"], "Error: --starttls and --ssl cannot be combined"),
    (["--send", "--smtp-host", "h", "--smtp-password", "x"], "Error: No such option '--smtp-password'"),
    (["-a", "gamma"], "Error: unknown audience 'gamma' (hint: choose from: alpha, beta)"),
    (["--contacts", "nowhere.csv"], "Error: nowhere.csv: there is no such file"),
])
def test_distribute_option_errors_are_one_line(distributable, args, expected):
    result = run("distribute", "--campaign", distributable, *args)
    assert result.exit_code == (2 if expected.startswith("Error:") else 1)
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


def _commands(group=main, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [path for path, _ in _commands()], ids=" ".join)
def test_every_command_takes_quiet_verbose_and_debug(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    for option in ("-q, --quiet", "-v, --verbose", "--debug"):
        assert option in result.output, (path, option)


def test_global_options_work_before_and_after_the_command(campaign):
    after = run("build", "letter", "-a", "alpha", "-f", "pdf", "--debug", "-q", "--campaign", campaign)
    assert after.exit_code == 0, after.output
    assert after.stdout == ""  # -q: no summary
    before = run("-v", "build", "letter", "-a", "alpha", "-f", "pdf", "--campaign", campaign)
    assert before.exit_code == 0
    assert "up to date: " in before.stdout and before.stdout.splitlines()[-2].startswith("Built 0 files")
    verbose = run("build", "letter", "-a", "beta", "-f", "pdf", "-v", "--campaign", campaign)
    assert any(line.startswith("built ") and line.endswith("beta/letter.pdf (1 page)")
               for line in verbose.stdout.splitlines()), verbose.stdout
    both = run("-q", "build", "-v", "--campaign", campaign)
    assert both.exit_code == 2 and "cannot be combined" in both.stderr
    quiet_check = run("check", "-q", "--campaign", campaign)
    assert quiet_check.exit_code == 0 and quiet_check.stdout == ""


def test_a_problem_in_the_campaign_exits_1_and_a_usage_error_2(campaign):
    (campaign / "audiences" / "alpha.yaml").write_text("id: alpha\nname: Alpha\nstance: ally\npaper: A5\n")
    assert run("build", "letter", "--campaign", campaign).exit_code == 1
    assert run("build", "lettre", "--campaign", campaign).exit_code == 2


@pytest.mark.parametrize("args", [[], ["build"], ["distribute"], ["diff"], ["templates", "eject"]])
def test_help_names_every_kind_of_the_registry(args):
    from briefkit.campaign.enums import KIND_DESCRIPTIONS, KINDS

    text = " ".join(run(*args, "--help").output.split())
    for kind in KINDS:
        assert kind in text or KIND_DESCRIPTIONS[kind].split(":")[0] in text, (args, kind)
    assert "all three" not in text


def _complete(campaign, words, cword):
    env = {"COMP_WORDS": " ".join(words), "COMP_CWORD": str(cword), "_BRIEFKIT_COMPLETE": "bash_complete"}
    result = CliRunner().invoke(main, [], prog_name="briefkit", env=env)
    return [line.split(",", 1)[1] for line in result.output.splitlines()]


def test_completion_offers_kinds_and_the_campaigns_audiences(campaign):
    assert _complete(campaign, ["briefkit", "bu"], 1) == ["build"]
    assert _complete(campaign, ["briefkit", "build", "f"], 2) == ["factsheet"]
    assert _complete(campaign, ["briefkit", "build", "--campaign", str(campaign), "-a", ""], 5) == ["alpha", "beta"]


def test_bash_completion_works_in_bash_and_the_docs_show_every_shell(campaign):
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import REPO

    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "briefkit").exists()
    script = ('eval "$(_BRIEFKIT_COMPLETE=bash_source briefkit)"; '
              'COMP_WORDS=(briefkit build --campaign "$CAMPAIGN" -a ""); COMP_CWORD=5; '
              '_briefkit_completion briefkit; printf "%s\\n" "${COMPREPLY[@]}"')
    done = subprocess.run([shutil.which("bash"), "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CAMPAIGN": str(campaign)})
    assert done.stdout.split() == ["alpha", "beta"], done.stderr
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")  # the README links to it
    assert "(docs/cli.md#shell-completion)" in (REPO / "README.md").read_text(encoding="utf-8")
    for shell in ("bash", "zsh", "fish"):
        assert f"_BRIEFKIT_COMPLETE={shell}_source briefkit" in docs
        source = CliRunner().invoke(main, [], prog_name="briefkit", env={"_BRIEFKIT_COMPLETE": f"{shell}_source"})
        assert "_briefkit_completion" in source.output and "_BRIEFKIT_COMPLETE" in source.output


def test_debug_lasts_for_one_run_only(campaign, monkeypatch):
    import os

    monkeypatch.delenv("BRIEFKIT_DEBUG", raising=False)
    for args in (["--debug", "list", "kinds"], ["list", "kinds", "--debug"], ["--debug", "--nope"]):
        run(*args)
        assert "BRIEFKIT_DEBUG" not in os.environ, args
    assert run("build", "lettre", "--campaign", campaign).exit_code == 2  # not a traceback
