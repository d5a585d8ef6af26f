"""Read a campaign folder into a `Campaign`, collecting every problem on the way.

The layout is a user-facing contract (see docs/data.md): briefkit.yaml, seeds/ with
sources.yaml, positions/*.yaml, audiences/*.yaml, signatories.csv and
templates/. Nothing is written here, and nothing outside the folder is read.
"""

from __future__ import annotations

import csv
import io
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefkit.campaign import layout
from briefkit.campaign.layout import (
    ASSETS,
    AUDIENCES,
    CAMPAIGN_FILE,
    CONFIRMATIONS_FILE,
    OUT_FOLDERS,
    POSITIONS,
    SIGNATORIES_FILE,
    SIGNATORY_COLUMNS,
    SOURCES_FILE,
)
from briefkit.campaign.model import (
    Audience,
    Campaign,
    CampaignFile,
    Position,
    Provenance,
    Signatory,
    Source,
)
from briefkit.campaign.salvage import (
    AUDIENCE_STAND_INS,
    CONFIG_STAND_INS,
    POSITION_STAND_INS,
    given_id,
    salvage,
)
from briefkit.campaign.translations import apply_translations
from briefkit.campaign.yamlio import LineMap, dotted, load_yaml
from briefkit.errors import BriefkitError, Problem, ProblemsFound, suggest
from briefkit.filerule import CSV, IMAGE, present, read_campaign_file, read_campaign_text


class _Reader:
    """Holds the campaign root and the growing list of problems."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.provenance = Provenance()

    def rel(self, path: Path) -> str:
        return layout.relative(self.root, path)

    def yaml(self, path: Path) -> tuple[Any, LineMap] | None:
        try:
            loaded = load_yaml(self.root, path, self.rel(path))
            self.provenance.lines[self.rel(path)] = loaded[1]
            return loaded
        except BriefkitError as exc:
            self.problems.append(exc.as_problem())
            self.provenance.failed.add(self.rel(path))
            return None

    def model(self, cls: type[BaseModel], data: Any, display: str, lines: LineMap,
              base: tuple = (), stand_ins: dict[str, Any] | None = None) -> Any:
        """Validate `data` as `cls`; on failure record one problem per error and return what can
        be kept of it (salvage.py), or None."""
        if data is None:
            self.problems.append(Problem(display, None, "file is empty"))
            self.provenance.failed.add(display)
            if not base:
                self.provenance.unread_ids[display] = None
            return None
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            for error in errors:
                self.problems.append(_problem_from(error, cls, display, lines, base))
            self.provenance.failed.add(display)
            kept, dropped = salvage(cls, data, errors, stand_ins)
            if not base:
                if kept is None:
                    self.provenance.unread_ids[display] = given_id(data)
                else:
                    self.provenance.dropped[display] = dropped
            return kept

    def one(self, cls: type[BaseModel], path: Path, stand_ins: dict[str, Any]) -> tuple[Any, str | None]:
        """One file's model (or what could be kept of it), and the id the file gives."""
        rel = self.rel(path)
        if (loaded := self.yaml(path)) is None:
            self.provenance.unread_ids[rel] = None
            return None, None
        found = self.model(cls, loaded[0], rel, loaded[1], stand_ins=stand_ins if given_id(loaded[0]) else None)
        return found, found.id if found is not None else given_id(loaded[0])

    def yaml_files(self, folder: str) -> list[Path]:
        path = self.root / folder
        if not path.is_dir():
            self.problems.append(Problem(folder, None, "folder is missing",
                                         f"create {folder}/ with one .yaml file per entry"))
            return []
        files = layout.yaml_files(path)
        if not files:
            self.problems.append(Problem(folder, None, "folder holds no .yaml files"))
        return files


MAX_CSV_BYTES = CSV.cap  # the file rule's cap for a CSV file (filerule.py)
CSV_UTF8_HINT = "save the file as UTF-8 (in Excel: CSV UTF-8)"
# The most characters one cell of signatories.csv may hold: no organisation's name or country is
# longer, and a far longer cell is nearly always a double quote left open, which runs on to the end.
MAX_CELL_CHARS = 1_000
# The csv module refuses a cell over its own limit (131,072 characters) with an exception that
# names no row; the file's size cap is the bound that matters, and each cell is then checked here.
csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_BYTES))


def load_campaign(root: Path, partial: bool = False) -> Campaign:
    """Load and validate a campaign; raise ProblemsFound listing everything wrong.

    With `partial`, return what did load, carrying the problems found so far in
    `provenance.problems`, so that `check.verify` can add its own and report
    them all in one run (it raises if there are any).
    """
    root = find_root(root)
    reader = _Reader(root)

    config = None
    if loaded := reader.yaml(root / CAMPAIGN_FILE):
        config = reader.model(CampaignFile, loaded[0], CAMPAIGN_FILE, loaded[1], stand_ins=CONFIG_STAND_INS)
    if config is None:  # unreadable: the other files are still checked, against a stand-in
        reader.provenance.unread_ids[CAMPAIGN_FILE] = None
        config = CampaignFile.model_validate(CONFIG_STAND_INS)

    if config.logo is not None:
        _check_logo(reader, config.logo.file, reader.provenance.line(CAMPAIGN_FILE, ("logo", "file")))
    sources = _load_sources(reader)
    positions = []
    for path in reader.yaml_files(POSITIONS):
        if (position := reader.one(Position, path, POSITION_STAND_INS)[0]) is not None:
            positions.append(position)
            reader.provenance.position_files.append(reader.rel(path))
    audiences = {}
    for path in reader.yaml_files(AUDIENCES):
        audience, ident = reader.one(Audience, path, AUDIENCE_STAND_INS)
        if ident is not None:
            _check_audience_id(reader, ident, path)
        if audience is not None:
            audiences[audience.id] = audience
            reader.provenance.audience_files[audience.id] = reader.rel(path)
    signatories = _load_signatories(reader)
    confirmations = _load_confirmations(reader)

    if reader.problems and not partial:
        raise ProblemsFound(reader.problems)
    campaign = Campaign(root=root, config=config, sources=sources, positions=positions, confirmations=confirmations,
                        audiences=audiences, signatories=signatories, provenance=reader.provenance)
    campaign = apply_translations(campaign, reader.problems)
    if reader.problems and not partial:
        raise ProblemsFound(reader.problems)
    reader.provenance.problems = list(reader.problems)
    return campaign


def load_sources(root: Path) -> dict[str, Source]:
    """The sources seeds/sources.yaml lists, as far as they validate (a curator's tool reads them
    while the rest of the campaign may still be unfinished)."""
    return _load_sources(_Reader(root))


def find_root(root: Path) -> Path:
    """The campaign folder, resolved; an error when it holds no briefkit.yaml."""
    root = root.resolve()
    if not present(root / CAMPAIGN_FILE):
        raise BriefkitError(f"no {CAMPAIGN_FILE} in {root}",
                            hint="run briefkit in a campaign folder or pass --campaign DIR")
    return root


def audience_ids(root: Path) -> list[str]:
    """The ids of a campaign's audiences, from their file names, without reading the files."""
    return list(layout.audience_files(root))


def _check_audience_id(reader: _Reader, ident: str, path: Path) -> None:
    """An audience's id is its file's name, and not a folder briefkit writes in out/."""
    rel = reader.rel(path)
    line = reader.provenance.line(rel, ("id",)) or 1
    if ident != path.stem:
        reader.problems.append(Problem(rel, line, f"id {ident!r} does not match the file name",
                                       f"rename the file to {ident}{path.suffix} or fix the id"))
    if ident in OUT_FOLDERS:
        reader.problems.append(Problem(rel, line, f"the audience id {ident!r} is reserved: briefkit "
                                       f"writes {layout.OUT}/{ident}/ for "
                                       f"{'translators' if ident == layout.EXPORTS else 'distribution'}",
                                       "choose another id and rename the file to match"))


_IMAGE_SIGNATURES = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}


def _check_logo(reader: _Reader, name: str, line: int | None) -> None:
    """The logo must be a real image inside assets/, not a link out of the campaign (which the
    writers would refuse only later, one document at a time)."""
    path = reader.root / ASSETS / name
    where = f"{ASSETS}/{name}"
    if not present(path):
        reader.problems.append(Problem(CAMPAIGN_FILE, line, f"logo.file: {where} does not exist",
                                       f"put the image in {ASSETS}/ or correct the name"))
        return
    try:
        head = read_campaign_file(reader.root, path, IMAGE, where)[:8]
    except BriefkitError as exc:  # a link out of the campaign, a folder, a FIFO: the file rule says which
        reader.problems.append(Problem(CAMPAIGN_FILE, line, f"logo.file: {where}: {exc.message}",
                                       "copy the image itself into assets/" if "outside" in exc.message
                                       else exc.hint))
        return
    if not head.startswith(_IMAGE_SIGNATURES[path.suffix.lower()]):
        kind = "PNG" if path.suffix.lower() == ".png" else "JPEG"
        reader.problems.append(Problem(CAMPAIGN_FILE, line, f"logo.file: {where} is not a {kind} image",
                                       "export the logo as PNG or JPEG and give it the matching suffix"))


def _load_sources(reader: _Reader) -> dict[str, Source]:
    loaded = reader.yaml(reader.root / SOURCES_FILE) if present(reader.root / SOURCES_FILE) else None
    if loaded is None:
        if not present(reader.root / SOURCES_FILE):
            reader.provenance.failed.add(SOURCES_FILE)
            reader.problems.append(Problem(SOURCES_FILE, None, "the sources metadata file is missing",
                                           "list each seed with id, file, title, publisher, period, sha256"))
        return {}
    data, lines = loaded
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        reader.provenance.failed.add(SOURCES_FILE)
        reader.problems.append(Problem(SOURCES_FILE, 1, "expected a 'sources:' list"))
        return {}
    sources: dict[str, Source] = {}
    for index, item in enumerate(data["sources"]):
        source = reader.model(Source, item, SOURCES_FILE, lines, ("sources", index))
        if source is None:
            continue
        line = lines.line_for(("sources", index))
        seed = layout.seed(reader.root, source.file)
        if "/" in source.file or "\\" in source.file or source.file.startswith("."):
            reader.problems.append(Problem(SOURCES_FILE, line, f"file {source.file!r} must be a plain "
                                           "file name inside seeds/"))
        elif not present(seed):
            reader.problems.append(Problem(SOURCES_FILE, line,
                                           f"source file {layout.seed_name(source.file)} does not exist"))
        if source.id in sources:
            reader.problems.append(Problem(SOURCES_FILE, line, f"source id {source.id!r} is used twice"))
        sources[source.id] = source
    return sources


def _load_confirmations(reader: _Reader) -> dict[str, str]:
    """What `briefkit confirm` recorded: quote id -> a digest of the quote, its speaker and its source."""
    path = reader.root / CONFIRMATIONS_FILE
    if not present(path) or (loaded := reader.yaml(path)) is None:
        return {}
    data = loaded[0]
    confirmed = data.get("confirmed") if isinstance(data, dict) else None
    if not isinstance(confirmed, dict) or not all(isinstance(v, str) for v in confirmed.values()):
        reader.problems.append(Problem(CONFIRMATIONS_FILE, 1, "expected `confirmed:` mapping quote ids to records",
                                       "let `briefkit confirm QUOTE_ID` write this file"))
        return {}
    return {str(k): v for k, v in confirmed.items()}


def _load_signatories(reader: _Reader) -> list[Signatory]:
    path = reader.root / SIGNATORIES_FILE
    if not present(path):
        reader.problems.append(Problem(SIGNATORIES_FILE, None, "file is missing",
                                       "create it with the columns " + ",".join(SIGNATORY_COLUMNS)))
        return []
    try:
        text = read_campaign_text(reader.root, path, CSV, SIGNATORIES_FILE, hint=CSV_UTF8_HINT)
    except BriefkitError as exc:
        reader.problems.append(exc.as_problem())
        return []
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if not header:
        reader.problems.append(Problem(SIGNATORIES_FILE, 1, "file has no header row"))
        return []
    header = [h.strip() for h in header]
    for column in ("name", "type"):
        if column not in header:
            reader.problems.append(Problem(SIGNATORIES_FILE, 1, f"column {column!r} is missing"))
    for column in header:
        if column not in SIGNATORY_COLUMNS:
            reader.problems.append(Problem(SIGNATORIES_FILE, 1, f"unknown column {column!r}",
                                           suggest(column, SIGNATORY_COLUMNS, "known columns")))
    signatories: list[Signatory] = []
    ended = rows.line_num  # the line the row before ended on: a row in quotes may span lines
    for cells in _rows(reader, rows):
        line, starts, ended = rows.line_num, ended + 1, rows.line_num
        if not any(c.strip() for c in cells):
            continue
        if long := next(((column, cell) for column, cell in zip(header, cells) if len(cell) > MAX_CELL_CHARS), None):
            reader.problems.append(Problem(SIGNATORIES_FILE, starts,
                                           f"the {long[0]!r} cell holds {len(long[1]):,} characters; a signatory's "
                                           f"cells hold at most {MAX_CELL_CHARS:,}",
                                           "is a closing double quote missing? A quote left open runs on "
                                           "to the end of the file"))
            continue
        if len(cells) != len(header):
            reader.problems.append(Problem(SIGNATORIES_FILE, line,
                                           f"row has {len(cells)} cells, the header has {len(header)}",
                                           "a name with a comma must be in double quotes"))
            continue
        record = {k: (v.strip() or None) for k, v in zip(header, cells) if k in SIGNATORY_COLUMNS}
        lines = LineMap({(): line})
        if sig := reader.model(Signatory, {**record, "row": line}, SIGNATORIES_FILE, lines):
            signatories.append(sig)
    return signatories


def _rows(reader: _Reader, rows: Any) -> typing.Iterator[list[str]]:
    """The CSV's rows; a row the csv module cannot read is a problem naming its line, and ends the file."""
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            reader.problems.append(Problem(SIGNATORIES_FILE, rows.line_num or None, f"cannot read this row: {exc}",
                                           "check its double quotes: a cell with a comma or quote is written "
                                           "\"like, this\" and a quote inside it doubled (\"\")"))
            return
        yield cells


def _problem_from(error: dict, cls: type[BaseModel], display: str, lines: LineMap,
                  base: tuple) -> Problem:
    """Turn one pydantic error into a Problem that names the field and its line."""
    loc = tuple(error["loc"])
    # Errors raised by a model validator carry no field of their own.
    field_loc = tuple(x for x in loc if not (isinstance(x, str) and x.startswith("function-")))
    line = lines.line_for(base + field_loc)
    field = dotted(field_loc)
    kind = error["type"]
    hint = None
    if kind == "extra_forbidden":
        name = field_loc[-1]
        known = _fields_at(cls, field_loc[:-1])
        message = f"unknown field {field!r}"
        hint = suggest(str(name), known, "known fields") if known else None
    elif kind == "missing":
        message = f"missing required field {field!r}"
    else:
        text = error["msg"].removeprefix("Value error, ")
        message = f"{field}: {text}" if field else text
        if kind == "string_type" and not isinstance(error.get("input"), (list, dict)):
            hint = "put the value in quotes to make it text"
        elif kind == "literal_error" and "expected" in error.get("ctx", {}):
            hint = f"allowed: {error['ctx']['expected']}"
        elif isinstance(error.get("ctx", {}).get("hint"), str):  # a validator's own (fields.py)
            hint = error["ctx"]["hint"]
    return Problem(display, line, message, hint)


def _fields_at(cls: type[BaseModel], loc: tuple) -> list[str]:
    """Names of the fields valid at `loc` inside `cls`, for did-you-mean hints."""
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _model_in(arg):
            return found
    return None
