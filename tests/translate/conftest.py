"""A tiny campaign in English and French, for the translators' workflow.

Alpha reads French; some of the campaign's text has a French version written
inline, the rest falls back to English (settings.fallback_language).
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.conftest import make_campaign
from tests.helpers import write

DEMAND = "Protect journalists in every article."
DEMAND_FR = "Protéger les journalistes dans chaque article."
ALPHA = """\
id: alpha
name: {en: Alpha, fr: Alpha}
stance: ally
language: fr
"""


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    root = make_campaign(tmp_path / "campaign")
    config = root / "briefkit.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("title: Example Treaty\n", "title: {en: Example Treaty, fr: Traité exemple}\n")
    text = text.replace("  subject: Our demands\n", "  subject: {en: Our demands, fr: Nos demandes}\n")
    config.write_text(text + "settings:\n  fallback_language: en\n", encoding="utf-8")
    position = root / "positions" / "01-safeguards.yaml"
    text = position.read_text(encoding="utf-8")
    text = text.replace(f"demand: {DEMAND}\n", f"demand:\n  en: {DEMAND}\n  fr: {DEMAND_FR}\n")
    position.write_text(text, encoding="utf-8")
    write(root / "audiences" / "alpha.yaml", ALPHA)
    return root


def entry(path: Path, context: str) -> polib.POEntry:
    """The entry of a catalogue with this msgctxt."""
    return next(e for e in polib.pofile(str(path)) if e.msgctxt == context)


def translate(path: Path, translations: dict[str, str], unfuzzy: bool = True) -> None:
    """Edit a catalogue as a translator's tool does: fill msgstrs, clear fuzzy, save with polib."""
    catalogue = polib.pofile(str(path))
    for found in catalogue:
        if found.msgctxt in translations:
            found.msgstr = translations[found.msgctxt]
            if unfuzzy and "fuzzy" in found.flags:
                found.flags.remove("fuzzy")
                found.previous_msgid = found.previous_msgctxt = None
    catalogue.metadata["Last-Translator"] = "Camille Martin <camille@example.org>"
    catalogue.metadata["PO-Revision-Date"] = "2026-11-30 10:00+0100"
    catalogue.save(str(path))
