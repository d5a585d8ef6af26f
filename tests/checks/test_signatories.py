"""Signatories twice, or one letter apart, in signatories.csv."""

from briefkit.campaign.model import Signatory
from briefkit.checks.signatories import check_signatories, fold


def run(names):
    problems, warnings = [], []
    check_signatories([Signatory(name=n, type="ngo", row=i + 2) for i, n in enumerate(names)], problems, warnings)
    return [p.format() for p in problems], [w.format() for w in warnings]


def test_the_same_name_in_another_case_accent_or_punctuation_is_an_error_naming_both_lines():
    problems, _ = run(["Access Now", "Amnesty International", "ACCÈSS  NOW."])
    assert problems == ["signatories.csv:4: 'ACCÈSS  NOW.' is listed twice: line 2 has 'Access Now' (hint: keep one "
                        "row per organisation (the letter would print it twice))"]
    assert fold("Ärzte ohne Grenzen e.V.") == "arzte ohne grenzen e v"


def test_one_letter_apart_is_a_warning_but_another_number_is_not():
    _, warnings = run(["Amnesty International", "Amnesty Internatonal", "Network 12", "Network 13", "ICJ", "ICC"])
    assert warnings == ["signatories.csv:3: warning: 'Amnesty Internatonal' is one letter from 'Amnesty "
                        "International' (line 2): the same organisation typed twice? (hint: if it is, keep one "
                        "row; if not, nothing to do)"]
