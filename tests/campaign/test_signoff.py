"""Sign-offs tied to the letter's text, and accepting a changed source."""

import hashlib

import pytest
from click.testing import CliRunner

from briefkit.build.run import build
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.signoff import letter_version
from briefkit.checks.evidence import verify
from briefkit.cli import main
from briefkit.curate.accept import accept_sources
from briefkit.errors import BriefkitError, ProblemsFound
from tests.helpers import pdf_text, write


def version(root):
    return letter_version(load_campaign(root))


def sign(root, rows):
    write(root / "signatories.csv", "name,country,type,signed_version\n" +
          "".join(f"{name},,ngo,{signed}\n" for name, signed in rows))


def test_the_version_follows_the_shared_letter_text_only(campaign):
    first = version(campaign)
    assert len(first) == 10
    write(campaign / "templates" / "audiences" / "alpha" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}{% block after_redlines %}<p>Alpha only.</p>{% endblock %}')
    assert version(campaign) == first  # one audience's paragraph is not the signed text
    position = campaign / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text().replace("in every article", "in every single article"))
    assert version(campaign) != first


def test_check_lists_who_must_reconfirm(campaign):
    current = version(campaign)
    sign(campaign, [("Current Org", current), ("Old Org", "0123456789"), ("Silent Org", "")])
    warnings = [w.format() for w in verify(load_campaign(campaign)).warnings]
    assert warnings == [
        f"signatories.csv:3: warning: Old Org confirmed letter version 0123456789, but the letter text is now "
        f"version {current}: ask them to re-confirm (hint: once they have, set signed_version to {current})",
        f"signatories.csv:4: warning: Silent Org has not confirmed letter version {current} "
        f"(hint: once they have, set signed_version to {current})"]
    result = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    assert result.exit_code == 0
    assert "signatories.csv:3: warning: Old Org confirmed letter version 0123456789" in result.stderr


def test_a_malformed_version_is_an_error_naming_the_row(campaign):
    sign(campaign, [("Org", "not-a-hash")])
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(campaign)
    assert caught.value.problems[0].format().startswith("signatories.csv:2: signed_version:")


def test_confirmed_only_lists_only_who_confirmed(campaign):
    sign(campaign, [("Current Org", version(campaign)), ("Old Org", "0123456789")])
    build(campaign, kinds=["letter"], audiences=["alpha"], formats=["pdf"], jobs=1, confirmed_only=True)
    text = " ".join(pdf_text(campaign / "out" / "alpha" / "letter.pdf").split())
    assert "Current Org" in text and "Old Org" not in text
    assert "Signed by 1 organisation " in text + " "
    result = build(campaign, kinds=["letter"], audiences=["alpha"], formats=["pdf"], jobs=1)
    assert len(result.built) == 1  # the full list is a different document: rebuilt, not skipped
    assert "Old Org" in pdf_text(campaign / "out" / "alpha" / "letter.pdf")


def test_confirmed_only_with_no_confirmations_is_an_error(campaign):
    with pytest.raises(BriefkitError, match="no organisation has confirmed letter version"):
        build(campaign, kinds=["letter"], jobs=1, confirmed_only=True)


def test_accepting_a_source_whose_quotes_still_stand_records_its_checksum(campaign):
    seed = campaign / "seeds" / "news.txt"
    seed.write_text(seed.read_text() + "\nA later correction was appended.\n")
    with pytest.raises(ProblemsFound, match="1 problem"):
        verify(load_campaign(campaign))
    sources = campaign / "seeds" / "sources.yaml"
    [accepted] = accept_sources(campaign, ["news"])
    assert (accepted.changed, accepted.citations) == (True, 3)
    assert f"sha256: {hashlib.sha256(seed.read_bytes()).hexdigest()}" in sources.read_text()
    verify(load_campaign(campaign))  # passes now


def test_accepting_a_source_that_lost_a_quote_writes_nothing(campaign):
    seed = campaign / "seeds" / "news.txt"
    seed.write_text(seed.read_text().replace("without safeguards", "without guarantees"))
    sources = campaign / "seeds" / "sources.yaml"
    before = sources.read_bytes()
    with pytest.raises(ProblemsFound) as caught:
        accept_sources(campaign, ["news"])
    [problem] = caught.value.problems
    assert problem.format().startswith("positions/01-safeguards.yaml:14: quote 'examplia-safeguards'")
    assert "[-guarantees-] {+safeguards+}" in problem.format()
    assert sources.read_bytes() == before


def test_accept_cli(campaign):
    seed = campaign / "seeds" / "news.txt"
    seed.write_text(seed.read_text() + "More.\n")
    result = CliRunner().invoke(main, ["accept", "news", "--campaign", str(campaign)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("accepted seeds/news.txt: 3 citations located")
    result = CliRunner().invoke(main, ["accept", "nws", "--campaign", str(campaign)])
    assert result.exit_code == 2 and "did you mean 'news'" in result.stderr  # a usage error
