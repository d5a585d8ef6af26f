"""The campaign as pure data: no file formats, styles or paths of output.

Models validate what campaigners write (types, ids, allowed values) and carry
nothing about how a document looks. Templates read them; writers never do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from briefkit.campaign.enums import FORMATS, KIND_DESCRIPTIONS, KINDS, PAPER_SIZES_MM, PAPERS, STANCES
from briefkit.campaign.fields import Language, LocalText, Slug, Text

__all__ = ["FORMATS", "KIND_DESCRIPTIONS", "KINDS", "PAPER_SIZES_MM", "PAPERS", "STANCES"]  # and the models
from briefkit.campaign.mailaddr import check_address, check_name


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(_Data):
    """A document in seeds/, cited by id."""

    id: Slug
    file: Text
    title: Text
    publisher: Text
    period: Text
    url: Text = "unknown"
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    language: Language | None = None  # the language of its text; default: settings.language


class Quote(_Data):
    """Verbatim words from a source. `reported` marks a source's own words reporting a speaker.

    `text` stays in the language of its source. `translations` are the
    coalition's unofficial translations of it, printed as such, with the original.
    """

    id: Slug
    speaker: LocalText
    role: LocalText | None = None
    source: Slug
    text: Text
    translations: dict[Language, Text] = {}
    use: Literal["support", "counter"] = "support"
    form: Literal["direct", "reported"] = "direct"


class Fact(_Data):
    """A figure the coalition states, with the passage of its source that gives it."""

    id: Slug
    value: LocalText
    label: LocalText
    source: Slug
    evidence: Text
    key: bool = False


class Amendment(_Data):
    """Treaty text the coalition proposes: an insertion, a deletion or a replacement.

    `current` is the draft's wording when the campaign has it; without it a
    deletion is made by reference ("delete Article 28.4") and nothing is
    quoted as the draft's. `where` says where an insertion goes.
    """

    id: Slug
    article: LocalText
    action: Literal["insert", "delete", "replace"]
    current: LocalText | None = None
    proposed: LocalText | None = None
    where: LocalText | None = None
    rationale: LocalText

    @model_validator(mode="after")
    def _fits_action(self) -> Amendment:
        if self.action == "insert":
            if not self.proposed or not self.where:
                raise ValueError("an insertion needs `proposed` (the new text) and `where` (where it goes)")
            if self.current:
                raise ValueError("an insertion has no `current` text; use action: replace")
        elif self.action == "delete":
            if self.proposed:
                raise ValueError("a deletion has no `proposed` text; use action: replace")
        elif not self.proposed:
            raise ValueError("a replacement needs `proposed` (the new text)")
        return self


class TalkingPoints(_Data):
    all: list[LocalText] = []
    ally: list[LocalText] = []
    reservations: list[LocalText] = []
    broader_scope: list[LocalText] = Field(default=[], alias="broader-scope")
    neutral: list[LocalText] = []

    def for_stance(self, stance: str) -> list[str]:
        """The points every audience gets, then those fitted to its stance."""
        return [*self.all, *getattr(self, stance.replace("-", "_"))]


class Position(_Data):
    """One redline: a demand the coalition will not trade away."""

    id: Slug
    title: LocalText
    demand: LocalText
    priority: Annotated[int, Field(ge=1, le=3)]
    articles: list[LocalText] = []
    rationale: LocalText
    talking_points: TalkingPoints = TalkingPoints()
    quotes: list[Quote] = []
    facts: list[Fact] = []
    amendments: list[Amendment] = []

    @model_validator(mode="after")
    def _has_support(self) -> Position:
        if not self.quotes and not self.facts:
            raise ValueError("a position needs at least one supporting quote or fact")
        return self

    @property
    def supporting_quotes(self) -> list[Quote]:
        return [q for q in self.quotes if q.use == "support"]

    @property
    def counter_quotes(self) -> list[Quote]:
        return [q for q in self.quotes if q.use == "counter"]


class AudienceContext(_Data):
    """What the sources say about this audience, in the coalition's words."""

    text: LocalText
    sources: list[Slug] = Field(min_length=1)


class Audience(_Data):
    """One recipient group, usually a delegation."""

    id: Slug
    name: LocalText
    delegation: LocalText | None = None
    stance: Literal[STANCES]
    addressee: list[LocalText] | None = None
    salutation: LocalText | None = None
    language: Language | None = None
    languages: list[Language] | None = Field(default=None, min_length=1)  # several: one document each
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2})?$")] | None = None
    paper: Literal[PAPERS] | None = None
    lead_with: list[Slug] = []
    context: AudienceContext | None = None

    @model_validator(mode="after")
    def _one_way_to_give_languages(self) -> Audience:
        if self.language and self.languages:
            raise ValueError("give either `language` or `languages`, not both")
        if self.languages and len(set(self.languages)) != len(self.languages):
            raise ValueError("`languages` names a language twice")
        return self

    def languages_or(self, default: str) -> list[str]:
        """The languages this audience's documents are written in, the first one its own."""
        return list(self.languages or [self.language or default])


class Signatory(_Data):
    """An organisation that signed the joint letter; `row` is its line in signatories.csv."""

    name: Text
    country: Text | None = None
    type: Text
    basis: Slug | None = None
    # The version of the letter text the organisation confirmed (`briefkit signoff` prints it).
    signed_version: Annotated[str, Field(pattern=r"^[0-9a-f]{10}$")] | None = None
    row: int = 0


class Addressee(_Data):
    lines: list[LocalText] = Field(min_length=1)
    salutation: LocalText


def _asset_name(value: str) -> str:
    if "/" in value or "\\" in value or value.startswith("."):
        raise ValueError("must be a plain file name inside assets/, such as logo.png")
    if not value.lower().endswith((".png", ".jpg", ".jpeg")):
        raise ValueError("must be a PNG or JPEG image (.png, .jpg or .jpeg): both Word and PDF can hold those")
    return value


class Logo(_Data):
    """The coalition's logo, at the head of every document.

    `alt` is required because the PDFs are tagged for screen readers (PDF/UA)
    and Word reads the same text out; a logo without one is an error, not a
    silent gap. The height is given, not the width, as letterheads are laid out.
    """

    file: Annotated[Text, AfterValidator(_asset_name)]
    alt: LocalText
    height_mm: Annotated[float, Field(gt=0, le=60)] = 12


class Distribution(_Data):
    """Who `briefkit distribute` sends as: the From address, and a name (default: the coalition)."""

    sender: Annotated[str, AfterValidator(check_address)] = Field(alias="from")
    name: Annotated[str, AfterValidator(check_name)] | None = None


class Settings(_Data):
    language: Language = "en"
    # Text missing in a document's language may be taken from this language (one for all, or
    # one per document language); the document then says which parts are in it.
    fallback_language: Language | dict[Language, Language] | None = None
    paper: Literal[PAPERS] = "A4"
    formats: list[Literal[FORMATS]] = ["pdf", "docx"]
    signatory_columns: Annotated[int, Field(ge=1, le=4)] = 3
    distribution: Distribution | None = None

    def fallback_for(self, language: str) -> str | None:
        fallback = self.fallback_language
        if isinstance(fallback, dict):
            fallback = fallback.get(language)
        return fallback if fallback != language else None


class LetterText(_Data):
    subject: LocalText
    opening: list[LocalText] = Field(min_length=1)
    closing: list[LocalText] = []
    sign_off: LocalText | None = None  # default: "Yours sincerely," in the document's language


class BriefingText(_Data):
    summary: list[LocalText] = []


class FactsheetText(_Data):
    headline: LocalText
    call_to_action: LocalText


class TimelineEntry(_Data):
    when: LocalText
    event: LocalText
    source: Slug
    evidence: Text


class CampaignFile(_Data):
    """The contents of briefkit.yaml."""

    title: LocalText
    coalition: LocalText
    date: dt.date | None = None
    default_addressee: Addressee
    settings: Settings = Settings()
    letter: LetterText
    briefing: BriefingText = BriefingText()
    factsheet: FactsheetText
    timeline: list[TimelineEntry] = []
    logo: Logo | None = None


class Provenance(BaseModel):
    """Where each item came from, so later checks can name a file and line."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    lines: dict[str, Any] = {}  # relative path -> yamlio.LineMap
    position_files: list[str] = []  # relative path of each position, in campaign order
    audience_files: dict[str, str] = {}  # audience id -> relative path of its file (.yaml or .yml)
    problems: list[Any] = []  # what loading found wrong (errors.Problem), when loaded partially
    failed: set[str] = set()  # the files (or parts of them) that could not be read or validated

    @property
    def complete(self) -> bool:
        return not self.problems

    def all_read(self, name: str) -> bool:
        """Whether every file of `name` (a file, or a folder such as positions) loaded: only then
        can a reference to something it would define be called unknown."""
        return not any(rel == name or rel.startswith(name + "/") for rel in self.failed)

    def line(self, rel: str, loc: tuple) -> int | None:
        line_map = self.lines.get(rel)
        return line_map.line_for(loc) if line_map is not None else None

    def audience_file(self, audience_id: str) -> str:
        """The file an audience was read from, as problems name it."""
        return self.audience_files[audience_id]


class Campaign(BaseModel):
    """Everything a campaign folder holds, validated and cross-referenced."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    root: Path
    provenance: Provenance = Provenance()
    config: CampaignFile
    sources: dict[str, Source]
    positions: list[Position]
    audiences: dict[str, Audience]
    signatories: list[Signatory]

    def position(self, position_id: str) -> Position:
        return next(p for p in self.positions if p.id == position_id)

    def quotes(self) -> list[tuple[Position, Quote]]:
        return [(p, q) for p in self.positions for q in p.quotes]

    def facts(self) -> list[tuple[Position, Fact]]:
        return [(p, f) for p in self.positions for f in p.facts]

    def amendments(self) -> list[tuple[Position, Amendment]]:
        return [(p, a) for p in self.positions for a in p.amendments]

    def kinds(self) -> list[str]:
        """The kinds this campaign has documents of: amendments only if it proposes any."""
        return [k for k in KINDS if k != "amendments" or self.amendments()]

    def languages_of(self, audience: Audience) -> list[str]:
        """The languages of an audience's documents (its first language first)."""
        return audience.languages_or(self.config.settings.language)

    def positions_for(self, audience: Audience) -> list[Position]:
        """Positions in the order this audience reads them: its leads first, then by priority."""
        lead = [self.position(pid) for pid in audience.lead_with]
        rest = sorted((p for p in self.positions if p.id not in audience.lead_with),
                      key=lambda p: p.priority)
        return lead + rest
