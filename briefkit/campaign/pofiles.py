"""Reading gettext PO catalogues: the campaign's stored translations, and those translators send back.

Babel's PO reader does the parsing; this module turns what it finds into
plain entries (context, source text, translation, line, fuzzy, the previous
source text) and turns every way a file can be unreadable into a
BriefkitError that names the file and line, since a translator's tool or a
hand edit may have broken it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from babel.core import UnknownLocaleError
from babel.messages.pofile import PoFileError, read_po

from briefkit.errors import BriefkitError
from briefkit.fsutil import decode

MAX_BYTES = 20_000_000
# Babel gives a catalogue without this header today's date; the header's own text is what counts.
# A line of a PO file other than a comment: a keyword and a quoted string, or a string continuing one.
_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')
_REVISION = re.compile(r'^"PO-Revision-Date: *([^"\\]*)', re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One message of a catalogue. `line` is the line of its msgid (1-based)."""

    context: str | None
    msgid: str
    msgstr: str
    line: int | None
    fuzzy: bool = False
    previous: str | None = None  # the source text a fuzzy entry was translated from (#| msgid)
    plural: bool = False
    flags: frozenset[str] = frozenset()


@dataclass
class PoCatalogue:
    """A catalogue's header and its messages, in file order (obsolete ones left out)."""

    project: str  # the first word of Project-Id-Version: the campaign it is for
    language: str | None
    last_translator: str | None = None
    language_team: str | None = None
    revision_date: str | None = None
    entries: list[Entry] = field(default_factory=list)


def read_catalogue(raw: bytes, display: str) -> PoCatalogue:
    """A PO file's header and messages; a BriefkitError naming `display` and the line if it cannot be read."""
    text = decode(raw, display, hint="save the catalogue as UTF-8 (every translation tool can)")
    _lint(text, display)
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as exc:
        raise BriefkitError(f"not a valid PO catalogue: {str(exc).rsplit(' on ', 1)[0]}", path=display,
                            line=exc.lineno + 1, hint="open it in a translation tool (Poedit) and save it "
                            "again, or run `msgfmt --check` on it to see what is wrong") from exc
    except (UnknownLocaleError, ValueError) as exc:
        raise BriefkitError(f"not a valid PO catalogue: {exc}", path=display,
                            hint="check the Language header: a code such as fr or es") from exc
    version = (catalog.version or "").strip()
    project = (catalog.project or "").strip() or version  # "Project-Id-Version: slug" has no version
    entries = []
    for message in catalog:
        if not message.id:
            continue  # the header
        plural = isinstance(message.id, (tuple, list))
        msgid = message.id[0] if plural else message.id
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        previous = message.previous_id
        if isinstance(previous, (tuple, list)):
            previous = previous[0] if previous else None
        entries.append(Entry(message.context, msgid, strings[0] or "" if strings else "",
                             message.lineno, message.fuzzy, previous or None, plural,
                             frozenset(message.flags)))
    return PoCatalogue(project.split(" ")[0] if project else "", catalog.locale_identifier or None,
                       _header(catalog.last_translator), _header(catalog.language_team),
                       _revision(text), entries)


def _lint(text: str, display: str) -> None:
    """Refuse a line Babel's lenient reader would skip in silence (a string left open, a stray word),
    since a translation on it would be lost without a word."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _LINE.match(stripped):
            raise BriefkitError("not a valid PO catalogue: this line is neither a keyword (msgctxt, msgid, "
                                "msgstr) with a quoted string nor a quoted string continuing one", path=display,
                                line=number, hint="open it in a translation tool (Poedit) and save it again, "
                                "or run `msgfmt --check` on it to see what is wrong")


def _header(value: str | None) -> str | None:
    """A header's value, or None when it is empty or still gettext's placeholder."""
    if not value or "EMAIL@ADDRESS" in value or "LL@li.org" in value and value.startswith("LANGUAGE"):
        return None
    return value


def _revision(text: str) -> str | None:
    match = _REVISION.search(text)
    value = match.group(1).strip() if match else ""
    return value if value and "YEAR" not in value else None
