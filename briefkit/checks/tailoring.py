"""Warn when text tailored for one audience names another audience's delegation.

This catches a paragraph written for Canada that turns up in Norway's letter.
The rule, precisely:

- **Tailored text** of audience X's document is the blocks (headings,
  paragraphs, list items, table cells; see docdiff.blocks) that are there
  because of X alone:
  (a) blocks that X's own template overrides add: those present in the
      document but absent when the same document is composed without
      `templates/audiences/X/` (counted, so a repeated paragraph counts twice);
  (b) blocks that carry X's own data: its addressee lines, salutation or
      context text (audiences/X.yaml).
  Everything else is shared text and never tailored, even where it differs
  between audiences: the campaign's own words, positions, quotes (a quote
  mentioning Canada is in everyone's briefing), talking points chosen by
  stance, the default addressee, and campaign-wide overrides.
- **Naming a delegation**: the block contains, in the same case, a name another
  audience Y goes by: its `name` or `delegation` in any language given, its own
  addressee lines, its `aliases`, its country's name in the six UN languages
  (CLDR, from `country:`), without a leading article; as whole words in spaced
  scripts ("Canada", "Delegation of Norway"), as they stand in Arabic and Chinese.
- A tailored block that also names X itself is about X ("X proposed this
  together with Canada") and is not reported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from briefkit.campaign import layout
from briefkit.campaign.localtext import Resolver, shown
from briefkit.campaign.model import Audience
from briefkit.campaign.verified import Verified
from briefkit.errors import BriefkitError, Problem
from briefkit.filerule import TEMPLATE, read_campaign_text
from briefkit.render.compose import Composer
from briefkit.render.document import Block, Document, blocks
from briefkit.render.templating import TemplateLayers

UN_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)  # a Jinja comment names nobody in the document
# A leading article is not part of the name ("the United States", "le Burkina Faso", "la Delegación").
_ARTICLE = re.compile(r"^(?:the|le|la|les|el|los|las)\s+|^l['’]", re.IGNORECASE)


@dataclass(frozen=True)
class _Tailored:
    audience: str
    block: Block
    path: str                 # where the text was written: a template or audiences/<id>.yaml
    line: int | None
    origin: str               # "template" or "data"


def tailored_text_warnings(verified: Verified, documents: list[Document]) -> list[Problem]:
    """One warning per tailored block that names another audience (kinds merged)."""
    campaign = verified.campaign
    composer = Composer(verified)
    lines = [line for a in campaign.audiences.values() for value in (a.addressee or [])
             for line in ([value] if isinstance(value, str) else value.values())]
    shared = {line for line in lines if lines.count(line) > 1}
    shared |= {line for value in campaign.config.default_addressee.lines
               for line in ([value] if isinstance(value, str) else value.values())}
    patterns = {aid: _pattern(a, shared) for aid, a in campaign.audiences.items()}
    found: dict[tuple, list[str]] = {}
    for document in documents:
        audience = campaign.audiences[document.audience]
        for item in _tailored(document, audience, composer, verified):
            if patterns[audience.id].search(item.block.text):
                continue
            for other_id, pattern in patterns.items():
                if other_id == audience.id or not (match := pattern.search(item.block.text)):
                    continue
                key = (item, other_id, match.group())
                found.setdefault(key, [])
                if document.kind not in found[key]:
                    found[key].append(document.kind)
    problems = []
    for (item, other_id, named), kinds in found.items():
        audience = campaign.audiences[item.audience]
        path, line = item.path, item.line
        if item.origin == "template":
            path, line = _where_named(campaign.root, item.audience, item.path, named)
        where = "its own template" if item.origin == "template" else "its own data"
        hint = (f"if it was written for {other_id}, move it to templates/audiences/{other_id}/"
                if item.origin == "template" else f"check that this text is about {shown(audience.name)}")
        problems.append(Problem(
            path, line,
            f"the {' and '.join(kinds)} for {audience.id} name{'s' if len(kinds) == 1 else ''} {named} "
            f"(audience {other_id}) in text tailored by {where}: “{_excerpt(item.block.text, named)}”",
            hint, severity="warning"))
    return sorted(problems)


def _tailored(document: Document, audience: Audience, composer: Composer,
              verified: Verified) -> list[_Tailored]:
    items = []
    layer = TemplateLayers(verified.campaign.root, audience.id).layers[0]
    template = _template_in(layer.path, document.kind)
    if template is not None:
        baseline = Counter(b.text for b in blocks(composer.compose(document.kind, audience.id, False,
                                                                    lang=document.lang).tree))
        for block in blocks(document.tree):
            if baseline[block.text] > 0:
                baseline[block.text] -= 1
            else:
                items.append(_Tailored(audience.id, block, template, None, "template"))
    rel = verified.campaign.provenance.audience_file(audience.id)
    lines = verified.campaign.provenance
    campaign = verified.campaign
    resolver = Resolver(document.lang, campaign.languages_of(audience)[0],
                        campaign.config.settings.fallback_for(document.lang))
    own = [(line, ("addressee", i)) for i, line in enumerate(audience.addressee or [])]
    if audience.salutation:
        own.append((audience.salutation, ("salutation",)))
    if audience.context:
        own.append((audience.context.text, ("context", "text")))
    own = [(resolver.text(text), loc) for text, loc in own if resolver.available(text)]
    for block in blocks(document.tree):
        for text, loc in own:
            if _SPACE.sub(" ", text).strip() in block.text:
                items.append(_Tailored(audience.id, block, rel, lines.line(rel, loc), "data"))
                break
    return items


def _template_in(folder: Path, kind: str) -> str | None:
    """The audience's own template for this kind (or, failing that, any of its templates), as shown."""
    if not folder.is_dir():
        return None
    files = sorted(p for p in folder.rglob("*.j2") if p.is_file())
    if not files:
        return None
    chosen = next((p for p in files if p.name == layout.template_file(kind)), files[0])
    return f"{layout.AUDIENCE_TEMPLATES}/{folder.name}/{chosen.relative_to(folder).as_posix()}"


def _where_named(root: Path, audience_id: str, template: str, named: str) -> tuple[str, int | None]:
    """The file and line of the audience's templates that spell out the name; else the template itself."""
    pattern = re.compile(rf"(?<!\w){re.escape(named)}(?!\w)")
    first = root / template
    folder = layout.audience_templates(root, audience_id)
    for path in [first] + sorted(p for p in folder.rglob("*.j2") if p != first):
        try:
            text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), read_campaign_text(root, path, TEMPLATE))
            for number, line in enumerate(text.splitlines(), 1):
                if pattern.search(line):
                    return path.relative_to(root).as_posix(), number
        except (OSError, BriefkitError):
            continue
    return template, None


def _pattern(audience: Audience, shared_lines: set[str]) -> re.Pattern:
    """Every name the audience goes by: its name and delegation and its own addressee lines in each
    language given, its aliases, and its country's name in the six UN languages (CLDR)."""
    values = [audience.name, audience.delegation, *(audience.addressee or [])]
    names = {n.strip() for value in values if value for n in ([value] if isinstance(value, str) else value.values())}
    names = {n for n in names if n not in shared_lines} | set(audience.aliases)
    if audience.country:
        names |= {name for lang in UN_LANGUAGES if (name := Locale.parse(lang).territories.get(audience.country))}
    names = {_ARTICLE.sub("", name) for name in names}
    alternatives = "|".join(_bounded(n) for n in sorted(names, key=len, reverse=True) if n)
    return re.compile(alternatives)


def _bounded(name: str) -> str:
    """A name as a whole word where words are spaced (Latin, Cyrillic); as it stands in Arabic,
    which joins prefixes to it (وتشيلي), and in Chinese, which has no spaces."""
    if re.search(r"[A-Za-zÀ-ɏЀ-ӿ]", name):
        return rf"(?<!\w){re.escape(name)}(?!\w)"
    return re.escape(name)


def _excerpt(text: str, named: str, width: int = 90) -> str:
    """A stretch of the block around the name, cut at spaces."""
    if len(text) <= width:
        return text
    at = max(text.find(named) - width // 3, 0)
    if at:
        at = text.find(" ", at) + 1
    end = text.rfind(" ", 0, at + width)
    end = end if end > at else at + width
    return ("…" if at else "") + text[at:end] + ("…" if end < len(text) else "")
