"""A campaign folder's layout: every file and folder name a campaign is made of, written once.

The layout is a contract with the user (docs/data.md, "The campaign layout"), so no
other module spells a name: the loader reads these files, the build hashes
them, the preview watches them, `init --from` copies them, and problems name
them. Names are relative to the campaign folder, with `/` as separator, as
problems print them.
"""

from __future__ import annotations

from pathlib import Path

CAMPAIGN_FILE = "briefkit.yaml"
SEEDS = "seeds"  # the source texts, and their metadata
SOURCES_FILE = f"{SEEDS}/sources.yaml"
CONFIRMATIONS_FILE = f"{SEEDS}/confirmations.yaml"  # speakers a curator confirmed (`briefkit confirm`)
POSITIONS = "positions"  # one YAML file per position
AUDIENCES = "audiences"  # one YAML file per audience, named after its id
SIGNATORIES_FILE = "signatories.csv"
SIGNATORY_COLUMNS = ("name", "country", "type", "basis", "signed_version")
TEMPLATES = "templates"  # the campaign's template layer, over the built-in one
AUDIENCE_TEMPLATES = f"{TEMPLATES}/audiences"  # templates/audiences/<id>/: one audience's own layer
ASSETS = "assets"  # images the templates print (the logo)
CONTACTS_FILE = "contacts.csv"  # who receives each audience's documents (kept out of version control)
CONTACTS_EXAMPLE = "contacts.example.csv"
OUT = "out"  # the default output folder
# Translations brought back from translators: one gettext catalogue per language, read over the
# text written inline in the YAML; and the source text each inline translation was made from.
TRANSLATIONS = "translations"
INLINE_RECORD = f"{TRANSLATIONS}/inline.json"

YAML_SUFFIXES = (".yaml", ".yml")
# The folders a campaign is made of: copied by init --from, watched by preview, never the place for output.
CAMPAIGN_FOLDERS = (SEEDS, POSITIONS, AUDIENCES, TEMPLATES, ASSETS, TRANSLATIONS)
# What every document reads, whichever audience it is for (an audience's own file is apart).
SHARED_DATA = (CAMPAIGN_FILE, SIGNATORIES_FILE, SEEDS, POSITIONS, ASSETS, TRANSLATIONS)
# Where the campaign's own words are written: searched to tell a user where a character stands.
WORDS = (CAMPAIGN_FILE, POSITIONS, AUDIENCES, SOURCES_FILE, SIGNATORIES_FILE, TEMPLATES, TRANSLATIONS)
# Folders of out/ that hold no audience's documents; no audience may take their names as its id.
OUTBOX = "outbox"
BUNDLES = "bundles"
EXPORTS = "translations"  # out/translations/: the catalogues `briefkit translate export` hands out
OUT_FOLDERS = (OUTBOX, BUNDLES, EXPORTS)


def template_file(kind: str) -> str:
    """The template of a kind of document, as a template layer names it."""
    return f"{kind}.html.j2"


def stylesheet_files(kind: str) -> tuple[str, str]:
    """The stylesheets a kind of document is printed with, in the order they apply."""
    return ("css/base.css", f"css/{kind}.css")


def translation_file(language: str) -> str:
    """The catalogue of a language's translations in the campaign (translations/fr.po)."""
    return f"{TRANSLATIONS}/{language}.po"


def export_file(language: str, suffix: str) -> str:
    """Where `translate export` writes a language's catalogue, inside out/ (out/translations/fr.po)."""
    return f"{OUT}/{EXPORTS}/{language}.{suffix}"


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of a folder (positions/, audiences/), in name order; none if it is missing."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES)


def audience_files(root: Path) -> dict[str, Path]:
    """Each audience's id (its file name without the suffix) and its file, without reading it."""
    return {path.stem: path for path in yaml_files(root / AUDIENCES)}


def audience_templates(root: Path, audience_id: str) -> Path:
    """The folder of one audience's own templates (which may not exist)."""
    return root / AUDIENCE_TEMPLATES / audience_id


def seed(root: Path, file: str) -> Path:
    """A source text, from the file name seeds/sources.yaml gives it."""
    return root / SEEDS / file


def seed_name(file: str) -> str:
    """A source text as problems and listings name it."""
    return f"{SEEDS}/{file}"


def relative(root: Path, path: Path) -> str:
    """A path inside the campaign as problems name it; an outside path as it is."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
