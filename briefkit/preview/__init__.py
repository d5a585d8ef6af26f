"""`briefkit preview`: a live view of the documents in a browser, while their author edits them.

It serves the composed HTML on 127.0.0.1 with the print stylesheets and
page frames (pages.py), reloads the page when any input changes (watch.py,
server.py's /events), and shows an error, with its file and line, in place
of the document until it is fixed. It composes HTML only: WeasyPrint is
never imported, so a page appears in a fraction of a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from briefkit.campaign.loader import audience_ids, find_root
from briefkit.campaign.model import KINDS
from briefkit.errors import BriefkitError, UsageProblem, suggest
from briefkit.preview.server import RunningPreview, start
from briefkit.render.overrides import check_audience

__all__ = ["RunningPreview", "serve", "start", "start_path"]


def start_path(root: Path, kind: str | None, audience: str | None) -> str:
    """The page to open first: one document if a kind or an audience is named, else the index."""
    if kind is None and audience is None:
        return "/"
    if kind is not None and kind not in KINDS:
        raise UsageProblem(f"unknown kind {kind!r}", hint=suggest(kind, KINDS))
    known = audience_ids(root)
    if audience is not None:
        check_audience(audience, known)
    elif not known:
        raise BriefkitError("the campaign has no audiences yet", path="audiences",
                            hint="add audiences/<id>.yaml, or open the index page")
    return f"/doc/{audience or known[0]}/{kind or 'letter'}"


def serve(campaign_dir: Path, kind: str | None, audience: str | None, port: int,
          announce: Callable[[RunningPreview], None]) -> None:
    """Run the preview until interrupted (Ctrl+C)."""
    root = find_root(campaign_dir)
    running = start(root, port, start_path(root, kind, audience))
    try:
        announce(running)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.close()
