"""The contacts file: who receives each audience's documents.

A CSV with the columns `audience, name, email` and optionally `role`, one
row per person. Every row is read and checked before any message is made:
an unknown audience, a malformed address, a control character or a repeated
contact is a problem naming the file and line. A file with problems yields
no contacts at all, so a bad row can never be skipped while the others are
sent.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path

from briefkit.campaign.layout import CONTACTS_EXAMPLE, CONTACTS_FILE
from briefkit.campaign.loader import CSV_UTF8_HINT, MAX_CSV_BYTES
from briefkit.campaign.mailaddr import check_address, check_name, check_text
from briefkit.errors import BriefkitError, Problem, ProblemsFound, UsageProblem, suggest
from briefkit.filerule import CSV, read_campaign_text
from briefkit.fsutil import read_text

REQUIRED = ("audience", "name", "email")
COLUMNS = (*REQUIRED, "role")


@dataclass(frozen=True)
class Contact:
    """One person who receives one audience's documents; `line` is where the row starts."""

    audience: str
    name: str
    email: str
    role: str
    line: int

    @property
    def address(self) -> Address:
        return Address(display_name=self.name, addr_spec=self.email)


def default_path(root: Path) -> Path:
    """contacts.csv in the campaign folder, or a clear error pointing at the example."""
    path = root / CONTACTS_FILE
    if not path.is_file():
        hint = (f"copy {CONTACTS_EXAMPLE} to {CONTACTS_FILE} and put in your contacts' addresses, "
                "or pass --contacts FILE") if (root / CONTACTS_EXAMPLE).is_file() else \
            f"create {CONTACTS_FILE} with the columns {', '.join(COLUMNS)}, or pass --contacts FILE"
        raise BriefkitError(f"there is no {CONTACTS_FILE} in the campaign folder, so no one to write to",
                            path=CONTACTS_FILE, hint=hint)
    return path


def load_contacts(path: Path, audiences: Iterable[str], display: str | None = None,
                  root: Path | None = None) -> list[Contact]:
    """Every contact in the file, in file order; ProblemsFound listing every bad row otherwise.

    A file inside the campaign folder `root` is read by the campaign's file rule (filerule.py);
    one given with --contacts elsewhere is the user's own, read as a regular file with the cap."""
    shown = display or str(path)
    if not os.path.lexists(path):
        raise UsageProblem(f"{shown}: there is no such file", hint="check the --contacts path")
    try:
        if root is not None and Path(os.path.abspath(path)).is_relative_to(root):
            text = read_campaign_text(root, path, CSV, shown, hint=CSV_UTF8_HINT)
        else:
            text = read_text(path, shown, MAX_CSV_BYTES, "one contacts file per campaign needs no more",
                             hint=CSV_UTF8_HINT)
    except BriefkitError as exc:
        raise ProblemsFound([exc.as_problem()]) from exc
    reader = _Rows(shown, list(audiences))
    contacts = reader.read(text)
    if reader.problems:
        raise ProblemsFound(reader.problems)
    return contacts


class _Rows:
    def __init__(self, shown: str, audiences: list[str]) -> None:
        self.shown = shown
        self.audiences = audiences
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.shown, line, message, hint))

    def read(self, text: str) -> list[Contact]:
        rows = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = [cell.strip() for cell in next(rows, [])]
        except csv.Error as exc:
            self.problem(1, f"the header row cannot be read: {exc}")
            return []
        if not self.header_ok(header):
            return []
        contacts: list[Contact] = []
        seen: dict[tuple[str, str], int] = {}
        end = rows.line_num
        while True:
            start = end + 1  # a quoted cell may span lines: name the row by its first line
            try:
                cells = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:
                self.problem(start, f"row cannot be read as CSV: {exc}",
                             "a value with a comma or a quote must be in double quotes")
                break
            end = rows.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                self.problem(start, f"row has {len(cells)} cells, the header has {len(header)}",
                             "a value with a comma must be in double quotes")
                continue
            contact = self.contact(dict(zip(header, cells)), start)
            if contact is None:
                continue
            key = (contact.audience, contact.email.lower())
            if key in seen:
                self.problem(start, f"{contact.email} is listed twice for {contact.audience} "
                                    f"(first at line {seen[key]})", "delete one of the rows")
                continue
            seen[key] = start
            contacts.append(contact)
        if not contacts and not self.problems:
            self.problem(1, "the file lists no contacts", "add one row per person: " + ", ".join(COLUMNS))
        return contacts

    def header_ok(self, header: list[str]) -> bool:
        ok = True
        for column in REQUIRED:
            if column not in header:
                self.problem(1, f"column {column!r} is missing",
                             "the header must name: " + ", ".join(REQUIRED) + " (and optionally role)")
                ok = False
        for index, column in enumerate(header):
            if column not in COLUMNS:
                self.problem(1, f"unknown column {column!r}", suggest(column, COLUMNS))
                ok = False
            elif column in header[:index]:
                self.problem(1, f"column {column!r} appears twice")
                ok = False
        return ok

    def contact(self, row: dict[str, str], line: int) -> Contact | None:
        found = len(self.problems)
        audience = row["audience"].strip()
        if audience not in self.audiences:
            self.problem(line, f"unknown audience {audience!r}", suggest(audience, self.audiences))
        values = {}
        for column, check in (("name", check_name), ("email", check_address), ("role", check_text)):
            raw = row.get(column, "")
            try:
                values[column] = check(raw)
            except ValueError as exc:
                self.problem(line, f"{column} {raw!r} {exc}")
        if len(self.problems) > found:
            return None
        return Contact(audience, values["name"], values["email"], values["role"], line)
