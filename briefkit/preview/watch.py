"""Notice when any input of the campaign changes: data, seeds, templates, stylesheets.

watchfiles (inotify on Linux) watches the campaign's input folders
recursively and the campaign folder itself without descending, so that out/,
.git or a .venv beside the data are never walked. A folder created later
(templates/ after `briefkit templates eject`) is picked up: a change at the
top level restarts the folder watch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from briefkit.campaign.layout import CAMPAIGN_FILE, CAMPAIGN_FOLDERS, SIGNATORIES_FILE
from briefkit.render.templating import BUILTIN

INPUT_FILES = frozenset({CAMPAIGN_FILE, SIGNATORIES_FILE})


class Watcher:
    """Calls `on_change()` after each burst of changes to the campaign's inputs."""

    def __init__(self, root: Path, on_change: Callable[[], None]) -> None:
        self.root = root
        self.on_change = on_change
        self._stop = threading.Event()
        self._folders_stop: threading.Event | None = None
        self._lock = threading.Lock()
        self._filter = watchfiles.DefaultFilter()

    def start(self) -> None:
        threading.Thread(target=self._watch_top, name="briefkit-watch-top", daemon=True).start()
        self._restart_folders()

    def close(self) -> None:
        with self._lock:
            self._stop.set()
            if self._folders_stop is not None:
                self._folders_stop.set()

    def _watch_top(self) -> None:
        names = INPUT_FILES | set(CAMPAIGN_FOLDERS)
        for changes in self._watch([self.root], self._stop, recursive=False):
            changed = {Path(path).name for _, path in changes}
            if changed & set(CAMPAIGN_FOLDERS):
                self._restart_folders()
            if changed & names:
                self.on_change()

    def _restart_folders(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            if self._folders_stop is not None:
                self._folders_stop.set()
            stop = self._folders_stop = threading.Event()
        folders = [self.root / name for name in CAMPAIGN_FOLDERS if (self.root / name).is_dir()] + [BUILTIN]
        threading.Thread(target=self._watch_folders, args=(folders, stop), name="briefkit-watch-folders",
                         daemon=True).start()

    def _watch_folders(self, folders: list[Path], stop: threading.Event) -> None:
        for _changes in self._watch(folders, stop, recursive=True):
            self.on_change()

    def _watch(self, paths: list[Path], stop: threading.Event, recursive: bool):
        try:
            yield from watchfiles.watch(*paths, watch_filter=self._filter, stop_event=stop, recursive=recursive,
                                        debounce=400, step=50, raise_interrupt=False)
        except (OSError, RuntimeError):
            return  # a watched folder vanished; the top-level watch restarts the folder watch
