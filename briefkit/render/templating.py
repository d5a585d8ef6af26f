"""Layered, sandboxed Jinja2 templates.

The search path is: the audience's folder, the campaign's templates/, then
the built-in defaults. An override can extend the template it replaces with
`{% extends "builtin/letter.html.j2" %}`. Templates run in Jinja2's sandbox
with autoescape and StrictUndefined, and every Jinja2 error is turned into a
TemplateProblem naming the template file and line. Plain-text templates
(`*.txt.j2`, the e-mail subject and body) run in the same sandbox without
HTML escaping: they produce text, not markup, and `&amp;` in a subject line
would be a bug.
"""

from __future__ import annotations

import functools
import gettext
import os
import resource
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError

from briefkit.campaign import layout
from briefkit.errors import BriefkitError, TemplateProblem
from briefkit.filerule import TEMPLATE, present, read_campaign_text
from briefkit.render.i18n import direction, in_quotes, translations
from briefkit.render.scripts import isolate
from briefkit.resources import BUILTIN_TEMPLATES

BUILTIN = BUILTIN_TEMPLATES


@dataclass(frozen=True)
class Layer:
    label: str
    path: Path


class TemplateLayers:
    """The template search path for one audience of one campaign."""

    def __init__(self, campaign_root: Path, audience_id: str | None = None,
                 language: str | None = None, labels: dict[str, str] | None = None) -> None:
        self.campaign_root = campaign_root
        self.language = language  # of the labels: briefkit's catalogue for it, else English
        self.labels = labels or {}  # the translations of the campaign's own labels (translations/<lang>.po)
        layers = []
        if audience_id:
            layers.append(Layer(f"audience {audience_id}", layout.audience_templates(campaign_root, audience_id)))
        layers.append(Layer("campaign", campaign_root / layout.TEMPLATES))
        layers.append(Layer("built-in", BUILTIN))
        self.layers = layers
        self._env: ImmutableSandboxedEnvironment | None = None

    def find(self, name: str) -> Path | None:
        """The file that `name` resolves to: the first layer that has anything by that name (a link
        out or a FIFO too, which its reader then refuses by the file rule, rather than passing over
        it to the next layer; a folder of that name too)."""
        for layer in self.layers:
            candidate = layer.path / name
            if present(candidate):
                return candidate
        return None

    def display(self, filename: str | None) -> str:
        """A template path as a user should see it: relative to the campaign, or builtin/…"""
        if not filename:
            return "<template>"
        path = Path(filename)
        # The name as written first (a link is named where it stands, not where it points).
        for candidate in (Path(os.path.abspath(path)), path.resolve()):
            for base, prefix in ((BUILTIN, "builtin/"), (self.campaign_root, "")):
                for folder in (base, base.resolve()):
                    try:
                        return prefix + candidate.relative_to(folder).as_posix()
                    except ValueError:
                        continue
        return filename

    def shown(self, layer: Layer) -> str:
        """A layer's folder as a user should see it: templates/…, or builtin/."""
        return "builtin/" if layer.path == BUILTIN else self.display(str(layer.path))

    def search_path(self) -> str:
        return "; ".join(f"{layer.label}: {self.shown(layer)}" for layer in self.layers)

    @property
    def environment(self) -> ImmutableSandboxedEnvironment:
        if self._env is None:
            paths = [layer.path for layer in self.layers if layer.path.is_dir()]
            loader = jinja2.ChoiceLoader([
                jinja2.PrefixLoader({"builtin": _CampaignLoader(self.campaign_root, [BUILTIN], self.display)}),
                _CampaignLoader(self.campaign_root, paths, self.display),
            ])
            self._env = _GuardedEnvironment(loader=loader, autoescape=_autoescape,
                                            undefined=jinja2.StrictUndefined,
                                            trim_blocks=True, lstrip_blocks=True,
                                            extensions=["jinja2.ext.i18n"])
            # Labels go through gettext ({{ _("Summary") }}, {% trans %}); `trimmed` folds the
            # whitespace of a {% trans %} block, as Babel's extraction does (babel.cfg).
            self._env.policies["ext.i18n.trimmed"] = True
            self._env.install_gettext_translations(_with_labels(self.labels, translations(self.language)),
                                                   newstyle=True)
            # Also visible to imported macros, which see no context: environments are per language.
            self._env.globals["lang"] = self.language
            self._env.globals["in_quotes"] = functools.partial(in_quotes, language=self.language)
            self._env.filters["capfirst"] = capfirst
            own_direction = direction(self.language or "en")
            self._env.filters["isolate"] = functools.partial(isolate, document_direction=own_direction)
        return self._env

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render `name` from the search path; raise TemplateProblem with file and line on failure."""
        try:
            return _guarded_render(self.environment.get_template(name), context)
        except (_TooLarge, _TooLong, MemoryError) as exc:
            path, line = _template_frame(sys.exc_info()[2])
            what = {_TooLarge: f"writes more than {MAX_OUTPUT // 1_000_000} MB",
                    _TooLong: f"runs longer than {MAX_SECONDS:g} s",
                    MemoryError: "needs more memory than briefkit allows a template"}[type(exc)]
            raise TemplateProblem(f"template {what} and was stopped", path=self.display(path or name),
                                  line=line, hint="look for a loop that never ends or text repeated "
                                                  "many times") from None
        except RecursionError:
            path, line = _template_frame(sys.exc_info()[2])
            raise TemplateProblem("template calls itself without end (an {% include %} of itself, or a macro "
                                  "that calls itself)", path=self.display(path or name), line=line,
                                  hint="give the recursion a condition that stops it, or include another "
                                       "template") from None
        except OverflowError as exc:
            # The sandbox's range() refuses more than MAX_RANGE numbers with an OverflowError.
            path, line = _template_frame(sys.exc_info()[2])
            ranged = "range" in str(exc).lower()
            raise TemplateProblem(f"template asks for a range() of more than {MAX_RANGE:,} numbers" if ranged
                                  else f"template computes a number too large to hold: {exc}",
                                  path=self.display(path or name), line=line,
                                  hint="loop over the campaign's data instead" if ranged
                                  else "check the arithmetic on this line") from None
        except jinja2.TemplateNotFound as exc:
            path, line = _template_frame(exc.__traceback__)
            raise TemplateProblem(f"template {exc.name!r} not found", path=self.display(path), line=line,
                                  hint=f"search path: {self.search_path()}") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(f"template syntax error: {exc.message}",
                                  path=self.display(exc.filename), line=exc.lineno,
                                  hint="check the {% %} and {{ }} tags on this line") from exc
        except SecurityError as exc:
            path, line = _template_frame(sys.exc_info()[2])
            raise TemplateProblem(f"template tried something the sandbox forbids: {exc}",
                                  path=self.display(path), line=line,
                                  hint="templates may only read campaign data") from exc
        except jinja2.UndefinedError as exc:
            path, line = _template_frame(sys.exc_info()[2])
            raise TemplateProblem(f"template uses an undefined value: {exc.message}",
                                  path=self.display(path), line=line,
                                  hint="check the variable's spelling; docs/templates.md, \"Customise the letter\", "
                                       "lists what a template can use") from exc
        except jinja2.TemplateError as exc:
            path, line = _template_frame(sys.exc_info()[2])
            raise TemplateProblem(f"template error: {exc}", path=self.display(path), line=line) from exc
        except TemplateProblem:
            raise
        except BriefkitError as exc:  # a template file the file rule refuses (a link out, a FIFO, not UTF-8)
            path, line = _template_frame(sys.exc_info()[2])
            where = f" (included from {self.display(path)}, line {line})" if path else ""
            raise TemplateProblem(exc.message + where, path=exc.path, line=exc.line, hint=exc.hint) from exc


class _CampaignLoader(jinja2.BaseLoader):
    """Templates from folders, each file read by the file rule (filerule.py): a template, or an
    include, import or extends, that links out of the campaign, is a FIFO or a device, or is too
    large, is refused with a clear problem, never followed; Jinja2's FileSystemLoader would read it."""

    def __init__(self, campaign_root: Path, folders: list[Path], display: Any) -> None:
        self.campaign_root = campaign_root
        self.folders = folders
        self.display = display

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        pieces = split_template_path(template)  # refuses `..`
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not present(candidate):  # anything there answers, and the file rule judges it
                continue
            source = read_campaign_text(self.campaign_root, candidate, TEMPLATE, self.display(str(candidate)),
                                        hint="save the template as UTF-8")
            mtime = _mtime(candidate)
            return source, str(candidate), lambda: _mtime(candidate) == mtime
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        found = set()
        for folder in self.folders:
            found.update(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        return sorted(found)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


class _Labels(gettext.NullTranslations):
    """The campaign's own labels, in front of briefkit's catalogue."""

    def __init__(self, labels: dict[str, str], fallback: gettext.NullTranslations) -> None:
        super().__init__()
        self.labels = labels
        self.add_fallback(fallback)

    def gettext(self, message: str) -> str:
        return self.labels.get(message) or super().gettext(message)


def _with_labels(labels: dict[str, str], own: gettext.NullTranslations) -> gettext.NullTranslations:
    return _Labels(labels, own) if labels else own


def capfirst(text: str) -> str:
    """The text with its first letter in capitals, as a sentence starts (`capitalize` would lower
    the rest: "the UN Convention"); a passage in another language stays one."""
    if not text:
        return text
    raised = text[:1].upper() + text[1:]
    return type(text)(raised, text.lang, text.part) if hasattr(text, "lang") else raised


def _autoescape(name: str | None) -> bool:
    """HTML-escape every template except plain-text ones (*.txt.j2)."""
    return not (name or "").endswith(".txt.j2")


# Limits on what a template may do: composing runs in the briefkit process itself,
# so a template that loops forever or builds huge strings must be stopped here.
MAX_OUTPUT = 20_000_000  # characters of HTML per document
MAX_SECONDS = 30.0
MAX_REPEAT = 1_000_000  # characters or items made by one `*`
MAX_EXTRA_MEMORY = 2 << 30  # bytes a render may add to the process


class _TooLarge(Exception):
    pass


class _TooLong(Exception):
    pass


class _GuardedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with `*` and `**` checked so that one expression cannot build gigabytes.

    Immutable: a template can read the model but not change it (`signatories.clear()`,
    `positions.append(…)`, `dict.update` are SecurityErrors, reported with file and line), so no
    document's template can change what another document sees."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                    if len(sequence) * count > MAX_REPEAT:
                        raise SecurityError(f"repeating a value {count} times makes it too large")
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right > 256:
                raise SecurityError("the power is too large")
        return super().call_binop(context, operator, left, right)


def _guarded_render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render with a cap on output, time (an alarm, where signals work) and added memory."""
    chunks: list[str] = []
    size = 0
    deadline = time.monotonic() + MAX_SECONDS
    generator = template.generate(context)
    with _alarm(MAX_SECONDS), _memory_cap(MAX_EXTRA_MEMORY):
        for chunk in generator:
            size += len(chunk)
            chunks.append(chunk)
            if size > MAX_OUTPUT:
                generator.throw(_TooLarge())
            if time.monotonic() > deadline:
                generator.throw(_TooLong())
    return "".join(chunks)


@contextmanager
def _alarm(seconds: float):
    """Raise _TooLong in the template after `seconds`; only in the main thread, where signals work."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _TooLong()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_cap(extra: int):
    """Lower the process's address-space limit to what it uses now plus `extra`, then restore it."""
    try:
        used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + extra
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft != resource.RLIM_INFINITY and soft < cap:
            cap = soft
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (OSError, ValueError, IndexError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _template_frame(tb: TracebackType | None) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template (Jinja2 rewrites them so)."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith(".html"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
