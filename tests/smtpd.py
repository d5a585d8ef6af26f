"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), recording every envelope it accepts.

It can be told to misbehave the way real servers do: drop the connection when
a given message starts (nothing of it delivered), or after a message's data
arrived but before confirming it (delivered, but the client cannot know).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Envelope:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return BytesParser(policy=policy.default).parsebytes(self.data)


@dataclass
class Recorder:
    """The handler: keeps what arrived and counts connections and transactions."""

    envelopes: list[Envelope] = field(default_factory=list)
    encrypted: list[bool] = field(default_factory=list)  # for each envelope: did it arrive over TLS
    connections: int = 0
    transactions: int = 0  # MAIL commands seen
    drop_at_mail: int | None = None  # close the connection when this MAIL (1-based) arrives
    drop_after_data: int | None = None  # keep this message's data, then close without replying
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.transactions += 1
        if self.transactions == self.drop_at_mail:
            server.transport.close()
            return "421 closing"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(Envelope(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        # session.ssl is set by STARTTLS; a connection that began in TLS shows on its transport
        self.encrypted.append(session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None)
        if len(self.envelopes) == self.drop_after_data:
            server.transport.abort()
            return "250 never heard"
        return f"250 OK queued as q{len(self.envelopes)}"


class _Controller(Controller):
    def factory(self):
        self.handler.connections += 1
        return super().factory()

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]  # bound to port 0: whatever was free
        super()._trigger_server()


class SmtpServer:
    """Start with `with SmtpServer() as server:`; `server.port`, `server.recorder`."""

    def __init__(self, login: tuple[str, str] | None = None, tls: str | None = None,
                 certificate: ssl.SSLContext | None = None) -> None:
        """`tls`: "starttls" (offered and required before MAIL) or "ssl" (TLS from the first byte),
        with `certificate`, a server context holding the certificate to present."""
        self.recorder = Recorder()
        kwargs: dict = {}
        if login:
            # aiosmtpd's auth_require_tls looks for STARTTLS; with "ssl" the whole connection is TLS.
            kwargs = {"authenticator": _authenticator(login), "auth_require_tls": tls == "starttls",
                      "auth_required": True}
        if tls == "starttls":
            kwargs |= {"tls_context": certificate, "require_starttls": True}
        elif tls == "ssl":
            kwargs |= {"ssl_context": certificate}
        self.controller = _Controller(self.recorder, hostname="127.0.0.1", port=0, **kwargs)

    @property
    def port(self) -> int:
        return self.controller.port

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        self.recorder.connections = 0  # the controller's own readiness check
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


def _authenticator(login: tuple[str, str]):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login.decode(), auth_data.password.decode()) == login
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535
    return check
