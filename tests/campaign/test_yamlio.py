import pytest

from briefkit.campaign.yamlio import parse_yaml
from briefkit.errors import BriefkitError


def test_records_the_line_of_every_key_and_item():
    data, lines = parse_yaml("a: 1\nb:\n  - x\n  - y: 2\n", "f.yaml")
    assert data == {"a": 1, "b": ["x", {"y": 2}]}
    assert lines[("b", 1, "y")] == 4
    assert lines.line_for(("b", 1, "y", "missing")) == 4


def test_norway_stays_a_country_code():
    data, _ = parse_yaml("country: NO\nflag: yes\nreal: true\n", "f.yaml")
    assert data == {"country": "NO", "flag": "yes", "real": True}


@pytest.mark.parametrize("text", [
    "x: !!python/object/apply:os.system ['true']\n",
    "x: !!python/name:os.system\n",
])
def test_python_tags_are_refused_with_the_line(text):
    with pytest.raises(BriefkitError) as caught:
        parse_yaml("ok: 1\n" + text, "f.yaml")
    assert caught.value.line == 2
    assert "f.yaml:2" in str(caught.value)


def test_syntax_error_names_file_and_line():
    with pytest.raises(BriefkitError) as caught:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "positions/x.yaml")
    assert str(caught.value).startswith("positions/x.yaml:3: invalid YAML")


def test_duplicate_key_is_an_error():
    with pytest.raises(BriefkitError, match="appears twice"):
        parse_yaml("a: 1\na: 2\n", "f.yaml")


def test_alias_bombs_are_stopped():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefgh", "abcdefg"):
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    with pytest.raises(BriefkitError, match="too large"):
        parse_yaml(bomb, "f.yaml")
