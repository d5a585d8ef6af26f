"""Issue 19, point 4: `check` reports the field errors and the cross-reference errors of every
file in one run, the cross-references checked on whatever parsed (campaign/salvage.py).

Each test plants its mistakes in the campaign `briefkit init` makes and runs `check` once.
"""

from click.testing import CliRunner

from briefkit.cli import main
from tests.helpers import snapshot, write


def init(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    return tmp_path / "demo"


def check(root) -> list[str]:
    before = snapshot(root)
    result = CliRunner().invoke(main, ["check", "--campaign", str(root)])
    assert result.exit_code == 1, result.output
    assert snapshot(root) == before  # check writes nothing...
    lines = result.stderr.splitlines()
    assert "nothing was written" not in lines[-1]  # ...so it does not say it did not
    return lines


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_new_audience_with_three_mistakes_takes_one_check(tmp_path):
    root = init(tmp_path)
    write(root / "audiences" / "newland.yaml", "id: newlandia\nname: Newland\nstance: ally\n"
          "salutaton: Excellencies,\nlead_with: [no-such-position]\n")
    lines = check(root)
    assert lines == [
        "audiences/newland.yaml:1: id 'newlandia' does not match the file name "
        "(hint: rename the file to newlandia.yaml or fix the id)",
        "audiences/newland.yaml:4: unknown field 'salutaton' (hint: did you mean 'salutation'?)",
        "audiences/newland.yaml:5: lead_with names unknown position 'no-such-position' "
        "(hint: known positions: court-order)",
        "3 problems found.",
    ]


def test_an_error_of_each_kind_in_different_files_all_come_out_of_one_check(tmp_path):
    root = init(tmp_path)
    # a field error in briefkit.yaml
    edit(root / "briefkit.yaml", "  language: en\n", "  language: en\n  bogus: 1\n")
    # a field error in the position (a required field), which also misquotes its source
    position = root / "positions" / "01-court-order.yaml"
    edit(position, "priority: 1\n", "priority: high\n")
    edit(position, "must pass through", "must go through")
    # an id that is not the file name, beside a field error, in one audience
    edit(root / "audiences" / "examplia.yaml", "id: examplia", "id: examplio")
    edit(root / "audiences" / "examplia.yaml", "salutation:", "salutaton:")
    # an unknown lead_with position in another audience, whose stance is not known either
    edit(root / "audiences" / "sampleland.yaml", "stance: reservations", "stance: reservation")
    (root / "audiences" / "sampleland.yaml").write_text(
        (root / "audiences" / "sampleland.yaml").read_text() + "lead_with: [court-orders]\n")
    # a bad row of signatories.csv
    with (root / "signatories.csv").open("a", encoding="utf-8") as csv:
        csv.write("Coalition, with a comma,NGO,,\n")
    lines = check(root)
    found = {line.split(" ")[0] for line in lines[:-1]}
    assert found >= {"briefkit.yaml:21:", "positions/01-court-order.yaml:8:", "positions/01-court-order.yaml:24:",
                     "audiences/examplia.yaml:2:", "audiences/examplia.yaml:9:", "audiences/sampleland.yaml:4:",
                     "audiences/sampleland.yaml:6:", "signatories.csv:5:"}, lines
    text = "\n".join(lines)
    assert "unknown field 'settings.bogus'" in text
    assert "priority: Input should be a valid integer" in text
    assert "quote 'example-rights-judge' is not found verbatim in seeds/example-report.txt" in text
    assert "must [-pass-] {+go+} through" in text
    assert "id 'examplio' does not match the file name" in text
    assert "unknown field 'salutaton'" in text
    assert "stance: 'reservation' is not one of the campaign's stances" in text
    assert "lead_with names unknown position 'court-orders' (hint: did you mean 'court-order'?" in text
    assert "row has 5 cells, the header has 4" in text
    assert lines[-1] == f"{len(lines) - 1} problems found."


def test_a_reference_to_a_file_that_failed_is_not_a_second_error(tmp_path):
    root = init(tmp_path)
    # the position's id is readable, the file is not valid: lead_with: [court-order] stands
    edit(root / "positions" / "01-court-order.yaml", "quotes:", "quotez:")
    lines = check(root)
    assert len(lines) == 2 and "unknown field 'quotez'" in lines[0], lines
    # a position file that cannot be read at all: the unknown lead_with says why it may be so
    write(root / "positions" / "01-court-order.yaml", "id: [court-order\n")
    lines = check(root)
    [lead] = [line for line in lines if "lead_with" in line]
    assert lead.startswith("audiences/examplia.yaml:10: lead_with names unknown position 'court-order'")
    assert "or it is the id of positions/01-court-order.yaml, which could not be read" in lead
    assert any(line.startswith("positions/01-court-order.yaml:") for line in lines)


def test_a_broken_briefkit_yaml_still_lets_every_other_file_be_checked(tmp_path):
    root = init(tmp_path)
    write(root / "briefkit.yaml", "title: [Example\n")
    edit(root / "audiences" / "sampleland.yaml", "stance: reservations", "stance: reservation")
    (root / "audiences" / "sampleland.yaml").write_text(
        (root / "audiences" / "sampleland.yaml").read_text() + "lead_with: [court-orders]\nnme: x\n")
    lines = check(root)
    assert lines[0].startswith("audiences/sampleland.yaml:")
    text = "\n".join(lines)
    assert "unknown field 'nme'" in text and "unknown position 'court-orders'" in text
    assert any(line.startswith("briefkit.yaml:2: invalid YAML") for line in lines), lines
    # without briefkit.yaml's stances the audience's stance cannot be judged: no second error
    assert "is not one of the campaign's stances" not in text
