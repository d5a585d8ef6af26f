"""`briefkit translate`: the campaign's text out to translators and back, as thin click commands.

The group is made by `group(campaign_option)` so that it takes the one
`--campaign` option of cli.py, which adds it to `briefkit` as it defines
the main group.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from briefkit import console
from briefkit.clibase import Group


def group(campaign_option: Callable) -> click.Group:
    """The `translate` group: export, import, status and accept."""

    @click.group(name="translate", cls=Group)
    def translate() -> None:
        """Send the campaign's text to translators (PO or XLIFF) and take it back.

        \b
          briefkit translate export fr        out/translations/fr.po, for the translator
          briefkit translate import fr.po     the translations back into the campaign
          briefkit translate status           translated, stale and missing, per language
          briefkit translate accept fr        the French as it is fits today's English
        """

    @translate.command(name="export")
    @click.argument("language", metavar="LANG")
    @click.option("--format", "fmt", type=click.Choice(["po", "xliff"], case_sensitive=False), default="po", show_default=True,
                  help="PO (Poedit, Weblate, Crowdin, Lokalise) or XLIFF 1.2 (OmegaT and the others).")
    @click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="The file to write, inside the campaign folder; - prints it. "
                       "Default: out/translations/LANG.po (or .xlf).")
    @campaign_option
    def export(language: str, fmt: str, out: Path | None, campaign_dir: Path) -> None:
        """Write the catalogue of LANG: every text its documents print, with the current translation,
        stale ones marked fuzzy with the text they were made from, and a note for the translator."""
        from briefkit.translate.export import export_catalogue

        done = export_catalogue(campaign_dir, language, fmt, out)
        if done.path is None:
            sys.stdout.buffer.write(done.data)
        counts = done.counts
        where = f"Wrote {done.path}" if done.changed else f"{done.path} is up to date" if done.path else "Printed"
        click.echo(f"{where}: {counts['texts']} texts, {counts['translated']} translated, "
                   f"{counts['fuzzy']} to review (fuzzy), {counts['untranslated']} untranslated.", err=True)
        for path in done.recorded:
            click.echo(f"Recorded in {path} the text each {language} translation written inline is made "
                       "from: from now on, a change to it makes the translation stale.", err=True)

    @translate.command(name="import")
    @click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
    @campaign_option
    def import_(file: Path, campaign_dir: Path) -> None:
        """Take a translated catalogue (PO or XLIFF) back into the campaign: checked whole first,
        then stored in translations/; nothing is written if any entry is wrong."""
        from briefkit.translate.importer import import_catalogue

        done = import_catalogue(campaign_dir, file)
        click.echo(f"{done.language}: {done.changed} translations new or changed, {done.confirmed} confirmed, "
                   f"{done.unchanged} unchanged; left for the translator: {done.fuzzy} fuzzy, "
                   f"{done.untranslated} untranslated.")
        click.echo("Wrote " + ", ".join(done.written) + "." if done.written else "Nothing to write.")

    @translate.command()
    @click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
    @campaign_option
    def status(as_json: bool, campaign_dir: Path) -> None:
        """How much of the text each kind of document prints is translated, stale or missing, per language."""
        from briefkit.campaign.loader import load_campaign
        from briefkit.translate.status import status as run_status

        rows = [row.as_dict() for row in run_status(load_campaign(campaign_dir))]
        if as_json:
            click.echo(json.dumps({"languages": rows}, indent=2, ensure_ascii=False))
            return
        console.table([{"language": r["language"], "document": r["kind"], "texts": r["texts"],
                        "translated": r["current"], "stale": r["stale"], "untracked": r["untracked"],
                        "missing": f"{r['missing']} (in {r['fallback']})" if r["missing"] and r["fallback"]
                        else r["missing"]} for r in rows])

    @translate.command()
    @click.argument("language", metavar="LANG")
    @click.argument("contexts", nargs=-1, metavar="[CONTEXT]...")
    @campaign_option
    def accept(language: str, contexts: tuple[str, ...], campaign_dir: Path) -> None:
        """Record that the LANG translations (all, or those of CONTEXT, such as
        positions/05-limit-surveillance.yaml:demand) fit today's source text: they are no longer stale."""
        from briefkit.translate.accept import accept_translations

        done = accept_translations(campaign_dir, language, list(contexts) or None)
        click.echo(f"{language}: {len(done.accepted)} translations accepted"
                   + (f", {done.dropped} left-over entries dropped" if done.dropped else "") + "; "
                   + ("wrote " + ", ".join(done.written) if done.written else "nothing to write") + ".")

    return translate
