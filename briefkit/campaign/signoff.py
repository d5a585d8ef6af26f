"""Sign-offs tied to the text: which organisations confirmed the letter as it stands now.

An organisation signs words, not a file. The version of the letter is a
short hash of the text every audience's letter shares: the subject, the
opening and closing paragraphs, each redline's title and demand, and the
sign-off. Paragraphs that only one audience reads (template overrides) are
not part of it. signatories.csv records, in `signed_version`, the version
each organisation confirmed; when the text changes, their confirmation no
longer covers it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from briefkit.campaign.layout import SIGNATORIES_FILE
from briefkit.campaign.model import Campaign, Signatory
from briefkit.errors import BriefkitError, Problem

VERSION_LENGTH = 10


def letter_text(campaign: Campaign) -> str:
    """The shared words of the joint letter, one paragraph per line, in campaign order.

    A paragraph given in several languages counts in every one of them (one
    line each, `lang: text`, by language code): an organisation signs the
    letter in every language it is sent in.
    """
    letter = campaign.config.letter
    parts = [letter.subject, *letter.opening]
    parts += [_joined(position.title, position.demand) for position in campaign.positions]
    parts += [*letter.closing, letter.sign_off or "Yours sincerely,"]
    return "\n".join(_line(part) for part in parts)


def _joined(title: str | dict[str, str], demand: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(title, str) and isinstance(demand, str):
        return f"{title}. {demand}"
    titles = title if isinstance(title, dict) else {"": title}
    demands = demand if isinstance(demand, dict) else {"": demand}
    return {lang: f"{titles.get(lang, titles.get('', ''))}. {demands.get(lang, demands.get('', ''))}"
            for lang in sorted(set(titles) | set(demands))}


def _line(part: str | dict[str, str]) -> str:
    if isinstance(part, str):
        return " ".join(part.split())
    return "\n".join(f"{lang}: {' '.join(text.split())}" if lang else " ".join(text.split())
                     for lang, text in sorted(part.items()))


def letter_version(campaign: Campaign) -> str:
    return hashlib.sha256(letter_text(campaign).encode("utf-8")).hexdigest()[:VERSION_LENGTH]


@dataclass
class SignoffStatus:
    version: str
    confirmed: list[Signatory]
    outdated: list[Signatory]  # confirmed an earlier text
    unrecorded: list[Signatory]  # no version recorded

    @property
    def tracked(self) -> bool:
        """Whether the campaign records versions at all (any row has one)."""
        return bool(self.confirmed or self.outdated)

    def warnings(self) -> list[Problem]:
        """One warning per organisation that must re-confirm (or never confirmed, once versions are kept)."""
        found = [Problem(SIGNATORIES_FILE, s.row,
                         f"{s.name} confirmed letter version {s.signed_version}, but the letter text is now "
                         f"version {self.version}: ask them to re-confirm",
                         f"once they have, set signed_version to {self.version}", severity="warning")
                 for s in self.outdated]
        if self.tracked:
            found += [Problem(SIGNATORIES_FILE, s.row,
                              f"{s.name} has not confirmed letter version {self.version}",
                              f"once they have, set signed_version to {self.version}", severity="warning")
                      for s in self.unrecorded]
        return found


def status(campaign: Campaign) -> SignoffStatus:
    version = letter_version(campaign)
    confirmed, outdated, unrecorded = [], [], []
    for signatory in campaign.signatories:
        if signatory.signed_version is None:
            unrecorded.append(signatory)
        elif signatory.signed_version == version:
            confirmed.append(signatory)
        else:
            outdated.append(signatory)
    return SignoffStatus(version, confirmed, outdated, unrecorded)


def confirmed_signatories(campaign: Campaign) -> list[Signatory]:
    """The signatories who confirmed the current text; an error if there are none."""
    current = status(campaign)
    if not current.confirmed:
        raise BriefkitError(f"no organisation has confirmed letter version {current.version}",
                            path=SIGNATORIES_FILE,
                            hint="record confirmations in the signed_version column "
                                 "(`briefkit signoff` shows the version), or build without --confirmed-only")
    return current.confirmed
