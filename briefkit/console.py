"""How library results look on a terminal (rich), kept out of the click commands.

Each function takes a result object and a rich Console; colour and styles
appear only on a terminal, and the words are the same either way, so piped
output and tests read the same text.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from briefkit.build.run import BuildResult
    from briefkit.compare.docdiff import Change, DocDiff
    from briefkit.distribute.run import DistributeResult
    from briefkit.campaign.signoff import SignoffStatus
    from briefkit.render.overrides import Ejected, Listing


# How much a command prints besides its own output (a list, a diff) and its problems: -q, -v.
QUIET, NORMAL, VERBOSE = 0, 1, 2
_verbosity = NORMAL


def set_verbosity(level: int) -> None:
    global _verbosity
    _verbosity = level


def info(message: str, err: bool = False) -> None:
    """A summary line ("Built 12 files …"): printed unless -q."""
    if _verbosity >= NORMAL:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """One line of detail (a file written, a draft): printed only with -v."""
    if _verbosity >= VERBOSE:
        click.echo(message)


def print_listing(listing: Listing, console: Console) -> None:
    """`briefkit templates list`: the search path, then each name and where it resolves."""
    layers = listing.layers
    campaign_wide = len(layers.layers) == 2
    console.print("[bold]Search path[/bold] (first match wins):")
    for number, layer in enumerate(layers.layers, 1):
        count = listing.file_counts.get(layer.label, 0)
        state = "" if layer.path.is_dir() else ", folder not created yet"
        console.print(f"  {number}. {layer.label:<22} {layers.shown(layer):<34} "
                      f"({count} file{'s' if count != 1 else ''}{state})", highlight=False)
    console.print()
    table = Table(show_edge=False, header_style="bold", highlight=False)
    table.add_column("template")
    table.add_column("in effect from")
    table.add_column("file")
    if campaign_wide:
        table.add_column("own file for audiences")
    for row in listing.rows:
        style = "dim" if row.layer.label == "built-in" else "bold"
        where = layers.display(str(row.path))
        if row.extends and row.layer.label != "built-in":
            where += f" (extends {row.extends})"
        cells = [row.name, row.layer.label, where]
        if campaign_wide:
            cells.append(", ".join(row.audience_overrides))
        table.add_row(*cells, style=style)
    console.print(table)
    for orphan in listing.orphans:
        console.print(f"warning: templates/audiences/{orphan}/ matches no audience "
                      f"(no audiences/{orphan}.yaml); its templates are never used", highlight=False)


_WORD_STYLE = {"equal": "", "delete": "red strike", "insert": "green underline"}
_WORD_MARK = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}


def print_diff(diff: DocDiff, console: Console) -> None:
    """`briefkit diff`: each differing block, with runs of unchanged blocks counted, not shown."""
    a, b = diff.audience_a, diff.audience_b
    console.print(Text.assemble((f"{diff.kind}: ", "bold"), (a, "red"), " → ", (b, "green")))
    if diff.identical:
        console.print(f"The two {diff.kind}s say the same words ({diff.count('same')} paragraphs).",
                      highlight=False)
        return
    console.print(diff.summary(), highlight=False)
    same = 0
    for change in diff.changes:
        if change.op == "same":
            same += 1
            continue
        if same:
            console.print(f"  = {same} paragraph{'s' if same != 1 else ''} the same", style="dim",
                          highlight=False)
            same = 0
        console.print(_change_line(change, a, b))
    if same:
        console.print(f"  = {same} paragraph{'s' if same != 1 else ''} the same", style="dim",
                      highlight=False)


def _change_line(change: Change, a: str, b: str) -> Text:
    if change.op == "changed":
        line = Text(f"~ {change.b.tag:<3} ", style="yellow")
        for op, words in change.words:  # each piece carries the space before it (textmatch.word_ops)
            if words.startswith(" "):
                line.append(" ")
            line.append(_WORD_MARK[op].format(words.lstrip(" ")), style=_WORD_STYLE[op])
        return line
    if change.op == "moved":
        return Text.assemble((f"↕ {change.b.tag:<3} ", "cyan"), change.b.text, (f"  (moved in {b})", "dim"))
    if change.op == "only_a":
        return Text.assemble((f"- {change.a.tag:<3} ", "red"), (change.a.text, "red"), (f"  (only {a})", "dim"))
    return Text.assemble((f"+ {change.b.tag:<3} ", "green"), (change.b.text, "green"), (f"  (only {b})", "dim"))


def warn(warnings: list) -> None:
    for warning in warnings:
        click.echo(warning.format(), err=True)
    if warnings:
        click.echo(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}.", err=True)


def table(rows: list[dict]) -> None:
    if not rows:
        click.echo("(none)")
        return
    table = Table(show_edge=False, header_style="bold")
    for key in rows[0]:
        table.add_column(key)
    for row in rows:
        table.add_row(*[", ".join(map(str, v)) if isinstance(v, list) else str(v) for v in row.values()])
    make_console().print(table)


def make_console() -> Console:
    """A rich console; when output is piped it is wide enough that tables do not wrap."""
    return Console(soft_wrap=False) if sys.stdout.isatty() else Console(soft_wrap=False, width=200)


class Progress:
    """A rich progress bar on a terminal; nothing when output is piped or in CI."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and _verbosity >= NORMAL and sys.stderr.isatty() and not os.environ.get("CI")
        self.bar = None
        self.task = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), TextColumn("{task.description}"),
                                console=Console(stderr=True), transient=True)
            self.bar.__enter__()
        return self

    def update(self, current: str, done: int, total: int) -> None:
        if self.bar is None:
            return
        if self.task is None:
            self.task = self.bar.add_task(current, total=total)
        self.bar.update(self.task, completed=done, description=current)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def report_distribution(result: DistributeResult) -> bool:
    """Print what `distribute` did; False if anything was refused, uncertain or stopped."""
    out = display(result.out_dir)
    plan = result.plan
    for message in result.messages:
        detail(f"draft {out}{message.eml}: to {message.contact.email}, "
               + ", ".join(a.filename for a in message.attachments))
    info(f"Wrote {_count(len(result.messages), 'message')} to {out}outbox/ and "
         f"{_count(len(result.bundles), 'bundle')} to {out}bundles/.")
    if result.without_contacts:
        info("No contacts for: " + ", ".join(result.without_contacts) + " (bundle only).")
    warn(result.warnings)
    for message in plan.uncertain:
        click.echo(f"not sent again: {_who(message)}: an earlier run lost the connection before the "
                   f"server confirmed it; check whether it arrived, then use --resend -a "
                   f"{message.audience} if not", err=True)
    report = result.report
    if report is None:
        info(f"Dry run: nothing was sent. {len(plan.to_send)} to send, {len(plan.already)} already "
             f"delivered. Open the drafts to check them, then run again with --send.")
        return not plan.uncertain
    info(f"Sent {_count(len(report.sent), 'message')}; {len(plan.already)} already delivered. "
         f"Log: {out}deliveries.jsonl")
    for message, reply in report.refused:
        click.echo(f"refused: {_who(message)}: {reply}", err=True)
    for message in report.uncertain:
        click.echo(f"uncertain: {_who(message)}: the connection was lost before the server confirmed "
                   f"it; it will not be sent again without --resend", err=True)
    if report.stopped:
        click.echo(f"stopped: {report.stopped}; {_count(len(report.not_attempted), 'message')} not sent. "
                   f"Run the same command again to send the rest.", err=True)
    return not (report.refused or report.uncertain or report.stopped or plan.uncertain)


def _who(message) -> str:
    return f"{message.audience} -> {message.contact.email} ({message.eml})"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"


def report_build(result: BuildResult, as_json: bool) -> bool:
    """Print what `build` did (text, or JSON for scripts); False if any document failed."""
    if as_json:
        click.echo(json.dumps(result.summary(), indent=2))
    else:
        built, skipped = len(result.built), len(result.skipped)
        out = display(result.out_dir)
        for entry in result.built:
            detail(f"built {out}{entry.path}" + (f" ({_count(entry.pages, 'page')})" if entry.pages else ""))
        for entry in result.skipped:
            detail(f"up to date: {out}{entry.path}")
        info(f"Built {_count(built, 'file')} into {out} in {result.seconds:.1f} s"
             + (f"; {skipped} up to date." if skipped else "."))
        detail("timings: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result.timings.items()))
        warn(result.warnings)
    for failure in result.failures:
        click.echo(f"failed: {failure.path}: {failure.message}", err=True)
    if result.failures:
        click.echo(f"{len(result.failures)} document(s) failed; the others were written.", err=True)
    return not result.failures


def report_signoff(status: SignoffStatus) -> None:
    """`briefkit signoff`: the letter text's version, and who confirmed it."""
    click.echo(f"Letter text version: {status.version}")
    rows = ([{"organisation": s.name, "status": "confirmed"} for s in status.confirmed]
            + [{"organisation": s.name, "status": f"confirmed {s.signed_version}: must re-confirm"}
               for s in status.outdated]
            + [{"organisation": s.name, "status": "no version recorded"} for s in status.unrecorded])
    table(rows)
    click.echo(f"{len(status.confirmed)} of {len(rows)} confirmed the current text.")


def report_eject(done: Ejected) -> None:
    """`briefkit templates eject`: what was copied where, and which audiences it does not reach."""
    info(f"Copied {done.source} to {done.dest}. Edit it, then run `briefkit preview` or `briefkit build`.")
    if done.shadowed_by:
        click.echo(f"note: this copy does not reach audiences with their own {Path(done.dest).name} "
                   f"in templates/audiences/ ({', '.join(done.shadowed_by)}); edit those too if they "
                   "should follow.")
