"""The campaign as pure data: no file formats, styles or paths of output.

Models validate what campaigners write (types, ids, allowed values) and carry
nothing about how a document looks. Templates read them; writers never do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from briefkit.campaign.config import CampaignFile, Data, Stance, builtin_stances
from briefkit.campaign.enums import FORMATS, KIND_DESCRIPTIONS, KINDS, PAPER_ALIASES, PAPER_SIZES_MM, PAPERS, STANCES
from briefkit.campaign.fields import CountryCode, Language, LocaleCode, LocalText, Slug, StanceId, Text, forgiving
from briefkit.campaign.tracking import TranslationState

__all__ = ["FORMATS", "KIND_DESCRIPTIONS", "KINDS", "PAPER_SIZES_MM", "PAPERS", "STANCES"]  # and the models
_Data = Data


class Source(_Data):
    """A document in seeds/, cited by id."""

    id: Slug
    file: Text
    # Title, publisher and period may be given per language (a note on the period in English for a
    # French report); a plain string is in the source's own language.
    title: LocalText
    publisher: LocalText
    period: LocalText
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
    use: Annotated[Literal["support", "counter"], forgiving(("support", "counter"))] = "support"
    # `reported`: the source's own words reporting what the speaker said (a paraphrase): the documents
    # credit the source, reporting the speaker, instead of quoting the speaker.
    form: Annotated[Literal["direct", "reported"],
                    forgiving(("direct", "reported"), {"paraphrase": "reported", "narration": "reported"})] = "direct"
    language: Language | None = None  # the language its words are in; default: its source's


class Fact(_Data):
    """A figure the coalition states, with the passage of its source that gives it."""

    id: Slug
    value: LocalText
    label: LocalText
    source: Slug
    evidence: Text
    key: bool = False
    language: Language | None = None  # the language of its evidence; default: its source's


class Amendment(_Data):
    """Treaty text the coalition proposes: an insertion, a deletion or a replacement.

    `current` is the draft's wording when the campaign has it; without it a
    deletion is made by reference ("delete Article 28.4") and nothing is
    quoted as the draft's. `where` says where an insertion goes.
    """

    id: Slug
    article: LocalText
    action: Annotated[Literal["insert", "delete", "replace"], forgiving(("insert", "delete", "replace"))]
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


class Position(_Data):
    """One redline: a demand the coalition will not trade away."""

    id: Slug
    title: LocalText
    demand: LocalText
    priority: Annotated[int, Field(ge=1, le=3)]
    articles: list[LocalText] = []
    rationale: LocalText
    # Points for every audience (all), and for the audiences of each stance (by its id).
    talking_points: dict[StanceId, list[LocalText]] = {}
    quotes: list[Quote] = []
    facts: list[Fact] = []
    amendments: list[Amendment] = []

    @model_validator(mode="after")
    def _has_support(self) -> Position:
        if not self.quotes and not self.facts:
            raise ValueError("a position needs at least one supporting quote or fact")
        return self

    def points_for(self, stance: str) -> list[str]:
        """The talking points every audience gets, then those fitted to its stance."""
        return [*self.talking_points.get("all", []), *self.talking_points.get(stance, [])]

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
    stance: StanceId  # one of the campaign's stances (briefkit.yaml `stances:`; default: the built-in four)
    addressee: list[LocalText] | None = None
    salutation: LocalText | None = None
    language: Language | None = None
    languages: list[Language] | None = Field(default=None, min_length=1)  # several: one document each
    locale: LocaleCode | None = None
    paper: Annotated[Literal[PAPERS], forgiving(PAPERS, PAPER_ALIASES)] | None = None
    lead_with: list[Slug] = []
    context: AudienceContext | None = None
    # Other names it goes by, for the check that one audience's text does not name another: its
    # country (ISO 3166 code: the country's name in every UN language, from CLDR) and aliases.
    country: CountryCode | None = None
    aliases: list[Text] = []

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


class Provenance(BaseModel):
    """Where each item came from, so later checks can name a file and line."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    lines: dict[str, Any] = {}  # relative path -> yamlio.LineMap
    position_files: list[str] = []  # relative path of each position, in campaign order
    audience_files: dict[str, str] = {}  # audience id -> relative path of its file (.yaml or .yml)
    problems: list[Any] = []  # what loading found wrong (errors.Problem), when loaded partially
    failed: set[str] = set()  # the files (or parts of them) that could not be read or validated
    # Of those, what was kept all the same (campaign/salvage.py): the fields left out of a file
    # whose other fields stand (relative path -> field names), and the id a file that was not
    # kept at all gives (None when it gives none), so that a reference to it is not called unknown.
    dropped: dict[str, set[str]] = {}
    unread_ids: dict[str, str | None] = {}

    @property
    def complete(self) -> bool:
        return not self.problems

    def all_read(self, name: str) -> bool:
        """Whether every file of `name` (a file, or a folder such as positions) loaded: only then
        can a reference to something it would define be called unknown."""
        return not any(rel == name or rel.startswith(name + "/") for rel in self.failed)

    def intact(self, rel: str, *fields: str) -> bool:
        """Whether these top-level fields of `rel` are as the file gives them (not left out for
        an error, nor the whole file unread): a check that depends on them may trust them."""
        if rel in self.unread_ids:
            return False
        return not (self.dropped.get(rel, set()) & set(fields))

    def unread(self, folder: str) -> tuple[set[str], list[str]]:
        """The files of `folder` that were not kept: the ids they give, and those giving none."""
        found = {rel: ident for rel, ident in self.unread_ids.items() if rel.startswith(folder + "/")}
        return {i for i in found.values() if i}, sorted(rel for rel, i in found.items() if not i)

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
    confirmations: dict[str, str] = {}  # quote id -> what `briefkit confirm` recorded (checks/quotes.py)
    # Every translation and what it was made from (campaign/translations.py fills it in as it loads).
    translations: TranslationState = Field(default_factory=TranslationState)

    def position(self, position_id: str) -> Position:
        return next(p for p in self.positions if p.id == position_id)

    def with_settings(self, **changes: object) -> Campaign:
        """The same campaign with some of briefkit.yaml's settings replaced for one command
        (`briefkit build --redline tracked`); the values must already be valid."""
        settings = self.config.settings.model_copy(update=changes)
        return self.model_copy(update={"config": self.config.model_copy(update={"settings": settings})})

    def quotes(self) -> list[tuple[Position, Quote]]:
        return [(p, q) for p in self.positions for q in p.quotes]

    def facts(self) -> list[tuple[Position, Fact]]:
        return [(p, f) for p in self.positions for f in p.facts]

    def amendments(self) -> list[tuple[Position, Amendment]]:
        return [(p, a) for p in self.positions for a in p.amendments]

    def kinds(self) -> list[str]:
        """The kinds this campaign has documents of: amendments only if it proposes any."""
        return [k for k in KINDS if k != "amendments" or self.amendments()]

    def stances(self) -> dict[str, Stance]:
        """The campaign's stances by id: its own (`stances:`), else the built-in four, with any
        `extra_stances:` after them."""
        config = self.config
        return {stance.id: stance for stance in [*(config.stances or builtin_stances()), *config.extra_stances]}

    def languages_of(self, audience: Audience) -> list[str]:
        """The languages of an audience's documents (its first language first)."""
        return audience.languages_or(self.config.settings.language)

    def positions_for(self, audience: Audience) -> list[Position]:
        """Positions in the order this audience reads them: its leads first, then by priority."""
        lead = [self.position(pid) for pid in audience.lead_with]
        rest = sorted((p for p in self.positions if p.id not in audience.lead_with),
                      key=lambda p: p.priority)
        return lead + rest
