"""The coalition's words per language: resolution, the missing-translation error, fallbacks."""

from pathlib import Path

import pytest

from briefkit.build.run import build
from briefkit.render.compose import compose_all
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.localtext import MissingText, Passage, Resolver
from briefkit.render.passages import mark_passages
from briefkit.checks.evidence import verify
from briefkit.errors import ProblemsFound
from briefkit.render import vocabulary
from briefkit.render.compose import Composer
from tests.helpers import docx_text, pdf_text, snapshot


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        verify(load_campaign(root))
    return [p.format() for p in caught.value.problems]


def test_plain_text_is_in_the_files_language_and_a_mapping_gives_each_language():
    assert Resolver("en", "en").text("Our demands") == "Our demands"
    assert Resolver("fr", "en").text({"en": "Our demands", "fr": "Nos demandes"}) == "Nos demandes"
    with pytest.raises(MissingText, match='no "fr" version'):
        Resolver("fr", "en").text("Our demands")
    fallback = Resolver("ar", "en", fallback="en").text({"en": "Our demands", "fr": "Nos demandes"}, "titles")
    assert isinstance(fallback, Passage) and (fallback, fallback.lang, fallback.part) == ("Our demands", "en", "titles")


def test_a_missing_translation_names_file_line_field_and_language_and_nothing_is_written(campaign):
    edit(campaign / "audiences" / "beta.yaml", "paper: Letter", "paper: Letter\nlanguage: fr")
    problems = problems_of(campaign)
    assert ('positions/01-safeguards.yaml:2: title: no "fr" text (hint: write it as {en: …, fr: …} '
            "(beta reads fr), or allow a fallback (settings.fallback_language))") in problems
    assert any(p.startswith('briefkit.yaml:8: letter.subject: no "fr" text') for p in problems)
    assert any(p.startswith('positions/01-safeguards.yaml:8: talking_points.all[0]: no "fr" text')
               for p in problems)
    # beta has the reservations stance: the points for allies are not in its documents
    assert not any("talking_points.ally" in p for p in problems)
    # beta's own words are in its own language (plain text in an audience file)
    assert not any(p.startswith("audiences/") for p in problems)
    before = snapshot(campaign / "out")
    with pytest.raises(ProblemsFound):
        build(campaign)
    assert snapshot(campaign / "out") == before


def test_a_mapping_must_use_language_codes(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", "title: Safeguards for journalists",
         "title: {en: Safeguards for journalists, French: Garanties}")
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(campaign)
    [problem] = [p.format() for p in caught.value.problems]
    assert problem.startswith("positions/01-safeguards.yaml:2: title: 'French' is not a language code")


def test_a_fallback_language_fills_in_and_the_document_says_which_parts(campaign):
    edit(campaign / "briefkit.yaml", "title: Example Treaty",
         "title: {en: Example Treaty, fr: Traité d’exemple}\nsettings:\n  fallback_language: en")
    edit(campaign / "audiences" / "beta.yaml", "paper: Letter", "paper: Letter\nlanguage: fr")
    verified = verify(load_campaign(campaign))
    letter = Composer(verified).compose("letter", "beta")
    tree = letter.tree
    assert tree.get("lang") == "fr"
    note = tree.find(".//p[@class='fallback-note']")
    assert note is not None
    assert note.text_content().startswith("Certaines parties de ce document sont en anglais")
    assert "le texte de la lettre" in note.text_content() and "les demandes" in note.text_content()
    # the campaign's own French title is not a fallback; its English subject is, marked as English
    letterhead = tree.find(".//p[@class='letterhead-line']")
    assert letterhead.text == "Lettre conjointe · Traité d’exemple" and letterhead.get("lang") is None
    subject = tree.find(".//p[@class='subject']")
    assert (subject.get("lang"), subject.text) == ("en", "Our demands")
    assert letter.meta("description") == "Lettre conjointe pour Beta\u00a0: Traité d’exemple"
    # the same words in both formats
    out = campaign / "out"
    result = build(campaign, kinds=["letter"], audiences=["beta"])
    assert not result.failures
    for text in (docx_text(out / "beta" / "letter.docx"), pdf_text(out / "beta" / "letter.pdf")):
        assert "Certaines parties de ce document sont en anglais" in " ".join(text.split())
    # nothing of the kind in the English documents
    assert Composer(verified).compose("letter", "alpha").tree.find(".//p[@class='fallback-note']") is None


def test_an_arabic_audience_gets_right_to_left_and_english_passages_left_to_right(campaign):
    edit(campaign / "briefkit.yaml", "timeline:", "settings:\n  fallback_language: {ar: en}\ntimeline:")
    edit(campaign / "audiences" / "beta.yaml", "salutation: Dear Beta,", "salutation: أصحاب السعادة،\nlanguage: ar")
    html = Composer(verify(load_campaign(campaign))).compose("letter", "beta").html
    assert '<html lang="ar" dir="rtl">' in html
    assert '<p class="subject" lang="en" dir="ltr">Our demands</p>' in html
    assert '<p class="salutation">أصحاب السعادة،</p>' in html
    assert "منظمتان" in html  # two signatories: Arabic's dual


def test_quotes_stay_verbatim_and_a_translation_is_marked_unofficial_with_the_original_in_the_note(campaign):
    edit(campaign / "briefkit.yaml", "timeline:", "settings:\n  fallback_language: en\ntimeline:")
    edit(campaign / "audiences" / "beta.yaml", "paper: Letter", "paper: Letter\nlanguage: fr")
    edit(campaign / "positions" / "01-safeguards.yaml", "      We will not accept a treaty without safeguards for journalists,\n",
         "      We will not accept a treaty without safeguards for journalists,\n"
         "    translations: {fr: Nous n’accepterons pas de traité sans garanties pour les journalistes,}\n")
    verified = verify(load_campaign(campaign))
    tree = Composer(verified).compose("briefing", "beta").tree
    quote = tree.find(".//blockquote")
    said, attribution = quote.findall("p")
    assert said.text.startswith("«\u00a0Nous n’accepterons pas de traité")
    assert "(traduction non officielle)" in attribution.text_content()
    note = said.find("span[@class='note']").text_content()
    assert note.startswith("Original\u00a0: «\u00a0We will not accept a treaty without safeguards for journalists,")
    original = said.find("span[@class='note']/span")
    assert original.get("lang") == "en"
    # in the English briefing the quote is the original, unmarked
    english = Composer(verified).compose("briefing", "alpha").tree.find(".//blockquote/p")
    assert english.text.startswith("“We will not accept") and english.get("lang") is None


def test_marks_become_spans_blocks_or_plain_text_in_attributes_and_the_title():
    english = Passage("Our demands", "en", "letter")
    html = (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>{english.__html__()}</title>'
            f'<meta name="description" content="{english.__html__()}"></head><body>'
            f'<p>{english.__html__()}</p><p>نطلب: {english.__html__()}</p>'
            f'<li><strong>{english.__html__()}.</strong> {english.__html__()}</li></body></html>')
    tree = vocabulary.parse(html)
    marked = mark_passages(tree, "ar")
    assert [m.part for m in marked] == ["letter"] * 6
    assert tree.findtext(".//title") == "Our demands"
    assert tree.find(".//meta").get("content") == "Our demands"
    whole, mixed = tree.findall(".//p")
    assert (whole.get("lang"), whole.get("dir"), whole.text) == ("en", "ltr", "Our demands")
    assert mixed.get("lang") is None and mixed.find("span").get("dir") == "ltr"
    item = tree.find(".//li")
    assert (item.get("lang"), item.get("dir")) == ("en", "ltr")  # only punctuation outside the passages


def test_every_language_an_audience_reads_is_composed(campaign):
    edit(campaign / "briefkit.yaml", "timeline:", "settings:\n  fallback_language: en\ntimeline:")
    edit(campaign / "audiences" / "beta.yaml", "paper: Letter", "paper: Letter\nlanguages: [en, es]")
    documents = compose_all(verify(load_campaign(campaign)), ["letter"], ["alpha", "beta"])
    assert [(d.audience, d.lang) for d in documents] == [("alpha", "en"), ("beta", "en"), ("beta", "es")]
