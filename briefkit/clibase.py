"""The conventions every `briefkit` command shares, kept apart from what each command does (cli.py).

- `-q/--quiet`, `-v/--verbose` and `--debug` go before the command
  (`briefkit -q build`) or after it (`briefkit build -q`), on every command.
- Exit status: 0 when done; 1 for a problem in the campaign (its files, data,
  templates or out/), printed as `path:line: message (hint: …)`; 2 for a usage
  error: an option that does not exist, or an argument that names nothing the
  campaign has (a mistyped kind or audience), printed as click prints its own,
  after the command's usage line.
- Shell completion is click's (docs/cli.md, Shell completion); kinds and the
  campaign's audience ids complete as well as commands and options.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from briefkit import console
from briefkit.campaign import layout
from briefkit.campaign.enums import KINDS
from briefkit.errors import DEBUG_VARIABLE, BriefkitError, ProblemsFound, UsageProblem, debugging

CAMPAIGN_HELP = "Campaign folder (holds briefkit.yaml). Default: the current folder."
# Commands that never write a file: a problem they report needs no "nothing was written".
READ_ONLY = {"check", "list", "diff", "signoff", "preview"}


def _verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value:
        return
    level = console.QUIET if param.name == "quiet" else console.VERBOSE
    chosen = ctx.meta.setdefault("briefkit.verbosity", level)  # shared by the group and its command
    if chosen != level:
        raise click.UsageError("-q/--quiet and -v/--verbose cannot be combined", ctx)
    console.set_verbosity(level)


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        os.environ[DEBUG_VARIABLE] = "1"  # the one switch, which worker processes inherit


def shared_options() -> list[click.Option]:
    """The options of every command and group, wherever they stand on the command line."""
    return [
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_verbosity,
                     help="Print only what went wrong (problems and warnings), and a command's own "
                          "output (a list, a diff): no summaries, no progress bar."),
        click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_verbosity,
                     help="Print more: every file built or skipped, every draft written, every file "
                          "init writes."),
        click.Option(["--debug"], is_flag=True, expose_value=False, callback=_debug, envvar=DEBUG_VARIABLE,
                     help=f"Show full tracebacks for errors (or set {DEBUG_VARIABLE}=1)."),
    ]


class Command(click.Command):
    """A command with the shared options, whose usage problems exit 2 with its usage line."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(shared_options())

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            if debugging():
                raise
            raise click.UsageError(str(exc), ctx) from exc


class Group(click.Group):
    """Groups and their commands share the options; a BriefkitError is a short message and exit 1."""

    command_class = Command
    group_class = type  # a group's groups are Groups too

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(shared_options())

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        if parent is not None:
            return super().make_context(info_name, args, parent=parent, **extra)
        console.set_verbosity(console.NORMAL)  # each run of the command line starts afresh
        previous = os.environ.get(DEBUG_VARIABLE)  # `--debug` sets it for this run only
        try:
            ctx = super().make_context(info_name, args, parent=parent, **extra)
        except BaseException:
            _restore(previous)
            raise
        ctx.meta["briefkit.debug-before"] = previous
        return ctx

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ProblemsFound as exc:
            if debugging():
                raise
            for problem in exc.problems + exc.warnings:
                click.echo(problem.format(), err=True)
            written = "" if ctx.invoked_subcommand in READ_ONLY else "; nothing was written"
            click.echo(f"{exc.message}{written}" + (f" (hint: {exc.hint})" if exc.hint else "") + ".", err=True)
            sys.exit(1)
        except BriefkitError as exc:
            if debugging():
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        finally:
            if ctx.parent is None:
                _restore(ctx.meta.get("briefkit.debug-before"))


def _restore(previous: str | None) -> None:
    """The debug switch as it was before this run of the command line."""
    if previous is None:
        os.environ.pop(DEBUG_VARIABLE, None)
    else:
        os.environ[DEBUG_VARIABLE] = previous


def campaign_option(function: Callable) -> Callable:
    return click.option("--campaign", "campaign_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=".", show_default=False, help=CAMPAIGN_HELP)(function)


def complete_kinds(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(kind) for kind in (*KINDS, "all") if kind.startswith(incomplete)]


def complete_audiences(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The audience ids of the campaign the command line names (--campaign), else of this folder."""
    root = Path(ctx.params.get("campaign_dir") or ".")
    try:
        known = list(layout.audience_files(root))
    except (OSError, BriefkitError):
        return []
    return [CompletionItem(audience) for audience in known if audience.startswith(incomplete)]


def kinds_help(kinds: tuple[str, ...] = KINDS) -> str:
    """The kinds of document, from the registry (campaign/enums.py), for help texts."""
    return ", ".join(kinds[:-1]) + f" or {kinds[-1]}"
