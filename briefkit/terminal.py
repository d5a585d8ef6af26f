"""How library results look on a terminal (rich), kept out of the click commands.

Each function takes a result object and a rich Console; colour and styles
appear only on a terminal, and the words are the same either way, so piped
output and tests read the same text.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from briefkit.overrides import Listing


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
