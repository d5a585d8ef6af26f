"""Property (issue 18, point 4): whatever bytes, encoding or YAML shape any one file of a tiny campaign
holds, `briefkit check` and `briefkit build` exit 0 or 1 (2 for a usage error) with briefkit's own
messages, never a traceback, and a build that does not exit 0 leaves out/ as it was.

Each example copies a campaign built once (so out/ holds real documents to protect), spoils one of
its files (briefkit.yaml, a position, an audience, signatories.csv, a template) and runs both commands
through click's CliRunner, in this process: an exception that escapes is the test's failure.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefkit.cli import main
from tests.conftest import make_campaign
from tests.helpers import snapshot

FILES = ["briefkit.yaml", "positions/01-safeguards.yaml", "audiences/alpha.yaml", "signatories.csv",
         "templates/letter.html.j2"]
TEMPLATE = '{% extends "builtin/letter.html.j2" %}\n{% block opening %}\n<p>Hello.</p>\n{% endblock %}\n'
ENCODINGS = ["utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1", "shift_jis", "gb18030", "koi8-r",
             "utf-8-sig", "cp437"]

# Plain YAML values that mean something else than they look, or that upset a constructor.
RAW_SCALARS = ["2024-02-30", "2024-13-01", "2024-02-29 25:61:00", "en_XX", "NO", "yes", "~", "null", "1e999",
               ".nan", "-.inf", "0x1F", "0o777", "1_000", "9" * 5000, "!!python/object:os.system", "!!binary aGk=",
               "*missing", "&a x", "[1, [2, [3]]]", "{a: {b: c}}", "'", '"', "| \n x", "? x", "- - -", "%TAG",
               "{{ x }}", "</p><p>", "\u202e", "\x00", "\ufeff", "a" * 3000, ": :", "<<: {a: 1}"]
KEYS = ["id", "name", "title", "stance", "date", "locale", "language", "languages", "paper", "demand", "priority",
        "quotes", "facts", "letter", "settings", "signatories", "lead_with", "articles", "country", "source"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                    st.floats(), st.text(max_size=30), st.dates(min_value=dt.date(1, 1, 1)),
                    st.sampled_from(RAW_SCALARS))
SHAPES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=3)), max_leaves=8)
JINJA_TOKENS = ["{%", "%}", "{{", "}}", "{#", "#}", " if ", " for ", " x ", " in ", "range(", ")", "(", "signatories",
                "|", "length", "<p>", "</p>", "<div>", "</div>", "'", '"', " block opening ", " endblock ",
                " endfor ", " endif ", " include ", ' "letter.html.j2" ', " macro m() ", " endmacro ", "m()",
                "10**9", "9**999", " * ", "1e308", "positions", ".__class__", "\n", "é", "\x00", "<img src=x>",
                " set ", " = ", "audience.name", "format_date(date)", " extends ", ' "builtin/letter.html.j2" ']
CSV_PIECES = [",", '"', "\n", "\r\n", "\r", "First Org", "é", "\x00", " ", "name", "type", "country", "ngo",
              "x" * 2000, "\ufeff", "\u2028", "basis", "signed_version", "=cmd|' /C calc'!A0", ";", "\t"]


@st.composite
def spoiled(draw: st.DrawFn) -> tuple[str, bytes | None]:
    """One of the campaign's files, and how it is spoiled (see _content)."""
    target = draw(st.sampled_from(FILES))
    how = draw(st.sampled_from(["bytes", "encoding", "spliced", "shape", "line", "tokens", "delete"]))
    return target, how


def _original(root: Path, target: str) -> str:
    path = root / target
    return path.read_text(encoding="utf-8") if path.exists() else TEMPLATE


def _content(draw: st.DrawFn, root: Path, target: str, how: str) -> bytes | None:
    text = _original(root, target)
    if how == "delete":
        return None
    if how == "bytes":
        return draw(st.binary(max_size=300))
    if how == "encoding":
        extra = draw(st.text(max_size=20))
        return (text + extra).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if how == "spliced":
        raw = text.encode("utf-8")
        at = draw(st.integers(min_value=0, max_value=len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=20)) + raw[at + draw(st.integers(0, 10)):]
    if target.endswith(".yaml"):
        data = yaml.safe_load(text)
        if how == "shape" and draw(st.booleans()):
            return yaml.safe_dump(draw(SHAPES), allow_unicode=True).encode("utf-8")
        key = draw(st.sampled_from(sorted(data) + KEYS))
        if how == "line":  # a raw line, so that YAML itself reads the value
            kept = yaml.safe_dump({k: v for k, v in data.items() if k != key}, allow_unicode=True)
            return (kept + f"{key}: {draw(st.sampled_from(RAW_SCALARS))}\n").encode("utf-8", errors="replace")
        data[key] = draw(SHAPES)
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    if target.endswith(".csv"):
        pieces = draw(st.lists(st.sampled_from(CSV_PIECES), max_size=30))
        return (text + "".join(pieces) if how != "shape" else "".join(pieces)).encode("utf-8", errors="replace")
    body = "".join(draw(st.lists(st.sampled_from(JINJA_TOKENS), max_size=25)))
    return TEMPLATE.replace("<p>Hello.</p>", body).encode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def built_campaign(tmp_path_factory) -> Path:
    """The tiny campaign with its alpha letter built, copied afresh for each example."""
    root = make_campaign(tmp_path_factory.mktemp("inputs") / "campaign")
    (root / "templates").mkdir()
    (root / "templates" / "letter.html.j2").write_text(TEMPLATE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--campaign", str(root), "letter", "-a", "alpha", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return root


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, prog_name="briefkit")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # an exception that escaped briefkit: the failure this test looks for
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    # 2: a usage error, such as `-a alpha` once audiences/alpha.yaml is gone
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    return result.exit_code, result.output


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data(), choice=spoiled())
def test_any_file_spoiled_any_way_gives_exit_0_or_1_and_leaves_out_alone_on_1(built_campaign, data, choice):
    target, how = choice
    with tempfile.TemporaryDirectory(prefix="briefkit-inputs-") as scratch:
        root = Path(scratch) / "campaign"
        shutil.copytree(built_campaign, root)
        content = _content(data.draw, root, target, how)
        if content is None:
            (root / target).unlink()
        else:
            (root / target).write_bytes(content)
        _run(["check", "--campaign", str(root)])
        before = snapshot(root / "out")
        status, output = _run(["build", "--campaign", str(root), "letter", "-a", "alpha", "--jobs", "1"])
        if status != 0:
            assert snapshot(root / "out") == before, output
