"""The preview's HTTP server: the standard library's, on 127.0.0.1 only.

Routes:
  /                          index: every audience x kind, and check's warnings
  /doc/<audience>/<kind>     one composed document in page frames (or its errors);
                             ?lang=fr for another language the audience reads
  /events                    Server-Sent Events: the inputs' version, sent on every change
  /_preview/<file>           the preview's own script and stylesheet
  /builtin/<path>            briefkit's built-in stylesheets
  /campaign/<path>           stylesheets (and fonts, images) from the campaign folder

Files are served only from inside the campaign folder and briefkit's assets,
only with the suffixes a stylesheet may use, and never from a hidden folder.
A request whose Host is not this server's loopback address is refused, so a
web page elsewhere cannot reach the preview through DNS rebinding.

Every request gets an answer: a name no file can have (a NUL or another
control character, a part longer than a file name may be, a path longer than
MAX_PATH) is a 400, and anything else that fails is a 500 page, never a
dropped connection. Every response carries a Content-Security-Policy with no
network origin in it (CSP below), so a campaign stylesheet that imports
`http://…` cannot make the author's browser fetch from the network.
"""

from __future__ import annotations

import errno
import mimetypes
import secrets
import sys
import threading
import traceback
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from briefkit.campaign.layout import audience_files
from briefkit.campaign.localtext import shown
from briefkit.campaign.model import KINDS
from briefkit.errors import BriefkitError
from briefkit.filerule import ASSET, read_campaign_file
from briefkit.preview import pages
from briefkit.preview.state import Preview
from briefkit.preview.watch import Watcher
from briefkit.render.templating import BUILTIN
from briefkit.resources import PREVIEW_ASSETS
from briefkit.translate.status import document_counts, translation_summaries

HOST = "127.0.0.1"
ASSETS = PREVIEW_ASSETS
SERVED_SUFFIXES = {".css", ".js", ".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".gif", ".svg"}
KEEPALIVE_SECONDS = 15.0
MAX_PATH = 1024  # characters of a request's path, once decoded
MAX_NAME = 255  # characters of one part of it: no file system holds a longer name
# What a page may load: its own origin only (the preview's script and stylesheet, the print
# stylesheets, the campaign's fonts and images), data: images and fonts as WeasyPrint allows them,
# the /events stream, and the one <style> the document page carries (its @page rule), by nonce.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")
# Connections the kernel may hold before the server accepts them (socketserver's default is 5):
# a page, its stylesheets, fonts and images, and a browser's reloads arrive together.
LISTEN_BACKLOG = 512


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, port: int, preview: Preview) -> None:
        self.preview = preview
        self.stopping = threading.Event()
        super().__init__((HOST, port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "briefkit-preview"

    nonce = ""

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.nonce = secrets.token_urlsafe(16)  # for this response's CSP and its page's one <style>
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as exc:  # a bug must answer with a page, not drop the connection
            self._internal_error(exc, self.server.preview.version)

    def _route(self) -> None:
        if not self._host_allowed():
            self._send(403, "text/plain", b"briefkit preview answers only on its loopback address\n")
            return
        path = unquote(urlsplit(self.path).path)
        query = parse_qs(urlsplit(self.path).query)
        parts = [p for p in path.split("/") if p]
        if refusal := _bad_name(path, parts):
            self._send(400, "text/plain", f"bad request: {refusal}\n".encode())
            return
        if not parts:
            self._index()
        elif parts[0] == "doc" and len(parts) == 3:
            self._document(parts[1], parts[2], (query.get("lang") or [None])[0])
        elif parts == ["events"]:
            self._events()
        elif parts[0] == "_preview" and len(parts) == 2:
            self._file(ASSETS, parts[1:])
        elif parts[0] == "builtin":
            self._file(BUILTIN, parts[1:])
        elif parts[0] == "campaign":
            self._file(self.server.preview.root, parts[1:])
        elif parts == ["favicon.ico"]:
            self._send(204, "text/plain", b"")
        else:
            self._send(404, "text/plain", b"not found\n")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the standard library's name)
        pass  # one line per request would drown the errors that matter

    # -- routes -------------------------------------------------------------------

    def _index(self) -> None:
        preview = self.server.preview
        version = preview.version
        try:
            checked = preview.checked()
            campaign = checked.campaign
            title = shown(campaign.config.title, campaign.config.settings.language)
            html = pages.index_page(list(campaign.audiences), checked.warnings, version, title,
                                    {a.id: campaign.languages_of(a) for a in campaign.audiences.values()},
                                    translation_summaries(campaign))
            self._send(200, "text/html; charset=utf-8", html.encode())
        except BriefkitError as exc:
            self._send(500, "text/html; charset=utf-8",
                       pages.error_page(exc, version, "The campaign has problems").encode())
        except Exception as exc:  # a bug must show in the page, not kill the server
            self._internal_error(exc, version)

    def _document(self, audience: str, kind: str, lang: str | None = None) -> None:
        preview = self.server.preview
        version = preview.version
        try:
            if kind not in KINDS:
                raise BriefkitError(f"unknown kind {kind!r}", hint="choose " + ", ".join(KINDS))
            verified = preview.verified()
            if audience not in verified.campaign.audiences:
                raise BriefkitError(f"unknown audience {audience!r}", path="audiences",
                                    hint="choose one on the index page")
            document = preview.compose(kind, audience, lang)
            campaign = verified.campaign
            counts = document_counts(campaign, kind, campaign.audiences[audience], document.lang)
            html = pages.document_page(document, version, list(verified.campaign.audiences),
                                       counts.summary() if counts else None, nonce=self.nonce)
            self._send(200, "text/html; charset=utf-8", html.encode())
        except BriefkitError as exc:
            root = preview.root
            known = list(audience_files(root))  # the audiences' files, even when they do not load
            place = (kind, audience, known) if kind in KINDS and audience in known else None
            page = pages.error_page(exc, version, f"The {kind} for {audience} cannot be composed", root, place)
            self._send(500, "text/html; charset=utf-8", page.encode())
        except Exception as exc:
            self._internal_error(exc, version)

    def _events(self) -> None:
        """Send the version now and on every change; a comment every few seconds keeps the line open."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview, seen = self.server.preview, None
        self.wfile.write(b"retry: 1000\n\n")
        while not self.server.stopping.is_set():
            version = preview.wait(seen, KEEPALIVE_SECONDS)
            self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": still here\n\n")
            self.wfile.flush()
            seen = version

    def _file(self, base: Path, parts: list[str]) -> None:
        base = base.resolve()
        target = base.joinpath(*parts).resolve() if parts else base
        allowed = (target.is_relative_to(base) and target.is_file() and target.suffix.lower() in SERVED_SUFFIXES
                   and not any(p.startswith(".") for p in target.relative_to(base).parts))
        if not allowed:
            self._send(404, "text/plain", b"not found\n")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        try:  # by the file rule, as every reader of the campaign's files (filerule.py)
            data = read_campaign_file(self.server.preview.root, target, ASSET)
        except BriefkitError:
            self._send(404, "text/plain", b"not found\n")
            return
        self._send(200, kind, data)

    # -- helpers ------------------------------------------------------------------

    def _internal_error(self, exc: Exception, version: int) -> None:
        traceback.print_exception(exc, file=sys.stderr)
        error = BriefkitError(f"internal error in briefkit: {exc!r}", hint="this is a bug; the terminal "
                              "running `briefkit preview` shows the traceback")
        self._send(500, "text/html; charset=utf-8", pages.error_page(error, version, "briefkit failed").encode())

    def _host_allowed(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        """Every response, the standard library's own errors too, carries the policy."""
        self.send_header("Content-Security-Policy", CSP.format(nonce=self.nonce or secrets.token_urlsafe(16)))
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


def _bad_name(path: str, parts: list[str]) -> str | None:
    """Why a request's path can name no file or page (None if it can): the file system would
    refuse it with an exception, and a refusal is a 400, not a traceback."""
    if len(path) > MAX_PATH:
        return f"the path is longer than {MAX_PATH} characters"
    if any(len(part) > MAX_NAME for part in parts):
        return f"a part of the path is longer than {MAX_NAME} characters"
    if any(ord(char) < 32 or ord(char) == 127 for char in path):
        return "the path holds a control character (such as %00)"
    return None


@dataclass
class RunningPreview:
    """A preview server running in background threads; `close()` stops it."""

    url: str
    start_url: str
    server: _Server
    watcher: Watcher
    thread: threading.Thread

    def close(self) -> None:
        self.server.stopping.set()
        self.server.preview.wake()
        self.watcher.close()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
        self.server.preview.close()


def start(root: Path, port: int = 8800, start_path: str = "/") -> RunningPreview:
    """Serve the preview of the campaign at `root` on 127.0.0.1:`port` (0: any free port)."""
    preview = Preview(root)
    try:
        server = _Server(port, preview)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BriefkitError(f"port {port} on {HOST} is already in use",
                                hint="choose another with --port, or --port 0 for any free port") from exc
        raise BriefkitError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from exc
    watcher = Watcher(root, preview.bump)
    watcher.start()
    thread = threading.Thread(target=server.serve_forever, name="briefkit-preview", daemon=True)
    thread.start()
    url = f"http://{HOST}:{server.server_address[1]}"
    return RunningPreview(url, url + start_path, server, watcher, thread)
