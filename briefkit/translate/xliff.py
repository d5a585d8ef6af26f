"""XLIFF 1.2, for translators whose tools prefer it to PO (OmegaT, Crowdin, Lokalise, Weblate, Poedit).

Written with lxml, valid against the OASIS XLIFF 1.2 strict schema (the
tests validate every export against it). One `<file>` names the campaign
(`original`, `product-name`) and the two languages; each text is a
`<trans-unit>` whose id is its context, with its `<source>`, its `<target>`
when translated (`state="translated"`, or `needs-review-translation` when it
translates an earlier source, which an `<alt-trans alttranstype=
"previous-version">` then gives), its location as a context group, a note,
and `maxwidth` in characters where the fact sheet gives a length budget.

Reading a translated file back gives the same entries the PO reader gives
(campaign/pofiles.py), so the import checks one shape only.
"""

from __future__ import annotations

from lxml import etree

from briefkit.campaign.pofiles import Entry, PoCatalogue
from briefkit.errors import BriefkitError
from briefkit.fsutil import decode
from briefkit.translate.catalogue import Catalogue

NS = "urn:oasis:names:tc:xliff:document:1.2"
_X = f"{{{NS}}}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Target states that a translator has not finished (not imported, as a fuzzy PO entry is not).
UNFINISHED = {"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
              "needs-review-adaptation", "needs-review-l10n"}


def xliff_bytes(catalogue: Catalogue) -> bytes:
    """The catalogue as an XLIFF 1.2 document."""
    root = etree.Element(_X + "xliff", nsmap={None: NS}, version="1.2")
    file = etree.SubElement(root, _X + "file", original=catalogue.campaign, datatype="plaintext")
    file.set("source-language", catalogue.source_language)
    file.set("target-language", catalogue.language)
    file.set("product-name", catalogue.campaign)
    file.set("product-version", catalogue.version)
    header = etree.SubElement(file, _X + "header")
    etree.SubElement(header, _X + "note").text = (
        f"{catalogue.title}: the campaign's text, from {catalogue.coalition}. A unit that needs review "
        "translates an earlier version of its text, given as its previous version. The campaign takes "
        "the file back with `briefkit translate import`.")
    body = etree.SubElement(file, _X + "body")
    for message in catalogue.messages:
        unit = etree.SubElement(body, _X + "trans-unit", id=message.context, resname=message.context)
        if message.max_length:
            unit.set("maxwidth", str(message.max_length))
            unit.set("size-unit", "char")
        etree.SubElement(unit, _X + "source").text = message.source
        if message.translation:
            target = etree.SubElement(unit, _X + "target")
            target.set("state", "needs-review-translation" if message.fuzzy else "translated")
            target.text = message.translation
        for path, line in message.locations:
            group = etree.SubElement(unit, _X + "context-group", purpose="location")
            etree.SubElement(group, _X + "context", {"context-type": "sourcefile"}).text = path
            if line:
                etree.SubElement(group, _X + "context", {"context-type": "linenumber"}).text = str(line)
        etree.SubElement(unit, _X + "note", {"from": "briefkit"}).text = " ".join(message.notes)
        if message.previous is not None:
            previous = etree.SubElement(unit, _X + "alt-trans", alttranstype="previous-version")
            etree.SubElement(previous, _X + "source").text = message.previous
            etree.SubElement(previous, _X + "target").text = message.translation
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def read_xliff(raw: bytes, display: str) -> PoCatalogue:
    """A translated XLIFF 1.2 file as entries: context (the unit's id), source, target, line."""
    decode(raw, display, hint="save the file as UTF-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise BriefkitError(f"not valid XML: {exc.msg}", path=display, line=exc.lineno,
                            hint="open it in the translation tool and save it again") from exc
    if root.tag != _X + "xliff" or root.get("version") != "1.2":
        raise BriefkitError("not an XLIFF 1.2 file (briefkit writes and reads XLIFF 1.2)", path=display,
                            line=root.sourceline, hint="export XLIFF 1.2 from the translation tool")
    files = root.findall(_X + "file")
    if len(files) != 1:
        raise BriefkitError(f"expected one <file>, found {len(files)}", path=display, line=root.sourceline,
                            hint="send back the file briefkit exported, one language at a time")
    file = files[0]
    entries = []
    for unit in file.iter(_X + "trans-unit"):
        source = unit.find(_X + "source")
        target = unit.find(_X + "target")
        words = _text(target) if target is not None else ""
        state = target.get("state", "translated") if target is not None else "new"
        unfinished = state in UNFINISHED or unit.get("approved") == "no"
        entries.append(Entry(unit.get("id") or unit.get("resname"), _text(source) if source is not None else "",
                             words, unit.sourceline, fuzzy=bool(words) and unfinished))
    return PoCatalogue(file.get("product-name") or file.get("original") or "", file.get("target-language"),
                       entries=entries)


def _text(element: etree._Element) -> str:
    """An element's text, inline markup a tool may add (<mrk>, <g>) taken as its words."""
    return "".join(element.itertext())
