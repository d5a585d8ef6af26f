"""translations/ read over the campaign's inline text, and each translation's state."""

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.campaign.localtext import Passage, Resolver
from briefkit.campaign.yamlio import dotted, parse_dotted
from briefkit.errors import ProblemsFound
from tests.helpers import write

STORE = '''msgid ""
msgstr ""
"Project-Id-Version: example-treaty 2026-11-23\\n"
"Language: fr\\n"

msgctxt "positions/01-safeguards.yaml:title"
msgid "Safeguards for journalists"
msgstr "Des garanties pour les journalistes"

msgctxt "positions/01-safeguards.yaml:rationale"
msgid "Journalists needed protection."
msgstr "Les journalistes avaient besoin de protection."
'''


def test_a_stored_translation_joins_a_plain_text_and_a_stale_one_is_marked(campaign):
    write(campaign / "translations" / "fr.po", STORE)
    loaded = load_campaign(campaign)
    position = loaded.positions[0]
    assert position.title == {"en": "Safeguards for journalists", "fr": "Des garanties pour les journalistes"}
    title = loaded.translations.of("positions/01-safeguards.yaml:title", "fr")
    assert (title.state, title.path, title.line) == ("current", "translations/fr.po", 7)
    rationale = loaded.translations.of("positions/01-safeguards.yaml:rationale", "fr")
    assert (rationale.state, rationale.made_from) == ("stale", "Journalists needed protection.")
    resolved = Resolver("fr", "en").text(position.rationale, "rationales")
    assert isinstance(resolved, Passage) and (resolved.stale, resolved.lang, resolved.part) == (True, "fr", "rationales")
    assert Resolver("fr", "en").text(position.title, "titles") == "Des garanties pour les journalistes"
    assert not isinstance(Resolver("en", "en").text(position.rationale), Passage)  # the source is never stale


def test_a_store_named_for_no_language_or_another_language_is_a_problem(campaign):
    write(campaign / "translations" / "french.po", STORE)
    write(campaign / "translations" / "es.po", STORE)
    with pytest.raises(ProblemsFound) as raised:
        load_campaign(campaign)
    assert [p.format() for p in raised.value.problems] == [
        "translations/es.po:1: the catalogue's Language header says 'fr', its name says 'es' (hint: rename the "
        "file or correct the header)",
        "translations/french.po: french.po is not named for a language (hint: name each catalogue after its "
        "language: fr.po, es.po)"]


def test_a_broken_record_is_a_problem_with_its_line(campaign):
    write(campaign / "translations" / "inline.json", '{\n  "made_from": {\n    "x": \n}\n')
    with pytest.raises(ProblemsFound) as raised:
        load_campaign(campaign)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == ("translations/inline.json", 4)


@pytest.mark.parametrize("loc", [("demand",), ("talking_points", "ally", 0), ("quotes", 2, "speaker"),
                                 ("letter", "opening", 1)])
def test_a_field_path_reads_back_as_its_location(loc):
    assert parse_dotted(dotted(loc)) == loc


@pytest.mark.parametrize("text", ["", "a..b", "[0]", "x[a]", "x.", ".x"])
def test_what_is_not_a_field_path_is_refused(text):
    assert parse_dotted(text) is None
