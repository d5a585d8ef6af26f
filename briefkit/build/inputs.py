"""What each output depends on, as one hash: the key of an incremental build.

An output is rebuilt only when its key changes. The key covers exactly what
can change its bytes: the campaign data every document reads (briefkit.yaml,
seeds, positions, signatories, the images in assets/), its own audience's
file, the templates and stylesheets it is rendered from (its kind's template,
followed through every extends, include and import, each resolved on the
audience's search path, and the stylesheets of its kind), its language and the compiled catalogue of
briefkit's labels in it, the fonts installed, the writer's own assets and
options (the PDF variant), and the versions of briefkit and of the libraries
that render.
Computing keys reads and hashes files but parses none of them: the plan
that asks for keys comes from the campaign as the loader read it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2
from jinja2 import meta

from briefkit import __version__
from briefkit.campaign import layout
from briefkit.campaign.model import Campaign
from briefkit.errors import BriefkitError
from briefkit.filerule import ASSET, present, read_campaign_file
from briefkit.render.i18n import catalogue_file
from briefkit.render.templating import BUILTIN, TemplateLayers
from briefkit.resources import REFERENCE_DOCX
from briefkit.writers.variants import DEFAULT_PDF_VARIANT

_PARSER = jinja2.Environment(extensions=["jinja2.ext.i18n"])  # only parses templates, to find references

WRITER_ASSETS = {"docx": [REFERENCE_DOCX]}
LIBRARIES = {"pdf": ("weasyprint", "pydyf", "tinycss2"), "docx": ("python-docx", "lxml"), "html": (),
             "text": ("babel", "jinja2")}  # dates, numbers, plurals and labels in every format
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


@dataclass(frozen=True)
class InputIndex:
    """Hashes of a campaign's input files, computed once per build."""

    root: Path
    shared: str
    audience_files: dict[str, str]
    fonts: str
    today: str
    _templates: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def scan(cls, campaign: Campaign) -> InputIndex:
        root = campaign.root
        shared = _digest_files([p for name in layout.SHARED_DATA for p in _files(root / name)], root)
        audiences = {aid: _digest_files([path], root) for aid, path in layout.audience_files(root).items()}
        return cls(root, shared, audiences, _fonts_digest(), _date_dependence(campaign.config.date is not None))

    def key(self, audience: str, kind: str, fmt: str, options: str = "",
            pdf_variant: str = DEFAULT_PDF_VARIANT, lang: str = "") -> str:
        """The input hash of the <kind> for <audience> in <lang> as <fmt>.

        `options` are build options that change the output (--confirmed-only,
        --clean); a PDF's hash depends on its variant too, and every output's
        on its language's catalogue of labels.
        """
        parts = [
            f"briefkit {__version__}", f"{audience}/{kind}.{lang}.{fmt}", options,
            self.shared, self.audience_files.get(audience, "missing"), self.templates(audience, kind),
            _assets_digest(fmt), _libraries(fmt), self.today, _catalogue_digest(lang), _libraries("text"),
        ]
        if fmt == "pdf":
            parts += [self.fonts, f"variant {pdf_variant}"]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def templates(self, audience: str, kind: str) -> str:
        """Digest of the templates and stylesheets `kind` is rendered from for `audience`."""
        own = layout.audience_templates(self.root, audience).is_dir()
        cache_key = (audience if own else None, kind)
        if cache_key not in self._templates:
            self._templates[cache_key] = _template_digest(TemplateLayers(self.root, cache_key[0]), kind)
        return self._templates[cache_key]


def _date_dependence(dated: bool) -> str:
    """Today's date if the documents print it, else nothing: a dated campaign's outputs do not
    go stale at midnight (which would also make yesterday's PDFs unfit to distribute).

    A campaign without a date prints today's, or SOURCE_DATE_EPOCH's (compose.document_date).
    """
    return "" if dated else _today() + os.environ.get("SOURCE_DATE_EPOCH", "")


def _today() -> str:
    return dt.date.today().isoformat()


def _template_digest(layers: TemplateLayers, kind: str) -> str:
    """Follow the kind's template through extends/include/import, resolving each name on the layers."""
    resolved: dict[str, str] = {}
    queue = [layout.template_file(kind), *layout.stylesheet_files(kind)]
    while queue:
        name = queue.pop()
        if name in resolved:
            continue
        path = BUILTIN / name.removeprefix("builtin/") if name.startswith("builtin/") else layers.find(name)
        if path is None or not present(path):
            resolved[name] = "missing"
            continue
        data = _bytes(layers.campaign_root, path)
        resolved[name] = f"{path}\0{hashlib.sha256(data).hexdigest()}"
        if name.endswith(".j2"):
            try:
                references = list(meta.find_referenced_templates(_PARSER.parse(data.decode("utf-8"))))
            except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
                references = []  # the build reports it; the key still follows the file's bytes
            if None in references:  # a name computed at run time: depend on every template
                resolved["*"] = _digest_files([p for layer in layers.layers for p in _files(layer.path)],
                                              Path("/"), layers.campaign_root)
            queue.extend(r for r in references if r)
    return hashlib.sha256("\n".join(f"{k}\0{v}" for k, v in sorted(resolved.items())).encode()).hexdigest()


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    # Everything there but folders (a FIFO or a link out too): its digest says the rule refused it.
    return sorted(p for p in path.rglob("*") if not p.is_dir() and not p.name.startswith("."))


def _digest_files(paths: list[Path], root: Path, campaign_root: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(_bytes(campaign_root or root, path)).digest())
    return digest.hexdigest()


def _bytes(campaign_root: Path, path: Path) -> bytes:
    """A file's bytes by the file rule (filerule.py); for a file it refuses (a link out, a FIFO, a
    device), the refusal itself: hashing never hangs or reads outside, and the check reports it."""
    try:
        return read_campaign_file(campaign_root, path, ASSET)
    except BriefkitError as exc:
        return f"refused: {exc.message}".encode()


@cache
def _assets_digest(fmt: str) -> str:
    paths = WRITER_ASSETS.get(fmt, [])
    return _digest_files(paths, paths[0].parent) if paths else ""


@cache
def _catalogue_digest(lang: str) -> str:
    """The compiled catalogue of briefkit's labels in `lang` (none: English labels)."""
    path = catalogue_file(lang) if lang else None
    return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None and path.is_file() else ""


@cache
def _libraries(fmt: str) -> str:
    found = []
    for name in LIBRARIES.get(fmt, ()):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} ?")
    return ", ".join(found)


@cache
def _fonts_digest() -> str:
    """Installed font files by path, size and modification time: a new or updated font changes PDFs."""
    digest = hashlib.sha256()
    for folder in FONT_DIRS:
        base = Path(folder).expanduser()
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            try:
                info = path.stat()
            except OSError:
                continue
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()
