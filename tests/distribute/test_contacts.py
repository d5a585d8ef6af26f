import pytest

from briefkit.distribute.contacts import default_path, load_contacts
from briefkit.errors import BriefkitError, ProblemsFound
from tests.helpers import write

AUDIENCES = ["alpha", "beta", "new-zealand"]


def load(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "contacts.csv"
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return load_contacts(path, AUDIENCES, "contacts.csv")


def problems(tmp_path, text):
    with pytest.raises(ProblemsFound) as caught:
        load(tmp_path, text)
    return [p.format() for p in caught.value.problems]


def test_contacts_are_read_in_order_with_optional_role(tmp_path):
    contacts = load(tmp_path, "audience,name,email,role\n"
                              "alpha,Alpha contact,alpha@example.org,Counsellor\n"
                              "\n"
                              'beta,"Smith, Jo",beta@example.org,\n')
    assert [(c.audience, c.name, c.email, c.role, c.line) for c in contacts] == [
        ("alpha", "Alpha contact", "alpha@example.org", "Counsellor", 2),
        ("beta", "Smith, Jo", "beta@example.org", "", 4)]
    assert str(contacts[1].address) == '"Smith, Jo" <beta@example.org>'


def test_role_column_is_optional_and_a_bom_is_fine(tmp_path):
    contacts = load(tmp_path, "\ufeffaudience,name,email\r\nnew-zealand,NZ contact,nz@example.org\r\n")
    assert [(c.audience, c.role) for c in contacts] == [("new-zealand", "")]


def test_every_bad_row_is_named_and_nothing_is_returned(tmp_path):
    found = problems(tmp_path, "audience,name,email\n"
                               "alpha,Alpha contact,alpha@example.org\n"
                               "alpah,Typo,typo@example.org\n"
                               "beta,Beta,beta@example.org, other@example.org\n"
                               'beta,Beta,"beta@example.org, other@example.org"\n'
                               "beta,Beta,Beta <beta@example.org>\n"
                               "beta,Beta,beta.example.org\n"
                               "alpha,Again,ALPHA@example.org\n")
    assert found == [
        "contacts.csv:3: unknown audience 'alpah' (hint: did you mean 'alpha'? choose from: alpha, beta, "
        "new-zealand)",
        "contacts.csv:4: row has 4 cells, the header has 3 (hint: a value with a comma must be in double quotes)",
        "contacts.csv:5: email 'beta@example.org, other@example.org' holds more than one address; give each "
        "address its own row",
        "contacts.csv:6: email 'Beta <beta@example.org>' must be the address alone, without a name, quotes, "
        "comments or angle brackets (the name has a column of its own)",
        "contacts.csv:7: email 'beta.example.org' has no @",
        "contacts.csv:8: ALPHA@example.org is listed twice for alpha (first at line 2) (hint: delete one of "
        "the rows)",
    ]


def test_control_characters_are_errors_naming_the_row_where_it_starts(tmp_path):
    found = problems(tmp_path, "audience,name,email\n"
                               "alpha,Alpha,alpha@example.org\n"
                               'beta,"Beta\r\nBcc: victim@example.net",beta@example.org\n'
                               "beta,Beta\x0b,beta2@example.org\n"
                               'new-zealand,NZ,"nz@example.org\nBcc: victim@example.net"\n')
    assert found == [
        "contacts.csv:3: name 'Beta\\r\\nBcc: victim@example.net' contains a carriage return (CR), which "
        "cannot appear in an e-mail header; delete it",
        "contacts.csv:5: name 'Beta\\x0b' contains the control character U+000B, which cannot appear in an "
        "e-mail header; delete it",
        "contacts.csv:6: email 'nz@example.org\\nBcc: victim@example.net' contains a line feed (LF), which "
        "cannot appear in an e-mail header; delete it",
    ]
    assert all("\n" not in line for line in found)


@pytest.mark.parametrize("text, expected", [
    ("audience,name\nalpha,A\n", "contacts.csv:1: column 'email' is missing"),
    ("audience,name,email,phone\n", "contacts.csv:1: unknown column 'phone'"),
    ("audience,name,mail\n", "contacts.csv:1: column 'email' is missing"),
    ("audience,name,email\n", "contacts.csv:1: the file lists no contacts"),
    ("", "contacts.csv:1: column 'audience' is missing"),
])
def test_header_problems(tmp_path, text, expected):
    assert any(line.startswith(expected) for line in problems(tmp_path, text))


def test_text_that_is_not_utf8_names_the_line(tmp_path):
    with pytest.raises(ProblemsFound) as caught:
        load(tmp_path, "audience,name,email\nalpha,Délégation,alpha@example.org\n".encode("latin-1"))
    assert caught.value.problems[0].format().startswith("contacts.csv:2: file is not valid UTF-8: byte 0xe9 at column")


def test_a_missing_contacts_file_points_at_the_example(campaign):
    write(campaign / "contacts.example.csv", "audience,name,email\n")
    with pytest.raises(BriefkitError, match="no contacts.csv in") as caught:
        default_path(campaign)
    assert "copy contacts.example.csv to contacts.csv" in caught.value.hint


def test_the_bundled_example_uses_only_example_org_and_placeholder_names():
    from briefkit.campaign.loader import load_campaign
    from tests.conftest import REPO

    root = REPO
    campaign = load_campaign(root)
    contacts = load_contacts(root / "contacts.example.csv", campaign.audiences)
    assert {c.audience for c in contacts} == set(campaign.audiences)
    assert all(c.email.endswith("@example.org") for c in contacts)
    assert all("(example)" in c.name for c in contacts)
    assert campaign.config.settings.distribution.sender.endswith("@example.org")
