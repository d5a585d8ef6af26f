"""What each translation of the campaign's text was made from, so that none goes out stale unnoticed.

A translation is only as good as the source text it translates: when the
English of a demand changes, its French says what the English used to say.
So every translation carries the source text it was made from (`made_from`),
and is *stale* when that differs from the source text of today. A translation
brought in from a translator's catalogue (translations/<lang>.po) records it
as its msgid; one written inline in the YAML records it in
translations/inline.json. Without a record, a translation is *untracked*:
nobody can tell whether it is current.

These are plain records; campaign/translations.py fills them in as the
campaign is loaded, checks/translations.py reports them, render marks stale
passages, and briefkit/translate/ exports and imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

State = Literal["current", "stale", "untracked"]


class Texts(dict[str, str]):
    """A text in several languages (a LocalText's mapping) that knows which of them are stale.

    The overlay of translations gives fields this type, so that resolving one for a
    document in a stale language can mark the passage (localtext.Resolver).
    """

    stale: frozenset[str] = frozenset()

    def __init__(self, texts: dict[str, str], stale: frozenset[str] = frozenset()) -> None:
        super().__init__(texts)
        self.stale = frozenset(stale)

    def __reduce__(self):
        return (Texts, (dict(self), self.stale))


@dataclass(frozen=True)
class Translation:
    """One translation of one campaign text into one language, and what it was made from."""

    context: str  # the file and field it translates: positions/05-limit-surveillance.yaml:demand
    lang: str
    text: str
    source: str  # the source text (the campaign's language) as it is now
    made_from: str | None  # the source text it was made from; None when nobody recorded it
    path: str  # where the translation is written: the YAML file, or translations/<lang>.po
    line: int | None

    @property
    def state(self) -> State:
        if self.made_from is None:
            return "untracked"
        return "current" if self.made_from == self.source else "stale"

    @property
    def inline(self) -> bool:
        """Whether the translation is written in the campaign's YAML (not in a catalogue)."""
        return not self.path.endswith(".po")


@dataclass(frozen=True)
class Orphan:
    """An entry of a stored catalogue whose campaign text no longer exists (a field removed, a file renamed)."""

    path: str
    line: int | None
    context: str
    lang: str


@dataclass
class TranslationState:
    """Every translation the campaign holds, by (context, language), and the catalogue entries left over."""

    tracking: bool = False  # the campaign has a translations/ folder: it records what translations were made from
    translations: dict[tuple[str, str], Translation] = field(default_factory=dict)
    orphans: list[Orphan] = field(default_factory=list)
    # Labels of the campaign's own templates, by language: msgid -> translation.
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def of(self, context: str, lang: str) -> Translation | None:
        return self.translations.get((context, lang))

    def in_state(self, state: State) -> list[Translation]:
        return [t for t in self.translations.values() if t.state == state]
