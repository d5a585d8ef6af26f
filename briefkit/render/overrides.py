"""Template overrides: which layer each template comes from, and ejecting one to edit.

A template author's first questions are "which file is Canada's letter made
from?" and "give me a copy I can change". `resolve` answers the first for
every template and stylesheet name; `eject` copies the file in effect into
the campaign or audience layer.

What "the template in effect" means: the first file in the search path that
has the name, exactly as it is written. If that file is itself a small
override that extends `builtin/<name>` (as Canada's letter in the bundled
campaign does), the copy is that small file too, so it keeps extending the
built-in template and keeps its customisation. `builtin=True` copies the
built-in default in full instead, to rewrite a template from the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.campaign import layout
from briefkit.campaign.loader import audience_ids
from briefkit.campaign.model import KINDS
from briefkit.errors import BriefkitError, UsageProblem, suggest
from briefkit.filerule import TEMPLATE, read_campaign_text
from briefkit.fsutil import atomic_write
from briefkit.render.templating import BUILTIN, Layer, TemplateLayers

STANDARD_NAMES: tuple[str, ...] = tuple(dict.fromkeys((
    *(layout.template_file(kind) for kind in KINDS), "base.html.j2", "_macros.html.j2",
    *(name for kind in KINDS for name in layout.stylesheet_files(kind)))))
_EXTENDS = re.compile(r"""\{%-?\s*extends\s+["']([^"']+)["']""")


@dataclass(frozen=True)
class Resolution:
    """Where one template name comes from."""

    name: str
    layer: Layer
    path: Path
    extends: str | None = None          # the template this file extends, if it names one
    audience_overrides: tuple[str, ...] = ()  # audiences with their own file (campaign-wide listing)


@dataclass
class Listing:
    layers: TemplateLayers
    rows: list[Resolution]
    file_counts: dict[str, int] = field(default_factory=dict)   # layer label -> files in it
    orphans: list[str] = field(default_factory=list)  # templates/audiences/<id>/ for no known audience


def template_names(layers: TemplateLayers) -> list[str]:
    """The standard names, then any other template or stylesheet found in an override layer."""
    extra = set()
    for layer in layers.layers[:-1]:
        extra.update(_files_in(layer.path))
    return [*STANDARD_NAMES, *sorted(extra - set(STANDARD_NAMES))]


def resolve(campaign_root: Path, audience_id: str | None = None) -> Listing:
    """Every template name and the layer it resolves to, for one audience or campaign-wide."""
    known = audience_ids(campaign_root)
    if audience_id is not None:
        check_audience(audience_id, known)
    layers = TemplateLayers(campaign_root, audience_id)
    audience_root = campaign_root / layout.AUDIENCE_TEMPLATES
    overriding = {a: set(_files_in(audience_root / a)) for a in known} if audience_id is None else {}
    rows = []
    for name in template_names(layers):
        path = layers.find(name)
        if path is None:
            continue
        layer = next(layer for layer in layers.layers if path == layer.path / name)
        rows.append(Resolution(name, layer, path, _extends(campaign_root, path),
                               tuple(a for a in known if name in overriding.get(a, ()))))
    counts = {layer.label: len(_files_in(layer.path)) for layer in layers.layers}
    orphans = sorted(p.name for p in audience_root.iterdir() if p.is_dir() and p.name not in known) \
        if audience_root.is_dir() else []
    return Listing(layers, rows, counts, orphans)


@dataclass(frozen=True)
class Ejected:
    source: str       # as displayed: builtin/letter.html.j2, templates/letter.html.j2, …
    dest: str
    dest_path: Path
    shadowed_by: tuple[str, ...] = ()  # audiences whose own file of this name the copy does not reach


def eject(campaign_root: Path, what: str, audience_id: str | None = None, *, force: bool = False,
          builtin: bool = False) -> Ejected:
    """Copy the template in effect for `what` (a kind or a template name) into an override layer."""
    if audience_id is not None:
        check_audience(audience_id, audience_ids(campaign_root))
    layers = TemplateLayers(campaign_root, audience_id)
    name = template_name(what, layers)
    dest_layer = layers.layers[0] if audience_id else layers.layers[-2]
    dest = dest_layer.path / name
    source = BUILTIN / name if builtin else layers.find(name)
    if source is None or not source.is_file():
        raise BriefkitError(f"there is no built-in {name} to copy",
                            hint="--builtin copies only briefkit's own templates")
    who = f"audience {audience_id}" if audience_id else "the whole campaign"
    if source.resolve() == dest.resolve():
        raise BriefkitError(f"{layers.display(str(dest))} is already the {name} in effect for {who}; "
                            "edit it there",
                            hint="to start again from briefkit's own template, add --builtin --force")
    if dest.exists() and not force:
        raise BriefkitError(f"{layers.display(str(dest))} already exists",
                            hint="add --force to replace it with a copy of "
                                 f"{layers.display(str(source))}")
    text = read_campaign_text(campaign_root, source, TEMPLATE, layers.display(str(source)))
    header = _header(name, layers.display(str(source)), who)
    try:
        atomic_write(dest, lambda tmp: tmp.write_text(header + text, encoding="utf-8"))
    except OSError as exc:
        raise BriefkitError(f"cannot write {layers.display(str(dest))}: {exc.strerror or exc}") from exc
    shadowed = () if audience_id else tuple(
        a for a in audience_ids(campaign_root)
        if (layout.audience_templates(campaign_root, a) / name).is_file())
    return Ejected(layers.display(str(source)), layers.display(str(dest)), dest, shadowed)


def template_name(what: str, layers: TemplateLayers) -> str:
    """A kind (letter) or a template name (css/letter.css, _macros.html.j2) as a template name."""
    if what in KINDS:
        return layout.template_file(what)
    names = template_names(layers)
    for candidate in (what, layout.template_file(what), f"css/{what}"):
        if candidate in names:
            return candidate
    raise UsageProblem(f"unknown template {what!r}",
                        hint=suggest(what, [*KINDS, *names], "choose a kind or a template"))


def check_audience(audience_id: str, known: list[str]) -> None:
    if audience_id not in known:
        raise UsageProblem(f"unknown audience {audience_id!r}", hint=suggest(audience_id, known))


def _files_in(folder: Path) -> list[str]:
    """Template and stylesheet names in one layer folder (not descending into other audiences)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if rel.parts[0] == Path(layout.AUDIENCE_TEMPLATES).name or not path.is_file():
            continue
        if path.suffix in (".j2", ".css"):
            found.append(rel.as_posix())
    return sorted(found)


def _extends(campaign_root: Path, path: Path) -> str | None:
    if path.suffix != ".j2":
        return None
    try:
        text = read_campaign_text(campaign_root, path, TEMPLATE)
    except BriefkitError:
        return None  # rendering it says what the file rule refuses
    match = _EXTENDS.search(text)
    return match.group(1) if match else None


def _header(name: str, source: str, who: str) -> str:
    note = (f"Copied from {source} by `briefkit templates eject`. This file is now the {name} "
            f"for {who}: edit it freely. Later changes to {source} no longer reach it.")
    if name.endswith(".css"):
        return f"/* {note} */\n"
    return "{#- " + note + " -#}\n"
