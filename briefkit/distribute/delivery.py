"""Sending the outbox over SMTP, once, with a log that proves what was sent.

out/deliveries.jsonl gets one JSON line per message handed to a server, written
and fsynced right after the server answers, before the next message starts:
if the connection or the machine goes down midway, the log still shows every
message that went. A message counts as delivered when the log has a `sent`
line for the same audience, recipient and attachment hashes; a re-run skips
it, so a resumed run sends the rest and nothing twice (`--resend` overrides).

Each message is sent to exactly its one recipient: the envelope's RCPT TO is
the contact's address and nothing else, whatever the headers say.

If the connection drops after a message's last byte went out but before the
server confirmed it, nobody can know whether it arrived. That message is
logged as `unknown` and is not sent again automatically (a duplicate to a
delegation is the failure this module exists to prevent); the run says so,
and `--resend --audience ID` sends it again once someone has checked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import ipaddress
import json
import os
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.distribute.outbox import Message, Sender, delivery_key
from briefkit.errors import BriefkitError, UsageProblem

LOCK = ".distribute.lock"
SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
HANDED_OVER = ("sent", "unknown")  # statuses after which a message may have arrived


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int | None = None
    security: str = "none"  # one of SECURITY
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout_s: float = 30.0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS[self.security]}"


PASSWORD_VARIABLE = "BRIEFKIT_SMTP_PASSWORD"


def smtp_settings(send: bool, host: str | None, port: int | None, security: str | None, user: str | None,
                  rate: float | None, resend: bool, ask: Callable[[str], str]) -> SmtpSettings | None:
    """The settings for --send (the password from $BRIEFKIT_SMTP_PASSWORD, else `ask`), or None for
    a dry run, which takes no sending options."""
    if not send:
        given = [name for name, value in (("--smtp-host", host), ("--smtp-port", port),
                                          ("--starttls/--ssl", security), ("--smtp-user", user),
                                          ("--rate", rate), ("--resend", resend)) if value]
        if given:
            raise UsageProblem(f"{', '.join(given)} only apply when sending",
                                hint="add --send, or leave them out for a dry run")
        return None
    if not host:
        raise UsageProblem("--send needs --smtp-host", hint="e.g. --smtp-host smtp.example.org --starttls")
    password = None
    if user:
        password = os.environ.get(PASSWORD_VARIABLE) or ask(f"SMTP password for {user}")
    return SmtpSettings(host, port, security or "none", user, password)


class Clock:
    """Time as delivery sees it; tests pass one that does not really sleep."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DeliveryLog:
    """out/deliveries.jsonl: read once at the start, appended to after every message."""

    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display = display
        self.records = self._read()

    def _read(self) -> list[dict]:
        if not self.path.is_file():
            return []
        records = []
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                record["key"] = _key_of(record)
                record["status"] = str(record["status"])
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise BriefkitError(f"this line of the delivery log cannot be read ({exc})",
                                    path=self.display, line=number,
                                    hint="the log may have been cut off while a line was written: "
                                         "check whether that message arrived, then repair or delete "
                                         "the line; nothing was sent") from exc
            records.append(record)
        return records

    def statuses(self, key: str) -> list[str]:
        return [r["status"] for r in self.records if r["key"] == key]

    def attempts(self, key: str) -> int:
        """How many times a message with this key was handed to a server (it may have arrived)."""
        return sum(status in HANDED_OVER for status in self.statuses(key))

    def append(self, record: dict) -> None:
        """Add one line and force it to disk before anything else happens."""
        line = json.dumps(record, ensure_ascii=False) + "\n"
        new = not self.path.exists()
        with open(self.path, "a", encoding="utf-8") as log:
            log.write(line)
            log.flush()
            os.fsync(log.fileno())
        if new:  # the file's name must survive a crash too
            directory = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        self.records.append({**record, "key": _key_of(record)})


@dataclass
class Plan:
    """Which messages a run sends, and which it leaves because of the log."""

    to_send: list[Message] = field(default_factory=list)
    already: list[Message] = field(default_factory=list)  # delivered before with these bytes
    uncertain: list[Message] = field(default_factory=list)  # handed over, never confirmed


def plan(messages: list[Message], log: DeliveryLog, resend: bool = False) -> Plan:
    result = Plan()
    for message in messages:
        statuses = log.statuses(message.key)
        if resend:
            result.to_send.append(message)
        elif "sent" in statuses:
            result.already.append(message)
        elif "unknown" in statuses:
            result.uncertain.append(message)
        else:
            result.to_send.append(message)
    return result


@dataclass
class SendReport:
    sent: list[Message] = field(default_factory=list)
    refused: list[tuple[Message, str]] = field(default_factory=list)  # the server said no; try again later
    uncertain: list[Message] = field(default_factory=list)  # connection lost before confirmation
    not_attempted: list[Message] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped early


class _ConnectionLost(Exception):
    pass


@contextlib.contextmanager
def exclusive(out_dir: Path) -> Iterator[None]:
    """One distribute at a time per output folder: two at once could each send the same message."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BriefkitError(f"another briefkit distribute is running on {out_dir}",
                                hint="wait for it to finish") from exc
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def check_settings(settings: SmtpSettings) -> None:
    """Refuse settings that would leak the password, before anything connects."""
    if settings.security not in SECURITY:
        raise BriefkitError(f"unknown connection security {settings.security!r}",
                            hint="choose from: " + ", ".join(SECURITY))
    if settings.user and settings.security == "none" and not _loopback(settings.host):
        raise BriefkitError(f"refusing to send the SMTP password unencrypted to {settings.host}",
                            hint="add --starttls (usually port 587) or --ssl (usually port 465)")


def send_all(messages: list[Message], sender: Sender, settings: SmtpSettings, log: DeliveryLog,
             clock: Clock, rate: float | None = None) -> SendReport:
    """Send each message to its one recipient, logging each as it goes; stop if the connection drops."""
    report = SendReport()
    if not messages:
        return report
    interval = 60.0 / rate if rate else 0.0
    smtp = _connect(settings)
    last_start: float | None = None
    try:
        for index, message in enumerate(messages):
            if last_start is not None and interval:
                wait = last_start + interval - clock.monotonic()
                if wait > 0:
                    clock.sleep(wait)
            last_start = clock.monotonic()
            try:
                status, code, reply = _transmit(smtp, sender.address, message)
            except _ConnectionLost as exc:
                log.append(_record(message, sender, settings, clock, "failed", None, str(exc)))
                report.not_attempted = messages[index:]
                report.stopped = f"the connection to {settings.address} was lost: {exc}"
                break
            log.append(_record(message, sender, settings, clock, status, code, reply))
            if status == "sent":
                report.sent.append(message)
            elif status == "unknown":
                report.uncertain.append(message)
                report.not_attempted = messages[index + 1:]
                report.stopped = f"the connection to {settings.address} was lost: {reply}"
                break
            else:
                report.refused.append((message, f"{code} {reply}"))
                if code == 421:  # the server is closing the connection
                    report.not_attempted = messages[index + 1:]
                    report.stopped = f"{settings.address} closed the connection: {code} {reply}"
                    break
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
        with contextlib.suppress(OSError):
            smtp.close()
    return report


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    check_settings(settings)
    port = settings.port or DEFAULT_PORTS[settings.security]
    context = ssl.create_default_context()
    # Name ourselves without a DNS lookup (smtplib's default asks the resolver for our FQDN).
    hostname = socket.gethostname() or "localhost"
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, port, local_hostname=hostname,
                                    timeout=settings.timeout_s, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, port, local_hostname=hostname, timeout=settings.timeout_s)
        smtp.ehlo()
        if settings.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        return smtp
    except smtplib.SMTPNotSupportedError as exc:
        failure = BriefkitError(f"{settings.address} does not offer {_what_unsupported(settings)}: {exc}",
                                hint="check --starttls/--ssl, --smtp-port and --smtp-user with your "
                                     "mail provider")
    except smtplib.SMTPAuthenticationError as exc:
        failure = BriefkitError(f"{settings.address} refused the login of {settings.user!r}: "
                                f"{exc.smtp_code} {_text(exc.smtp_error)}",
                                hint="check --smtp-user and the password in BRIEFKIT_SMTP_PASSWORD")
    except ssl.SSLError as exc:
        failure = BriefkitError(f"TLS with {settings.address} failed: {exc.reason or exc}",
                                hint="--ssl is for port 465, --starttls for 587; check the server's name")
    except (smtplib.SMTPException, OSError) as exc:
        failure = BriefkitError(f"cannot connect to the SMTP server {settings.address}: {exc}",
                                hint="check --smtp-host and --smtp-port, and that the server is running")
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
    raise failure


def _what_unsupported(settings: SmtpSettings) -> str:
    return "STARTTLS" if settings.security == "starttls" else "login (AUTH)"


def _transmit(smtp: smtplib.SMTP, sender: str, message: Message) -> tuple[str, int | None, str]:
    """MAIL, RCPT (the one recipient), DATA; return (status, code, reply).

    DATA is done step by step so that a lost connection can be told apart:
    before the message's last byte went out it was not delivered; after, it
    may have been (`unknown`).
    """
    recipient = message.contact.email
    try:
        code, reply = smtp.mail(sender)
        if code != 250:
            return _refused(smtp, code, reply)
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            return _refused(smtp, code, reply)
        code, reply = smtp.docmd("DATA")
        if code != 354:
            return _refused(smtp, code, reply)
        smtp.send(_dot_stuffed(message.data))
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise _ConnectionLost(str(exc) or type(exc).__name__) from exc
    try:
        code, reply = smtp.getreply()
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        return "unknown", None, (f"connection lost after the message was handed over, before the server "
                                 f"confirmed it ({exc or type(exc).__name__})")
    if code == 250:
        return "sent", code, _text(reply)
    return "refused", code, _text(reply)


def _refused(smtp: smtplib.SMTP, code: int, reply: bytes) -> tuple[str, int, str]:
    if code != 421:
        with contextlib.suppress(smtplib.SMTPException):
            smtp.rset()
    return "refused", code, _text(reply)


def _dot_stuffed(data: bytes) -> bytes:
    """The message as DATA carries it: CRLF lines, a leading dot doubled, ended by CRLF.CRLF."""
    data = re.sub(rb"(?<!\r)\n", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _record(message: Message, sender: Sender, settings: SmtpSettings, clock: Clock, status: str,
            code: int | None, reply: str) -> dict:
    return {
        "time": clock.now().astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
        "status": status,
        "audience": message.audience,
        "recipients": [message.contact.email],
        "from": sender.address,
        "message_id": message.message_id,
        "subject": message.subject,
        "attachments": [{"file": a.filename, "sha256": a.sha256, "bytes": a.bytes}
                        for a in message.attachments],
        "eml": message.eml,
        "smtp": {"server": settings.address, "code": code, "reply": reply},
    }


def _key_of(record: dict) -> str:
    """The delivery key of a log line, from what the line itself records."""
    return delivery_key(record["audience"], record["recipients"][0],
                        [a["sha256"] for a in record["attachments"]])


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
