import pytest

from briefkit.campaign.mailaddr import check_address, check_name


@pytest.mark.parametrize("value", ["canada@example.org", "first.last+tag@mission.example.org",
                                   "o'brien@example.org", "  padded@example.org  "])
def test_plain_addresses_are_accepted(value):
    assert check_address(value) == value.strip()


@pytest.mark.parametrize("value, reason", [
    ("", "is empty"),
    ("canada.example.org", "has no @"),
    ("a@@example.org", "has more than one @"),
    ("a@example.org, b@example.org", "more than one address"),
    ("a@example.org;b@example.org", "more than one address"),
    ("Canada <canada@example.org>", "without a name"),
    ('"Canada" canada@example.org', "without a name"),
    ("canada@example.org (Canada)", "comments"),
    ("a@example.org\r\nBcc: victim@example.net", "carriage return"),
    ("a@example.org\nBcc: victim@example.net", "line feed"),
    ("a@exam\x00ple.org", r"U\+0000"),
    ("a b@example.org", "contains a space"),
    ("délégation@example.org", "outside ASCII"),
    ("a..b@example.org", "mailbox name before the @"),
    ("a@localhost", "not a valid host name"),
    ("a@[127.0.0.1]", "not a valid host name"),
    ("a@-bad.example.org", "not a valid host name"),
    ("undisclosed-recipients:;", "more than one address"),
])
def test_anything_but_one_plain_address_is_refused(value, reason):
    with pytest.raises(ValueError, match=reason):
        check_address(value)


def test_names_may_hold_commas_and_accents_but_no_address_or_control():
    assert check_name(" Délégation du Canada, Mission permanente ") == "Délégation du Canada, Mission permanente"
    assert check_name("") == ""
    for bad, reason in [("Evil <evil@example.net>", "looks like an address"),
                        ("Name\r\nBcc: evil@example.net", "carriage return"),
                        ("Name\u2028Bcc", r"U\+2028"), ("abc\u202edef", r"U\+202E")]:
        with pytest.raises(ValueError, match=reason):
            check_name(bad)
