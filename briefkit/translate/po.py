"""Writing gettext PO catalogues with Babel: the one a translator receives, and the one the campaign keeps.

A translator's catalogue opens in Poedit and Weblate without a warning and
passes `msgfmt --check`: a complete header (the campaign as the project, a
translator and team that are not gettext's placeholders), msgctxt for the
field, `#.` notes, `#:` locations, and `#, fuzzy` with `#| msgid` for a
translation made from an earlier source. Campaign text is not a format
string, so Babel's guess of `python-format` (it takes "70% of" for one) is
replaced by `no-python-format`, which keeps tools from checking it as one.

The campaign's own catalogue (translations/<lang>.po) is the same format
with one difference of meaning: each msgid is the source text the translation
was made from, which is how briefkit tells, later, that the source changed.
"""

from __future__ import annotations

import datetime as dt
import io
import os

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import normalize, write_po

from briefkit.translate.catalogue import Catalogue, Message
from briefkit.translate.markers import has_placeholders

WIDTH = 79
NO_FORMAT = "no-python-format"


def po_bytes(catalogue: Catalogue, stored: bool = False) -> bytes:
    """The catalogue as a PO file: for a translator, or (`stored`) as the campaign keeps it."""
    language = Locale.parse(catalogue.language).get_display_name("en") or catalogue.language
    if stored:
        header = (f"# The {language} translations of {catalogue.title},\n"
                  "# brought in with `briefkit translate import`. Each msgid is the text a\n"
                  "# translation was made from: when the campaign's text changes, briefkit\n"
                  "# reports the translation as stale.")
    else:
        header = (f"# {catalogue.title}: the campaign's text, to translate into {language}.\n"
                  "# Translate each msgstr. An entry marked fuzzy translates an earlier\n"
                  "# version of its text, shown as the previous msgid: review it, then unmark it.\n"
                  "# The campaign takes the file back with `briefkit translate import`.")
    date = _date(catalogue)
    revision = _parse_date(catalogue.revision_date) or date
    catalog = Catalog(locale=catalogue.language, header_comment=header, project=catalogue.campaign,
                      version=catalogue.version, copyright_holder=catalogue.coalition,
                      msgid_bugs_address=catalogue.coalition, creation_date=date, revision_date=revision,
                      last_translator=catalogue.last_translator or f"{language} translator",
                      language_team=catalogue.language_team or f"{language} ({catalogue.coalition})",
                      fuzzy=False)
    for message in catalogue.messages:
        _add(catalog, message, stored)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True)
    text = buffer.getvalue().decode()
    for message in catalogue.messages:
        if message.previous is not None and not stored:
            text = _with_previous(text, message)
    return text.encode()


def _add(catalog: Catalog, message: Message, stored: bool) -> None:
    flags = [] if stored or not message.fuzzy else ["fuzzy"]
    catalog.add(message.source, message.translation, locations=[] if stored else list(message.locations),
                flags=flags, auto_comments=[] if stored else list(message.notes),
                previous_id=None if stored else message.previous, context=message.context)
    added = catalog.get(message.source, message.context)
    added.flags.discard("python-format")
    if message.label and has_placeholders([message.source]):
        added.flags.add("python-format")  # a template's label: msgfmt checks its placeholders
    elif "%" in message.source + message.translation:
        added.flags.add(NO_FORMAT)


def _with_previous(text: str, message: Message) -> str:
    """The entry of `message` with its previous context and source text (`#| msgctxt`, `#| msgid`)
    before its msgctxt, where msgmerge puts them. Written here, not by Babel, whose write_po wraps a
    long previous msgid into lines gettext cannot read."""
    anchor = f"\nmsgctxt {normalize(message.context, width=WIDTH)}\n"
    previous = (f"\n#| msgctxt {normalize(message.context, prefix='#| ', width=WIDTH)}"
                f"\n#| msgid {normalize(message.previous or '', prefix='#| ', width=WIDTH)}")
    return text.replace(anchor, previous + anchor, 1)


def _date(catalogue: Catalogue) -> dt.datetime:
    """The catalogue's creation date: the campaign's date, else SOURCE_DATE_EPOCH's, else today, so that
    exporting the same campaign twice gives the same bytes."""
    try:
        return dt.datetime.combine(dt.date.fromisoformat(catalogue.version), dt.time(), dt.timezone.utc)
    except ValueError:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        return dt.datetime.combine(dt.date.today(), dt.time(), dt.timezone.utc)


def _parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    for shape in ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M"):
        try:
            parsed = dt.datetime.strptime(value, shape)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
        except ValueError:
            continue
    return None
