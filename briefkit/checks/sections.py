"""Sections a document leaves out for want of something to show, reported so nobody is surprised.

A built-in template that has nothing for a section (a fact sheet whose
audience's positions have no supporting quote for "On the record") says so in
an HTML comment, `{{ m.empty_section(name) }}`, instead of printing an empty
heading; the check turns each into a warning naming the audience, the kind and
the section. Writers never print comments.
"""

from __future__ import annotations

from lxml import etree

from briefkit.errors import Problem
from briefkit.render.document import Document

MARK = "briefkit-empty-section:"


def empty_section_warnings(documents: list[Document]) -> list[Problem]:
    found: dict[tuple[str, str], list[str]] = {}
    for document in documents:
        for comment in document.tree.iter(etree.Comment):
            text = (comment.text or "").strip()
            if text.startswith(MARK):
                key = (document.template or document.kind, text[len(MARK):].strip())
                label = f"the {document.kind} for {document.audience}"
                if label not in found.setdefault(key, []):
                    found[key].append(label)
    return [Problem(template, None, f"{', '.join(documents_of)}: the section “{section}” has nothing to show "
                    "and is left out", severity="warning",
                    hint="give the positions what the section prints (a supporting quote, a key fact), or "
                         "override its block in the template")
            for (template, section), documents_of in found.items()]
