"""The fixed sets of values a campaign works with: kinds of document, stances, papers, formats.

Plain constants, apart from the model, so that the command line can name them
in its help without loading pydantic.
"""

from __future__ import annotations

# The kinds of document, in the order they are built and listed, with what each is.
KIND_DESCRIPTIONS: dict[str, str] = {
    "letter": "joint letter: the redlines as a numbered list, signed by every organisation",
    "briefing": "delegate briefing notes: each redline with rationale, quotes and talking points",
    "factsheet": "one-page fact sheet: key figures, redlines in brief, call to action",
    "amendments": "proposed amendments: the treaty text as a redline (struck and underlined words, or tracked "
                  "changes in Word), or with --clean the consolidated proposed text",
}
KINDS: tuple[str, ...] = tuple(KIND_DESCRIPTIONS)
# The stances a campaign has unless it declares its own (briefkit.yaml `stances:`): id, label, and
# how a briefing titles the audience's context ("Where <name> stands", or "Background").
BUILTIN_STANCES: tuple[tuple[str, str, str], ...] = (
    ("ally", "Ally", "stands"), ("reservations", "Has reservations", "stands"),
    ("broader-scope", "Wants a broader scope", "stands"), ("neutral", "Neutral", "background"))
STANCES: tuple[str, ...] = tuple(stance_id for stance_id, _, _ in BUILTIN_STANCES)
# Paper sizes an audience may read on, in millimetres (width, height): both writers lay pages out on them.
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
PAPERS: tuple[str, ...] = tuple(PAPER_SIZES_MM)
PAPER_ALIASES = {"US Letter": "Letter", "US": "Letter", "ISO A4": "A4"}  # as people also write them
FORMATS: tuple[str, ...] = ("pdf", "docx", "html")  # what a build can write; writers/ has one writer each
# How the DOCX carries a redline (`settings.redline`, `briefkit build --redline`): "marked", struck and
# underlined text that every DOCX reader shows, or "tracked", Word's tracked changes to accept or reject.
REDLINES: tuple[str, ...] = ("marked", "tracked")
