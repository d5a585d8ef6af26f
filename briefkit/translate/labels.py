"""The labels of a campaign's own templates: `{{ _("…") }}` and `{% trans %}` in templates/.

briefkit's built-in labels come translated in its own catalogues. A campaign
that overrides a template may write labels of its own ("We thank %(name)s for
its statement"); these are campaign text too, and go to translators in the
same catalogue, with the template file as their context and their
placeholders to keep. They are looked up by their words, as gettext does, so
a label whose words change is a new label (its old translation is left
over). Labels briefkit's catalogue already translates into the language are
briefkit's, not the campaign's, and plural labels (`ngettext`, `{% pluralize
%}`) are left to the template (`{% if lang == "fr" %}`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import jinja2.ext

from briefkit.campaign import layout
from briefkit.campaign.model import Campaign
from briefkit.errors import BriefkitError
from briefkit.filerule import TEMPLATE, read_campaign_file
from briefkit.render import i18n

KEYWORDS = ("_", "gettext", "ngettext")
_SHARED = ("base.html.j2", "_macros.html.j2")  # templates every kind of document is made from


@dataclass(frozen=True)
class Label:
    """One label of the campaign's templates, where it is first used, and who reads it."""

    msgid: str
    path: str  # the first template that uses it: templates/audiences/canada/letter.html.j2
    lines: tuple[tuple[str, int], ...]
    kinds: tuple[str, ...]
    audience: str | None  # the audience whose own templates alone use it, if so

    @property
    def context(self) -> str:
        return self.path


def campaign_labels(campaign: Campaign) -> list[Label]:
    """Every singular label of the campaign's template layers, in file order."""
    folder = campaign.root / layout.TEMPLATES
    found: dict[str, Label] = {}
    for path in sorted(folder.rglob("*.j2")) if folder.is_dir() else []:
        rel = layout.relative(campaign.root, path)
        parts = path.relative_to(folder).parts
        audience = parts[1] if len(parts) > 2 and parts[0] == "audiences" else None
        kind = path.name.split(".")[0]
        kinds = tuple(campaign.kinds()) if path.name in _SHARED else (kind,) if kind in campaign.kinds() else ()
        try:
            data = read_campaign_file(campaign.root, path, TEMPLATE, rel)
        except BriefkitError:
            continue  # composing reports a template the file rule refuses
        for line, msgid in _extract(data):
            if msgid in found:
                old = found[msgid]
                found[msgid] = Label(msgid, old.path, old.lines + ((rel, line),),
                                     tuple(dict.fromkeys(old.kinds + kinds)),
                                     old.audience if old.audience == audience else None)
            else:
                found[msgid] = Label(msgid, rel, ((rel, line),), kinds, audience)
    return list(found.values())


def labels_for(campaign: Campaign, lang: str) -> list[Label]:
    """The labels documents in `lang` print that briefkit's catalogue does not translate into it."""
    readers = {a.id for a in campaign.audiences.values() if lang in campaign.languages_of(a)}
    own = i18n.translations(lang)
    return [label for label in campaign_labels(campaign)
            if (label.audience is None or label.audience in readers) and own.gettext(label.msgid) == label.msgid]


def _extract(source: bytes) -> list[tuple[int, str]]:
    """(line, msgid) of each singular label, as Babel's extraction (babel.cfg) finds them."""
    out = []
    try:
        found = list(jinja2.ext.babel_extract(io.BytesIO(source), KEYWORDS, [], {"trimmed": "true"}))
    except jinja2.TemplateSyntaxError:
        return []  # the check pipeline reports the template's error
    for line, _function, message, _comments in found:
        if isinstance(message, tuple):
            if len([m for m in message if m is not None]) != 1:
                continue  # a plural
            message = message[0]
        if message:
            out.append((line, message))
    return out
