"""The hand-written YAML must read back as exactly the data it was given."""

import pytest
import yaml

from briefkit.campaign.yamlio import parse_yaml
from briefkit.curate.yamlwrite import Commented, dump, strip_comments

AWKWARD = [
    "yes", "No", "null", "~", "123", "1.5", "2022", "2022-01-01", "1:20", "- item", "# hash", "key: value",
    "a #b", 'say "x"', "back\\slash", "tab\there", "line\nbreak", "para\u2028sep", "next\x85line",
    "'single", "@at", "`tick", "%pct", "!bang", "&anchor", "*alias", "[x]", "{y}", "…ellipsis", "<<",
    " leading", "trailing ", "", "Norway", "Burkina Faso’s delegate", "3 or 4-year", "Jan. 23",
    "bom\ufeffinside", "bell\x07", "emoji \U0001F600", "=", "?", ":", "-", "x:", "a: b # c",
    "Prose that is long enough to be folded, with a # hash, a colon: here, 'quotes' and “curly” ones — "
    "and a dash, and then some more words so that it wraps over several lines of the output file.",
    "Long prose with  two spaces inside it cannot be folded safely, so it must come out double-quoted.",
]


@pytest.mark.parametrize("value", AWKWARD)
def test_every_scalar_reads_back_unchanged(value):
    data = {"items": [Commented({"text": value, "n": 1}, ["a comment", "with\nbreak"]), value]}
    text = dump(data, header=["top", ""])
    assert yaml.safe_load(text) == strip_comments(data)
    assert parse_yaml(text, "test.yaml")[0] == strip_comments(data)  # briefkit's own reader too


def test_comments_and_shapes():
    text = dump({"quotes": Commented([Commented({"id": "a", "tags": ["x"]}, ["line 3"])], ["note"]),
                 "empty": []})
    assert text == "# note\nquotes:\n  # line 3\n  - id: a\n    tags:\n      - x\nempty: []\n"
