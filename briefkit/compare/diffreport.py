"""`briefkit diff --html`: the paragraph-by-paragraph diff as one self-contained HTML page.

Two columns, one audience each, every block in reading order: unchanged
blocks muted, changed ones with struck and inserted words, blocks only one
side has against an empty cell. Styles are inline, so the file can be mailed.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from briefkit.compare.docdiff import Change, DocDiff
from briefkit.errors import BriefkitError
from briefkit.fsutil import atomic_write
from briefkit.sources.textmatch import marked

_STYLE = """
body { font: 15px/1.45 "Noto Sans", "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 2em auto; max-width: 72em; }
h1 { font-size: 1.4em; } .summary { color: #4d4d4d; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th { text-align: left; border-bottom: 2px solid #1f3a5f; padding: .4em; }
td { vertical-align: top; padding: .4em; border-bottom: 1px solid #e0e0e0; }
td.tag { width: 3em; color: #888; font-size: .8em; }
tr.same td { color: #888; }
tr.moved td { background: #e8f1fb; }
tr.changed td { background: #fffbe6; }
td.only-a { background: #fdecea; } td.only-b { background: #e8f5e9; } td.missing { background: #f7f7f7; }
del { background: #f5c6c0; color: #8a1c1c; } ins { background: #c8e6c9; color: #1b5e20; text-decoration: none; }
"""


def render(diff: DocDiff) -> str:
    a, b = escape(diff.audience_a), escape(diff.audience_b)
    rows = "\n".join(_row(change) for change in diff.changes)
    summary = escape(diff.summary())
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(diff.kind)}: {a} and {b}</title><style>{_STYLE}</style></head><body>\n"
            f"<h1>The {escape(diff.kind)} for {a} and for {b}</h1>\n<p class=\"summary\">{summary}</p>\n"
            f'<table><thead><tr><th class="tag"></th><th>{a}</th><th>{b}</th></tr></thead><tbody>\n'
            f"{rows}\n</tbody></table></body></html>\n")


def write(diff: DocDiff, path: Path) -> None:
    try:
        atomic_write(path, lambda tmp: tmp.write_text(render(diff), encoding="utf-8"))
    except OSError as exc:
        raise BriefkitError(f"cannot write the diff report {path}: {exc.strerror or exc}") from exc


def _row(change: Change) -> str:
    if change.op == "moved":
        return _tr("moved", change.b.tag, "", "missing", escape(change.b.text) + " <em>(moved)</em>", "")
    if change.op == "same":
        return _tr("same", change.a.tag, escape(change.a.text), "", escape(change.b.text), "")
    if change.op == "changed":
        left = marked([(op, escape(w)) for op, w in change.words if op != "insert"],
                      {"equal": "{}", "delete": "<del>{}</del>"}).strip()
        right = marked([(op, escape(w)) for op, w in change.words if op != "delete"],
                       {"equal": "{}", "insert": "<ins>{}</ins>"}).strip()
        return _tr("changed", change.b.tag, left, "", right, "")
    if change.op == "only_a":
        return _tr("only", change.a.tag, escape(change.a.text), "only-a", "", "missing")
    return _tr("only", change.b.tag, "", "missing", escape(change.b.text), "only-b")


def _tr(kind: str, tag: str, left: str, left_class: str, right: str, right_class: str) -> str:
    return (f'<tr class="{kind}"><td class="tag">{escape(tag)}</td>'
            f'<td class="{left_class}">{left}</td><td class="{right_class}">{right}</td></tr>')
