"""The dry run's drafts: messages a mail client opens, with the right words, recipient and files."""

import datetime as dt
import hashlib
import json
from email import policy
from email.parser import BytesParser

import pytest

from briefkit.distribute.run import distribute
from briefkit.errors import ProblemsFound, TemplateProblem
from tests.helpers import write


class FixedClock:
    def now(self):
        return dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone.utc)


def parse(path):
    return BytesParser(policy=policy.default).parse(path.open("rb"))


def subject(message) -> str:
    # A subject that fits on a line of its own is folded onto the next line ("Subject:\r\n Example…"),
    # which is valid; Python's parser keeps the fold's leading space, mail clients do not.
    return message["Subject"].strip()


def manifest_hashes(root):
    documents = json.loads((root / "out" / "manifest.json").read_text())["documents"]
    return {e["path"]: e["sha256"] for e in documents}


def test_one_draft_per_contact_opens_with_headers_text_and_current_pdfs(distributable):
    result = distribute(distributable, clock=FixedClock())
    outbox = distributable / "out" / "outbox"
    assert sorted(p.relative_to(outbox).as_posix() for p in outbox.rglob("*.eml")) == \
        ["alpha/1.eml", "beta/1.eml", "beta/2.eml"]
    assert result.report is None and len(result.plan.to_send) == 3
    message = parse(outbox / "beta" / "2.eml")
    assert message["From"] == "Example Coalition <coalition@example.org>"
    assert message["To"] == "Second Beta contact <beta-two@example.org>"
    assert (message["Cc"], message["Bcc"]) == (None, None)
    assert subject(message) == "Example Treaty: joint letter, delegate briefing notes, fact sheet for Beta"
    assert message["Date"] == "Mon, 23 Nov 2026 09:30:00 +0000"
    assert message["Message-ID"].endswith(".1@example.org>")
    body = message.get_body(("plain",))
    assert body["Content-Language"] == "en"
    text = body.get_content()
    assert text.startswith("Dear Second Beta contact,\n\nPlease find attached our documents on the "
                           "Example Treaty, prepared for Beta and dated 23 November 2026:")
    assert "Yours sincerely,\nExample Coalition" in text
    hashes = manifest_hashes(distributable)
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == \
        ["beta-letter.pdf", "beta-briefing.pdf", "beta-factsheet.pdf"]
    for attachment, kind in zip(attachments, ("letter", "briefing", "factsheet")):
        assert attachment.get_content_type() == "application/pdf"
        data = attachment.get_content()
        assert data.startswith(b"%PDF-")
        digest = hashlib.sha256(data).hexdigest()
        assert digest == hashes[f"beta/{kind}.pdf"]
        assert f"{digest}  beta-{kind}.pdf" in text  # the recipient can check the files


def test_kinds_and_audiences_can_be_chosen_and_old_drafts_go(distributable):
    distribute(distributable)
    (distributable / "contacts.csv").write_text("audience,name,email\nbeta,Only one,beta@example.org\n")
    distribute(distributable, audiences=["beta"], kinds=["factsheet"])
    outbox = distributable / "out" / "outbox"
    assert sorted(p.name for p in (outbox / "beta").iterdir()) == ["1.eml"]
    message = parse(outbox / "beta" / "1.eml")
    assert [a.get_filename() for a in message.iter_attachments()] == ["beta-factsheet.pdf"]
    assert subject(message) == "Example Treaty: fact sheet for Beta"


def test_message_ids_are_stable_until_a_message_is_sent(distributable):
    first = {m.eml: m.message_id for m in distribute(distributable).messages}
    second = {m.eml: m.message_id for m in distribute(distributable).messages}
    assert first == second and len(set(first.values())) == 3


def test_templates_are_overridable_per_audience_and_not_html_escaped(distributable):
    write(distributable / "templates" / "audiences" / "beta" / "email" / "en" / "subject.txt.j2",
          "For {{ audience.name }} & friends: <documents>\n{{ contact.role }}")
    write(distributable / "templates" / "email" / "en" / "body.txt.j2",
          '{% extends "builtin/email/en/body.txt.j2" %}')
    distribute(distributable)
    outbox = distributable / "out" / "outbox"
    assert subject(parse(outbox / "beta" / "1.eml")) == "For Beta & friends: <documents> Counsellor"
    assert subject(parse(outbox / "alpha" / "1.eml")).startswith("Example Treaty: joint letter")


def test_mail_templates_run_in_the_sandbox(distributable):
    write(distributable / "templates" / "email" / "en" / "subject.txt.j2",
          "{{ audience.__class__.__mro__ }}")
    with pytest.raises(TemplateProblem, match="sandbox forbids|undefined value"):
        distribute(distributable)
    assert not (distributable / "out" / "outbox").exists()


def test_an_audience_in_another_language_needs_its_own_templates(distributable):
    path = distributable / "audiences" / "beta.yaml"
    path.write_text(path.read_text() + "language: de\n")  # briefkit ships the six UN languages
    config = distributable / "briefkit.yaml"  # the campaign's text is English: let French documents use it
    config.write_text(config.read_text().replace("settings:\n", "settings:\n  fallback_language: en\n"))
    from briefkit.build.run import build

    build(distributable, formats=["pdf"], audiences=["beta"], jobs=1)
    with pytest.raises(TemplateProblem) as caught:
        distribute(distributable, audiences=["beta"])
    assert caught.value.message == "no e-mail template 'email/de/subject.txt.j2' for beta (language 'de')"
    write(distributable / "templates" / "email" / "de" / "subject.txt.j2", "Dokumente für {{ audience.name }}")
    write(distributable / "templates" / "email" / "de" / "body.txt.j2", "Guten Tag,\n\nanbei unsere Dokumente.")
    distribute(distributable, audiences=["beta"])
    message = parse(distributable / "out" / "outbox" / "beta" / "1.eml")
    assert subject(message) == "Dokumente für Beta"
    assert message.get_body(("plain",))["Content-Language"] == "de"


def test_no_sender_no_contacts_and_no_pdfs_are_reported_in_one_run(campaign):
    with pytest.raises(ProblemsFound) as caught:
        distribute(campaign)
    lines = [p.format() for p in caught.value.problems]
    assert lines[0].startswith("briefkit.yaml: settings.distribution.from is not set")
    assert lines[1].startswith("contacts.csv: there is no contacts.csv in the campaign folder")
    assert lines[2:] == [f"out/{a}/{k}.pdf: missing: it has not been built"
                         for a in ("alpha", "beta") for k in ("briefing", "factsheet", "letter")]
    assert caught.value.hint == "rebuild them all with one command: briefkit build -f pdf"


def test_a_coalition_name_over_two_lines_cannot_become_the_from_name(distributable):
    config = distributable / "briefkit.yaml"
    config.write_text(config.read_text().replace("coalition: Example Coalition",
                                                 'coalition: "Example\\r\\nBcc: victim@example.net"'))
    with pytest.raises(ProblemsFound) as caught:
        distribute(distributable)
    assert "cannot be the From name: it contains a carriage return" in caught.value.problems[0].message


@pytest.mark.parametrize("lang, words", [
    ("fr", ("pour Beta", "Veuillez trouver ci-joint", "Lettre conjointe (beta-letter.pdf, 1 page)")),
    ("es", ("para Beta", "Les adjuntamos", "Carta conjunta (beta-letter.pdf, 1 página)")),
    ("ru", ("— Beta", "Направляем наши документы", "Совместное письмо (beta-letter.pdf, страниц: 1)")),
    ("ar", ("لوفد Beta", "نرفق طيّه وثائقنا", "رسالة مشتركة (beta-letter.pdf، عدد الصفحات: 1)")),
    ("zh", ("供Beta代表团参阅", "随函附上", "联名信（beta-letter.pdf，共1页）"))])
def test_the_messages_come_in_each_un_language(distributable, lang, words):
    path = distributable / "audiences" / "beta.yaml"
    path.write_text(path.read_text() + f"language: {lang}\n")
    config = distributable / "briefkit.yaml"
    config.write_text(config.read_text().replace("settings:\n", "settings:\n  fallback_language: en\n"))
    from briefkit.build.run import build

    build(distributable, formats=["pdf"], audiences=["beta"], kinds=["letter"], jobs=1)
    distribute(distributable, audiences=["beta"], kinds=["letter"])
    message = parse(distributable / "out" / "outbox" / "beta" / "1.eml")
    text = subject(message) + "\n" + message.get_body(("plain",)).get_content()
    for expected in words:
        assert expected in text, (lang, expected)
    assert message.get_body(("plain",))["Content-Language"] == lang


def test_drafts_open_as_unsent_drafts_in_outlook_and_thunderbird(distributable):
    distribute(distributable, clock=FixedClock())
    raw = (distributable / "out" / "outbox" / "alpha" / "1.eml").read_bytes()
    message = parse(distributable / "out" / "outbox" / "alpha" / "1.eml")
    assert message["X-Unsent"] == "1"  # Outlook (and Apple Mail): opens in the editor, ready to send
    assert message["X-Mozilla-Draft-Info"].startswith("internal/draft;")  # Thunderbird's draft marker
    assert raw.startswith(b"X-Unsent: 1\r\n") and message["From"] and message["To"]


@pytest.mark.parametrize("attach, formats", [("docx", ["docx"]), ("both", ["pdf", "docx"])])
def test_the_word_files_can_go_instead_of_or_with_the_pdfs(distributable, attach, formats):
    from briefkit.build.run import build

    build(distributable, formats=["docx"], jobs=1)
    result = distribute(distributable, attach=attach, kinds=["letter", "factsheet"], clock=FixedClock())
    message = parse(distributable / "out" / "outbox" / "alpha" / "1.eml")
    names = [a.get_filename() for a in message.iter_attachments()]
    assert names == [f"alpha-{kind}.{fmt}" for kind in ("letter", "factsheet") for fmt in formats]
    docx = next(a for a in message.iter_attachments() if a.get_filename().endswith(".docx"))
    assert docx.get_content_type() == \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert docx.get_content().startswith(b"PK")
    assert subject(message) == "Example Treaty: joint letter, fact sheet for Alpha"  # each kind once
    assert "alpha-letter.docx" in message.get_body(("plain",)).get_content()
    hashes = manifest_hashes(distributable)
    assert [a.sha256 for a in result.messages[0].attachments] == \
        [hashes[f"alpha/{kind}.{fmt}"] for kind in ("letter", "factsheet") for fmt in formats]


def test_word_files_not_built_are_named_with_the_command_that_builds_them(distributable):
    with pytest.raises(ProblemsFound) as caught:
        distribute(distributable, attach="docx", audiences=["beta"], kinds=["letter"])
    assert [p.format() for p in caught.value.problems] == ["out/beta/letter.docx: missing: it has not been built"]
    assert caught.value.hint == "rebuild them all with one command: briefkit build letter -a beta -f docx"
