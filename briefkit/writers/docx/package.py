"""The DOCX as a package: list numbering, repeated header rows, document properties, and saving
it so that equal inputs give equal bytes. All through python-docx's own API."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph

from briefkit.render.document import Document

DECIMAL_ABSTRACT = 1  # the numbered list of reference.docx (see tools/make_reference_docx.py)
BULLET_NUM = 2  # its bulleted list


def restart_numbering(word: docx.Document) -> int:
    """A new w:num over the decimal list, starting again at 1 (one per <ol>)."""
    num = word.part.numbering_part.element.add_num(DECIMAL_ABSTRACT)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """The paragraph is item `level` of the list `num_id`."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def core_properties(word: docx.Document, document: Document) -> None:
    props = word.core_properties
    props.title = document.title
    props.author = document.meta("author")
    props.last_modified_by = document.meta("author")
    props.subject = document.meta("description")
    props.keywords = document.meta("keywords")
    props.language = document.lang
    props.revision = 1
    created = document.meta("dcterms.created")
    if created:
        stamp = dt.datetime.combine(dt.date.fromisoformat(created), dt.time(), dt.timezone.utc)
        props.created = props.modified = stamp.replace(tzinfo=None)


def revision_date(document: Document) -> str:
    """The build date for w:date: the document's own date, so equal inputs give equal bytes."""
    created = document.meta("dcterms.created") or "1980-01-01"
    return f"{created}T00:00:00Z"


def save(word: docx.Document, path: Path, document: Document) -> None:
    """python-docx's save, then the same members again with fixed times, so equal inputs give
    equal bytes (python-docx stamps each member with the time of writing)."""
    written = io.BytesIO()
    word.save(written)
    stamp = _zip_time(document)
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                             compresslevel=6) as archive:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, source.read(member))


def _zip_time(document: Document) -> tuple[int, ...]:
    """Entry times from the document's date (zip cannot hold dates before 1980)."""
    try:
        day = dt.date.fromisoformat(document.meta("dcterms.created"))
    except ValueError:
        day = dt.date(1980, 1, 1)
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)
