"""The preview's view of the campaign: a version number that changes with the inputs, and
documents composed from the inputs as they are now.

Every request reads the campaign afresh when the version has moved on (a
load, check and compose takes milliseconds to a fraction of a second), so
what the page shows is always what `briefkit build` would make of the files
on disk, errors included. Nothing here renders a PDF: WeasyPrint is never
imported.
"""

from __future__ import annotations

import threading
from pathlib import Path

from briefkit.build.run import compose_all
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import KINDS
from briefkit.checks.evidence import Verified, verify
from briefkit.checks.tailoring import tailored_text_warnings
from briefkit.render.compose import Composer, Document


class Preview:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.version = 1
        self._changed = threading.Condition()
        self._lock = threading.Lock()
        self._verified: tuple[int, Verified] | None = None

    def bump(self) -> None:
        """The inputs changed: every page showing an older version should reload."""
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait(self, seen: int | None, timeout: float) -> int:
        """Block until the version differs from `seen` (or `timeout` passes); return the version."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def wake(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def verified(self) -> Verified:
        """The checked campaign as the files are now; raises BriefkitError (e.g. ProblemsFound)."""
        with self._lock:
            version = self.version
            if self._verified is None or self._verified[0] != version:
                self._verified = (version, verify(load_campaign(self.root, partial=True)))
            return self._verified[1]

    def compose(self, kind: str, audience: str, lang: str | None = None) -> Document:
        return Composer(self.verified()).compose(kind, audience, lang=lang)

    def overview(self) -> tuple[list[str], list]:
        """Audience ids, and the warnings `briefkit check` would print, for the index page."""
        verified = self.verified()
        audiences = list(verified.campaign.audiences)
        documents = compose_all(verified, list(KINDS), audiences)
        return audiences, tailored_text_warnings(verified, documents)
