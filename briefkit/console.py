"""How library results look on a terminal (rich), kept out of the click commands.

Each function takes a result object and a rich Console; colour and styles
appear only on a terminal, and the words are the same either way, so piped
output and tests read the same text.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from briefkit.compare.docdiff import Change, DocDiff
from briefkit.render.overrides import Listing


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
    console.print(summary(diff), highlight=False)
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


def summary(diff: DocDiff) -> str:
    a, b = diff.audience_a, diff.audience_b
    return (f"{diff.count('changed')} changed, {diff.count('only_a')} only in {a}, "
            f"{diff.count('only_b')} only in {b}, {diff.count('moved')} moved, {diff.count('same')} the same")


def _change_line(change: Change, a: str, b: str) -> Text:
    if change.op == "changed":
        line = Text(f"~ {change.b.tag:<3} ", style="yellow")
        for index, (op, words) in enumerate(change.words):
            if index:
                line.append(" ")
            line.append(_WORD_MARK[op].format(words), style=_WORD_STYLE[op])
        return line
    if change.op == "moved":
        return Text.assemble((f"↕ {change.b.tag:<3} ", "cyan"), change.b.text, (f"  (moved in {b})", "dim"))
    if change.op == "only_a":
        return Text.assemble((f"- {change.a.tag:<3} ", "red"), (change.a.text, "red"), (f"  (only {a})", "dim"))
    return Text.assemble((f"+ {change.b.tag:<3} ", "green"), (change.b.text, "green"), (f"  (only {b})", "dim"))
