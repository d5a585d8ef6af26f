"""Accept a new version of a source: locate every quote in it again, then record its checksum.

A changed seed is an error until a curator has looked at it. `briefkit
accept ID` re-runs the whole check with that source taken as it is now; only
if every quote, fact and timeline entry citing it is still found verbatim is
the new sha256 written into seeds/sources.yaml (the one line, comments kept).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from briefkit.campaign import layout
from briefkit.campaign.layout import SOURCES_FILE
from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.errors import BriefkitError, UsageProblem, suggest
from briefkit.filerule import SEED, YAML, read_campaign_file, read_campaign_text
from briefkit.fsutil import atomic_write


@dataclass
class Accepted:
    source_id: str
    file: str
    old: str
    new: str
    citations: int

    @property
    def changed(self) -> bool:
        return self.old != self.new


def accept_sources(root: Path, source_ids: list[str]) -> list[Accepted]:
    """Verify with the named sources as they are now; if all is found, record their checksums."""
    campaign = load_campaign(root, partial=True)
    for source_id in source_ids:
        if source_id not in campaign.sources:
            raise UsageProblem(f"unknown source {source_id!r}", path=SOURCES_FILE,
                                hint=suggest(source_id, campaign.sources))
    verify(campaign, accept=frozenset(source_ids))  # raises, naming every quote not found again

    lines = read_campaign_text(campaign.root, SOURCES_FILE, YAML).splitlines(keepends=True)
    results = []
    for index, source in enumerate(campaign.sources.values()):
        if source.id not in source_ids:
            continue
        digest = hashlib.sha256(read_campaign_file(campaign.root, layout.seed(campaign.root, source.file),
                                                   SEED, layout.seed_name(source.file))).hexdigest()
        citations = sum(1 for _, q in campaign.quotes() if q.source == source.id)
        citations += sum(1 for _, f in campaign.facts() if f.source == source.id)
        citations += sum(1 for e in campaign.config.timeline if e.source == source.id)
        results.append(Accepted(source.id, source.file, source.sha256, digest, citations))
        line = campaign.provenance.line(SOURCES_FILE, ("sources", index, "sha256"))
        if line is None or source.sha256 not in lines[line - 1]:
            raise BriefkitError(f"cannot find the sha256 of {source.id!r} to update", path=SOURCES_FILE,
                                line=line, hint=f"set it by hand to {digest}")
        lines[line - 1] = lines[line - 1].replace(source.sha256, digest)
    if any(r.changed for r in results):
        atomic_write(campaign.root / SOURCES_FILE,
                     lambda tmp: tmp.write_text("".join(lines), encoding="utf-8"))
    return results
