"""The only way WeasyPrint may read a resource: data: URLs and files inside allowed folders.

A template or stylesheet is untrusted input. It may name `file:///etc/passwd`,
`http://…` or a device; all of these are refused. A file is allowed only if
its real path (symlinks resolved) is a regular file inside the campaign
folder or briefkit's own assets.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from briefkit.errors import BriefkitError
from briefkit.filerule import ASSET, STYLESHEET, read_campaign_file


class FetchRefused(ValueError):
    """WeasyPrint reports this as a warning and leaves the resource out."""


class SafeFetcher(URLFetcher):
    def __init__(self, roots: list[Path]) -> None:
        super().__init__(timeout=5, allowed_protocols={"data", "file"}, allow_redirects=False,
                         fail_on_errors=False)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path))
            kind = STYLESHEET if path.suffix.lower() == ".css" else ASSET
            try:  # the file rule (filerule.py), as for every file a campaign reads
                return URLFetcherResponse(url, read_campaign_file(self.roots[0], path, kind))
            except BriefkitError:
                pass
        self.refused.append(url)
        raise FetchRefused(f"briefkit does not fetch {url}: only files inside the campaign folder "
                           "and data: URLs are allowed")
