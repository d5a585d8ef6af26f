"""`briefkit extract` on the bundled seeds, and each pattern on tiny texts written here."""

import hashlib
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.curate.candidates import extract_seeds
from briefkit.sources.extract import extract, find_articles, find_demands, find_figures
from briefkit.sources.prose import paragraphs, sentences
from briefkit.sources.textmatch import SourceText
from tests.conftest import CAMPAIGN, REPO, SOURCE_TEXT
from tests.helpers import write

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
NEW_YORK = REPO / "seeds" / "002_3fb4e29a46582aba.txt"
REDLINES = REPO / "seeds" / "000_43c7007e7781bd7c.txt"


def drawn(path: Path):
    return extract(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundled_yaml() -> dict:
    return yaml.safe_load(extract_seeds(REPO, SEEDS).yaml)


# --- the bundled seeds -----------------------------------------------------

def test_canadas_statements_each_with_speaker_canada():
    by_line = {q.line: q for q in drawn(NEW_YORK).quotes}
    for line in (16, 18, 20, 24, 57, 66):
        assert by_line[line].speaker.name == "Canada", line
    assert by_line[66].speaker.how == "same sentence"
    assert by_line[57].speaker.how == "paragraph before"
    assert by_line[16].text.startswith("This represents the potential")
    assert by_line[66].text.startswith("It is inconsistent with our mandate")


def test_the_other_speakers_of_the_new_york_report():
    by_line = {q.line: q.speaker for q in drawn(NEW_YORK).quotes}
    assert by_line[8].name == "Burkina Faso’s delegate"
    assert by_line[39].name == "Sierra Leone"
    assert (by_line[44].name, by_line[44].role) == ("Deborah Brown", "Human Rights Watch Senior Researcher")
    assert by_line[47].name == "Deborah Brown"
    assert (by_line[51].name, by_line[51].role) == ("Katitza Rodriguez", "EFF")
    assert sorted(by_line) == [8, 16, 18, 20, 24, 39, 44, 47, 51, 57, 66]  # nothing else, no scare quotes


def test_rodriguez_quote_stops_before_her_name():
    quote = next(q for q in drawn(NEW_YORK).quotes if q.line == 51)
    assert quote.text.endswith("may not be as robustly protected")


def test_the_four_redlines_of_the_joint_statement_are_one_list():
    (redlines,) = drawn(REDLINES).demands
    assert [i.line for i in redlines.items] == [22, 23, 24, 25]
    assert redlines.items[0].text.startswith("Narrowing the scope of the entire Convention")
    assert redlines.items[3].text.startswith("Mainstreaming gender")
    assert redlines.intro.startswith("In a Jan. 23 joint statement")
    assert redlines.intro.endswith("These include:")
    assert redlines.intro_line == 19


def test_article_28_4_the_110_organisations_and_the_threshold(bundled_yaml):
    articles = [(a.articles, a.line) for a in drawn(NEW_YORK).articles]
    assert (("Article 28.4",), 27) in articles
    facts = {f["value"]: f for f in bundled_yaml["facts"]}
    assert "organizations" in facts["110"]["evidence"]
    assert facts["110"]["source"] == "eff-redlines-2024"
    assert "sentence threshold" in facts["3 or 4-year"]["evidence"]
    assert "150" in facts


def test_every_candidate_is_found_verbatim_in_its_source():
    for seed in SEEDS:
        source = SourceText(seed.read_text(encoding="utf-8"))
        found = drawn(seed)
        passages = [q.text for q in found.quotes] + [f.sentence for f in found.figures]
        passages += [a.sentence for a in found.articles]
        passages += [d.intro for d in found.demands] + [i.text for d in found.demands for i in d.items]
        for passage in passages:
            assert source.find(passage) is not None, (seed.name, passage)
        first_seen = {}
        for quote in found.quotes:  # check locates the first of repeated words
            first_seen.setdefault(quote.text, quote.line)
            assert source.find(quote.text).line == first_seen[quote.text], (seed.name, quote.text)


def test_the_output_parses_with_quotes_and_facts_in_the_model_shape(bundled_yaml):
    assert list(bundled_yaml) == ["quotes", "facts", "dates", "articles", "demands"]
    assert len(bundled_yaml["quotes"]) == 13
    ids = [q["id"] for q in bundled_yaml["quotes"]] + [f["id"] for f in bundled_yaml["facts"]]
    assert len(ids) == len(set(ids))
    brown = next(q for q in bundled_yaml["quotes"] if q["speaker"] == "Deborah Brown")
    assert set(brown) == {"id", "speaker", "role", "source", "text"}
    assert set(bundled_yaml["facts"][0]) == {"id", "value", "label", "source", "evidence"}


def test_comments_give_each_line_and_how_the_speaker_was_found():
    text = extract_seeds(REPO, [NEW_YORK]).yaml
    assert "# line 16 · speaker only named in the paragraph before (line 13): “Canada warned”; check it" in text
    assert "# line 8 · speaker from the same sentence (line 8): “said Burkina Faso’s delegate”" in text
    assert "# the same words as the quote at line 20" in text


def test_every_candidate_pasted_into_a_campaign_passes_check(tmp_path, bundled_yaml):
    """All quotes and facts in one position, all dates in the timeline: check locates every one."""
    root = tmp_path / "campaign"
    for seed in SEEDS + [REPO / "seeds" / "sources.yaml"]:
        write(root / "seeds" / seed.name, seed.read_text(encoding="utf-8"))
    config = yaml.safe_load(textwrap.dedent(CAMPAIGN["briefkit.yaml"]))
    config["timeline"] = bundled_yaml["dates"]
    write(root / "briefkit.yaml", yaml.safe_dump(config, allow_unicode=True))
    position = {"id": "candidates", "title": "Candidates", "demand": "All of them.", "priority": 1,
                "rationale": "A test.", "quotes": bundled_yaml["quotes"], "facts": bundled_yaml["facts"]}
    write(root / "positions" / "01-candidates.yaml", yaml.safe_dump(position, allow_unicode=True))
    write(root / "audiences" / "alpha.yaml", "id: alpha\nname: Alpha\nstance: ally\n")
    write(root / "signatories.csv", "name,type\nFirst Org,civil society\n")
    verified = verify(load_campaign(root))
    assert len(verified.locations) == len(bundled_yaml["quotes"]) + len(bundled_yaml["facts"]) + len(
        bundled_yaml["dates"])


def test_a_quote_pasted_as_text_into_a_tiny_campaign_passes_check(campaign):
    """The curator's way: copy the lines of the output's quotes into a position file."""
    seed = campaign / "seeds" / "news.txt"
    seed.write_text(SOURCE_TEXT + "\n“We must protect every journalist from this\ntreaty” said Examplia.\n",
                    encoding="utf-8")
    sources = campaign / "seeds" / "sources.yaml"
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    sources.write_text(re.sub(r"sha256: \w+", f"sha256: {digest}", sources.read_text()))
    output = extract_seeds(campaign, [seed]).yaml
    pasted = output.split("\nquotes:\n", 1)[1].split("\n# ", 1)[0]
    assert pasted.count("  - id: ") == 2  # the fixture's quote and the new one
    position = campaign / "positions" / "01-safeguards.yaml"
    before, after = position.read_text().split("quotes:\n", 1)
    _, facts = after.split("facts:", 1)  # the fixture's quote comes back among the pasted ones
    position.write_text(before + "quotes:\n" + pasted + "\nfacts:" + facts)
    verified = verify(load_campaign(campaign))
    assert verified.locations["examplia-must-protect-every"].line == 7
    assert verified.locations["examplia-accept-treaty-without"].line == 3


# --- each pattern on texts written here ------------------------------------

@pytest.mark.parametrize("bullet", ["•", "-", "*", "–"])
def test_a_bullet_list_with_its_introduction(bullet):
    text = (f"We wrote to the Chair. Our demands are these:\n"
            f"  {bullet} Narrow the scope.\n  {bullet} Add safeguards\n    across the Convention.\n\nAfter.\n")
    (found,) = find_demands(paragraphs(text))
    assert found.intro == "We wrote to the Chair. Our demands are these:"
    assert [(i.text, i.line) for i in found.items] == [("Narrow the scope.", 2),
                                                       ("Add safeguards across the Convention.", 3)]


def test_one_dash_line_is_not_a_list():
    assert find_demands(paragraphs("Intro:\n\n- only one\n\nAfter.\n")) == []


@pytest.mark.parametrize("text, articles", [
    ("We ask to delete Article 28.4 now.", [("Article 28.4",)]),
    ("Articles 5 and 6 must go.", [("Article 5", "Article 6")]),
    ("Articles 5, 6 or 7 must go.", [("Article 5", "Article 6", "Article 7")]),
    ("See article 12(3) of the draft.", [("Article 12(3)",)]),
    ("See Articles 5-7 of the draft.", [("Articles 5-7",)]),
    ("ARTICLE 19 signed the letter.", []),
])
def test_article_references(text, articles):
    found = find_articles(paragraphs(text)[0])
    assert [a.articles for a in found] == articles
    assert all(a.sentence == text for a in found)


@pytest.mark.parametrize("text, expected", [
    ("The session was suspended Feb. 8 without a text.", [("Feb. 8", "date")]),
    ("In a Jan. 23 joint statement, 110 organizations wrote.", [("Jan. 23", "date"), ("110", "number")]),
    ("The vote is on August 9 in New York.", [("August 9", "date")]),
    ("From 29th July to 8th August, states meet.", [("29th July", "date"), ("8th August", "date")]),
    ("The draft of May 23rd is better.", [("May 23rd", "date")]),
    ("It ended September 1, 2022 in New York.", [("September 1, 2022", "date")]),
    ("Talks started in 2022 in Vienna.", [("2022", "date")]),
    ("The proposed 3 or 4-year sentence threshold.", [("3 or 4-year", "number")]),
    ("The final 10-day session at its 78th session.", [("10-day", "number"), ("78th", "number")]),
    ("More than 150 signatories may join.", [("150", "number")]),
    ("In a statement (at minute 01:01) it said so [1bf2aef0].", []),
    ("It carries 3+ year or 4+ year sentences.", [("3+ year or 4+ year", "number")]),
    ("After two and a half years of talks.", [("two and a half years", "number")]),
])
def test_figures_and_dates(text, expected):
    found = find_figures(paragraphs(text)[0])
    assert [(f.value, f.kind) for f in found] == expected
    assert all(f.sentence == text for f in found)


def test_a_figure_comes_with_its_own_sentence_and_line():
    text = "Title\n\nFirst sentence here. The session\nlasted 10 days. Last one."
    (figure,) = find_figures(paragraphs(text)[1])
    assert (figure.sentence, figure.line) == ("The session lasted 10 days.", 4)


def test_sentences_do_not_end_at_abbreviations():
    paragraph = paragraphs("In a Jan. 23 statement the U.S. delegation spoke. It ended Feb. 8. Then more.")[0]
    assert [s.text for s in sentences(paragraph)] == [
        "In a Jan. 23 statement the U.S. delegation spoke.", "It ended Feb. 8.", "Then more."]
