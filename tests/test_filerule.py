"""The one rule for every file a campaign reads (briefkit/filerule.py), through every reader.

Each reader meets the four hazards of a shared campaign folder: a symlink to a file outside the
campaign (whose contents must never reach a document), a symlink to /dev/zero (which would read
until memory runs out), a FIFO (which would hang the build) and a folder where a file should be.
Each must be a clear problem naming the file and the rule, never a hang or a traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefkit import filerule
from briefkit.build.inputs import InputIndex
from briefkit.campaign.loader import load_campaign
from briefkit.checks import check_campaign
from briefkit.cli import main
from briefkit.distribute.contacts import load_contacts
from briefkit.errors import BriefkitError, ProblemsFound
from tests.conftest import CONTACTS, add_logo
from tests.helpers import write

HAZARDS = {
    "link-out": "links to a file outside the campaign folder",
    "dev-zero": "links to a file outside the campaign folder",
    "fifo": "named pipe (FIFO), not a regular file",
    "folder": "this is a folder, not a regular file",
}


@pytest.fixture(autouse=True)
def no_hang():
    """A reader that blocks on a FIFO fails the test instead of hanging the suite."""
    def ring(signum, frame):
        raise TimeoutError("a reader blocked: it opened a FIFO or read a device")
    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def plant(root: Path, rel: str, hazard: str) -> None:
    """Replace the campaign file `rel` with the hazard. The file linked out is a faithful copy of
    the original plus a marker, so a reader that follows the link reads valid input."""
    path = root / rel
    original = path.read_bytes() if path.is_file() else b""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    if hazard == "link-out":
        outside = root.parent / "elsewhere" / path.name
        outside.parent.mkdir(parents=True, exist_ok=True)
        outside.write_bytes(original.replace(b"First Org", b"OUTSIDE-SECRET"))
        path.symlink_to(outside)
    elif hazard == "dev-zero":
        path.symlink_to("/dev/zero")
    elif hazard == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
        (path / "inside.txt").write_text("x")


def problems(root: Path) -> list[str]:
    """Every problem check reports for the campaign (check runs every reader of the pipeline)."""
    with pytest.raises(ProblemsFound) as caught:
        check_campaign(root)
    return [p.format() for p in caught.value.problems]


def assert_reported(found: list[str], rel: str, hazard: str) -> None:
    assert any(line.startswith(rel) and HAZARDS[hazard] in line and "(hint: " in line for line in found), found
    assert not any("OUTSIDE-SECRET" in line for line in found)


# Campaign files and what makes the pipeline read them.
def _template(root: Path) -> str:
    write(root / "templates" / "letter.html.j2", '{% extends "builtin/letter.html.j2" %}\n')
    return "templates/letter.html.j2"


def _include(root: Path) -> str:
    write(root / "templates" / "letter.html.j2",
          '{% extends "builtin/letter.html.j2" %}\n{% block opening %}{% include "_extra.html.j2" %}{% endblock %}\n')
    write(root / "templates" / "_extra.html.j2", "<p>First Org</p>\n")
    return "templates/_extra.html.j2"


def _audience_layer(root: Path) -> str:
    write(root / "templates" / "audiences" / "alpha" / "letter.html.j2", '{% extends "builtin/letter.html.j2" %}\n')
    return "templates/audiences/alpha/letter.html.j2"


def _stylesheet(root: Path) -> str:
    write(root / "templates" / "css" / "letter.css", "p { color: black; }\n")
    return "templates/css/letter.css"


READERS = {
    "campaign YAML": lambda root: "briefkit.yaml",
    "audience YAML": lambda root: "audiences/alpha.yaml",
    "position YAML": lambda root: next(p.relative_to(root).as_posix() for p in (root / "positions").iterdir()),
    "sources YAML": lambda root: "seeds/sources.yaml",
    "signatories CSV": lambda root: "signatories.csv",
    "seed": lambda root: "seeds/news.txt",
    "template": _template,
    "include": _include,
    "audience template": _audience_layer,
    "stylesheet": _stylesheet,
}


@pytest.mark.parametrize("hazard", HAZARDS)
@pytest.mark.parametrize("reader", READERS)
def test_every_reader_refuses_a_link_out_a_device_a_fifo_and_a_folder(campaign, reader, hazard):
    rel = READERS[reader](campaign)
    plant(campaign, rel, hazard)
    if rel == "briefkit.yaml":
        with pytest.raises(ProblemsFound) as caught:
            load_campaign(campaign)
        found = [p.format() for p in caught.value.problems]
    else:
        found = problems(campaign)
    assert_reported(found, rel, hazard)


@pytest.mark.parametrize("hazard", HAZARDS)
def test_the_logo_follows_the_rule(campaign, hazard):
    add_logo(campaign)
    plant(campaign, "assets/logo.png", hazard)
    found = problems(campaign)
    assert any(line.startswith("briefkit.yaml:") and "assets/logo.png" in line and HAZARDS[hazard] in line
               for line in found), found


@pytest.mark.parametrize("hazard", HAZARDS)
def test_an_image_that_breaks_the_rule_is_the_same_error_for_both_formats(campaign, hazard):
    add_logo(campaign)
    shutil.copy(campaign / "assets" / "logo.png", campaign / "assets" / "pic.png")
    write(campaign / "templates" / "letter.html.j2", '{% extends "builtin/letter.html.j2" %}\n'
          '{% block opening %}<p><img src="assets/pic.png" alt="A picture"></p>{% endblock %}\n')
    plant(campaign, "assets/pic.png", hazard)
    for fmt in ("pdf", "docx"):
        result = CliRunner().invoke(main, ["build", "letter", "--campaign", str(campaign), "--format", fmt,
                                           "--jobs", "1"])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output + result.stderr
        assert "<img src='assets/pic.png'>" in result.stderr and HAZARDS[hazard] in result.stderr
        assert "templates/letter.html.j2:2" in result.stderr
    assert not list((campaign / "out").rglob("letter.*"))


@pytest.mark.parametrize("hazard", HAZARDS)
def test_a_translation_catalogue_follows_the_rule(campaign, hazard):
    write(campaign / "translations" / "fr.po", 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n')
    plant(campaign, "translations/fr.po", hazard)
    assert_reported(problems(campaign), "translations/fr.po", hazard)


@pytest.mark.parametrize("hazard", HAZARDS)
def test_the_contacts_file_follows_the_rule(campaign, hazard):
    write(campaign / "contacts.csv", CONTACTS)
    plant(campaign, "contacts.csv", hazard)
    with pytest.raises(ProblemsFound) as caught:
        load_contacts(campaign / "contacts.csv", ["alpha", "beta"], "contacts.csv", root=campaign)
    assert HAZARDS[hazard] in caught.value.problems[0].format()


@pytest.mark.parametrize("hazard", HAZARDS)
def test_hashing_the_inputs_reads_nothing_it_should_not(campaign, hazard):
    """The build hashes every file of seeds/ and assets/: a stray hazard there neither hangs nor leaks."""
    write(campaign / "assets" / "stray.png", "x")
    campaign_model = load_campaign(campaign)
    plant(campaign, "assets/stray.png", hazard)
    index = InputIndex.scan(campaign_model)
    assert len(index.shared) == 64


def test_a_refused_file_never_reaches_a_document(campaign):
    _include(campaign)
    plant(campaign, "templates/_extra.html.j2", "link-out")
    result = CliRunner().invoke(main, ["build", "letter", "--campaign", str(campaign), "--jobs", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "templates/_extra.html.j2: this template links to a file outside the campaign folder" in result.stderr
    assert "included from templates/letter.html.j2, line 2" in result.stderr
    assert "replace the symlink with a copy of the file" in result.stderr
    assert not list((campaign / "out").rglob("letter.*"))


def test_a_template_not_in_utf8_is_a_problem_with_its_line(campaign):
    (campaign / "templates").mkdir()
    (campaign / "templates" / "letter.html.j2").write_bytes(
        b'{% extends "builtin/letter.html.j2" %}\n{% block opening %}<p>Caf\xe9</p>{% endblock %}\n')
    found = problems(campaign)
    assert any(line.startswith("templates/letter.html.j2:2: file is not valid UTF-8") for line in found), found


def test_files_over_their_kind_cap_are_refused(campaign, monkeypatch):
    monkeypatch.setattr("briefkit.campaign.yamlio.YAML", filerule.FileKind("YAML file", 10, "split it"))
    with pytest.raises(ProblemsFound) as caught:
        load_campaign(campaign)
    assert ("briefkit.yaml: this YAML file is larger than 10 bytes, the limit for one (hint: split it)"
            in [p.format() for p in caught.value.problems])


def test_a_link_inside_the_campaign_is_read(campaign):
    """The rule is about where the file really is: a link to another file of the campaign is fine."""
    (campaign / "shared").mkdir()
    shutil.move(campaign / "signatories.csv", campaign / "shared" / "signatories.csv")
    (campaign / "signatories.csv").symlink_to(campaign / "shared" / "signatories.csv")
    assert [s.name for s in load_campaign(campaign).signatories] == ["First Org", "Second Org"]


def test_the_rule_names_the_file_and_its_fix(tmp_path):
    root = tmp_path / "campaign"
    root.mkdir()
    (root / "x.yaml").symlink_to("/etc/hostname")
    with pytest.raises(BriefkitError) as caught:
        filerule.read_campaign_file(root, "x.yaml", filerule.YAML)
    assert caught.value.path == "x.yaml" and caught.value.hint == filerule.OUTSIDE_HINT
    assert filerule.read_campaign_file(root.parent, Path(filerule.__file__), filerule.ASSET)  # the package's own


def test_check_names_each_odd_audience_file_and_never_hangs(campaign):
    """The issue's three: audiences/zero.yaml -> /dev/zero, a FIFO audiences/fifo.yaml, a folder audiences/x.yaml."""
    (campaign / "audiences" / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(campaign / "audiences" / "fifo.yaml")
    (campaign / "audiences" / "x.yaml").mkdir()
    result = CliRunner().invoke(main, ["check", "--campaign", str(campaign)])
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
    for rel, hazard in (("zero.yaml", "dev-zero"), ("fifo.yaml", "fifo"), ("x.yaml", "folder")):
        assert any(line.startswith(f"audiences/{rel}:") and HAZARDS[hazard] in line
                   for line in result.stderr.splitlines()), result.stderr
