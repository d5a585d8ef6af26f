"""The preview's view of the campaign: a version number that changes with the inputs, and
documents composed from the inputs as they are now.

The index page runs the one check pipeline (checks/), so it lists exactly the
problems and warnings `briefkit check` prints; a document page composes just
its document (a load, check and compose takes milliseconds to a fraction of a
second), so what it shows is what `briefkit build` would make of the files on
disk, errors included. Nothing here renders a PDF, and WeasyPrint is never
imported in this process: the stylesheets are read by the PDF writer in one
worker process, which the preview keeps for its lifetime.
"""

from __future__ import annotations

import threading
from pathlib import Path

from briefkit.campaign.loader import load_campaign
from briefkit.campaign.verified import Verified
from briefkit.checks import Checked, check_campaign
from briefkit.checks.evidence import verify
from briefkit.render.compose import Composer
from briefkit.render.document import Document
from briefkit.writers import workers


class Preview:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.version = 1
        self._changed = threading.Condition()
        self._lock = threading.Lock()
        self._verified: tuple[int, Verified] | None = None
        self._checked: tuple[int, Checked] | None = None
        self._pool: workers.Pool | None = None

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.__exit__(None, None, None)
                self._pool = None

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
        """The verified campaign as the files are now; raises BriefkitError (e.g. ProblemsFound)."""
        with self._lock:
            version = self.version
            if self._verified is None or self._verified[0] != version:
                self._verified = (version, verify(load_campaign(self.root, partial=True)))
            return self._verified[1]

    def compose(self, kind: str, audience: str, lang: str | None = None) -> Document:
        return Composer(self.verified()).compose(kind, audience, lang=lang)

    def checked(self) -> Checked:
        """Every check `briefkit check` runs, on the files as they are now; raises ProblemsFound."""
        with self._lock:
            version = self.version
            if self._checked is None or self._checked[0] != version:
                if self._pool is None:
                    self._pool = workers.Pool(workers.Limits(jobs=1), ["pdf"], 1, isolated=True,
                                              warm_up=False).__enter__()
                self._checked = (version, check_campaign(self.root, stylesheets=self._pool.check))
            return self._checked[1]
