"""XLIFF 1.2: valid against the OASIS strict schema, and read back as the PO is."""

from pathlib import Path

import pytest
from lxml import etree

from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError
from briefkit.translate.accept import accept_translations
from briefkit.translate.catalogue import build_catalogue
from briefkit.translate.xliff import NS, read_xliff, xliff_bytes
from tests.fixtures.second_campaign import make_second_campaign
from tests.translate.conftest import DEMAND, DEMAND_FR

SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "xliff" / "xliff-core-1.2-strict.xsd"
# The schema imports W3C's schema of the xml: attributes from the web; the tests give it the two it uses.
XML_ATTRIBUTES = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
</xs:schema>"""


class _Offline(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url.endswith("/xml.xsd"):
            return self.resolve_string(XML_ATTRIBUTES, context)
        return None


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def exported(root, lang="fr") -> bytes:
    return xliff_bytes(build_catalogue(load_campaign(root), lang))


def assert_valid(schema, data: bytes) -> etree._Element:
    document = etree.fromstring(data)
    assert schema.validate(document), schema.error_log
    return document


def test_the_export_is_valid_xliff_1_2(bilingual, schema):
    document = assert_valid(schema, exported(bilingual))
    [file] = document.findall(f"{{{NS}}}file")
    assert (file.get("original"), file.get("source-language"), file.get("target-language")) == (
        "example-treaty", "en", "fr")
    unit = document.find(f".//{{{NS}}}trans-unit[@id='positions/01-safeguards.yaml:demand']")
    assert unit.findtext(f"{{{NS}}}source") == DEMAND
    assert unit.find(f"{{{NS}}}target").get("state") == "translated"
    headline = document.find(f".//{{{NS}}}trans-unit[@id='briefkit.yaml:factsheet.headline']")
    assert (headline.get("maxwidth"), headline.get("size-unit")) == ("45", "char")


def test_a_stale_translation_needs_review_and_gives_the_previous_source(bilingual, schema):
    accept_translations(bilingual, "fr")
    position = bilingual / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(f"en: {DEMAND}", "en: Protect them."),
                        encoding="utf-8")
    document = assert_valid(schema, exported(bilingual))
    unit = document.find(f".//{{{NS}}}trans-unit[@id='positions/01-safeguards.yaml:demand']")
    assert unit.find(f"{{{NS}}}target").get("state") == "needs-review-translation"
    previous = unit.find(f"{{{NS}}}alt-trans")
    assert previous.get("alttranstype") == "previous-version"
    assert previous.findtext(f"{{{NS}}}source") == DEMAND


def test_every_language_of_the_second_and_the_bundled_campaign_is_valid(tmp_path, schema, bundled_copy):
    root = make_second_campaign(tmp_path / "seabed")
    for lang in ("fr", "ar", "zh"):
        assert_valid(schema, exported(root, lang))
    for lang in ("fr", "es", "ru", "ar", "zh"):
        assert_valid(schema, exported(bundled_copy, lang))


def test_read_back_as_entries(bilingual):
    catalogue = read_xliff(exported(bilingual), "fr.xlf")
    assert (catalogue.project, catalogue.language) == ("example-treaty", "fr")
    demand = next(e for e in catalogue.entries if e.context == "positions/01-safeguards.yaml:demand")
    assert (demand.msgid, demand.msgstr, demand.fuzzy) == (DEMAND, DEMAND_FR, False)
    assert demand.line > 1


def test_broken_xml_is_refused_with_its_line():
    with pytest.raises(BriefkitError) as raised:
        read_xliff(b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', "fr.xlf")
    assert raised.value.path == "fr.xlf" and raised.value.line == 4
