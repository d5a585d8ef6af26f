"""The `briefkit` command: a thin click layer over the library.

Each command parses its options, calls one library function and prints the
result. What every command shares (-q, -v and --debug anywhere on the line,
exit status 1 for a problem in the campaign and 2 for a usage error, shell
completion of kinds and audiences) is in clibase.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefkit import __version__, cli_translate, console
from briefkit.campaign.enums import KIND_DESCRIPTIONS, KINDS, REDLINES
from briefkit.clibase import Group, campaign_option, complete_audiences, complete_kinds, kinds_help

if TYPE_CHECKING:
    from briefkit.preview.server import RunningPreview

_DOCUMENTS = ", ".join(description.split(":")[0] for description in KIND_DESCRIPTIONS.values())


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             commands=[cli_translate.group(campaign_option)], help=f"""
    Turn a coalition's positions, kept as data, into the documents it puts in front of
    delegations ({_DOCUMENTS}), as PDF and DOCX, for every audience.

    \b
    Everyday use:
      briefkit check                 validate the campaign, locate every quote
      briefkit build letter          the joint letter for every audience
      briefkit build -a canada       every document for one audience
      briefkit list audiences        what the campaign holds
      briefkit preview               watch the documents in a browser as you edit
      briefkit extract seeds/x.txt   draw quote and fact candidates from a source
      briefkit init my-campaign      start a new campaign
      briefkit distribute            e-mail drafts and bundles (then --send)

    -q, -v and --debug may also follow the command (briefkit build -q). Exit status:
    0 done, 1 a problem in the campaign, 2 a usage error. Shell completion: see docs/cli.md.
    """)
@click.version_option(__version__, prog_name="briefkit")
def main() -> None:
    pass


@main.command(help=f"""Build documents. KIND is {kinds_help((*KINDS, "all"))} (the default): see
    `briefkit list kinds`.

    Writes out/<audience>/<kind>.pdf and .docx and rewrites out/manifest.json.
    Everything is checked before anything is written. Outputs whose inputs have
    not changed since the last build are skipped (see --force). The checks are
    those of `briefkit check`; --strict makes their warnings errors.
    """)
@click.argument("kinds", nargs=-1, metavar="[KIND]...", shell_complete=complete_kinds)
@click.option("--audience", "-a", "audiences", multiple=True, metavar="ID", shell_complete=complete_audiences,
              help="Build only for this audience (repeatable). Default: every audience.")
@click.option("--format", "-f", "formats", multiple=True, metavar="pdf|docx|html",
              help="Output format (repeatable). Default: the campaign's settings, pdf and docx.")
@campaign_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder. Default: out/ in the campaign folder.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Documents rendered at once. Default: the number of CPU cores.")
@click.option("--force", is_flag=True, help="Rebuild everything, even outputs that are up to date.")
@click.option("--confirmed-only", is_flag=True,
              help="List only the signatories who confirmed the current letter text (see `briefkit signoff`).")
@click.option("--clean", is_flag=True,
              help="The amendments document as consolidated proposed text, not a redline.")
@click.option("--redline", type=click.Choice(REDLINES, case_sensitive=False), default=None,
              help="How the DOCX carries a redline: struck and underlined words every program shows "
                   "(marked), or Word's tracked changes (tracked). Default: settings.redline, else marked.")
@click.option("--strict", is_flag=True,
              help="Treat every warning of the check (CSS that WeasyPrint ignores among them) as an error.")
@click.option("--pdf-variant", metavar="VARIANT", default=None,
              help="pdf/ua-1 (the default: tagged for screen readers), pdf/a-3u (archival), "
                   "another PDF/A, PDF/UA or PDF/X variant WeasyPrint writes, or none (untagged).")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON summary (built, skipped, failed, timings) instead of text.")
def build(kinds: tuple[str, ...], audiences: tuple[str, ...], formats: tuple[str, ...],
          campaign_dir: Path, out_dir: Path | None, jobs: int | None, force: bool, confirmed_only: bool,
          clean: bool, redline: str | None, strict: bool, pdf_variant: str | None, as_json: bool) -> None:
    from briefkit.build.run import build as run_build

    with console.Progress(enabled=not as_json) as progress:
        result = run_build(campaign_dir, out_dir, kinds, audiences, formats, jobs=jobs, force=force,
                           strict=strict, confirmed_only=confirmed_only, clean=clean, redline=redline,
                           pdf_variant=pdf_variant, on_progress=progress.update)
    if not console.report_build(result, as_json):
        sys.exit(1)


@main.command()
@click.option("--audience", "-a", "audiences", multiple=True, metavar="ID", shell_complete=complete_audiences,
              help="Only this audience (repeatable). Default: every audience.")
@click.option("--kind", "-k", "kinds", multiple=True, metavar="KIND", shell_complete=complete_kinds,
              help=f"Only this kind of document (repeatable): {kinds_help()}. Default: every kind.")
@click.option("--contacts", "contacts_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The contacts CSV. Default: contacts.csv in the campaign folder.")
@click.option("--attach", type=click.Choice(["pdf", "docx", "both"], case_sensitive=False), default="pdf",
              show_default=True, help="What each message carries: the PDFs, the Word files, or both.")
@campaign_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The build's output folder. Default: out/ in the campaign folder.")
@click.option("--send", is_flag=True, help="Send the messages over SMTP. Without it: a dry run.")
@click.option("--smtp-host", metavar="HOST", help="The SMTP server (needed with --send).")
@click.option("--smtp-port", type=click.IntRange(1, 65535), default=None,
              help="Default: 25, or 587 with --starttls, 465 with --ssl.")
@click.option("--starttls", is_flag=True, help="Upgrade the connection with STARTTLS.")
@click.option("--ssl", "use_ssl", is_flag=True, help="Connect over TLS from the start.")
@click.option("--smtp-user", metavar="USER",
              help="Log in as USER; the password comes from $BRIEFKIT_SMTP_PASSWORD or a prompt.")
@click.option("--rate", type=click.FloatRange(min=0, min_open=True), default=None, metavar="N",
              help="Send at most N messages a minute.")
@click.option("--resend", is_flag=True,
              help="Send again what the delivery log says was already delivered.")
def distribute(audiences: tuple[str, ...], kinds: tuple[str, ...], contacts_file: Path | None, attach: str,
               campaign_dir: Path, out_dir: Path | None, send: bool, smtp_host: str | None,
               smtp_port: int | None, starttls: bool, use_ssl: bool, smtp_user: str | None,
               rate: float | None, resend: bool) -> None:
    """Write an e-mail draft per contact (out/outbox/<audience>/<n>.eml, opened as an unsent
    draft by mail clients) and a bundle per audience (out/bundles/<audience>.zip) from the
    current PDFs (or DOCX: --attach); with --send, send them.

    Refuses documents that are missing or older than their inputs, naming one
    build command that rebuilds them all. A dry run (the default) sends nothing.
    Each sent message is logged in out/deliveries.jsonl, and a re-run sends only
    what was not delivered yet.
    """
    from briefkit.distribute.delivery import smtp_settings
    from briefkit.distribute.run import distribute as run_distribute

    if starttls and use_ssl:
        raise click.UsageError("--starttls and --ssl cannot be combined (hint: --starttls for port 587, "
                               "--ssl for port 465)")
    security = "starttls" if starttls else "ssl" if use_ssl else None
    smtp = smtp_settings(send, smtp_host, smtp_port, security, smtp_user, rate, resend,
                         ask=lambda prompt: click.prompt(prompt, hide_input=True, err=True))
    result = run_distribute(campaign_dir, out_dir, audiences, kinds, contacts_file, smtp=smtp,
                            resend=resend, rate=rate, attach=attach.lower())
    if not console.report_distribution(result):
        sys.exit(1)


@main.command()
@campaign_option
@click.option("--strict", is_flag=True, help="Treat every warning as an error (exit 1), for CI.")
def check(campaign_dir: Path, strict: bool) -> None:
    """Validate the campaign: every file and field, every reference, every
    quote found verbatim in its source, every template, every text in each
    language an audience reads, a glyph for every character in the fonts
    the stylesheets name, the stylesheets as the PDF writer reads them, and
    the pages of every document with a page budget (the fact sheet: one),
    laid out as the build will lay them out.

    Prints one line per problem as path:line: message and exits 1, or exits 0.
    Warnings (such as tailored text that names another audience's delegation)
    print as path:line: warning: message and do not change the exit status,
    unless --strict. `build` and `preview` run the same checks.
    """
    from briefkit.build.measure import check as check_all

    checked = check_all(campaign_dir, strict=strict)
    campaign = checked.campaign
    for document in checked.documents:
        console.detail(f"composed: the {document.kind} for {document.audience}, in {document.lang}")
    console.info(f"ok: {len(campaign.positions)} positions, {len(campaign.quotes())} quotes and "
               f"{len(campaign.facts())} facts located in {len(campaign.sources)} sources, "
               f"{len(campaign.audiences)} audiences, {len(campaign.signatories)} signatories; "
         f"{len(checked.documents)} documents compose cleanly.")
    console.warn(checked.warnings)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--from", "source", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Start from this campaign's data (briefkit.yaml, seeds, positions, audiences, "
                   "signatories, templates) instead of the example; its out/ is not copied.")
def init(directory: Path, source: Path | None) -> None:
    """Start a new campaign in DIRECTORY, which must be new or empty.

    Without --from, writes a small example campaign (an "Example Treaty") that
    checks and builds as it is: replace its text with your own.
    """
    from briefkit.curate.scaffold import init_campaign

    written = init_campaign(directory, source)
    for path in written:
        console.detail(f"wrote {path}")
    console.info(f"Created a campaign in {directory} ({len(written)} files). Next:\n"
                 f"  cd {directory}\n  briefkit check\n  briefkit build\n  briefkit preview\n"
                 f"  briefkit distribute   (a dry run: drafts to the example contacts in contacts.csv)")


@main.command()
@click.argument("seeds", nargs=-1, required=True, metavar="SEED...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the YAML to this file inside the campaign folder. Default: print it.")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@campaign_option
def extract(seeds: tuple[Path, ...], out: Path | None, force: bool, campaign_dir: Path) -> None:
    """Draw candidates from source texts: quotes with their speakers, figures,
    dates, treaty articles and bulleted demands, each with its source and line.

    Prints YAML whose quotes and facts can be pasted into a position file as
    they are (rewrite each fact's placeholder label). SEED is a text file inside
    the campaign folder, usually in seeds/.
    """
    from briefkit.curate.candidates import extract_seeds

    result = extract_seeds(campaign_dir, list(seeds), out, force=force)
    if out is None:
        click.echo(result.yaml, nl=False)
    counts = ", ".join(f"{name}: {n}" for name, n in result.counts.items())
    console.info(f"Candidates ({counts})" + (f" written to {out}." if out else "."), err=True)


@main.command()
@campaign_option
def signoff(campaign_dir: Path) -> None:
    """Show the version of the letter text and who has confirmed it.

    Organisations confirm a version: record it in signatories.csv's
    signed_version column. When the letter's shared text changes, so does the
    version, and `briefkit check` lists who must confirm again.
    """
    from briefkit.campaign import signoff as signoffs
    from briefkit.campaign.loader import load_campaign

    console.report_signoff(signoffs.status(load_campaign(campaign_dir)))


@main.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE_ID...")
@campaign_option
def accept(sources: tuple[str, ...], campaign_dir: Path) -> None:
    """Accept a changed source: locate every quote citing it in the new text,
    then record its new checksum in seeds/sources.yaml.

    Nothing is written unless every quote, fact and timeline entry that cites
    the source is found verbatim again.
    """
    from briefkit.curate.accept import accept_sources

    for accepted in accept_sources(campaign_dir, list(sources)):
        if accepted.changed:
            console.info(f"accepted seeds/{accepted.file}: {accepted.citations} citations located; "
                       f"sha256 {accepted.old[:12]}… → {accepted.new[:12]}…")
        else:
            console.info(f"seeds/{accepted.file} is unchanged; nothing to accept.")


@main.command()
@click.argument("quotes", nargs=-1, required=True, metavar="QUOTE_ID...")
@campaign_option
def confirm(quotes: tuple[str, ...], campaign_dir: Path) -> None:
    """Confirm the speaker of a quote whose source names it in a way briefkit cannot read.

    `briefkit check` warns about such a quote until it is confirmed; the record
    (seeds/confirmations.yaml) lapses when the quote, its speaker or its source changes.
    """
    from briefkit.curate.confirm import confirm_quotes

    for quote_id in confirm_quotes(campaign_dir, list(quotes)):
        console.info(f"confirmed the speaker of {quote_id}")


@main.command(name="list")
@click.argument("what", type=click.Choice(["audiences", "kinds", "positions"]))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@campaign_option
def list_(what: str, as_json: bool, campaign_dir: Path) -> None:
    """List the campaign's audiences, positions, or the kinds of document."""
    from briefkit.campaign import listing

    if what == "kinds":
        rows = listing.kind_rows()
    else:
        from briefkit.campaign.loader import load_campaign

        campaign = load_campaign(campaign_dir)
        rows = listing.audience_rows(campaign) if what == "audiences" else listing.position_rows(campaign)
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    console.table(rows)


@main.command(help=f"""Show, paragraph by paragraph, how two audiences' versions of a document differ.

    KIND is {kinds_help()}; the default is letter. Changed paragraphs show
    [-removed-] and {{+added+}} words.
    """)
@click.argument("audience_a", metavar="AUDIENCE_A", shell_complete=complete_audiences)
@click.argument("audience_b", metavar="AUDIENCE_B", shell_complete=complete_audiences)
@click.argument("kind", default="letter", metavar="[KIND]", shell_complete=complete_kinds)
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the diff as a self-contained HTML page to this file.")
@campaign_option
def diff(audience_a: str, audience_b: str, kind: str, html_path: Path | None, campaign_dir: Path) -> None:
    from briefkit.compare import diffreport
    from briefkit.compare.docdiff import diff_audiences
    from briefkit.console import print_diff

    result = diff_audiences(campaign_dir, audience_a, audience_b, kind)
    print_diff(result, console.make_console())
    if html_path is not None:
        diffreport.write(result, html_path)
        console.info(f"Wrote {html_path}")


@main.command()
@click.argument("kind", required=False, metavar="[KIND]", shell_complete=complete_kinds)
@click.option("--audience", "-a", "audience", metavar="ID", default=None, shell_complete=complete_audiences,
              help="Open this audience's document first. Default: the index of every document.")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8800, show_default=True,
              help="Port on 127.0.0.1; 0 picks a free one.")
@campaign_option
def preview(kind: str | None, audience: str | None, port: int, campaign_dir: Path) -> None:
    """Show the documents in a browser as you edit: http://127.0.0.1:8800/.

    Pages are drawn with the print stylesheets in page-sized frames, and reload
    whenever a data file, seed, template or stylesheet changes. An error shows
    in the page, with its file and line, until it is fixed. Stop with Ctrl+C.
    """
    from briefkit.preview import serve

    def announce(running: RunningPreview) -> None:
        click.echo(f"Previewing at {running.start_url} (index: {running.url}/); Ctrl+C stops.")

    serve(campaign_dir, kind, audience, port, announce)


@main.group()
def templates() -> None:
    """See where each template comes from, and copy one to edit."""


@templates.command(name="list")
@click.option("--audience", "-a", "audience", metavar="ID", default=None, shell_complete=complete_audiences,
              help="Show the search path of this audience (its own folder first).")
@campaign_option
def templates_list(audience: str | None, campaign_dir: Path) -> None:
    """The template search path, layer by layer, and the layer each template comes from."""
    from briefkit.campaign.loader import find_root
    from briefkit.console import print_listing
    from briefkit.render.overrides import resolve

    print_listing(resolve(find_root(campaign_dir), audience), console.make_console())


@templates.command(help=f"""Copy the template in effect for KIND into the campaign (or one audience), ready to edit.

    KIND is {kinds_help()}, or any name `templates list` shows
    (base.html.j2, _macros.html.j2, css/letter.css, ...).
    """)
@click.argument("kind", metavar="KIND", shell_complete=complete_kinds)
@click.option("--audience", "-a", "audience", metavar="ID", default=None, shell_complete=complete_audiences,
              help="Copy into templates/audiences/ID/ (this audience only). Default: templates/.")
@click.option("--force", is_flag=True, help="Replace the file if it already exists.")
@click.option("--builtin", is_flag=True,
              help="Copy briefkit's own template in full, not the override currently in effect.")
@campaign_option
def eject(kind: str, audience: str | None, force: bool, builtin: bool, campaign_dir: Path) -> None:
    from briefkit.campaign.loader import find_root
    from briefkit.render.overrides import eject as run_eject

    console.report_eject(run_eject(find_root(campaign_dir), kind, audience, force=force, builtin=builtin))
