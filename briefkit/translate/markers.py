"""Words a translation must keep as they are: quotes, names, addresses and placeholders.

A campaign's text may quote a source word for word inside its own sentence,
name an organisation or a person, give a web address; a campaign template's
label may hold a placeholder such as `%(name)s`. A translator must leave
each as it is, so the catalogue's note lists them, and `translate import`
refuses a translation that has lost or changed one (a quote retold in other
words is no longer a quote).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefkit.campaign.fields import NEUTRAL_LANGUAGE
from briefkit.campaign.localtext import local_fields
from briefkit.campaign.model import Campaign
from briefkit.sources.textmatch import normalise

_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]|%[sd]|\{[A-Za-z_]\w*\}")
_ADDRESS = re.compile(r"https?://[^\s)\]]+[^\s.,;:)\]]|mailto:\S+|[^\s@(]+@[^\s@]+\.[A-Za-z]{2,}")
_QUOTED = re.compile(r"[“«„\"]\s*([^“”«»„\"]{3,}?)\s*[”»“\"]")
MIN_NAME = 3  # shorter "names" (an initial, a code) are left to the translator


@dataclass(frozen=True)
class Verbatim:
    """What the campaign holds that no translation may change: its quotes' words and its names."""

    quotes: tuple[str, ...]
    names: tuple[str, ...]


def verbatim_of(campaign: Campaign) -> Verbatim:
    """The quotes' words (normalised, to find them inside other text) and the names the campaign
    gives as the same in every language (`zxx`), or as signatories."""
    quotes = tuple(normalise(quote.text) for _, quote in campaign.quotes())
    names: list[str] = [s.name for s in campaign.signatories]
    for model in [campaign.config, *campaign.positions, *campaign.audiences.values()]:
        for _, value in local_fields(model):
            if isinstance(value, dict) and NEUTRAL_LANGUAGE in value:
                names.append(value[NEUTRAL_LANGUAGE])
    return Verbatim(quotes, tuple(dict.fromkeys(n for n in names if len(n) >= MIN_NAME)))


def markers(source: str, verbatim: Verbatim | None = None) -> list[str]:
    """The stretches of `source` a translation must keep as they are, in order of appearance."""
    found: list[tuple[int, str]] = [(m.start(), m.group()) for m in _PLACEHOLDER.finditer(source)]
    found += [(m.start(), m.group()) for m in _ADDRESS.finditer(source)]
    if verbatim is not None:
        for match in _QUOTED.finditer(source):
            words = normalise(match.group(1))
            if any(words in quote for quote in verbatim.quotes):
                found.append((match.start(1), match.group(1)))
        for name in verbatim.names:
            if (start := source.find(name)) != -1:
                found.append((start, name))
    return list(dict.fromkeys(text for _, text in sorted(found)))


def lost_markers(source: str, translation: str, verbatim: Verbatim | None = None) -> list[str]:
    """What the translation lost of what it must keep; and any placeholder it added that the source lacks."""
    kept = markers(source, verbatim)
    lost = [marker for marker in kept if normalise(marker) not in normalise(translation)]
    placeholders = set(_PLACEHOLDER.findall(source))
    lost += [extra for extra in dict.fromkeys(_PLACEHOLDER.findall(translation)) if extra not in placeholders]
    return lost


def has_placeholders(texts: Iterable[str]) -> bool:
    return any(_PLACEHOLDER.search(text) for text in texts)
