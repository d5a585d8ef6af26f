"""briefkit.yaml as data: the campaign's own words, what it is about, its stances and settings.

Like model.py, these carry nothing about how a document looks; templates read
them. The instrument and the stances are data so that a campaign about
regulations, a bill or a protocol, with its own way of sorting its audiences,
needs no change to a built-in template.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from briefkit.campaign.enums import BUILTIN_STANCES, FORMATS, KINDS, PAPER_ALIASES, PAPERS, REDLINES
from briefkit.campaign.fields import Language, LocalText, Slug, StanceId, Text, forgiving
from briefkit.campaign.mailaddr import check_address, check_name

DEFAULT_PAGE_LIMIT = 200  # pages any document may run to, unless settings.page_limits says otherwise
MAX_PAGE_LIMIT = 2_000  # the most settings.page_limits may allow: layout time grows with every page


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Instrument(Data):
    """What the campaign is about, as documents name it: a convention, regulations, a bill.

    Each is written as it stands alone in a sentence, in every language the
    documents are in: `the_name` with its article where the language has one
    ("the Convention", "la Convention", "el Reglamento"); `draft` as the text
    under negotiation, headed by the word for "draft" where a language declines
    ("the draft Convention", "le projet de convention", "проект конвенции").
    """

    name: LocalText  # the short name alone: Convention, Regulations, 公约
    full_name: LocalText | None = None  # its official title, where the documents give it
    the_name: LocalText | None = None  # with its article; default: the name
    draft: LocalText | None = None  # the text under negotiation; default: the name with its article
    parts: LocalText | None = None  # the word for its numbered parts: article, regulation, section


class Stance(Data):
    """A way the coalition sorts its audiences, and what that changes in their documents.

    `label` is for the coalition's own listings (documents never print it);
    `talking_points.<id>` in a position are for this stance's audiences; the
    briefing titles an audience's context "Where <name> stands", or
    "Background" with `context: background`; `call_to_action` replaces the fact
    sheet's for this stance's audiences.
    """

    id: StanceId
    label: LocalText
    context: Annotated[Literal["stands", "background"], forgiving(("stands", "background"))] = "stands"
    call_to_action: LocalText | None = None


def builtin_stances() -> list[Stance]:
    """The four stances a campaign has unless it declares its own."""
    return [Stance(id=stance_id, label=label, context=context) for stance_id, label, context in BUILTIN_STANCES]


class Addressee(Data):
    lines: list[LocalText] = Field(min_length=1)
    salutation: LocalText


def _asset_name(value: str) -> str:
    if "/" in value or "\\" in value or value.startswith("."):
        raise ValueError("must be a plain file name inside assets/, such as logo.png")
    if not value.lower().endswith((".png", ".jpg", ".jpeg")):
        raise ValueError("must be a PNG or JPEG image (.png, .jpg or .jpeg): both Word and PDF can hold those")
    return value


class Logo(Data):
    """The coalition's logo, at the head of every document.

    `alt` is required because the PDFs are tagged for screen readers (PDF/UA)
    and Word reads the same text out; a logo without one is an error, not a
    silent gap. The height is given, not the width, as letterheads are laid out.
    """

    file: Annotated[Text, AfterValidator(_asset_name)]
    alt: LocalText
    height_mm: Annotated[float, Field(gt=0, le=60)] = 12


class Distribution(Data):
    """Who `briefkit distribute` sends as: the From address, and a name (default: the coalition)."""

    sender: Annotated[str, AfterValidator(check_address)] = Field(alias="from")
    name: Annotated[str, AfterValidator(check_name)] | None = None


class Settings(Data):
    language: Language = "en"
    # Text missing in a document's language may be taken from this language (one for all, or
    # one per document language); the document then says which parts are in it.
    fallback_language: Language | dict[Language, Language] | None = None
    paper: Annotated[Literal[PAPERS], forgiving(PAPERS, PAPER_ALIASES)] = "A4"
    formats: list[Annotated[Literal[FORMATS], forgiving(FORMATS)]] = ["pdf", "docx"]
    signatory_columns: Annotated[int, Field(ge=1, le=4)] = 3
    # The most pages a kind may take, over its template's own budget (the fact sheet's is 1);
    # `briefkit check` lays out every budgeted document and says what takes the room.
    page_budgets: dict[Annotated[Literal[KINDS], forgiving(KINDS)], Annotated[int, Field(ge=1, le=500)]] = {}
    # The hard cap on any document's pages, apart from the budget: past it a document is refused
    # (a stylesheet that sets type at 2000px makes a letter of 500 pages without a word more).
    page_limits: dict[Annotated[Literal[KINDS], forgiving(KINDS)],
                      Annotated[int, Field(ge=1, le=MAX_PAGE_LIMIT)]] = {}
    # How the DOCX carries a redline: struck and underlined words that any reader shows (marked), or
    # Word's tracked changes, which readers without revision support drop or accept (tracked).
    redline: Annotated[Literal[REDLINES], forgiving(REDLINES)] = "marked"
    distribution: Distribution | None = None

    def page_limit(self, kind: str) -> int:
        """The most pages a document of `kind` may run to: settings.page_limits, else DEFAULT_PAGE_LIMIT."""
        return self.page_limits.get(kind, DEFAULT_PAGE_LIMIT)

    def fallback_for(self, language: str) -> str | None:
        fallback = self.fallback_language
        if isinstance(fallback, dict):
            fallback = fallback.get(language)
        return fallback if fallback != language else None


class LetterText(Data):
    subject: LocalText
    opening: list[LocalText] = Field(min_length=1)
    closing: list[LocalText] = []
    sign_off: LocalText | None = None  # default: "Yours sincerely," in the document's language


class BriefingText(Data):
    summary: list[LocalText] = []


class FactsheetText(Data):
    headline: LocalText
    call_to_action: LocalText
    # How many signatories the fact sheet names, the rest given as a count (0: the count alone);
    # the letter always names them all.
    signatory_names: Annotated[int, Field(ge=0, le=40)] = 0


class TimelineEntry(Data):
    when: LocalText
    event: LocalText
    source: Slug
    evidence: Text


class CampaignFile(Data):
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
    instrument: Instrument | None = None  # default: "the text", in each document's language
    stances: list[Stance] | None = Field(default=None, min_length=1)  # replaces the built-in four
    extra_stances: list[Stance] = []  # added to the built-in four (or to `stances:`)


