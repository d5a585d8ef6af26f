from pathlib import Path

import pytest

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.errors import ProblemsFound
from tests.conftest import REPO


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        verify(load_campaign(root))
    return [p.format() for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_valid_campaign_locates_every_quote_and_fact(campaign):
    verified = verify(load_campaign(campaign))
    assert verified.locations["examplia-safeguards"].line == 3
    assert verified.locations["twelve-days"].line == 5


def test_bundled_campaign_passes(bundled_copy):
    verified = verify(load_campaign(bundled_copy))
    campaign = verified.campaign
    assert len(campaign.positions) >= 8
    assert len(campaign.quotes()) >= 15
    speakers = {q.speaker if isinstance(q.speaker, str) else q.speaker["en"] for _, q in campaign.quotes()}
    for needed in ("Canada", "Burkina Faso's delegate", "Sierra Leone", "Deborah Brown",
                   "Katitza Rodriguez", "Microsoft", "Nick Ashton-Hart"):
        assert needed in speakers
    assert all(q.id in verified.locations for _, q in campaign.quotes())


def test_changed_word_in_a_quote_names_file_line_and_diff(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", "without safeguards", "without protections")
    [problem] = problems_of(campaign)
    assert problem.startswith("positions/01-safeguards.yaml:14: quote 'examplia-safeguards' is not found")
    assert "closest passage at line 3" in problem
    assert "[-safeguards-] {+protections+}" in problem


def test_changed_word_in_a_bundled_quote_is_caught(bundled_copy, tmp_path):
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(bundled_copy, root, ignore=shutil.ignore_patterns("out"))
    edit(root / "positions" / "01-narrow-scope.yaml", "hands and\n      whims", "hands and\n      wishes")
    [problem] = problems_of(root)
    assert problem.startswith("positions/01-narrow-scope.yaml:130: quote 'canada-no-other-treaty'")
    assert "[-whims-] {+wishes+}" in problem


def test_a_figure_missing_from_the_evidence_is_reported(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", 'value: "12 days"', 'value: "14 days"')
    [problem] = problems_of(campaign)
    assert "fact 'twelve-days' states '14'" in problem
    assert problem.startswith("positions/01-safeguards.yaml:18:")


def test_a_changed_seed_names_the_source_and_what_cites_it(campaign):
    seed = campaign / "seeds" / "news.txt"
    seed.write_text(seed.read_text() + "A new line.\n")
    [problem] = problems_of(campaign)
    assert problem.startswith("seeds/sources.yaml:7: source 'news' (seeds/news.txt) has changed")
    assert "cited by: examplia-safeguards, twelve-days, timeline 'Spring'" in problem
    assert "run `briefkit accept news`" in problem


def test_unknown_references_get_did_you_mean(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", "source: news\n    text:", "source: newz\n    text:")
    path = campaign / "audiences" / "alpha.yaml"
    path.write_text(path.read_text() + "lead_with: [safeguard]\n")
    found = problems_of(campaign)
    assert "positions/01-safeguards.yaml:13: unknown source 'newz' (hint: did you mean 'news'? known sources: news)" in found
    assert ("audiences/alpha.yaml:4: lead_with names unknown position 'safeguard' "
            "(hint: did you mean 'safeguards'? known positions: safeguards)") in found


def test_the_repository_seeds_are_the_shared_seeds_unchanged():
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for seed in shared.glob("0*.txt"):
        assert (REPO / "seeds" / seed.name).read_bytes() == seed.read_bytes()


def test_a_figure_in_a_translation_must_stand_in_the_evidence_too(campaign):
    edit(campaign / "positions" / "01-safeguards.yaml", "label: the length of the session",
         "label: {en: the length of the session, fr: la durée de la session de 13 jours, zh: 8月的会议}")
    [problem] = problems_of(campaign)
    assert problem.startswith("positions/01-safeguards.yaml:")
    assert "fact 'twelve-days' states '13' in its fr text, which its evidence does not contain" in problem
