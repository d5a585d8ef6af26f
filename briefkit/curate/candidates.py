"""`briefkit extract`: read seeds inside the campaign, draw candidates, and lay them out as YAML.

The output is for a curator to copy from: quotes and facts in the exact shape
of a position file's `quotes:` and `facts:` (so a pasted item passes `briefkit
check` as it is), dates in the shape of a `timeline:` entry of briefkit.yaml,
and articles and demand lists as commented notes. Each item's line, and how a
quote's speaker was found, stand in comments above it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from briefkit.campaign import layout
from briefkit.campaign.fields import is_id
from briefkit.campaign.layout import SOURCES_FILE
from briefkit.campaign.loader import find_root, load_sources
from briefkit.curate.yamlwrite import Commented, dump
from briefkit.errors import BriefkitError, UsageProblem
from briefkit.filerule import SEED, read_campaign_text
from briefkit.fsutil import atomic_write
from briefkit.sources.attribution import QuoteCandidate
from briefkit.sources.extract import ArticleRef, DemandList, Extraction, Figure, extract

PLACEHOLDER_LABEL = "REWRITE: what this figure counts, in the coalition's words"
PLACEHOLDER_EVENT = "REWRITE: what happened on this date"
# Folders and files `briefkit check` reads as campaign data: candidates written there would break it.
_DATA_PATHS = (layout.POSITIONS, layout.AUDIENCES, layout.SEEDS, layout.CAMPAIGN_FILE, layout.SIGNATORIES_FILE)
_ID_STOPWORDS = {
    "the", "and", "for", "that", "this", "these", "those", "with", "are", "was", "were", "has", "have",
    "had", "its", "our", "their", "will", "would", "can", "could", "not", "but", "all", "any", "from",
    "into", "than", "then", "there", "which", "who", "what", "when", "where", "such", "been", "being",
    "also", "only", "very", "more", "most", "some", "each", "other", "we", "it", "is", "be", "as",
}


@dataclass(frozen=True)
class Seed:
    """One source text, read and decoded, with the id its candidates cite."""

    rel: str  # path inside the campaign folder, for messages and comments
    source_id: str
    listed: bool  # whether seeds/sources.yaml lists it (else the id is made from the file name)
    text: str


@dataclass(frozen=True)
class Result:
    yaml: str
    counts: dict[str, int]
    dest: Path | None


def extract_seeds(campaign_dir: Path, seed_args: list[Path], out: Path | None = None,
                  force: bool = False) -> Result:
    """Read every seed, draw its candidates and return them as YAML; write them to `out` if given."""
    root = find_root(campaign_dir)
    dest = _destination(root, out, force) if out is not None else None
    listed = _listed_ids(root)
    seeds = [read_seed(root, arg, listed) for arg in seed_args]
    drawn = [(seed, extract(seed.text)) for seed in seeds]
    text = render(drawn)
    if dest is not None:
        atomic_write(dest, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    counts = {"seeds": len(seeds)}
    for name, attr in (("quotes", "quotes"), ("facts", "numbers"), ("dates", "dates"),
                        ("articles", "articles"), ("demand lists", "demands")):
        counts[name] = sum(len(getattr(e, attr)) for _, e in drawn)
    return Result(text, counts, dest)


def read_seed(root: Path, arg: Path, listed: dict[str, str]) -> Seed:
    """A seed given on the command line: inside the campaign folder, decoded as strict UTF-8."""
    path = (arg if arg.is_absolute() else Path.cwd() / arg).resolve()
    if not path.is_relative_to(root):
        raise UsageProblem(f"{arg} is outside the campaign folder {root}",
                            hint=f"copy it into seeds/ first, then run: briefkit extract seeds/{arg.name}")
    rel = path.relative_to(root).as_posix()
    if not path.is_file():
        raise UsageProblem(f"{rel}: no such file", hint="give the path of a text file in seeds/")
    text = read_campaign_text(root, path, SEED, rel)
    key = path.name if path.parent == root / "seeds" else None
    source_id = listed.get(key) if key else None
    return Seed(rel, source_id or _file_id(path), source_id is not None, text)


def render(drawn: list[tuple[Seed, Extraction]]) -> str:
    """The candidates of every seed as one YAML document, sections in the order a curator uses them."""
    ids: set[str] = set()
    sections: dict[str, list] = {"quotes": [], "facts": [], "dates": [], "articles": [], "demands": []}
    for seed, found in drawn:
        banner = [f"---- {seed.rel} (source {seed.source_id}) ----"]
        parts = {
            "quotes": _quotes(seed, found.quotes, ids),
            "facts": [_fact(seed, f, ids) for f in found.numbers],
            "dates": [_date(seed, f) for f in found.dates],
            "articles": [_article(seed, a) for a in found.articles],
            "demands": [_demands(seed, d) for d in found.demands],
        }
        for name, items in parts.items():
            if items:
                items[0].comments[:0] = banner
            sections[name].extend(items)
    return dump({name: Commented(items, _SECTION_NOTES[name]) for name, items in sections.items()},
                header=_header([seed for seed, _ in drawn]))


_SECTION_NOTES = {
    "quotes": ["Paste under `quotes:` in a position file. The text is verbatim; each speaker comment says",
               "how it was found, most trusted first: the same sentence, the end of the paragraph before",
               "(\"X emphasized:\"), a quotation continued, only named nearby (check these)."],
    "facts": ["Paste under `facts:` in a position file, after rewriting the placeholder label."],
    "dates": ["Each fits `timeline:` in briefkit.yaml, after rewriting the placeholder event."],
    "articles": ["Treaty articles named in the seeds, for a position's `articles:`."],
    "demands": ["Bulleted lists, with the sentence that introduces each: material for positions."],
}


def _header(seeds: list[Seed]) -> list[str]:
    lines = ["Candidates drawn by `briefkit extract`. Nothing here is used until you paste it;",
             "`briefkit check` then locates every quote, fact and date in its source.",
             "Line numbers are comments, since the models have no field for them.", ""]
    for seed in seeds:
        if seed.listed:
            lines.append(f"{seed.rel}: source id {seed.source_id}, from {SOURCES_FILE}")
        elif re.fullmatch(r"seeds/[^/]+", seed.rel):
            lines.append(f"{seed.rel}: source id {seed.source_id}, made from the file name: "
                         f"{SOURCES_FILE} does not list it; add it there before pasting")
        else:
            lines.append(f"{seed.rel}: source id {seed.source_id}, made from the file name: check reads "
                         f"sources only from seeds/; copy it there and list it in {SOURCES_FILE}")
    return lines


def _quotes(seed: Seed, quotes: list[QuoteCandidate], ids: set[str]) -> list[Commented]:
    items = []
    first_line: dict[str, int] = {}
    for quote in quotes:
        speaker = quote.speaker
        notes = [f"line {quote.line} · {speaker.describe()}"]
        if not quote.closed:
            notes.append("the source gives no closing quote mark here; check where the quotation ends")
        if quote.text in first_line:
            notes.append(f"the same words as the quote at line {first_line[quote.text]}; "
                         "check cites the first of them")
        first_line.setdefault(quote.text, quote.line)
        item = {"id": _unique(_quote_id(quote), ids), "speaker": speaker.name}
        if speaker.role:
            item["role"] = speaker.role
        item.update(source=seed.source_id, text=quote.text)
        items.append(Commented(item, notes))
    return items


def _fact(seed: Seed, figure: Figure, ids: set[str]) -> Commented:
    item = {"id": _unique(slugify(f"{figure.value} {_content_words(figure.following, 1)}"), ids),
            "value": figure.value, "label": PLACEHOLDER_LABEL, "source": seed.source_id,
            "evidence": figure.sentence}
    return Commented(item, [f"line {figure.line} · the label is a placeholder: rewrite it"])


def _date(seed: Seed, figure: Figure) -> Commented:
    item = {"when": figure.value, "event": PLACEHOLDER_EVENT, "source": seed.source_id,
            "evidence": figure.sentence}
    return Commented(item, [f"line {figure.line}"])


def _article(seed: Seed, ref: ArticleRef) -> Commented:
    notes = [f"line {ref.line}"]
    if ref.articles == ("Article 19",):
        notes.append("ARTICLE 19 is also a rights organisation: check which one this is")
    item = {"articles": list(ref.articles), "as_written": ref.as_written, "source": seed.source_id,
            "evidence": ref.sentence}
    return Commented(item, notes)


def _demands(seed: Seed, found: DemandList) -> Commented:
    lines = f"lines {found.items[0].line}–{found.items[-1].line}"
    notes = [f"{lines} · {len(found.items)} items"
             + (f", introduced at line {found.intro_line}" if found.intro_line else ", no introduction")]
    item = {"introduced_by": found.intro, "source": seed.source_id,
            "items": [Commented(i.text, [f"line {i.line}"]) for i in found.items]}
    return Commented(item, notes)


def _quote_id(quote: QuoteCandidate) -> str:
    """Who and what: "canada-represents-potential-indeed", "brown-many-examples-national"."""
    speaker = quote.speaker
    if speaker.person:  # the family name
        who = speaker.name.split(" ")[-1]
    else:  # "Burkina Faso’s delegate" -> "Burkina Faso": the capitalised words
        who = " ".join([w for w in re.sub(r"['’]s\b", "", speaker.name).split() if w[:1].isupper()][:3])
    return slugify(f"{who or speaker.name} {_content_words(quote.text, 3)}")


def _content_words(text: str, count: int) -> str:
    words = [w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 2 and w not in _ID_STOPWORDS]
    return " ".join(words[:count])


def slugify(text: str, max_length: int = 48) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word to `max_length`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > max_length:
            break
        slug = f"{slug}-{word}" if slug else word[:max_length]
    return slug or "candidate"


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken or not is_id(candidate):
        candidate = f"{slug}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _file_id(path: Path) -> str:
    slug = slugify(path.stem, 64)
    return slug if is_id(slug) else f"{slug}-source"


def _listed_ids(root: Path) -> dict[str, str]:
    """File name -> source id, for every seed seeds/sources.yaml lists (as the loader reads it)."""
    return {source.file: source.id for source in load_sources(root).values()}


def _destination(root: Path, out: Path, force: bool) -> Path:
    """Where --out may write: inside the campaign, not over its data, not over a file without --force."""
    dest = (out if out.is_absolute() else Path.cwd() / out).resolve()
    if not dest.is_relative_to(root):
        raise BriefkitError(f"refusing to write {out}: it is outside the campaign folder {root}",
                            hint="write the candidates inside the campaign, e.g. --out candidates.yaml")
    rel = dest.relative_to(root)
    if rel.parts and rel.parts[0] in _DATA_PATHS:
        raise BriefkitError(f"refusing to write {rel.as_posix()}: briefkit check reads it as campaign data",
                            hint="write the candidates elsewhere, e.g. --out candidates.yaml, and paste from there")
    if dest.is_dir():
        raise BriefkitError(f"{rel.as_posix()} is a folder", hint="give a file name, e.g. candidates.yaml")
    if dest.exists() and not force:
        raise BriefkitError(f"{rel.as_posix()} already exists", hint="pass --force to replace it")
    return dest
