"""Shared fixtures: tiny campaigns written into tmp_path, and one build of the bundled campaign."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.helpers import write

REPO = Path(__file__).resolve().parent.parent

SOURCE_TEXT = """\
The committee met again in Geneva this spring.

“We will not accept a treaty without safeguards for
journalists,” said the delegate of Examplia. The session
ended after 12 days without agreement.
"""

CAMPAIGN = {
    "briefkit.yaml": """\
        title: Example Treaty
        coalition: Example Coalition
        date: 2026-11-23
        default_addressee:
          lines: [The Chair]
          salutation: Dear Chair,
        letter:
          subject: Our demands
          opening:
            - We write about the example treaty.
          closing:
            - Thank you.
        factsheet:
          headline: Fix the example treaty
          call_to_action: Support the safeguards.
        timeline:
          - when: Spring
            event: The committee meets.
            source: news
            evidence: The committee met again in Geneva
        """,
    "positions/01-safeguards.yaml": """\
        id: safeguards
        title: Safeguards for journalists
        demand: Protect journalists in every article.
        priority: 1
        articles: [Article 1]
        rationale: Journalists need protection.
        talking_points:
          all: [Safeguards matter.]
          ally: [Hold firm.]
        quotes:
          - id: examplia-safeguards
            speaker: Examplia
            source: news
            text: >-
              We will not accept a treaty without safeguards for journalists,
        facts:
          - id: twelve-days
            value: "12 days"
            label: the length of the session
            source: news
            evidence: ended after 12 days
            key: true
        """,
    "audiences/alpha.yaml": """\
        id: alpha
        name: Alpha
        stance: ally
        """,
    "audiences/beta.yaml": """\
        id: beta
        name: Beta
        stance: reservations
        paper: Letter
        salutation: Dear Beta,
        """,
    "signatories.csv": "name,country,type\nFirst Org,,civil society\nSecond Org,Examplia,industry\n",
}


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """A minimal valid campaign: one source, one position with a quote and a fact, two audiences."""
    return make_campaign(tmp_path / "campaign")


def make_campaign(root: Path) -> Path:
    write(root / "seeds" / "news.txt", SOURCE_TEXT)
    digest = hashlib.sha256(SOURCE_TEXT.encode()).hexdigest()
    write(root / "seeds" / "sources.yaml", textwrap.dedent(f"""\
        sources:
          - id: news
            file: news.txt
            title: Example news
            publisher: Example Press
            period: 2026
            sha256: {digest}
        """).replace("period: 2026", 'period: "2026"'))
    for rel, text in CAMPAIGN.items():
        write(root / rel, textwrap.dedent(text))
    (root / "out").mkdir()
    return root


def add_logo(root: Path, alt: str = "Example Coalition logo, a red square", height_mm: float = 12) -> Path:
    """Give a campaign a logo: a small PNG in assets/ and its entry in briefkit.yaml."""
    from PIL import Image

    (root / "assets").mkdir(exist_ok=True)
    Image.new("RGB", (40, 20), "red").save(root / "assets" / "logo.png")
    with open(root / "briefkit.yaml", "a", encoding="utf-8") as config:
        config.write(f"logo:\n  file: logo.png\n  alt: {alt}\n  height_mm: {height_mm}\n")
    return root / "assets" / "logo.png"


DISTRIBUTION = """\
settings:
  distribution:
    from: coalition@example.org
"""
CONTACTS = """\
audience,name,email,role
alpha,Alpha contact,alpha@example.org,
beta,Beta contact,beta@example.org,Counsellor
beta,Second Beta contact,beta-two@example.org,
"""


@pytest.fixture(scope="session")
def _built_for_distribution(tmp_path_factory) -> Path:
    from briefkit.build.run import build

    root = make_campaign(tmp_path_factory.mktemp("distributable") / "campaign")
    with open(root / "briefkit.yaml", "a", encoding="utf-8") as config:
        config.write(DISTRIBUTION)
    write(root / "contacts.csv", CONTACTS)
    assert not build(root, formats=["pdf"]).failures
    return root


@pytest.fixture
def distributable(_built_for_distribution: Path, tmp_path: Path) -> Path:
    """The minimal campaign with a sender, three contacts (alpha 1, beta 2) and its PDFs built."""
    root = tmp_path / "campaign"
    shutil.copytree(_built_for_distribution, root)
    return root


@pytest.fixture(scope="session")
def bundled_copy(tmp_path_factory) -> Path:
    """A copy of the bundled campaign (the repository root), without its out/."""
    root = tmp_path_factory.mktemp("bundled") / "campaign"
    root.mkdir()
    for name in ("briefkit.yaml", "signatories.csv"):
        shutil.copy2(REPO / name, root / name)
    for folder in ("seeds", "positions", "audiences", "templates", "translations"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture(scope="session")
def bundled_build(bundled_copy: Path):
    """Every kind x audience x format of the bundled campaign, built once per test session."""
    from briefkit.build.run import build

    result = build(bundled_copy, bundled_copy / "out")
    assert not result.failures, result.failures
    return result
