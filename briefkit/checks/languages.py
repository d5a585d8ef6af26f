"""Languages: every language is one briefkit knows, and every text a document prints is there in it."""

from __future__ import annotations

from briefkit.campaign.layout import CAMPAIGN_FILE
from briefkit.campaign.loader import dotted
from briefkit.campaign.localtext import Resolver, local_fields
from briefkit.campaign.model import Audience, Campaign, Provenance
from briefkit.errors import Problem
from briefkit.render import i18n


def check_languages(campaign: Campaign, problems: list[Problem], warnings: list[Problem]) -> None:
    """Every language is one Babel knows, and every text a document prints exists in its language.

    Text is needed in a language when an audience reads it: the campaign's and
    positions' words (talking points only for the stances of the audiences that
    read that language, the default addressee only if one of them has none of
    its own), and each audience's own words in its own languages. A fallback
    language, when the campaign allows one, stands in for a missing text.
    """
    settings = campaign.config.settings
    lines = campaign.provenance
    if not lines.intact(CAMPAIGN_FILE, "settings"):
        return  # briefkit.yaml's settings have errors of their own: the languages are not known
    readers: dict[str, list[Audience]] = {}
    for audience in campaign.audiences.values():
        rel = campaign.provenance.audience_file(audience.id)
        for index, lang in enumerate(campaign.languages_of(audience)):
            loc = ("languages", index) if audience.languages else ("language",)
            if not i18n.known(lang):
                problems.append(Problem(rel, lines.line(rel, loc), f"language {lang!r} is not a language "
                                        "code briefkit knows", "use a code such as en, fr, es, ru, ar or zh"))
                continue
            if not i18n.has_catalogue(lang):
                warnings.append(Problem(rel, lines.line(rel, loc), f"briefkit has no labels in {lang!r}: "
                                        "headings and other labels will be in English",
                                        "add a catalogue (see docs/languages.md)", severity="warning"))
            readers.setdefault(lang, []).append(audience)
    for name, fallback in _fallbacks(settings.fallback_language):
        if not i18n.known(fallback):
            problems.append(Problem(CAMPAIGN_FILE, lines.line(CAMPAIGN_FILE, ("settings", "fallback_language", *name)),
                                    f"fallback_language: {fallback!r} is not a language code briefkit knows"))

    for lang, audiences in sorted(readers.items()):
        resolver = Resolver(lang, settings.language, settings.fallback_for(lang))
        stances = {a.stance for a in audiences}
        default_used = any(a.addressee is None or a.salutation is None for a in audiences)
        who = ", ".join(a.id for a in audiences)
        for loc, value in local_fields(campaign.config):
            if _printed(loc, campaign, stances, default_used):
                _need(resolver, value, CAMPAIGN_FILE, loc, lines, problems, who)
        for position, rel in zip(campaign.positions, campaign.provenance.position_files):
            for loc, value in local_fields(position):
                if loc[0] != "talking_points" or loc[1] in ("all", *stances):
                    _need(resolver, value, rel, loc, lines, problems, who)
    for audience in campaign.audiences.values():
        languages = [lang for lang in campaign.languages_of(audience) if lang in readers]
        for lang in languages:
            resolver = Resolver(lang, campaign.languages_of(audience)[0], settings.fallback_for(lang))
            for loc, value in local_fields(audience):
                _need(resolver, value, campaign.provenance.audience_file(audience.id), loc, lines, problems,
                      audience.id)


def _printed(loc: tuple, campaign: Campaign, stances: set[str], default_used: bool) -> bool:
    """Whether a text of briefkit.yaml is printed for audiences of these stances: the default
    addressee only for one without its own, a stance's call to action only for its audiences,
    and a stance's label never (it is for the coalition's own listings)."""
    if loc[0] == "default_addressee":
        return default_used
    if loc[0] in ("stances", "extra_stances"):
        stance_list = campaign.config.stances if loc[0] == "stances" else campaign.config.extra_stances
        return loc[2] != "label" and stance_list[loc[1]].id in stances
    return True


def _fallbacks(setting: object) -> list[tuple[tuple, str]]:
    if isinstance(setting, dict):
        return [((lang,), fallback) for lang, fallback in setting.items()]
    return [((), setting)] if setting else []


def _need(resolver: Resolver, value, rel: str, loc: tuple, lines: Provenance, problems: list[Problem],
          who: str) -> None:
    """A problem naming file, line, field and language when `value` has no text in the resolver's language."""
    if resolver.available(value):
        return
    lang = resolver.language
    message = f'{dotted(loc)}: no "{lang}" text'
    if resolver.fallback:
        message += f' (nor "{resolver.fallback}", the fallback)'
    shape = (f"write it as {{{resolver.plain}: …, {lang}: …}}" if isinstance(value, str)
             else f"add {lang}: …")
    hint = f"{shape} ({who} read{'s' if ',' not in who else ''} {lang})"
    problems.append(Problem(rel, lines.line(rel, loc), message,
                            hint + ("" if resolver.fallback else ", or allow a fallback (settings.fallback_language)")))


