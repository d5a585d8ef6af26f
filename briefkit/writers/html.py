"""HTML writer: the intermediate itself, with its stylesheets inlined so it opens in a browser."""

from __future__ import annotations

from pathlib import Path

from briefkit.filerule import STYLESHEET, read_campaign_text
from briefkit.render.document import Document
from briefkit.writers import Writer
from briefkit.writers.geometry import page_css


class HtmlWriter(Writer):
    name = "html"

    def write(self, document: Document, path: Path, shown: str) -> None:
        css = "\n".join(read_campaign_text(document.campaign_root, p, STYLESHEET) for p in document.stylesheets)
        css += "\n" + page_css(document)
        # Inside <style> nothing is escaped; only a closing tag could end it early.
        style = "<style>\n" + css.replace("</", "<\\/") + "\n</style>\n</head>"
        path.write_text(document.html.replace("</head>", style, 1), encoding="utf-8")
        return None
