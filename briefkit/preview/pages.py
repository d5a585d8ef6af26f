"""The preview's HTML: a composed document dressed for the screen, the index, and the error page.

A document page is the composed HTML itself, with the print stylesheets the
PDF uses (css/base.css and css/<kind>.css as the layers resolve them, and the
@page rule of writers/geometry) linked in. preview.js then moves its content
into page-sized frames (paper size and margins from the document's meta), so
the author sees roughly where pages break; preview.css draws the frames on
screen only. Every page carries the version it shows, and reloads when the
inputs change.
"""

from __future__ import annotations

import copy
from html import escape
from pathlib import Path
from urllib.parse import quote

import lxml.html
from lxml import etree

from briefkit.campaign.model import KINDS
from briefkit.errors import BriefkitError, Problem, ProblemsFound
from briefkit.filerule import ASSET, read_campaign_file
from briefkit.render.document import Document
from briefkit.render.templating import BUILTIN
from briefkit.writers.geometry import page_css, page_setup

CONTEXT_LINES = 3  # shown before and after a problem's line on the error page
MAX_EXCERPT_FILE = 2_000_000  # bytes: a larger file is named, not shown


def file_url(path: Path, campaign_root: Path) -> str:
    """The URL under which the server serves a stylesheet: /builtin/… or /campaign/…"""
    resolved = path.resolve()
    if resolved.is_relative_to(BUILTIN.resolve()):
        return "/builtin/" + quote(resolved.relative_to(BUILTIN.resolve()).as_posix())
    return "/campaign/" + quote(resolved.relative_to(campaign_root.resolve()).as_posix())


def document_page(document: Document, version: int, audiences: list[str], translation: str | None = None,
                  nonce: str | None = None) -> str:
    """A composed document in page-sized frames; `translation` says how much of its text is
    translated (translate/status.py), for a document in another language than the campaign's.
    `nonce` marks the page's one <style> (its @page rule) as the server's Content-Security-Policy
    allows it: no other inline style runs."""
    setup = page_setup(document)
    tree = copy.deepcopy(document.tree)
    head, body = tree.find("head"), tree.find("body")
    for stylesheet in document.stylesheets:
        etree.SubElement(head, "link", rel="stylesheet", href=file_url(stylesheet, document.campaign_root))
    for image in body.iter("img"):  # src is relative to the campaign (vocabulary.py), served under /campaign/
        image.set("src", file_url(document.campaign_root / image.get("src", ""), document.campaign_root))
    style = etree.SubElement(head, "style", **({"nonce": nonce} if nonce else {}))
    style.text = (page_css(document) + "\n:root { "
                  f"--bk-page-width: {setup.width_mm}mm; --bk-page-height: {setup.height_mm}mm; "
                  f"--bk-margin-top: {setup.top_mm}mm; --bk-margin-right: {setup.right_mm}mm; "
                  f"--bk-margin-bottom: {setup.bottom_mm}mm; --bk-margin-left: {setup.left_mm}mm; }}")
    etree.SubElement(head, "link", rel="stylesheet", href="/_preview/preview.css")
    source = etree.Element("div", id="bk-source")
    source.text, body.text = body.text, None
    for child in list(body):
        source.append(child)
    body.append(lxml.html.fragment_fromstring(_bar(document.kind, document.audience, audiences,
                                                   f"{document.lang}: {translation}" if translation else None)))
    body.append(source)
    body.set("data-bk-page-numbers", "yes" if setup.page_numbers else "no")
    body.set("data-bk-page-label", setup.page_label)
    body.set("data-bk-max-pages", document.meta("briefkit-max-pages", "0"))
    body.set("data-bk-paper", setup.paper)
    etree.SubElement(body, "script", src="/_preview/preview.js", **{"data-version": str(version)})
    return lxml.html.tostring(tree, doctype="<!DOCTYPE html>", encoding="unicode")


def error_page(error: BriefkitError, version: int, title: str, root: Path | None = None,
               place: tuple[str, str, list[str]] | None = None) -> str:
    """What went wrong, one item per problem with its file and line and, read from `root`, the
    lines around it with that line marked, until the files are fixed. `place` (kind, audience,
    every audience) keeps the document's toolbar, so the reader can go on to another one."""
    problems = error.problems if isinstance(error, ProblemsFound) else [error.as_problem()]
    warnings = error.warnings if isinstance(error, ProblemsFound) else []
    items = "\n".join(_problem_item(problem, root) for problem in problems + warnings)
    count = len(problems)
    body = (f'<div class="bk-error"><h1>{escape(title)}</h1>\n'
            f"<p>{count} problem{'s' if count != 1 else ''}. Fix {'them' if count != 1 else 'it'} and save: "
            f"this page reloads by itself.</p>\n<ul>\n{items}\n</ul></div>")
    return _plain_page("briefkit preview: error", body, version, _bar(*place) if place else None)


def index_page(audiences: list[str], warnings: list[Problem], version: int, campaign_title: str,
               languages: dict[str, list[str]] | None = None,
               translations: dict[tuple[str, str, str], str] | None = None) -> str:
    """Every audience × kind; an audience that reads several languages has a row for each. Under
    each document in another language than the campaign's: how much of its text is translated
    (`translations`, by audience, language and kind)."""
    header = "".join(f"<th>{kind}</th>" for kind in KINDS)
    rows = []
    for audience in audiences:
        langs = (languages or {}).get(audience, [])
        for lang in (langs if len(langs) > 1 else [None]):
            query = f"?lang={quote(lang)}" if lang else ""
            label = f"{audience} ({lang})" if lang else audience
            shown = lang or (langs[0] if langs else "")
            rows.append(f"<tr><th>{escape(label)}</th>"
                        + "".join(f'<td><a href="/doc/{quote(audience)}/{kind}{query}">{kind}</a>'
                                  + _translation((translations or {}).get((audience, shown, kind))) + "</td>"
                                  for kind in KINDS) + "</tr>")
    rows = "\n".join(rows)
    notes = ""
    if warnings:
        notes = ('<h2>Warnings</h2>\n<ul class="bk-warnings">'
                 + "".join(_problem_item(w) for w in warnings) + "</ul>")
    body = (f'<div class="bk-index"><h1>{escape(campaign_title)}</h1>\n'
            f"<p>Every document of every audience, composed from the files as they are now.</p>\n"
            f'<table><thead><tr><th>audience</th>{header}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>\n'
            f"{notes}</div>")
    return _plain_page("briefkit preview", body, version)


def _problem_item(problem: Problem, root: Path | None = None) -> str:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    label = "warning: " if problem.severity == "warning" else ""
    hint = f' <span class="bk-hint">(hint: {escape(problem.hint)})</span>' if problem.hint else ""
    shown = _excerpt(problem, root) if root is not None else ""
    return (f'<li><code class="bk-where">{escape(where)}</code>: {label}{escape(problem.message)}{hint}'
            f"{shown}</li>")


def _translation(summary: str | None) -> str:
    return f'<br><span class="bk-translation">{escape(summary)}</span>' if summary else ""


def _excerpt(problem: Problem, root: Path) -> str:
    """The lines around the problem's line in its file (a campaign file, or builtin/…), numbered,
    that line marked; nothing when the problem names no line or no readable file."""
    if not problem.line:
        return ""
    base, rel = (BUILTIN, problem.path[len("builtin/"):]) if problem.path.startswith("builtin/") else \
        (root, problem.path)
    path = (base / rel).resolve()
    if not path.is_relative_to(base.resolve()) or not path.is_file() or path.stat().st_size > MAX_EXCERPT_FILE:
        return ""
    try:
        lines = read_campaign_file(root, path, ASSET).decode("utf-8", "replace").splitlines()
    except BriefkitError:
        return ""
    if problem.line > len(lines):
        return ""
    first = max(1, problem.line - CONTEXT_LINES)
    rows = []
    for number in range(first, min(len(lines), problem.line + CONTEXT_LINES) + 1):
        mark = ' class="bk-line-marked" aria-current="true"' if number == problem.line else ""
        rows.append(f"<li{mark}><code>{escape(lines[number - 1]) or ' '}</code></li>")
    return (f'<ol class="bk-excerpt" start="{first}" aria-label="{escape(problem.path)}, '
            f'lines {first} to {first + len(rows) - 1}">' + "".join(rows) + "</ol>")


def _bar(kind: str, audience: str, audiences: list[str], translation: str | None = None) -> str:
    """The toolbar: back to the index, the other kinds, the other audiences; how much is translated."""
    current = ' class="bk-current"'
    kinds = " ".join(f'<a href="/doc/{quote(audience)}/{k}"{current if k == kind else ""}>{k}</a>' for k in KINDS)
    options = "".join(f'<option value="{escape(a)}"{" selected" if a == audience else ""}>'
                      f"{escape(a)}</option>" for a in audiences)
    return (f'<nav id="bk-bar" data-kind="{escape(kind)}"><a href="/">all documents</a>'
            f'<span class="bk-kinds">{kinds}</span>'
            f'<select id="bk-audience" aria-label="audience">{options}</select>'
            + (f'<span class="bk-translation">{escape(translation)}</span>' if translation else "")
            + '<span id="bk-status"></span></nav>')


def _plain_page(title: str, body: str, version: int, bar: str | None = None) -> str:
    bar = bar or '<nav id="bk-bar"><a href="/">all documents</a><span id="bk-status"></span></nav>'
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<link rel="stylesheet" href="/_preview/preview.css"></head>\n<body class="bk-plain">\n'
            f'{bar}\n{body}\n'
            f'<script src="/_preview/preview.js" data-version="{version}"></script>\n</body></html>\n')
