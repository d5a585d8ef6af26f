"""Sending over SMTP to a real server on 127.0.0.1: right recipients, right bytes, once."""

import datetime as dt
import hashlib
import json
import ssl

import pytest

from briefkit.distribute.delivery import SmtpSettings
from briefkit.distribute.run import distribute
from briefkit.errors import BriefkitError, ProblemsFound
from tests.smtpd import SmtpServer


class FakeClock:
    """Time that moves only when the code sleeps, so rate limits are tested without waiting."""

    def __init__(self):
        self.seconds = 1000.0
        self.sleeps = []

    def now(self):
        return dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=self.seconds)

    def monotonic(self):
        return self.seconds

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.seconds += seconds


@pytest.fixture
def server():
    with SmtpServer() as running:
        yield running


def send(root, server, **kwargs):
    kwargs.setdefault("clock", FakeClock())
    return distribute(root, smtp=SmtpSettings("127.0.0.1", server.port), **kwargs)


def log_lines(root):
    path = root / "out" / "deliveries.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def manifest_hashes(root):
    documents = json.loads((root / "out" / "manifest.json").read_text())["documents"]
    return {e["path"]: e["sha256"] for e in documents}


def test_each_message_reaches_exactly_its_contact_with_the_manifests_pdfs(distributable, server):
    result = send(distributable, server)
    envelopes = server.recorder.envelopes
    assert len(result.report.sent) == 3
    assert [(e.mail_from, e.rcpt_tos) for e in envelopes] == [
        ("coalition@example.org", ["alpha@example.org"]),
        ("coalition@example.org", ["beta@example.org"]),
        ("coalition@example.org", ["beta-two@example.org"])]
    hashes = manifest_hashes(distributable)
    for envelope in envelopes:
        message = envelope.message
        audience = envelope.rcpt_tos[0].split("@")[0].split("-")[0]
        assert message["To"].addresses[0].addr_spec == envelope.rcpt_tos[0]
        attachments = {a.get_filename(): hashlib.sha256(a.get_content()).hexdigest()
                       for a in message.iter_attachments()}
        assert attachments == {f"{audience}-{kind}.pdf": hashes[f"{audience}/{kind}.pdf"]
                               for kind in ("letter", "briefing", "factsheet")}
    # what was sent is what the dry run showed
    for sent in result.report.sent:
        eml = (distributable / "out" / sent.eml).read_bytes()
        delivered = next(e.data for e in envelopes if e.rcpt_tos == [sent.contact.email])
        # The draft is what was sent, with the two headers that make it a draft, which the
        # recipient's copy must not carry (their client would open it as a draft of their own).
        draft_headers, _, rest = eml.partition(b"From: ")
        assert draft_headers.startswith(b"X-Unsent: 1\r\n") and b"X-Unsent" not in delivered
        assert (b"From: " + rest).replace(b"\r\n", b"\n") == delivered.replace(b"\r\n", b"\n")


def test_the_log_records_each_message_and_a_rerun_sends_nothing(distributable, server):
    send(distributable, server)
    lines = log_lines(distributable)
    assert [(r["status"], r["audience"], r["recipients"]) for r in lines] == [
        ("sent", "alpha", ["alpha@example.org"]), ("sent", "beta", ["beta@example.org"]),
        ("sent", "beta", ["beta-two@example.org"])]
    first = lines[0]
    hashes = manifest_hashes(distributable)
    assert [a["sha256"] for a in first["attachments"]] == \
        [hashes[f"alpha/{k}.pdf"] for k in ("letter", "briefing", "factsheet")]
    assert first["smtp"] == {"server": f"127.0.0.1:{server.port}", "code": 250, "reply": "OK queued as q1"}
    assert first["message_id"] == server.recorder.envelopes[0].message["Message-ID"]
    assert first["time"] == "2026-11-23T00:16:40+00:00"
    connections = server.recorder.connections
    again = send(distributable, server)
    assert again.report.sent == [] and len(again.plan.already) == 3
    assert len(server.recorder.envelopes) == 3
    assert server.recorder.connections == connections  # nothing to send: no connection either
    assert len(log_lines(distributable)) == 3


def test_new_pdfs_are_sent_again_and_resend_overrides_the_log(distributable, server):
    from briefkit.build.run import build

    send(distributable, server)
    path = distributable / "audiences" / "alpha.yaml"
    path.write_text(path.read_text() + "salutation: Dear Alpha,\n")
    build(distributable, formats=["pdf"], jobs=1)
    result = send(distributable, server)
    assert [m.contact.email for m in result.report.sent] == ["alpha@example.org"]  # beta's PDFs are the same
    resent = send(distributable, server, audiences=["beta"], resend=True)
    assert len(resent.report.sent) == 2
    ids = [e.message["Message-ID"] for e in server.recorder.envelopes if e.rcpt_tos == ["beta@example.org"]]
    assert len(ids) == 2 and ids[0] != ids[1] and ids[1].endswith(".2@example.org>")


def test_a_dropped_connection_is_resumed_without_duplicates(distributable, server):
    server.recorder.drop_at_mail = 2  # the server hangs up when the second message starts
    first = send(distributable, server)
    assert [m.contact.email for m in first.report.sent] == ["alpha@example.org"]
    assert "connection" in first.report.stopped and len(first.report.not_attempted) == 2
    assert [(r["status"], r["recipients"][0]) for r in log_lines(distributable)] == [
        ("sent", "alpha@example.org"), ("failed", "beta@example.org")]
    server.recorder.drop_at_mail = None
    second = send(distributable, server)
    assert [m.contact.email for m in second.report.sent] == ["beta@example.org", "beta-two@example.org"]
    received = [e.rcpt_tos[0] for e in server.recorder.envelopes]
    assert sorted(received) == ["alpha@example.org", "beta-two@example.org", "beta@example.org"]
    assert send(distributable, server).report.sent == []


def test_a_message_handed_over_but_never_confirmed_is_not_sent_twice(distributable, server):
    server.recorder.drop_after_data = 2  # the server keeps the second message, then hangs up
    first = send(distributable, server)
    assert [m.contact.email for m in first.report.sent] == ["alpha@example.org"]
    assert [m.contact.email for m in first.report.uncertain] == ["beta@example.org"]
    assert log_lines(distributable)[-1]["status"] == "unknown"
    server.recorder.drop_after_data = None
    second = send(distributable, server)
    assert [m.contact.email for m in second.report.sent] == ["beta-two@example.org"]
    assert [m.contact.email for m in second.plan.uncertain] == ["beta@example.org"]
    received = [e.rcpt_tos[0] for e in server.recorder.envelopes]
    assert received.count("beta@example.org") == 1


def test_a_refused_recipient_is_logged_and_tried_again_next_time(distributable, server):
    server.recorder.refuse = {"beta@example.org"}
    first = send(distributable, server)
    assert [m.contact.email for m in first.report.sent] == ["alpha@example.org", "beta-two@example.org"]
    assert [(m.contact.email, reply) for m, reply in first.report.refused] == \
        [("beta@example.org", "550 no such user here")]
    server.recorder.refuse = set()
    assert [m.contact.email for m in send(distributable, server).report.sent] == ["beta@example.org"]


@pytest.mark.parametrize("row", [
    'beta,"Beta\r\nBcc: victim@example.net",beta@example.org',
    'beta,Beta,"beta@example.org\r\nBcc: victim@example.net"',
    'beta,Beta,"beta@example.org, victim@example.net"',
    'beta,"Beta <victim@example.net>",beta@example.org',
    'beta,Beta,"Victim <victim@example.net>"',
    'beta,Beta\x00,beta@example.org',
])
def test_header_injection_never_reaches_the_server(distributable, server, row):
    with open(distributable / "contacts.csv", "a", encoding="utf-8", newline="") as contacts:
        contacts.write(row + "\n")
    with pytest.raises(ProblemsFound) as caught:
        send(distributable, server)
    assert caught.value.problems[0].path == "contacts.csv" and caught.value.problems[0].line == 5
    assert server.recorder.connections == 0 and server.recorder.envelopes == []
    assert not (distributable / "out" / "outbox").exists()


def test_rate_spaces_messages_without_the_test_waiting(distributable, server):
    clock = FakeClock()
    send(distributable, server, rate=20, clock=clock)  # 20 a minute: one every 3 s
    assert clock.sleeps == [pytest.approx(3.0), pytest.approx(3.0)]


def test_login_and_the_password_rule(distributable):
    with SmtpServer(login=("coalition", "s3cret")) as server:
        settings = SmtpSettings("127.0.0.1", server.port, user="coalition", password="s3cret")
        assert len(distribute(distributable, smtp=settings, clock=FakeClock()).report.sent) == 3
        wrong = SmtpSettings("127.0.0.1", server.port, user="coalition", password="guess")
        with pytest.raises(BriefkitError, match="refused the login of 'coalition'"):
            distribute(distributable, smtp=wrong, resend=True, clock=FakeClock())
    with pytest.raises(BriefkitError, match="refusing to send the SMTP password unencrypted"):
        distribute(distributable, smtp=SmtpSettings("smtp.example.org", 25, user="u", password="p"))


def test_starttls_to_a_server_without_it_is_a_clear_error(distributable, server):
    settings = SmtpSettings("127.0.0.1", server.port, security="starttls")
    with pytest.raises(BriefkitError, match="does not offer STARTTLS"):
        distribute(distributable, smtp=settings)
    assert server.recorder.envelopes == []


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A test authority the client trusts (through SSL_CERT_FILE, which Python's default TLS
    context reads), and a server certificate it issued for 127.0.0.1."""
    trustme = pytest.importorskip("trustme")
    authority = trustme.CA()
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    return context


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_messages_and_the_password_travel_encrypted(distributable, certificate, security):
    with SmtpServer(login=("coalition", "s3cret"), tls=security, certificate=certificate) as server:
        settings = SmtpSettings("127.0.0.1", server.port, security=security, user="coalition", password="s3cret")
        assert len(distribute(distributable, smtp=settings, clock=FakeClock()).report.sent) == 3
        assert server.recorder.encrypted == [True, True, True]
        assert sorted(e.rcpt_tos[0] for e in server.recorder.envelopes) == [
            "alpha@example.org", "beta-two@example.org", "beta@example.org"]


def test_a_certificate_the_system_does_not_trust_stops_before_sending(distributable, certificate,
                                                                      monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")  # back to the system's authorities, which never issued this one
    with SmtpServer(tls="ssl", certificate=certificate) as server:
        settings = SmtpSettings("127.0.0.1", server.port, security="ssl")
        with pytest.raises(BriefkitError, match="TLS with 127.0.0.1:.* failed: CERTIFICATE_VERIFY_FAILED"):
            distribute(distributable, smtp=settings, clock=FakeClock())
        assert server.recorder.envelopes == []
    assert log_lines(distributable) == []


def test_a_server_that_requires_starttls_refuses_plain_mail(distributable, certificate):
    with SmtpServer(tls="starttls", certificate=certificate) as strict:
        report = distribute(distributable, smtp=SmtpSettings("127.0.0.1", strict.port),
                            clock=FakeClock()).report
        assert strict.recorder.envelopes == [] and not report.sent
        assert [reason[:3] for _, reason in report.refused] == ["530"] * 3
    assert {line["status"] for line in log_lines(distributable)} == {"refused"}


def test_no_server_is_a_clear_error(distributable):
    import socket

    with socket.socket() as bound:  # a port that is taken but not listening: connection refused
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        with pytest.raises(BriefkitError, match=f"cannot connect to the SMTP server 127.0.0.1:{port}"):
            distribute(distributable, smtp=SmtpSettings("127.0.0.1", port))


def test_a_damaged_log_line_stops_the_run_before_sending(distributable, server):
    send(distributable, server, audiences=["alpha"])
    log = distributable / "out" / "deliveries.jsonl"
    log.write_text(log.read_text() + '{"status": "sent", "audien')
    with pytest.raises(BriefkitError) as caught:
        send(distributable, server)
    assert str(caught.value).startswith("out/deliveries.jsonl:2: this line of the delivery log cannot be read")
    assert len(server.recorder.envelopes) == 1
